"""Three-way diffs against .qsync/state.json: who changed a pair since it was recorded."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from qsync.diff.state import load_state, page_state, record_state
from qsync.errors import InputError
from qsync.schema import schema_errors
from tests.diff.helpers import SITE_PAGE, fixture, run_diff, site_pair, upstream_pair

SITE = fixture("site/pantry-security.md")
UPSTREAM = fixture("upstream/pantry-security.md")
NOW = datetime(2026, 7, 5, 12, 0, tzinfo=UTC)

RICE_SITE = "so spread it in shallow trays and chill it quickly."
RICE_EDIT_SITE = "so spread it in shallow trays and chill it within twenty minutes."
RICE_EDIT_UPSTREAM = "so spread it in shallow trays, cover it loosely and chill it quickly."
LABEL_UPSTREAM = "so nobody has to guess."


@pytest.fixture
def base():  # type: ignore[no-untyped-def]
    return page_state(run_diff(SITE, UPSTREAM), NOW)


def test_without_changes_since_the_base_the_two_way_classes_stand(base):
    diff = run_diff(SITE, UPSTREAM, base=base)
    assert diff.base is not None and diff.base.recorded_at == "2026-07-05T12:00:00Z"
    assert {p.cls for p in diff.pairs} == {
        "identical",
        "changed",
        "related",
        "site-only",
        "upstream-only",
    }


def test_a_pair_only_the_site_changed_is_site_changed(base):
    diff = run_diff(SITE.replace(RICE_SITE, RICE_EDIT_SITE), UPSTREAM, base=base)
    assert site_pair(diff, "How long can cooked rice").cls == "site-changed"
    assert site_pair(diff, "Why should raw meat").cls == "identical"


def test_a_pair_only_upstream_changed_is_upstream_changed(base):
    diff = run_diff(SITE, UPSTREAM.replace(RICE_SITE, RICE_EDIT_UPSTREAM), base=base)
    assert site_pair(diff, "How long can cooked rice").cls == "upstream-changed"


def test_a_pair_both_sides_changed_differently_is_a_conflict(base):
    diff = run_diff(
        SITE.replace(RICE_SITE, RICE_EDIT_SITE),
        UPSTREAM.replace(RICE_SITE, RICE_EDIT_UPSTREAM),
        base=base,
    )
    assert site_pair(diff, "How long can cooked rice").cls == "conflict"


def test_the_same_change_on_both_sides_is_identical(base):
    diff = run_diff(
        SITE.replace(RICE_SITE, RICE_EDIT_SITE),
        UPSTREAM.replace(RICE_SITE, RICE_EDIT_SITE),
        base=base,
    )
    assert site_pair(diff, "How long can cooked rice").cls == "identical"


def test_a_known_difference_that_upstream_edits_further_is_upstream_changed(base):
    diff = run_diff(
        SITE, UPSTREAM.replace(LABEL_UPSTREAM, "so that nobody has to guess."), base=base
    )
    assert site_pair(diff, "What should a use-by label").cls == "upstream-changed"


def test_a_reworded_site_question_is_found_in_the_base_by_its_upstream_side(base):
    reworded = SITE.replace(
        "What should a use-by label on a prepared dish show?",
        "What must a use-by label on a prepared dish show?",
    )
    diff = run_diff(reworded, UPSTREAM, base=base)
    assert site_pair(diff, "What must a use-by label").cls == "site-changed"


def test_renumbering_upstream_is_not_a_change(base):
    diff = run_diff(SITE, fixture("upstream/pantry-security-renumbered.md"), base=base)
    classes = {p.cls for p in diff.pairs}
    assert not classes & {"site-changed", "upstream-changed", "conflict"}


def test_recording_writes_a_schema_checked_state_and_keeps_other_pages(tmp_path: Path):
    path = tmp_path / ".qsync" / "state.json"
    diff = run_diff(SITE, UPSTREAM)
    record_state(path, [diff], NOW)
    document = json.loads(path.read_text())
    assert schema_errors(document) == []
    (page,) = document["pages"]
    assert (page["site"], page["path"], page["commit"]) == (
        SITE_PAGE,
        "pantry-security.md",
        diff.source.commit,
    )
    assert len(page["pairs"]) == 6  # every pair with both sides

    other = dataclasses.replace(diff, site_path="site/other.md")
    record_state(path, [other], NOW)
    record_state(path, [diff], NOW)  # recording a page again replaces its entry
    state = load_state(path)
    assert [p.site for p in state.pages] == ["site/other.md", SITE_PAGE]
    assert state.page(SITE_PAGE, "pantry-security.md") == page_state(diff, NOW)


def test_no_state_file_is_an_empty_state(tmp_path: Path):
    assert load_state(tmp_path / "state.json").pages == ()


def test_a_state_file_that_breaks_its_schema_is_bad_input(tmp_path: Path):
    path = tmp_path / "state.json"
    path.write_text('{"schema": "qsync.state/1", "pages": [{"site": "x.md"}]}')
    with pytest.raises(InputError, match="does not match its schema"):
        load_state(path)


def test_a_question_deleted_on_one_side_since_the_base_is_that_sides_change(base):
    without_meat = UPSTREAM.replace(
        "**1. Why should raw meat be stored below cooked food?**\n\n"
        "Juices from raw meat drip downward. Keeping it on the lowest shelf stops them from "
        "reaching food that will not be cooked again.\n\n",
        "",
    )
    assert without_meat != UPSTREAM
    diff = run_diff(SITE, without_meat, base=base)
    meat = site_pair(diff, "Why should raw meat")
    assert (meat.cls, meat.upstream) == ("upstream-changed", None)  # not a merge-back candidate
    assert site_pair(diff, "Why keep cleaning chemicals").cls == "site-only"

    site_without_rice = SITE.replace(
        '??? question "Q: How long can cooked rice stay at room temperature?"', "Rice:"
    )
    diff = run_diff(site_without_rice, UPSTREAM, base=base)
    (rice,) = [p for p in diff.pairs if p.upstream and p.upstream.text.startswith("How long")]
    assert (rice.cls, rice.site) == ("site-changed", None)
    assert upstream_pair(diff, "How often should a pantry").cls == "upstream-only"
