"""Whatever the pages hold: every question is reported once, an exact copy pairs with its
copy, and classes obey the thresholds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qsync.diff import diff_page
from qsync.model import Intro, Layout, Page, Question, Section, Source, Span
from qsync.results.diff import Thresholds
from tests.diff.helpers import source

WORD = st.sampled_from(["knife", "block", "edge", "rice", "cool", "shelf", "the", "why", "how"])
TEXT = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
ANSWER = st.lists(WORD, max_size=10).map(" ".join)
QUESTIONS = st.lists(st.tuples(TEXT, ANSWER), max_size=6)


def page(items: list[tuple[str, str]], dialect: str) -> Page:
    questions = tuple(
        Question(
            f"q-{dialect}-{n}",
            "question",
            n + 1,
            text,
            answer,
            answer,
            (),
            Span(n + 1, 1, n + 1, 2),
            Layout("", ""),
        )
        for n, (text, answer) in enumerate(items)
    )
    section = Section("S", 2, "s", Span(1, 1, 1, 2), questions)
    return Page(Source("p.md", dialect, "0" * 64), "P", Intro("", (), None), (section,))  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(QUESTIONS, QUESTIONS)
def test_every_question_once_and_classes_within_thresholds(site_items, upstream_items):
    t = Thresholds()
    diff = diff_page(page(site_items, "site"), page(upstream_items, "upstream"), "x", source(), t)
    site_ids = [p.site.id for p in diff.pairs if p.site]
    upstream_ids = [p.upstream.id for p in diff.pairs if p.upstream]
    assert sorted(site_ids) == sorted(f"q-site-{n}" for n in range(len(site_items)))
    assert sorted(upstream_ids) == sorted(f"q-upstream-{n}" for n in range(len(upstream_items)))
    paired = {p.site.id: p.upstream.id for p in diff.pairs if p.site and p.upstream}
    for n, item in enumerate(site_items):
        if site_items.count(item) == 1 and upstream_items.count(item) == 1:
            assert paired[f"q-site-{n}"] == f"q-upstream-{upstream_items.index(item)}"
    for pair in diff.pairs:
        if pair.site and pair.upstream:
            s = pair.scores
            assert s is not None
            assert s.combined >= t.related - 0.05 or s.question >= t.changed - 0.05
            if pair.cls == "identical":
                assert s.question >= t.identical - 0.05 and s.answer >= t.identical - 0.05
            elif pair.cls == "changed":
                assert s.question >= t.changed - 0.05
        else:
            assert pair.cls in ("site-only", "upstream-only") and pair.scores is None
