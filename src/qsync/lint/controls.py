"""Inline control comments: ``<!-- qsync-disable QS201 -->``, ``<!-- qsync-enable -->``,
``<!-- qsync-disable-next-line QS201 -->`` and ``<!-- qsync-disable-line QS201 -->``.

Codes may be rule ids or names; no codes means every rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_CONTROL = re.compile(r"<!--\s*qsync-(disable-next-line|disable-line|disable|enable)\b(.*?)-->")
ALL = "*"


@dataclass(frozen=True, slots=True)
class Suppressions:
    """Line ranges (inclusive) where a code, or every code (``*``), is switched off."""

    ranges: tuple[tuple[str, int, int], ...] = ()

    def hides(self, code: str, line: int) -> bool:
        return any(c in (code, ALL) and start <= line <= end for c, start, end in self.ranges)


def parse_controls(lines: list[str], codes: Mapping[str, str]) -> Suppressions:
    """The suppressions written in ``lines``; ``codes`` maps names and ids to ids."""
    ranges: list[tuple[str, int, int]] = []
    open_since: dict[str, int] = {}
    end = len(lines) + 1
    for i, line in enumerate(lines, 1):
        if "qsync-" not in line:
            continue
        for m in _CONTROL.finditer(line):
            action = m.group(1)
            named = [codes.get(w, codes.get(w.upper(), w.upper())) for w in m.group(2).split()]
            targets = named or [ALL]
            if action == "disable-next-line":
                ranges.extend((c, i + 1, i + 1) for c in targets)
            elif action == "disable-line":
                ranges.extend((c, i, i) for c in targets)
            elif action == "disable":
                for c in targets:
                    open_since.setdefault(c, i)
            else:
                for c in named or list(open_since):
                    if c in open_since:
                        ranges.append((c, open_since.pop(c), i))
    ranges.extend((c, start, end) for c, start in open_since.items())
    return Suppressions(tuple(ranges))
