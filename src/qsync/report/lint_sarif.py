"""``--format sarif``: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDEs).

Rules carry their metadata and help; results carry stable partialFingerprints keyed on the
question id when the finding is inside a question, so moving a question does not reopen
its alerts.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from qsync.results.lint import Finding, LintResult, RuleMeta

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/jassics/qsync"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_LINE_NUMBER = re.compile(r"\bline \d+")


def pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _rule(r: RuleMeta) -> dict[str, Any]:
    return {
        "id": r.code,
        "name": pascal(r.name),
        "shortDescription": {"text": _sentence(r.description)},
        "fullDescription": {"text": _sentence(r.description)},
        "help": {"text": r.doc, "markdown": r.doc},
        "helpUri": r.url,
        "defaultConfiguration": {"level": _LEVEL[r.severity]},
        "properties": {"tags": list(r.tags), "precision": "very-high", "qsyncName": r.name},
    }


def _artifact(path: str) -> dict[str, str]:
    """Relative to the source root, as code scanning needs; a file outside it as a file URI."""
    if PurePosixPath(path).is_absolute():
        return {"uri": PurePosixPath(path).as_uri()}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def _fingerprint(f: Finding, seen: Counter[str]) -> str:
    anchor = f.question or "page"
    key = f"{f.code}|{f.path}|{anchor}|{_LINE_NUMBER.sub('line', f.message)}"
    seen[key] += 1
    return hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest()[:32]


def _result(f: Finding, index: int, seen: Counter[str]) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": f.line, "startColumn": f.col}
    if f.end_line is not None and f.end_col is not None and f.end_col > f.col:
        region.update(endLine=f.end_line, endColumn=f.end_col)
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": _sentence(f.message)},
        "locations": [
            {"physicalLocation": {"artifactLocation": _artifact(f.path), "region": region}}
        ],
        "partialFingerprints": {"qsyncFinding/v1": _fingerprint(f, seen)},
    }
    if f.question:
        result["properties"] = {"question": f.question}
    return result


def document(result: LintResult) -> dict[str, Any]:
    rules = list(result.rules)
    known = {r.code for r in rules}
    index = {r.code: k for k, r in enumerate(rules)}
    seen: Counter[str] = Counter()
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "qsync",
                        "version": result.version,
                        "semanticVersion": result.version,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(f, index[f.code], seen) for f in result.findings if f.code in known
                ],
            }
        ],
    }


def report(result: LintResult, stream: TextIO) -> None:
    stream.write(json.dumps(document(result), indent=2, ensure_ascii=False) + "\n")
