"""The merge-back plan: placement, held-back questions, the diff and the JSON document."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from qsync.dialects import parse_text
from qsync.documents import dumps
from qsync.model import Page
from qsync.results.sync import ReviewItem, sync_plan_document
from qsync.schema import schema_errors
from qsync.sync.plan import PlanOptions, plan_merge_back
from tests.conftest import git_show
from tests.sync.conftest import CONTENT_PATH, SITE_URLS, UPSTREAM_PATH, upstream_at

PANTRY = PlanOptions("interview-questions/pantry.md", "pantry.md", SITE_URLS, "me/pantry")


def placements(plan: object) -> list[tuple[int, str, str, bool]]:
    return [(i.number, i.section, i.placed_by, i.new_section) for i in plan.insertions]  # type: ignore[attr-defined]


@pytest.mark.corpus
def test_all_eight_questions_go_into_the_stub(upstream_repo: Path, content_page: Page) -> None:
    _, stub = upstream_at(upstream_repo, "6fa8ab4")
    options = PlanOptions(
        CONTENT_PATH, UPSTREAM_PATH, SITE_URLS, "jassics/security-interview-questions"
    )
    plan = plan_merge_back(content_page, stub, content_page.questions, options=options)
    assert [i.number for i in plan.insertions] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert {i.placed_by for i in plan.insertions} == {"new-section"}
    assert plan.held_back == ()
    assert plan.insertions[0].source_url == (
        "https://cybercloud.guru/interview-questions/ai-security-interview-questions/"
    )
    assert plan.diff.startswith(
        "--- a/ai-security-interview-questions.md\n+++ b/ai-security-interview-questions.md\n"
    )
    assert parse_text(plan.new_text, UPSTREAM_PATH, "upstream").questions[7].number == 8


@pytest.mark.corpus
def test_questions_join_the_upstream_section_they_fit(
    upstream_repo: Path, content_page: Page
) -> None:
    _, page = upstream_at(upstream_repo, "d922c63")
    options = PlanOptions(CONTENT_PATH, UPSTREAM_PATH, SITE_URLS)
    plan = plan_merge_back(content_page, page, content_page.questions, options=options)
    assert placements(plan) == [
        (26, "Model-Level Attacks", "best-match", False),
        (5, "Fundamentals", "best-match", False),
        (27, "Model-Level Attacks", "best-match", False),
        (35, "Fundamentals & Attack Taxonomy", "new-section", True),
        (36, "Governance & Risk", "new-section", True),
        (37, "Governance & Risk", "new-section", True),
        (6, "Fundamentals", "best-match", False),
        (38, "Model Security & Testing", "new-section", True),
    ]
    assert plan.stats.other == 0
    assert plan.stats.toc_lines == 1  # "Scenario-Based Questions" moves from 11. to 14.
    assert "14. [Scenario-Based Questions](#scenario-based-questions)" in plan.new_text


def test_the_section_map_comes_first(pantry_site: Page, pantry_upstream: Page) -> None:
    options = replace(PANTRY, section_map=(("Storage", "Inventory"),))
    plan = plan_merge_back(pantry_site, pantry_upstream, pantry_site.questions[:3], options=options)
    assert placements(plan) == [
        (4, "Inventory", "section-map", False),
        (5, "Inventory", "section-map", False),
        (6, "Inventory", "title", False),
    ]


def test_a_matching_title_wins_over_content(pantry_site: Page, pantry_upstream: Page) -> None:
    plan = plan_merge_back(pantry_site, pantry_upstream, pantry_site.questions[:1], options=PANTRY)
    assert placements(plan) == [(3, "Storage", "title", False)]
    assert plan.renumbered == ((3, 4),)


def test_without_a_fitting_section_a_new_one_is_made(
    pantry_site: Page, pantry_upstream: Page
) -> None:
    renamed = parse_text(_text(pantry_upstream).replace("Storage", "Locks"), "p.md", "upstream")
    strict = replace(PANTRY, match_threshold=99)
    plan = plan_merge_back(pantry_site, renamed, pantry_site.questions[:1], options=strict)
    assert placements(plan) == [(4, "Storage", "new-section", True)]
    plan = plan_merge_back(pantry_site, renamed, pantry_site.questions[:1], options=PANTRY)
    assert placements(plan) == [(3, "Locks", "best-match", False)]


def test_append_puts_everything_in_one_new_section(
    pantry_site: Page, pantry_upstream: Page
) -> None:
    options = replace(PANTRY, placement="append", append_section="From the site")
    plan = plan_merge_back(pantry_site, pantry_upstream, pantry_site.questions, options=options)
    assert placements(plan) == [
        (4, "From the site", "append", True),
        (5, "From the site", "append", True),
        (6, "From the site", "append", True),
    ]
    assert [h.question_id for h in plan.held_back] == [q.id for q in pantry_site.questions[3:]]
    assert plan.held_back[0].reason.startswith("uses a snippet include")
    assert "3. [From the site](#from-the-site)" in plan.new_text


def test_nothing_to_add_means_no_change(pantry_site: Page, pantry_upstream: Page) -> None:
    plan = plan_merge_back(pantry_site, pantry_upstream, (), options=PANTRY)
    assert not plan.changes
    assert plan.diff == ""
    assert plan.new_text == _text(pantry_upstream)


def test_crlf_files_stay_crlf(pantry_site: Page, pantry_upstream: Page) -> None:
    crlf = parse_text(_text(pantry_upstream).replace("\n", "\r\n"), "pantry.md", "upstream")
    plan = plan_merge_back(pantry_site, crlf, pantry_site.questions[:1], options=PANTRY)
    assert plan.new_text.count("\r\n") == plan.new_text.count("\n")
    assert (
        plan.new_text.replace("\r\n", "\n")
        == plan_merge_back(
            pantry_site, pantry_upstream, pantry_site.questions[:1], options=PANTRY
        ).new_text
    )


def test_the_plan_document_matches_its_schema(pantry_site: Page, pantry_upstream: Page) -> None:
    review = (ReviewItem("changed", "Why lock it?", 7, "Why keep a pantry locked?", 1, 91.5),)
    plan = plan_merge_back(
        pantry_site, pantry_upstream, pantry_site.questions, review=review, options=PANTRY
    )
    document = sync_plan_document(plan)
    assert schema_errors(document) == []
    assert json.loads(dumps(document, "plan.json"))["schema"] == "qsync.sync-plan/1"
    assert document["insertions"][1]["converted"] == [
        "admonition '!!! warning' → blockquote",
        "content tab → bold title",
        "attribute list removed",
        "icon shortcode removed",
    ]
    assert document["review"][0]["kind"] == "changed"
    assert document["stats"]["other"] == 0


def _text(page: Page) -> str:
    from qsync.dialects import render

    return render(page)


def test_an_empty_upstream_file_gets_the_site_title(pantry_site: Page) -> None:
    empty = parse_text("", "pantry.md", "upstream")
    plan = plan_merge_back(pantry_site, empty, pantry_site.questions[:2], options=PANTRY)
    lines = plan.new_text.split("\n")
    assert lines[:4] == [
        "# Pantry Security Interview Questions",
        "",
        "## Table of Contents",
        "1. [Storage](#storage)",
    ]
    assert parse_text(plan.new_text, "pantry.md", "upstream").footer is not None


@pytest.mark.corpus
@pytest.mark.slow
def test_every_site_page_plans_cleanly_against_every_upstream_file(
    corpus: Path, upstream_repo: Path
) -> None:
    """All five site pages × every upstream file at HEAD: each edit verifies itself."""
    import subprocess

    from qsync.dialects import parse_file

    names = subprocess.run(
        ["git", "-C", str(upstream_repo), "ls-tree", "-z", "--name-only", "HEAD"],
        check=True, capture_output=True, text=True,
    ).stdout.split("\0")  # fmt: skip
    sites = sorted((corpus / "site" / "docs" / "interview-questions").glob("*.md"))
    planned = 0
    for name in (n for n in names if n.endswith(".md")):
        text = git_show(upstream_repo, "HEAD", name).decode("utf-8")
        upstream = parse_text(text, name, "upstream")
        for path in sites:
            site = parse_file(path, "site")
            options = PlanOptions(f"interview-questions/{path.name}", name, SITE_URLS)
            questions = [q for q in site.questions if q.kind == "question"]
            plan = plan_merge_back(site, upstream, questions, options=options)
            assert plan.stats.other == 0
            assert len(plan.insertions) + len(plan.held_back) == len(questions)
            planned += 1
    assert planned == len(sites) * len([n for n in names if n.endswith(".md")])


@pytest.mark.corpus
def test_related_questions_are_reviewed_and_proposed_only_on_request(
    corpus: Path, upstream_repo: Path
) -> None:
    """The API page has one question upstream words differently (related): review it; add it
    only with --include-related."""
    from qsync.dialects import parse_file
    from qsync.diff import diff_page, thresholds_from
    from qsync.results.diff import SourceInfo
    from qsync.sync.pages import merge_back_candidates

    name = "api-security-interview-questions.md"
    text = git_show(upstream_repo, "HEAD", name).decode("utf-8")
    upstream = parse_text(text, name, "upstream")
    site = parse_file(corpus / "site" / "docs" / "interview-questions" / name, "site")
    source = SourceInfo("git", "corpus/upstream", name, "HEAD", "0" * 40, "bundle")
    diff = diff_page(site, upstream, text, source, thresholds_from({}))
    plain, review = merge_back_candidates(site, diff, include_related=False)
    related, _ = merge_back_candidates(site, diff, include_related=True)
    assert [r.kind for r in review] == ["related"]
    assert (len(plain), len(related)) == (7, 8)
    assert review[0].site_text in {q.text for q in related} - {q.text for q in plain}
