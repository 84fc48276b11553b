from qsync.dialects import detect_dialect, parse_file, parse_text, render
from tests.conftest import FIXTURES

KITCHEN = FIXTURES / "upstream" / "kitchen-security.md"


def test_kitchen_upstream_structure():
    page = parse_file(KITCHEN)
    assert page.source.dialect == "upstream"
    assert page.title == "Kitchen Security Interview Questions"
    assert page.intro.text.startswith("**Questions for people who guard kitchens")
    assert [s.title for s in page.sections] == [
        "Knives & Storage",
        "Heat Sources",
        "Scenario-Based Questions",
    ]
    assert [(q.kind, q.number) for q in page.questions] == [
        ("question", 1),
        ("question", 2),
        ("question", 3),
        ("scenario", 1),
        ("scenario", 2),
    ]
    assert page.questions[3].text == "The fire door is propped open during service"
    assert page.footer == "*Contributions welcome — add questions you were asked via PR.*"
    assert page.warnings == ()


def test_code_comment_is_not_a_heading():
    page = parse_file(KITCHEN)
    fire = page.questions[2]
    assert "# not a heading: a comment in code" in fire.answer
    assert fire.answer.endswith("```")


def test_toc_entries_are_data_with_targets_and_levels():
    page = parse_file(KITCHEN)
    assert [(e.number, e.level, e.target) for e in page.toc] == [
        (1, 1, "#knives--storage"),
        (2, 1, "#heat-sources"),
        (3, 1, "#scenario-based-questions"),
        (1, 2, "#scenario-1-the-fire-door-is-propped-open-during-service"),
        (2, 2, "#scenario-2-a-supplier-delivers-unlabelled-bottles"),
    ]
    assert page.toc[0].line == 6 and page.toc[0].col == 4


def test_headings_carry_github_anchors():
    page = parse_file(KITCHEN)
    anchors = [h.anchor for h in page.headings]
    assert "knives--storage" in anchors
    assert "scenario-1-the-fire-door-is-propped-open-during-service" in anchors


def test_spans_cover_head_to_last_answer_line():
    text = KITCHEN.read_text()
    page = parse_file(KITCHEN)
    q2 = page.questions[1]
    assert q2.span.slice(text) == (
        "**2. How do you sharpen a knife safely?**\n\n"
        "Use a stone, angle away from the body, and keep fingers behind the edge. See Q1 for storage."
    )


def test_stub_has_a_title_and_no_questions():
    page = parse_text("# AI Security Interview Questions\n")
    assert page.source.dialect == "upstream"
    assert page.title == "AI Security Interview Questions"
    assert page.questions == ()


def test_other_layouts_parse_with_positioned_warnings():
    text = (
        "# Other\n\n## Scenario 1: Leak\n\n**Question**: What now?\n\n### Answer:\n\nContain it.\n"
    )
    page = parse_text(text, dialect="upstream")
    assert page.questions == ()
    assert page.warnings and all(w.code == "unclassified" for w in page.warnings)
    assert page.warnings[0].line == 5
    assert render(page) == text


def test_detects_upstream_dialect():
    assert detect_dialect(KITCHEN.read_text()) == "upstream"


def test_subheadings_inside_answers_are_headings_too():
    text = "# T\n\n## S\n\n**1. Q?**\n\nIntro.\n\n#### Details\n\nMore.\n"
    page = parse_text(text, dialect="upstream")
    assert [(h.level, h.anchor) for h in page.headings] == [(1, "t"), (2, "s"), (4, "details")]
    assert page.questions[0].answer == "Intro.\n\n#### Details\n\nMore."
