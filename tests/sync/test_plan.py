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
