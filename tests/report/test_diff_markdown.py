"""The Markdown diff report: a PR comment or step summary, safe and within GitHub's limit."""

from __future__ import annotations

import dataclasses

from tests.diff.helpers import fixture, run_diff

from qsync.report import diff_markdown
from qsync.results.diff import DiffReport, Pair, QuestionRef, Thresholds

PAGE = run_diff(fixture("site/pantry-security.md"), fixture("upstream/pantry-security.md"))
REPORT = DiffReport((PAGE,), Thresholds(), "0.1.0")


def test_counts_table_state_warning_and_a_table_per_class():
    text = diff_markdown.render(REPORT)
    assert text.startswith("## qsync diff\n\n| page | upstream | changed | related | site-only |")
    assert (
        "| `site/pantry-security.md` | populated (7 questions, 0 scenarios) | 1 | 1 | 2 | 1 | 4 |"
        in text
    )
    assert (
        "> [!WARNING]\n> `site/pantry-security.md:3` the page says the upstream file is a stub"
        in text
    )
    assert "**changed** (1)" in text and "**site-only** (2)" in text
    assert "<details><summary>**identical** (4)</summary>" in text
    assert "<sub>moved to Rotation</sub>" in text


def test_cells_cannot_break_the_table_or_inject_html():
    hostile = QuestionRef(
        "q-1", "question", None, "S", "Is a|b <script>x</script>\nok?", "", 9, "0" * 16
    )
    page = dataclasses.replace(PAGE, pairs=(Pair("site-only", hostile, None),))
    text = diff_markdown.render(DiffReport((page,), Thresholds()))
    assert "Is a\\|b &lt;script&gt;x&lt;/script&gt; ok?" in text
    assert "<script>" not in text


def test_a_long_report_is_cut_to_the_limit_with_its_folds_closed():
    ref = PAGE.pairs[0].site
    assert ref is not None
    many = tuple(
        Pair(
            "site-only",
            dataclasses.replace(ref, id=f"q-{n}", text=f"Question {n} " + "words " * 40),
            None,
        )
        for n in range(400)
    )
    page = dataclasses.replace(PAGE, pairs=many)
    text = diff_markdown.render(DiffReport((page,), Thresholds()), limit=20_000)
    assert len(text) <= 20_000
    assert "more lines cut to stay within 20,000 characters" in text
    assert text.count("<details>") == text.count("</details>")


def test_a_three_way_report_names_its_base():
    from datetime import UTC, datetime

    from qsync.diff.state import page_state

    base = page_state(PAGE, datetime(2026, 7, 5, tzinfo=UTC))
    site = fixture("site/pantry-security.md").replace("chill it quickly", "chill it at once")
    page = run_diff(site, fixture("upstream/pantry-security.md"), base=base)
    text = diff_markdown.render(DiffReport((page,), Thresholds()))
    assert "Three-way against `c0ffee0` (2026-07-05T00:00:00Z)." in text
    assert "**site-changed** (1)" in text
