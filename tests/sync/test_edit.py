"""The surgical edit: insert, renumber, rewrite "QN" references, extend the ToC — nothing else."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path

import pytest

from qsync.dialects import parse_text
from qsync.dialects.convert import as_upstream_question
from qsync.markdown.slugs import GithubSlugger
from qsync.model import Page
from qsync.sync.edit import EditVerificationError, Insertion, apply_insertions, heading_anchors
from qsync.sync.references import rewrite_references
from qsync.sync.transform import to_upstream
from tests.sync.conftest import CONTENT_PATH, SITE_URLS, upstream_at

FOOTER = (
    "*Contributions welcome — add real interview questions/scenarios you've encountered via PR.*"
)


def insertions_for(site: Page, sections: dict[int, str] | None = None) -> list[Insertion]:
    """Every site question in its own section, or those of ``sections`` (index → upstream section)."""
    section_of = {q.id: s.title or "" for s in site.sections for q in s.questions}
    chosen = sections or {k: section_of[q.id] for k, q in enumerate(site.questions)}
    return [
        Insertion(chosen[k], to_upstream(q, CONTENT_PATH, SITE_URLS).question)
        for k, q in enumerate(site.questions)
        if k in chosen
    ]


def touched_outside_insertions(old: str, new: str) -> dict[str, int]:
    """Old lines the edit changed, by kind: compared line by line with difflib, independently."""
    digits = re.compile(r"\d+")
    counts = {"head": 0, "reference": 0, "toc": 0, "other": 0}
    a, b = old.split("\n"), new.split("\n")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op not in ("replace", "delete"):
            continue
        region = {digits.sub("#", line) for line in b[j1:j2]}
        for line in a[i1:i2]:
            if digits.sub("#", line) not in region:
                counts["other"] += 1
            elif re.match(r"^\*\*\d+\. ", line):
                counts["head"] += 1
            elif re.match(r"^\s*\d+\. \[.*\]\(#", line):
                counts["toc"] += 1
            elif re.search(r"\bQ\d+", line):
                counts["reference"] += 1
            else:
                counts["other"] += 1
    return counts


@pytest.mark.corpus
def test_the_stub_becomes_a_well_formed_upstream_file(
    upstream_repo: Path, content_page: Page
) -> None:
    text, stub = upstream_at(upstream_repo, "6fa8ab4")
    assert text == "# AI Security Interview Questions\n"
    result = apply_insertions(stub, insertions_for(content_page))
    page = parse_text(result.text, "ai.md", "upstream")

    assert page.title == "AI Security Interview Questions"
    assert [s.title for s in page.sections] == [
        "Fundamentals & Attack Taxonomy",
        "Governance & Risk",
        "Model Security & Testing",
    ]
    assert [len(s.questions) for s in page.sections] == [4, 2, 2]
    assert [q.number for q in page.questions] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert page.footer == FOOTER
    assert page.warnings == ()
    anchors = {h.anchor for h in page.headings}
    assert [e.target for e in page.toc] == [
        "#fundamentals--attack-taxonomy",
        "#governance--risk",
        "#model-security--testing",
    ]
    assert all(e.target[1:] in anchors for e in page.toc)
    lines = result.text.split("\n")
    assert lines[:4] == [
        "# AI Security Interview Questions",
        "",
        "## Table of Contents",
        "1. [Fundamentals & Attack Taxonomy](#fundamentals--attack-taxonomy)",
    ]
    assert lines.count("---") == 4  # after the ToC, between sections, before the footer
    assert result.numbers == (1, 2, 3, 4, 5, 6, 7, 8)


@pytest.mark.corpus
def test_populated_file_changes_only_inserted_blocks_numbers_and_toc(
    upstream_repo: Path, content_page: Page
) -> None:
    old, page = upstream_at(upstream_repo, "d922c63")
    chosen = {0: "Model-Level Attacks", 1: "Fundamentals", 4: "Governance & Risk"}
    result = apply_insertions(page, insertions_for(content_page, chosen))

    assert result.numbers == (25, 5, 33)
    assert result.new_sections == ("Governance & Risk",)
    counts = touched_outside_insertions(old, result.text)
    assert counts == {"head": 26, "reference": 10, "toc": 1, "other": 0}
    assert result.stats.other == 0
    assert (
        result.stats.renumbered_heads,
        result.stats.rewritten_references,
        result.stats.toc_lines,
    ) == (26, 10, 1)

    new = parse_text(result.text, "ai.md", "upstream")
    assert [q.number for q in new.questions if q.kind == "question"] == list(range(1, 34))
    assert [q.number for q in new.questions if q.kind == "scenario"] == list(range(1, 31))
    toc_lines = [line for line in result.text.split("\n") if "[Governance & Risk]" in line]
    assert toc_lines == ["11. [Governance & Risk](#governance--risk)"]
    assert "12. [Scenario-Based Questions](#scenario-based-questions)" in result.text
    # "Q6/Q16" and the range "Q26–27" in scenario prose follow their questions.
    assert "least privilege from Q7/Q17)" in result.text
    assert "(see Q28–29)" in result.text
    assert "(see Q11 above)" in result.text


def test_references_in_prose_follow_renumbered_questions(
    pantry_upstream: Page, pantry_site: Page
) -> None:
    question = to_upstream(pantry_site.questions[0], "interview-questions/p.md", SITE_URLS).question
    result = apply_insertions(pantry_upstream, [Insertion("Storage", question)])
    lines = result.text.split("\n")
    assert "Stock walks. See Q2 for the audit that notices it." in lines
    assert "Weekly for high-value items, monthly for the rest (Q1–2 go together)." in lines
    assert "**4. What is shrinkage?**" in lines
    assert result.renumbered == ((3, 4),)

    first = apply_insertions(pantry_upstream, [Insertion("Inventory", question)])
    assert first.renumbered == ()
    assert "**4. How do you keep dry goods away from pests?**" in first.text.split("\n")


def test_a_new_section_without_scenarios_goes_before_the_footer(
    pantry_upstream: Page, pantry_site: Page
) -> None:
    question = to_upstream(pantry_site.questions[0], "interview-questions/p.md", SITE_URLS).question
    result = apply_insertions(pantry_upstream, [Insertion("Pests", question)])
    assert result.text.endswith(
        "Stock that disappears between deliveries and sales; Q1 explains the lock.\n"
        "\n"
        "---\n"
        "\n"
        "## Pests\n"
        "\n"
        "**4. How do you keep dry goods away from pests?**\n"
        "\n"
        "Seal everything in airtight tins and rotate stock: first in, first out.\n"
        "\n"
        "See [Stock Rotation](https://cybercloud.guru/pantry/stock-rotation/#first-in-first-out)"
        " and the [labelling rules](https://cybercloud.guru/interview-questions/labels/).\n"
        "\n"
        "---\n"
        "\n"
        "*Contributions welcome — add questions you were asked via PR.*\n"
    )
    assert "2. [Inventory](#inventory)\n3. [Pests](#pests)\n\n---" in result.text


def test_a_second_edit_does_not_repeat_toc_entries(
    pantry_upstream: Page, pantry_site: Page
) -> None:
    one, two = (
        to_upstream(q, "interview-questions/p.md", SITE_URLS).question
        for q in pantry_site.questions[:2]
    )
    first = apply_insertions(pantry_upstream, [Insertion("Pests", one)])
    again = parse_text(first.text, "pantry-upstream.md", "upstream")
    second = apply_insertions(again, [Insertion("Pests", two)])
    assert second.text.count("[Pests](#pests)") == 1
    assert second.text.count("## Pests") == 1
    assert second.new_sections == ()
    assert second.numbers == (5,)


def test_a_repeated_heading_gets_githubs_numbered_anchor(
    pantry_upstream: Page, pantry_site: Page
) -> None:
    question = to_upstream(pantry_site.questions[0], "interview-questions/p.md", SITE_URLS).question
    result = apply_insertions(pantry_upstream, [Insertion("Table of Contents", question)])
    assert "3. [Table of Contents](#table-of-contents-1)" in result.text
    assert "table-of-contents-1" in heading_anchors(result.text).values()


def test_an_edit_that_would_change_meaning_is_refused(
    pantry_upstream: Page, pantry_site: Page
) -> None:
    """Unescaped structure (here a rule) would split the question: the edit refuses to write it."""
    raw = as_upstream_question(replace(pantry_site.questions[0], answer="One.\n\n---\n\nTwo."), 1)
    with pytest.raises(EditVerificationError, match="inserted question 3 is not in the result"):
        apply_insertions(pantry_upstream, [Insertion("Storage", raw)])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("see Q3", "see Q4"),
        ("see Q6/Q3", "see Q6/Q4"),
        ("Q3–5 and Q3-5", "Q4–6 and Q4-6"),
        ("Q03 and Q07 (unmapped)", "Q4 and Q07 (unmapped)"),
        ("FAQ3, Q3a and 2024Q3 are not references", "FAQ3, Q3a and 2024Q3 are not references"),
    ],
)
def test_reference_rewriting(line: str, expected: str) -> None:
    assert rewrite_references([line], {3: 4, 5: 6}) == [expected]


def test_references_in_code_fences_are_code() -> None:
    lines = ["Q3", "```", "Q3", "```", "Q3"]
    assert rewrite_references(lines, {3: 9}) == ["Q9", "```", "Q3", "```", "Q9"]


def test_github_slugger_is_what_the_toc_uses() -> None:
    slugger = GithubSlugger()
    assert [slugger.slug("Governance & Risk"), slugger.slug("Governance & Risk")] == [
        "governance--risk",
        "governance--risk-1",
    ]
