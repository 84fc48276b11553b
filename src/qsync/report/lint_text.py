"""``--format text``: ``path:line:col: QS202 message [rule-name]`` per finding; on a terminal,
grouped by file and coloured (never when NO_COLOR is set)."""

from __future__ import annotations

import os
from itertools import groupby
from typing import TextIO

from qsync.results.lint import Finding, LintResult

_COLOURS = {"error": "31", "warning": "33", "info": "36"}


def use_colour(stream: TextIO) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if colour else text


def line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.col}: {f.code} {f.message} [{f.name}]"


def summary(result: LintResult) -> str:
    files = len(result.files)
    parts = [
        f"{result.count('error')} error{'s' * (result.count('error') != 1)}",
        f"{result.count('warning')} warning{'s' * (result.count('warning') != 1)}",
    ]
    if result.count("info"):
        parts.append(f"{result.count('info')} info")
    fixed = (
        f"; fixed {len(result.fixed)} file{'s' * (len(result.fixed) != 1)}" if result.fixed else ""
    )
    return f"{', '.join(parts)} in {files} file{'s' * (files != 1)}{fixed}"


def report(result: LintResult, stream: TextIO) -> None:
    colour = use_colour(stream)
    if not colour:
        for f in result.findings:
            stream.write(line(f) + "\n")
        stream.write(summary(result) + "\n")
        return
    for path, group in groupby(result.findings, key=lambda f: f.path):
        stream.write(_paint(path, "1;4", True) + "\n")
        for f in group:
            where = f"{f.line}:{f.col}".ljust(8)
            level = _paint(f.severity.ljust(7), _COLOURS[f.severity], True)
            stream.write(f"  {where} {level} {_paint(f.code, '1', True)} {f.message} ")
            stream.write(_paint(f"[{f.name}]", "2", True) + "\n")
        stream.write("\n")
    tone = "31" if result.errors else "32"
    stream.write(_paint(summary(result), f"1;{tone}", True) + "\n")
