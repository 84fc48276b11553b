"""What both dialects share: question ids, block assembly, rendering a question."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from qsync.markdown.blocks import MdBlock, parse_tokens
from qsync.markdown.links import locate_links
from qsync.markdown.text import inline_text, iter_links, plain_text
from qsync.model import Block, Link, Question, QuestionKind, Span

_ID_PREFIX = {"question": "q", "scenario": "s", "prompt": "p"}
_WORDS = re.compile(r"[^\w]+")
_NO_LINKS = frozenset({"blank_line", "thematic_break", "block_code"})


def normalise_question(text: str) -> str:
    """Question text reduced to lowercase words: no ``Q:``, numbering, Markdown or punctuation."""
    text = re.sub(r"^\s*(q:|q\d+[.:]|\d+[.)])\s*", "", text, flags=re.IGNORECASE)
    text = unicodedata.normalize("NFKC", text).lower().replace("_", " ")
    return " ".join(_WORDS.sub(" ", text).split())


class IdMaker:
    """Stable question ids: a hash of the normalised text, so renumbering keeps them."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def make(self, kind: QuestionKind, text: str) -> str:
        digest = hashlib.sha256(normalise_question(text).encode()).hexdigest()[:10]
        base = f"{_ID_PREFIX[kind]}-{digest}"
        count = self._seen.get(base, 0) + 1
        self._seen[base] = count
        return base if count == 1 else f"{base}-{count}"


def front_matter_end(lines: list[str]) -> int:
    """Lines taken by a YAML front matter block (``---`` … ``---``) at the top, else 0.

    MkDocs (meta) and GitHub both read it as metadata, not Markdown.
    """
    if not lines or lines[0].rstrip() != "---":
        return 0
    for i in range(1, min(len(lines), 200)):
        if lines[i].rstrip() in ("---", "..."):
            return i + 1
    return 0


def masked_text(lines: list[str], ranges: Iterable[tuple[int, int]]) -> str:
    """The text with the lines of each (start, end) range blanked, so line numbers stay put."""
    masked = list(lines)
    for start, end in ranges:
        masked[start:end] = [""] * (end - start)
    return "".join(line + "\n" for line in masked)


def render_question(q: Question) -> str:
    """The exact Markdown of a question: its head line, then its (indented) answer."""
    layout = q.layout
    number = "" if q.number is None else str(q.number)
    head = f"{layout.head_before}{number}{layout.number_suffix}{q.text}{layout.head_after}\n"
    if not q.answer and not layout.raw_lines:
        return head
    verbatim = dict(layout.raw_lines)
    body = [
        verbatim.get(i, layout.indent + line if line else "")
        for i, line in enumerate(q.answer.split("\n"))
    ]
    return head + layout.gap + "\n".join(body) + "\n"


def assemble_blocks(lines: list[str], questions: Iterable[Question]) -> tuple[Block, ...]:
    """The page as raw text between questions; ``lines`` are the source lines (no newlines)."""
    blocks: list[Block] = []
    cursor = 0
    for q in sorted(questions, key=lambda q: q.span.start_line):
        start, end = q.span.start_line - 1, q.span.end_line
        if start > cursor:
            blocks.append(Block(raw="".join(line + "\n" for line in lines[cursor:start])))
        blocks.append(Block(question=q.id))
        cursor = end
    if cursor < len(lines):
        blocks.append(Block(raw="".join(line + "\n" for line in lines[cursor:])))
    return tuple(blocks)


def block_span(lines: list[str], start: int, end: int) -> Span:
    """The span of 0-based lines ``start``..``end`` (exclusive) as a 1-based Span."""
    last = end - 1
    return Span(start + 1, 1, last + 1, len(lines[last]) + 1)


def block_links(block: MdBlock, lines: list[str]) -> tuple[Link, ...]:
    if block.type in _NO_LINKS:
        return ()
    found = list(iter_links([block.token]))
    if not found:
        return ()
    text = "\n".join(lines[block.start : block.end])
    return locate_links(found, text, block.start + 1)


def answer_fields(answer: str, first_line: int, indent: int) -> tuple[str, tuple[Link, ...]]:
    """Plain text and positioned links of a de-indented answer starting at ``first_line``."""
    if not answer.strip():
        return "", ()
    tokens = parse_tokens(answer + "\n")
    links = locate_links(iter_links(tokens), answer, first_line, indent)
    return plain_text(tokens), links


def heading_text(block: MdBlock) -> str:
    return inline_text(block.token.get("children", ())).strip()
