"""Property tests: any text and any generated page goes through lint and diff without anything
but QsyncError coming out, and every lint finding lies inside its page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from qsync.dialects import parse_text
from tests.hardening.targets import Workbench, diff, line_count
from tests.hardening.test_parse_properties import SETTINGS, answer, markdownish, words

# One workbench for every example: hypothesis examples run in one process, one at a time.
BENCH = Workbench.create(Path(tempfile.mkdtemp(prefix="qsync-properties-")))

site_pages = st.lists(
    st.tuples(words, st.lists(st.tuples(words, answer), min_size=0, max_size=3)),
    min_size=0,
    max_size=3,
).map(
    lambda sections: (
        "# Generated\n"
        + "".join(
            f"\n## {title}\n"
            + "".join(
                f'\n??? question "Q: {text}?"\n'
                + "\n".join(f"    {line}" if line else "" for line in lines)
                + "\n"
                for text, lines in questions
            )
            for title, questions in sections
        )
    )
)


@st.composite
def upstream_pages(draw: st.DrawFn) -> str:
    sections = draw(
        st.lists(
            st.tuples(words, st.lists(st.tuples(words, answer), max_size=3)),
            max_size=3,
        )
    )
    toc = "".join(f"{k}. [{t}](#{t.replace(' ', '-')})\n" for k, (t, _) in enumerate(sections, 1))
    parts = [f"# Generated\n\n## Table of Contents\n\n{toc}"]
    number = 0
    for title, questions in sections:
        parts.append(f"\n---\n\n## {title}\n")
        for text, lines in questions:
            number += draw(st.sampled_from([1, 1, 1, 2]))  # now and then a gap in numbering
            parts.append(f"\n**{number}. {text}?**\n\n" + "\n".join(lines) + "\n")
    return "".join(parts)


any_page = st.one_of(markdownish, site_pages, upstream_pages())


@SETTINGS
@given(text=any_page)
def test_lint_raises_only_qsync_errors_and_findings_lie_inside_the_page(text: str):
    BENCH.lint(text.encode("utf-8"))


@SETTINGS
@given(data=st.binary(max_size=300))
def test_lint_of_any_bytes_raises_only_qsync_errors(data: bytes):
    BENCH.lint(data, fix=False)


@SETTINGS
@given(text=any_page)
def test_diff_raises_only_qsync_errors(text: str):
    diff(text.encode("utf-8"))


@SETTINGS
@given(site=site_pages)
def test_a_site_page_diffed_against_its_own_upstream_rendering_is_all_identical(site: str):
    """Rendered into the upstream dialect, a site page's questions all match themselves."""
    from qsync.dialects.convert import render_as
    from qsync.diff import diff_page
    from qsync.results.diff import Thresholds
    from tests.hardening.targets import SOURCE

    page = parse_text(site, "site.md", "site")
    rendered = render_as(page, "upstream")
    upstream = parse_text(rendered, "up.md", "upstream")
    result = diff_page(page, upstream, rendered, SOURCE, Thresholds())
    classes = {p.cls for p in result.pairs}
    assert classes <= {"identical"}, classes
    assert len(result.pairs) == len(page.questions)


def test_line_count_counts_lines_as_an_editor_does():
    assert line_count(b"") == 1
    assert line_count(b"a") == 1
    assert line_count(b"a\n") == 1
    assert line_count(b"a\r\nb\r\n") == 2
    assert line_count(b"a\n\nb") == 3
