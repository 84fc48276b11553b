"""--format json: the report validates against schema/lint-report.schema.json."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from tests.lint.helpers import sample_result

from qsync.errors import InputError
from qsync.report.lint_json import report
from qsync.schema import schema_errors


def test_json_report_is_valid_and_complete() -> None:
    result = sample_result()
    out = io.StringIO()
    report(result, out)
    document = json.loads(out.getvalue())
    assert schema_errors(document) == []
    assert document["schema"] == "qsync.lint-report/1"
    assert document["summary"] == {"files": 3, "errors": 3, "warnings": 2, "info": 0, "fixed": 0}
    first = document["findings"][0]
    assert first["path"] == "docs/rules/qs202-fires.md"
    assert (first["line"], first["col"], first["code"]) == (6, 1, "QS202")
    fixable = [f for f in document["findings"] if f["fix"]]
    assert fixable[0]["fix"] == [
        {
            "line": 7,
            "col": 21,
            "end_line": 7,
            "end_col": 35,
            "text": "[Knife Handling](../kitchen/knives.md)",
        }
    ]
    assert {r["code"] for r in document["rules"]} >= {"QS101", "QS207"}


def test_an_invalid_report_is_never_written() -> None:
    result = sample_result()
    broken = replace(result, findings=(replace(result.findings[0], code="X1"),))
    with pytest.raises(InputError, match="does not match its schema"):
        report(broken, io.StringIO())
