"""``--format json``: the lint report, checked against schema/lint-report.schema.json."""

from __future__ import annotations

import json
from typing import Any, TextIO

from qsync import schema
from qsync.results.lint import LINT_REPORT_SCHEMA, Finding, LintResult, RuleMeta


def _rule(r: RuleMeta) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": r.name,
        "severity": r.severity,
        "fixable": r.fixable,
        "tags": list(r.tags),
        "description": r.description,
        "url": r.url,
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "path": f.path,
        "line": f.line,
        "col": f.col,
        "end_line": f.end_line,
        "end_col": f.end_col,
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "question": f.question,
        "fix": [
            {
                "line": e.line,
                "col": e.col,
                "end_line": e.end_line,
                "end_col": e.end_col,
                "text": e.text,
            }
            for e in f.fix
        ],
    }


def document(result: LintResult) -> dict[str, Any]:
    return {
        "schema": LINT_REPORT_SCHEMA,
        "tool": {"name": "qsync", "version": result.version},
        "summary": {
            "files": len(result.files),
            "errors": result.count("error"),
            "warnings": result.count("warning"),
            "info": result.count("info"),
            "fixed": len(result.fixed),
        },
        "files": list(result.files),
        "fixed": list(result.fixed),
        "rules": [_rule(r) for r in result.rules],
        "findings": [_finding(f) for f in result.findings],
    }


def report(result: LintResult, stream: TextIO) -> None:
    doc = document(result)
    schema.check(doc, "lint report")  # never write a report that breaks its own schema
    stream.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
