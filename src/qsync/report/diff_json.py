"""The diff report as a JSON document (``qsync.diff-report/1``, schema/diff-report.schema.json).

Each page's ``source`` block says where upstream was read (GitHub or git, the commit, the
location); the rest of the document depends only on the text read, so two readers of the
same commit give the same document but for that block.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, TextIO

from qsync.results.diff import (
    DIFF_REPORT_SCHEMA,
    PAIR_CLASSES,
    Closest,
    DiffReport,
    PageDiff,
    Pair,
    QuestionRef,
    Scores,
)


def report(result: DiffReport, stream: TextIO) -> None:
    stream.write(render(result))


def render(report: DiffReport) -> str:
    """The document as JSON text, checked against its schema first."""
    from qsync import schema

    document = diff_document(report)
    schema.check(document, "diff report")
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def diff_document(report: DiffReport) -> dict[str, Any]:
    t = report.thresholds
    return {
        "schema": DIFF_REPORT_SCHEMA,
        "tool": {"name": "qsync", "version": report.version},
        "thresholds": {
            "identical": t.identical,
            "changed": t.changed,
            "related": t.related,
            "question_weight": t.question_weight,
        },
        "summary": {
            "pages": len(report.pages),
            "counts": {cls: report.count(cls) for cls in PAIR_CLASSES},
            "findings": sum(len(p.findings) for p in report.pages),
            "differences": report.differences,
        },
        "pages": [_page(page) for page in report.pages],
    }


def _page(page: PageDiff) -> dict[str, Any]:
    s, u, c = page.source, page.upstream, page.claim
    return {
        "site": {"path": page.site_path, "questions": page.site_questions},
        "source": asdict(s),
        "upstream": {
            "state": u.state,
            "title": u.title,
            "questions": u.questions,
            "scenarios": u.scenarios,
        },
        "claim": None
        if c is None
        else {"says": c.says, "sentence": c.sentence, "line": c.line, "holds": c.holds},
        "base": None
        if page.base is None
        else {"commit": page.base.commit, "recorded_at": page.base.recorded_at},
        "counts": {cls: page.count(cls) for cls in PAIR_CLASSES},
        "findings": [
            {"code": f.code, "path": f.path, "line": f.line, "message": f.message}
            for f in page.findings
        ],
        "pairs": [_pair(p) for p in page.pairs],
    }


def _pair(pair: Pair) -> dict[str, Any]:
    return {
        "class": pair.cls,
        "site": _fields(pair.site),
        "upstream": _fields(pair.upstream),
        "scores": _fields(pair.scores),
        "moved": pair.moved,
        "closest": _fields(pair.closest),
    }


def _fields(record: QuestionRef | Scores | Closest | None) -> dict[str, Any] | None:
    """A result record as JSON: its fields, nested records included (schema names them alike)."""
    return None if record is None else asdict(record)
