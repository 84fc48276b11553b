"""Small helpers rules share: shortening text for messages, walking answer lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qsync.model import Question

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def answer_lines(q: Question) -> Iterator[tuple[int, int, str]]:
    """(source line, column offset, text) of each answer line outside code fences.

    Site answers are de-indented; the offset is the indent that was removed.
    """
    first = q.span.start_line + len(q.layout.gap)
    indent = len(q.layout.indent)
    for k, line in prose_lines(q.answer.split("\n")):
        yield first + k, indent, line


def prose_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(1-based line, text) of every line outside fenced code."""
    fence: str | None = None
    for i, line in enumerate(lines):
        if "`" in line or "~" in line:
            m = _FENCE.match(line)
            if fence is not None:
                if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                    fence = None
                continue
            if m:
                fence = m.group(1)
                continue
        if fence is None:
            yield i + 1, line
