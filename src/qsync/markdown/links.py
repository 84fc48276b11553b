"""Source positions for the links mistune found.

mistune says which links a text has (so code spans, escapes and emphasis are handled as a
renderer handles them); this module finds where each one is written, in document order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from urllib.parse import quote, unquote

from qsync.markdown.blocks import line_starts
from qsync.model import Link


def _variants(url: str) -> list[str]:
    seen = [url]
    for v in (unquote(url), quote(url, safe=":/?#[]@!$&'()*+,;=%~"), url.replace("&", "&amp;")):
        if v and v not in seen:
            seen.append(v)
    return seen


def _open_bracket(text: str, close: int) -> int:
    """The ``[`` that matches the ``]`` at ``close``."""
    depth = 0
    for i in range(close, -1, -1):
        ch = text[i]
        if ch == "]" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch == "[" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return i
    return close


def _find(text: str, url: str, label: str, cursor: int) -> tuple[int, int] | None:
    empty = f"[{label}]()"
    if not url:
        pos = text.find(empty, cursor)
        if pos != -1:
            return pos, pos + len(empty)
    for variant in _variants(url) if url else ():
        pos = text.find(variant, cursor)
        while pos != -1:
            end = pos + len(variant)
            if text.startswith("](<", pos - 3):
                close = text.find(")", end)
                return _open_bracket(text, pos - 3), (close + 1 if close != -1 else end)
            if text.startswith("](", pos - 2):
                close = text.find(")", end)
                return _open_bracket(text, pos - 2), (close + 1 if close != -1 else end)
            if pos > 0 and text[pos - 1] == "<":
                return pos - 1, end + 1
            line_start = text.rfind("\n", 0, pos) + 1
            if not text.startswith("[", line_start):  # not a reference definition
                return pos, end
            pos = text.find(variant, max(end, pos + 1))
    if label:
        pos = text.find(f"[{label}]", cursor)
        if pos != -1:
            return pos, pos + len(label) + 2
    return None


def locate_links(
    found: Iterable[tuple[str, str, bool]],
    text: str,
    first_line: int,
    col_offset: int = 0,
) -> tuple[Link, ...]:
    """Position each (label, url, image) of ``found`` in ``text``, whose first line is ``first_line``.

    ``col_offset`` is the indentation that was removed from every line of ``text``.
    """
    starts = line_starts(text)
    links: list[Link] = []
    cursor = 0
    for label, url, image in found:
        hit = _find(text, url, label, cursor)
        if hit is None:
            links.append(Link(label, url, first_line, 1 + col_offset, 1 + col_offset, image))
            continue
        start, end = hit
        if image and start > 0 and text[start - 1] == "!":
            start -= 1
        row = bisect_right(starts, start) - 1
        end_row = bisect_right(starts, max(end - 1, start)) - 1
        col = start - starts[row] + 1 + col_offset
        end_col = end - starts[end_row] + 1 + col_offset if end_row == row else col + 1
        links.append(Link(label, url, first_line + row, col, end_col, image))
        cursor = end
    return tuple(links)
