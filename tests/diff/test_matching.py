"""Matching and classification on the pantry fixtures (tests/fixtures/diff), both dialects."""

from __future__ import annotations

import pytest

from qsync.results.diff import Thresholds
from tests.diff.helpers import fixture, run_diff, site_pair, upstream_pair

SITE = fixture("site/pantry-security.md")
UPSTREAM = fixture("upstream/pantry-security.md")


@pytest.fixture(scope="module")
def diff():  # type: ignore[no-untyped-def]
    return run_diff(SITE, UPSTREAM)


def test_the_same_question_and_answer_in_both_dialects_is_identical(diff):
    pair = site_pair(diff, "Why should raw meat")
    assert pair.cls == "identical"
    assert pair.upstream is not None and pair.upstream.number == 1
    assert pair.scores is not None and pair.scores.combined == 100.0
    assert not pair.moved


def test_a_changed_answer_under_the_same_question_is_changed(diff):
    pair = site_pair(diff, "What should a use-by label")
    assert pair.cls == "changed"
    assert pair.scores is not None
    assert pair.scores.question == 100.0
    assert pair.scores.answer < Thresholds().identical


def test_a_reworded_question_with_the_same_answer_is_related(diff):
    pair = site_pair(diff, "Why must allergen labels")
    assert pair.cls == "related"
    assert pair.upstream is not None and pair.upstream.text.startswith("When ingredients move")
    assert pair.scores is not None
    assert pair.scores.answer == 100.0
    assert pair.scores.question < Thresholds().changed


def test_a_question_moved_to_another_section_still_matches_and_is_marked_moved(diff):
    pair = site_pair(diff, "What does first in, first out")
    assert pair.cls == "identical"
    assert pair.moved
    assert pair.site is not None and pair.site.section == "Storage"
    assert pair.upstream is not None and pair.upstream.section == "Rotation"


def test_of_a_near_duplicate_pair_one_matches_and_the_other_points_at_it(diff):
    kept = site_pair(diff, "How should you thaw")
    duplicate = site_pair(diff, "How do you safely thaw")
    assert kept.cls == "identical"
    assert duplicate.cls == "site-only"
    assert duplicate.closest is not None
    assert kept.upstream is not None and duplicate.closest.id == kept.upstream.id
    assert duplicate.closest.scores.question > 75


def test_questions_only_one_side_has_are_site_only_and_upstream_only(diff):
    assert site_pair(diff, "Why keep cleaning chemicals").cls == "site-only"
    assert upstream_pair(diff, "How often should a pantry").cls == "upstream-only"
    assert diff.count("site-only") == 2
    assert diff.count("upstream-only") == 1
    assert diff.differences


def test_every_question_of_both_sides_appears_exactly_once(diff):
    site_ids = [p.site.id for p in diff.pairs if p.site]
    upstream_ids = [p.upstream.id for p in diff.pairs if p.upstream]
    assert len(site_ids) == len(set(site_ids)) == 8
    assert len(upstream_ids) == len(set(upstream_ids)) == 7


def test_renumbering_upstream_changes_numbers_not_classes(diff):
    renumbered = run_diff(SITE, fixture("upstream/pantry-security-renumbered.md"))
    before = {
        p.site.id: (p.cls, p.upstream.id if p.upstream else None) for p in diff.pairs if p.site
    }
    after = {
        p.site.id: (p.cls, p.upstream.id if p.upstream else None)
        for p in renumbered.pairs
        if p.site
    }
    assert after == before
    assert site_pair(renumbered, "Why should raw meat").upstream.number == 2  # type: ignore[union-attr]
    assert upstream_pair(renumbered, "Which shelf").cls == "upstream-only"


@pytest.mark.parametrize(
    ("upstream_text", "state"),
    [
        ("", "empty"),
        ("\n\n", "empty"),
        (fixture("upstream/pantry-security-stub.md"), "stub"),
        (None, "missing"),
    ],
)
def test_an_empty_stub_or_missing_upstream_makes_every_site_question_site_only(
    upstream_text, state
):
    diff = run_diff(SITE, upstream_text)
    assert diff.upstream.state == state
    assert [p.cls for p in diff.pairs] == ["site-only"] * 8
    assert all(p.closest is None for p in diff.pairs)
    assert diff.claim is not None and diff.claim.holds
    assert diff.findings == ()


def test_the_pages_stub_claim_is_stale_once_upstream_is_populated(diff):
    assert diff.upstream.state == "populated"
    assert (diff.upstream.questions, diff.upstream.scenarios) == (7, 0)
    assert diff.claim is not None and not diff.claim.holds
    (finding,) = diff.findings
    assert finding.code == "stale-claim"
    assert (finding.path, finding.line) == ("site/pantry-security.md", 3)
    assert (
        "is a stub, but pantry-security.md at c0ffee0 is populated (7 questions" in finding.message
    )


def test_an_intro_that_says_nothing_of_upstream_makes_no_claim():
    diff = run_diff(SITE.replace("is still a stub", "is kept upstream"), UPSTREAM)
    assert diff.claim is None
    assert diff.findings == ()


def test_identical_pages_have_no_differences():
    same = run_diff(
        '# P\n\n## Storage\n\n??? question "Q: Why should raw meat be stored below cooked food?"\n'
        "    Juices from raw meat drip downward.\n",
        "# P\n\n## Storage\n\n**1. Why should raw meat be stored below cooked food?**\n\n"
        "Juices from raw meat drip downward.\n",
    )
    assert [p.cls for p in same.pairs] == ["identical"]
    assert not same.differences


def test_thresholds_decide_the_class():
    strict = run_diff(SITE, UPSTREAM, thresholds=Thresholds(related=70))
    assert site_pair(strict, "Why must allergen labels").cls == "site-only"
    loose = run_diff(SITE, UPSTREAM, thresholds=Thresholds(changed=40))
    assert site_pair(loose, "Why must allergen labels").cls == "changed"
