"""--format junit: a test case per file and rule; errors fail, warnings are output."""

from __future__ import annotations

import io
from xml.etree import ElementTree as ET

from tests.lint.helpers import sample_result

from qsync.report.lint_junit import report


def test_junit_report() -> None:
    out = io.StringIO()
    report(sample_result(), out)
    root = ET.fromstring(out.getvalue())
    assert root.tag == "testsuites" and root.get("failures") == "1"
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    assert set(cases) == {
        ("docs/rules/qs202-fires.md", "QS202 broken-anchor"),
        ("docs/rules/qs207-fires.md", "QS207 unlinked-page-title"),
        ("docs/rules/qs101-passes.md", "qsync lint"),
    }
    failure = cases[("docs/rules/qs202-fires.md", "QS202 broken-anchor")].find("failure")
    assert failure is not None and failure.get("type") == "QS202"
    assert failure.text is not None and failure.text.count("\n") == 2  # three findings
    warning = cases[("docs/rules/qs207-fires.md", "QS207 unlinked-page-title")]
    assert warning.find("failure") is None
    assert "Knife Handling" in (warning.findtext("system-out") or "")
    assert root.get("tests") == "3"
