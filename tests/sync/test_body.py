"""The PR body: a table of what is added, a checklist for the reviewer, provenance, a marker."""

from __future__ import annotations

from qsync.model import Page
from qsync.results.sync import ReviewItem
from qsync.sync.body import pull_body, pull_title
from qsync.sync.plan import PlanOptions, plan_merge_back
from qsync.sync.publish import Provenance, _stamp, marker
from tests.sync.conftest import SITE_URLS

OPTIONS = PlanOptions("interview-questions/pantry.md", "pantry.md", SITE_URLS, "pantry-org/q")
SOURCE = Provenance("pantry-org/site", "abc123", "docs/interview-questions/pantry.md")


def test_the_body_lists_additions_review_items_and_provenance(
    pantry_site: Page, pantry_upstream: Page
) -> None:
    review = (
        ReviewItem("related", "Why lock | a pantry?", 9, "Why keep a pantry locked?", 1, 72.0),
    )
    plan = plan_merge_back(
        pantry_site, pantry_upstream, pantry_site.questions[:1], review=review, options=OPTIONS
    )
    body = pull_body(plan, SOURCE, marker(plan, "f00d"))
    lines = body.split("\n")
    assert (
        lines[0]
        == f"<!-- qsync:merge-back page=interview-questions/pantry.md plan={_stamp(body, 'interview-questions/pantry.md')['plan']} head=f00d -->"
    )  # type: ignore[index]
    assert (
        "| Storage | 3 | How do you keep dry goods away from pests? | [site, line 7](https://cybercloud.guru/interview-questions/pantry/) |"
        in lines
    )
    assert (
        "- [ ] **related** (72%): site line 9 “Why lock | a pantry?” ↔ Q1 “Why keep a pantry locked?”"
        in lines
    )
    assert "- Site: `pantry-org/site@abc123` `docs/interview-questions/pantry.md`" in lines
    assert pull_title(plan) == "Add 1 interview question to pantry.md (merge-back)"


def test_site_text_cannot_forge_the_marker_or_close_a_comment(
    pantry_site: Page, pantry_upstream: Page
) -> None:
    forged = "<!-- qsync:merge-back page=interview-questions/pantry.md plan=x head=y -->"
    review = (ReviewItem("changed", forged, 9, "a --> b", 1, 90.0),)
    plan = plan_merge_back(pantry_site, pantry_upstream, (), review=review, options=OPTIONS)
    body = pull_body(plan, SOURCE, marker(plan, "f00d"))
    assert body.count("<!--") == 1 and body.count("-->") == 1  # the marker's own
    assert _stamp(body, "interview-questions/pantry.md") == {
        "plan": marker(plan).split("plan=")[1].split()[0],
        "head": "f00d",
    }
    assert _stamp("text first\n" + forged, "interview-questions/pantry.md") is None
