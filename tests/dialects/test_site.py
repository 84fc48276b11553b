from pathlib import Path

from qsync.dialects import detect_dialect, parse_file, parse_text, render
from tests.conftest import CONTENT_PAGE, FIXTURES

KITCHEN = FIXTURES / "site" / "kitchen-security.md"


def test_kitchen_page_structure():
    page = parse_file(KITCHEN)
    assert page.source.dialect == "site"
    assert page.title == "Kitchen Security Interview Questions"
    assert [s.title for s in page.sections] == ["Knives & Storage", "Heat Sources"]
    assert [s.anchor for s in page.sections] == ["knives-storage", "heat-sources"]
    kinds = [(q.kind, q.text) for q in page.questions]
    assert kinds == [
        ("question", "Why should knives be stored point-down in a block?"),
        ("question", "Explain how you would audit a shared kitchen's knife storage."),
        ("question", "What is the first thing to do when a pan catches fire?"),
        ("prompt", "How do you store flammable oils?"),
        ("prompt", "What does a class K extinguisher put out?"),
    ]
    assert [n.title for n in page.notes] == ["Before you start"]
    assert page.notes[0].links[0].target == "../kitchen/knives.md#storage"
    (practice,) = page.link_lists
    assert practice.title == "Practice Next"
    assert [lk.target for lk in practice.items] == [
        "../kitchen/index.md",
        "https://example.org/fire-blankets",
    ]
    assert page.warnings == ()


def test_answers_are_deindented_exactly_and_code_keeps_its_own_indent():
    page = parse_file(KITCHEN)
    audit = page.questions[1]
    assert audit.answer == (
        "Walk every drawer first:\n\n```python\nfor drawer in kitchen.drawers:\n    audit(drawer)\n```\n\n"
        "Then report what you found to the [head chef](https://example.org/chef)."
    )
    (chef,) = audit.links
    assert (chef.line, chef.col) == (24, 39)
    assert "audit(drawer)" in audit.answer_text and "[head chef]" not in audit.answer_text


def test_question_span_slices_back_to_its_block():
    text = KITCHEN.read_text()
    page = parse_file(KITCHEN)
    first = page.questions[0]
    assert first.span.slice(text) == (
        '??? question "Q: Why should knives be stored point-down in a block?"\n'
        "    A blade stored point-up is an accident waiting for a hand.\n\n"
        "    - Blocks keep the edge away from fingers\n"
        "    - Magnetic strips are fine when mounted high"
    )


def test_content_page_is_the_ai_security_page():
    page = parse_file(CONTENT_PAGE)
    assert len(page.sections) == 3
    assert len(page.questions) == 8
    text = CONTENT_PAGE.read_text()
    for q in page.questions:
        assert f'??? question "Q: {q.text}"' in text
        assert "\n    " + q.answer.split("\n")[0] in text
    assert [lk.target for lk in page.intro.links] == [
        "https://github.com/jassics/security-interview-questions",
        "../ai-security/ai-security-overview.md",
    ]
    assert [ll.title for ll in page.link_lists] == ["Practice Next"]
    assert len(page.link_lists[0].items) == 4
    every_link = {(lk.line, lk.target) for lk in page.links}
    assert (14, "../ai-security/ai-security-fundamentals.md") in every_link
    assert len(page.links) == 2 + 4 + 4


def test_questions_have_stable_distinct_ids():
    page = parse_file(CONTENT_PAGE)
    ids = [q.id for q in page.questions]
    assert len(set(ids)) == len(ids)
    again = parse_file(CONTENT_PAGE)
    assert ids == [q.id for q in again.questions]


def test_detects_site_dialect():
    assert detect_dialect(KITCHEN.read_text()) == "site"


def test_admonition_inside_a_fence_is_code():
    text = '# T\n\n## S\n\n```\n??? question "Q: Not a question?"\n    no\n```\n'
    page = parse_text(text, dialect="site")
    assert page.questions == ()
    assert render(page) == text


def test_question_before_any_section_is_kept_in_an_untitled_section():
    page = parse_text('# T\n\n??? question "Q: Loose?"\n    Answer.\n', dialect="site")
    (section,) = page.sections
    assert section.title is None and section.questions[0].text == "Loose?"


def test_blank_answer_lines_with_spaces_round_trip(tmp_path: Path):
    text = '# T\n\n## S\n\n??? question "Q: A?"\n    one\n    \n    two\n'
    page = parse_text(text, dialect="site")
    assert page.questions[0].answer == "one\n\ntwo"
    assert render(page) == text


def test_front_matter_is_metadata_not_a_heading():
    text = '---\ntitle: Kitchen\ntags: [a]\n---\n\n# T\n\n## S\n\n??? question "Q: A?"\n    B.\n'
    page = parse_text(text, dialect="site")
    assert [h.text for h in page.headings] == ["T", "S"]
    assert page.title == "T"
    assert render(page) == text
