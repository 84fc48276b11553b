"""The JSON diff report: schema-checked, stable, every pair with its scores."""

from __future__ import annotations

import json

import pytest
from tests.diff.helpers import fixture, run_diff

from qsync.errors import InputError
from qsync.report import diff_json
from qsync.results.diff import DiffReport, Thresholds
from qsync.schema import schema_errors

PAGE = run_diff(fixture("site/pantry-security.md"), fixture("upstream/pantry-security.md"))
REPORT = DiffReport((PAGE,), Thresholds(), "0.1.0")


def test_the_document_matches_its_schema_and_carries_every_score():
    document = json.loads(diff_json.render(REPORT))
    assert document["schema"] == "qsync.diff-report/1"
    assert schema_errors(document) == []
    assert document["thresholds"] == {
        "identical": 97.0,
        "changed": 85.0,
        "related": 55.0,
        "question_weight": 0.6,
    }
    pairs = document["pages"][0]["pairs"]
    assert all(p["scores"] for p in pairs if p["site"] and p["upstream"])
    assert all(p["closest"]["scores"] for p in pairs if not (p["site"] and p["upstream"]))
    assert document["summary"]["counts"]["identical"] == 4
    assert document["summary"]["differences"] is True


def test_rendering_twice_gives_the_same_text():
    assert diff_json.render(REPORT) == diff_json.render(REPORT)


def test_a_document_that_breaks_the_schema_is_refused_before_writing():
    broken = DiffReport((PAGE,), Thresholds(question_weight=1.5), "0.1.0")
    with pytest.raises(InputError, match="question_weight"):
        diff_json.render(broken)
