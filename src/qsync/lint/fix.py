"""Applying fixes: edits to the text, a re-parse that proves only the intended parts
changed, then an atomic write."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterable

from qsync.dialects import parse_source, render
from qsync.errors import InputError
from qsync.markdown.blocks import line_starts
from qsync.markdown.source import SourceText, restore
from qsync.model import Page, Question
from qsync.results.lint import Edit


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, tuple[Edit, ...]]:
    """``text`` with ``edits`` applied; an edit overlapping an earlier one waits for a later pass."""
    starts = line_starts(text)

    def offset(line: int, col: int) -> int:
        return min(starts[line - 1] + col - 1, len(text)) if line <= len(starts) else len(text)

    placed = sorted(
        {(offset(e.line, e.col), offset(e.end_line, e.end_col), e) for e in edits},
        key=lambda p: (p[0], p[1]),
    )
    parts: list[str] = []
    applied: list[Edit] = []
    cursor = 0
    for start, end, edit in placed:
        if start < cursor:
            continue
        parts.append(text[cursor:start])
        parts.append(edit.text)
        applied.append(edit)
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts), tuple(applied)


def reparse(source: SourceText, text: str, page: Page) -> tuple[SourceText, Page]:
    """The fixed text parsed again; refuses (InputError) when it changed what no edit touched."""
    path = page.source.path
    raw = restore(text, source.newline, source.bom, source.final_newline, source.crlf_lines)
    new_source = dataclasses.replace(
        source, text=text, sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest()
    )
    new_page = parse_source(new_source, path, page.source.dialect)
    if render(new_page) != raw:
        raise InputError(
            "refusing to write the fix: the result would not read back byte for byte", path=path
        )
    return new_source, new_page


def check_untouched(old: Page, new: Page, edits: tuple[Edit, ...]) -> None:
    """Every question no edit touched reads back the same, and none appears or disappears."""
    path = old.source.path
    if len(old.questions) != len(new.questions):
        raise InputError(
            f"refusing to write the fix: it would change the number of questions "
            f"({len(old.questions)} -> {len(new.questions)})",
            path=path,
        )
    touched = [(e.line, e.end_line) for e in edits]

    def untouched(start: int, end: int) -> bool:
        return all(b < start or a > end for a, b in touched)

    def key(q: Question) -> tuple[str, str, str]:
        return (q.kind, q.text, q.answer)

    before = Counter(key(q) for q in old.questions if untouched(q.span.start_line, q.span.end_line))
    after = Counter(key(q) for q in new.questions)
    lost = before - after
    if lost:
        kind, text, _ = next(iter(lost))
        raise InputError(
            f"refusing to write the fix: it would change the {kind} '{text[:60]}'", path=path
        )
