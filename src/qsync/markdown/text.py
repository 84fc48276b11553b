"""Plain text and links out of mistune tokens."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

Token = dict[str, Any]
_CONTAINERS = {
    "list": "\n",
    "list_item": "\n",
    "block_quote": "\n\n",
    "table": "\n",
    "table_head": " | ",
    "table_body": "\n",
    "table_row": " | ",
}


def inline_text(tokens: Iterable[Token]) -> str:
    """The text a reader sees in a run of inline tokens (emphasis, links and code unwrapped)."""
    out: list[str] = []
    for tok in tokens:
        kind = tok["type"]
        if kind in ("text", "codespan", "inline_html"):
            out.append(tok.get("raw", ""))
        elif kind in ("softbreak", "linebreak"):
            out.append(" ")
        elif "children" in tok:
            out.append(inline_text(tok["children"]))
    return "".join(out)


def plain_text(tokens: Iterable[Token], sep: str = "\n\n") -> str:
    """Block-level plain text: paragraphs apart by a blank line, list items by a newline."""
    parts: list[str] = []
    for tok in tokens:
        kind = tok["type"]
        if kind in _CONTAINERS:
            parts.append(plain_text(tok.get("children", ()), _CONTAINERS[kind]))
        elif kind == "block_code":
            parts.append(tok.get("raw", "").rstrip("\n"))
        elif kind == "block_html":
            parts.append(tok.get("raw", "").strip())
        elif kind in ("paragraph", "heading", "block_text", "table_cell"):
            parts.append(inline_text(tok.get("children", ())))
    return sep.join(p for p in parts if p)


def iter_links(tokens: Iterable[Token]) -> Iterator[tuple[str, str, bool]]:
    """(text, url, is_image) for every link and image, in document order."""
    for tok in tokens:
        kind = tok["type"]
        if kind in ("link", "image"):
            attrs = tok.get("attrs", {})
            yield inline_text(tok.get("children", ())), attrs.get("url", ""), kind == "image"
        if "children" in tok:
            yield from iter_links(tok["children"])
