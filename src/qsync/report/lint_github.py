"""``--format github``: workflow commands GitHub Actions turns into annotations, and a
Markdown summary appended to ``$GITHUB_STEP_SUMMARY`` when it is set.

GitHub keeps 10 annotations of each level per step and 50 per job; every finding is still
printed (the log keeps them) and listed in the summary, which stays under GitHub's 1 MiB.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from qsync.results.lint import Finding, LintResult

SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024  # GitHub's 1 MiB, with room for a step's other output
_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    props = [f"file={escape_property(f.path)}", f"line={f.line}", f"col={f.col}"]
    if f.end_line is not None and f.end_line == f.line and f.end_col is not None:
        props += [f"endLine={f.end_line}", f"endColumn={f.end_col}"]
    props.append(f"title={escape_property(f'{f.code} {f.name}')}")
    return f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(f.message)}"


def _cell(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")


def summary_markdown(result: LintResult, limit: int = SUMMARY_LIMIT) -> str:
    errors, warnings, info = (result.count(s) for s in ("error", "warning", "info"))
    mark = "❌" if errors else "✅"
    head = [
        f"## {mark} qsync lint",
        "",
        f"{errors} errors, {warnings} warnings, {info} info in {len(result.files)} files.",
        "",
    ]
    if not result.findings:
        return "\n".join(head) + "\n"
    head += ["| File | Line | Rule | Severity | Message |", "|---|---|---|---|---|"]
    text = "\n".join(head) + "\n"
    size = len(text.encode("utf-8"))
    for k, f in enumerate(result.findings):
        row = (
            f"| `{_cell(f.path)}` | {f.line}:{f.col} | {f.code} {f.name} | {f.severity} "
            f"| {_cell(f.message)} |\n"
        )
        cost = len(row.encode("utf-8"))
        if size + cost + 200 > limit:
            text += f"\n… and {len(result.findings) - k} more findings (see the job log).\n"
            break
        text += row
        size += cost
    return text


def report(result: LintResult, stream: TextIO) -> None:
    for f in result.findings:
        stream.write(command(f) + "\n")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with Path(target).open("a", encoding="utf-8") as handle:
            handle.write(summary_markdown(result))
