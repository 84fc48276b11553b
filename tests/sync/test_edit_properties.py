"""Any mix of insertions into existing and new sections gives a file that says what it should."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qsync.dialects import parse_file, parse_text
from qsync.sync.edit import Insertion, apply_insertions
from qsync.sync.transform import to_upstream
from tests.conftest import FIXTURES
from tests.sync.conftest import SITE_URLS, SYNC_FIXTURES

KITCHEN = parse_file(FIXTURES / "upstream" / "kitchen-security.md", "upstream")
SITE = parse_file(SYNC_FIXTURES / "pantry-site.md", "site")
QUESTIONS = [
    to_upstream(q, "interview-questions/p.md", SITE_URLS).question for q in SITE.questions[:3]
]
SECTIONS = ["Knives & Storage", "Heat Sources", "Pantry", "Knives & Storage Again"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(range(3)), st.sampled_from(SECTIONS)), max_size=5))
def test_every_edit_keeps_numbering_scenarios_and_toc_consistent(
    chosen: list[tuple[int, str]],
) -> None:
    insertions = [Insertion(section, QUESTIONS[k]) for k, section in chosen]
    result = apply_insertions(KITCHEN, insertions)  # verifies itself, or raises
    page = parse_text(result.text, "k.md", "upstream")
    questions = [q.number for q in page.questions if q.kind == "question"]
    assert questions == list(range(1, len(questions) + 1))
    assert [q.number for q in page.questions if q.kind == "scenario"] == [1, 2]
    titles = [s.title for s in page.sections]
    assert titles[-1] == "Scenario-Based Questions"
    top = [e.text for e in page.toc if e.level == 1]
    assert top == titles  # one ToC entry per section, in order
    assert [e.number for e in page.toc if e.level == 1] == list(range(1, len(top) + 1))
    anchors = {h.anchor for h in page.headings}
    assert all(e.target[1:] in anchors for e in page.toc if e.level == 1)
