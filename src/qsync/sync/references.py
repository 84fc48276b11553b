""" "Q15", "Q6/Q16", "Q26–27": how upstream prose refers to its numbered questions."""

from __future__ import annotations

import re
from collections.abc import Mapping

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# Q26–27 is a range: both ends are question numbers.
_REFERENCE = re.compile(r"(?<![\w])Q(\d+)(?:([–-])(\d+))?(?![\w])")


def rewrite_references(lines: list[str], numbers: Mapping[int, int]) -> list[str]:
    """``lines`` with every reference to a renumbered question pointing at its new number.

    Code fences are left alone: a ``Q3`` there is code, not a reference.
    """
    if not numbers:
        return list(lines)
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if m:
            fence = m.group(1)
            out.append(line)
            continue
        out.append(_REFERENCE.sub(lambda r: _renumber(r, numbers), line) if "Q" in line else line)
    return out


def _renumber(ref: re.Match[str], numbers: Mapping[int, int]) -> str:
    text = "Q" + _number(ref.group(1), numbers)
    if ref.group(3) is not None:
        text += ref.group(2) + _number(ref.group(3), numbers)
    return text


def _number(digits: str, numbers: Mapping[int, int]) -> str:
    new = numbers.get(int(digits))
    return digits if new is None else str(new)
