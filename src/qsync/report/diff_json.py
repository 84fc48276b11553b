"""The diff report as a JSON document (``qsync.diff-report/1``, schema/diff-report.schema.json).

Each page's ``source`` block says where upstream was read (GitHub or git, the commit, the
location); the rest of the document depends only on the text read, so two readers of the
same commit give the same document but for that block.
"""

from __future__ import annotations

import json
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
        "source": {
            "kind": s.kind,
            "repo": s.repo,
            "path": s.path,
            "ref": s.ref,
            "commit": s.commit,
            "location": s.location,
        },
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
        "site": _question(pair.site),
        "upstream": _question(pair.upstream),
        "scores": _scores(pair.scores),
        "moved": pair.moved,
        "closest": _closest(pair.closest),
    }


def _question(q: QuestionRef | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {
        "id": q.id,
        "kind": q.kind,
        "number": q.number,
        "section": q.section,
        "line": q.line,
        "text": q.text,
        "answer": q.answer,
        "hash": q.hash,
    }


def _scores(scores: Scores | None) -> dict[str, float] | None:
    if scores is None:
        return None
    return {"question": scores.question, "answer": scores.answer, "combined": scores.combined}


def _closest(closest: Closest | None) -> dict[str, Any] | None:
    if closest is None:
        return None
    return {
        "id": closest.id,
        "kind": closest.kind,
        "number": closest.number,
        "text": closest.text,
        "scores": _scores(closest.scores),
    }
