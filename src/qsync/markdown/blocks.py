"""Top-level Markdown blocks with their source lines.

mistune's AST carries no positions (lepture/mistune#218). The block parser reads the source
with a cursor, so a state that stamps the cursor on every top-level token it appends gives
each block its exact start; a block ends where the next one starts.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, cast

import mistune
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.plugins import import_plugin

Token = dict[str, Any]
PLUGINS = ("table", "strikethrough", "url")
_CONTAINERS = frozenset({"list", "block_quote"})


class _PositionedState(BlockState):  # type: ignore[misc]
    match_start: int | None = None

    def append_token(self, token: Token) -> None:
        if self.parent is None:
            container = self.match_start is not None and token["type"] in _CONTAINERS
            token["_start"] = self.match_start if container else self.cursor
        self.tokens.append(token)

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        if last and last["type"] == "paragraph":
            last["text"] += text
        else:
            self.append_token({"type": "paragraph", "text": text})


class _PositionedBlockParser(BlockParser):  # type: ignore[misc]
    """Lists and quotes append their token only once parsed: remember where they began."""

    def parse_list(self, m: Any, state: BlockState) -> int:
        return self._stamped(super().parse_list, m, state)

    def parse_block_quote(self, m: Any, state: BlockState) -> int:
        return self._stamped(super().parse_block_quote, m, state)

    @staticmethod
    def _stamped(parse: Any, m: Any, state: Any) -> int:
        if state.parent is not None:
            return parse(m, state)  # type: ignore[no-any-return]
        start = state.match_start = m.start()
        try:
            return parse(m, state)  # type: ignore[no-any-return]
        finally:
            state.match_start = None
            # A list that ends at a blank line is inserted behind the blank line's token.
            for tok in state.tokens[-3:]:
                tok.setdefault("_start", start)


def new_parser(positions: bool = True) -> mistune.Markdown:
    """A mistune parser that returns the AST, with the GFM extensions GitHub and MkDocs share."""
    block = _PositionedBlockParser() if positions else BlockParser()
    plugins = [import_plugin(name) for name in PLUGINS]
    return mistune.Markdown(renderer=None, block=block, plugins=plugins)


_PARSER = new_parser()


@dataclass(frozen=True, slots=True)
class MdBlock:
    """A top-level block: its mistune token and lines ``start``..``end`` (0-based, end exclusive).

    Blank lines a block swallowed at its end are not part of it.
    """

    type: str
    start: int
    end: int
    token: Token


def line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def parse_blocks(text: str) -> list[MdBlock]:
    """Parse LF-terminated ``text`` into top-level blocks with line ranges."""
    if not text:
        return []
    state = _PositionedState()
    # mistune turns a lone CR into a line break; a space keeps every offset where it was.
    src = text.replace("\r", " ") if "\r" in text else text
    parsed, _ = _PARSER.parse(src, state)
    tokens = cast(list[Token], parsed)
    starts = line_starts(text)
    n_lines = len(starts) - 1 if text.endswith("\n") else len(starts)
    blocks: list[MdBlock] = []
    offsets = [tok.get("_start", 0) for tok in tokens]
    for i, tok in enumerate(tokens):
        start_line = bisect_right(starts, offsets[i]) - 1
        if i + 1 < len(tokens):
            end_line = bisect_right(starts, offsets[i + 1] - 1) if offsets[i + 1] > 0 else 0
        else:
            end_line = n_lines
        end_line = max(end_line, start_line + 1)
        if tok["type"] != "blank_line":
            while end_line > start_line + 1 and _is_blank(text, starts, end_line - 1):
                end_line -= 1
        blocks.append(MdBlock(tok["type"], start_line, end_line, tok))
    return blocks


def _is_blank(text: str, starts: list[int], line: int) -> bool:
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    return not text[starts[line] : end].strip()


def parse_tokens(text: str) -> list[Token]:
    """The plain mistune AST of ``text`` (no positions)."""
    tokens, _ = _PARSER.parse(text)
    return cast(list[Token], tokens)
