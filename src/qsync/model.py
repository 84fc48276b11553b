"""The typed model of a Q&A page: frozen, position-aware, and convertible to and from JSON.

Everything here is plain data. A page keeps the exact text of everything that is not a
question (``Block.raw``) and, for each question, its fields plus the ``Layout`` that says how
it was written, so that rendering the model gives the source back byte for byte.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

Dialect = Literal["site", "upstream"]
QuestionKind = Literal["question", "scenario", "prompt"]
DIALECTS: tuple[Dialect, ...] = ("site", "upstream")
PAGE_SCHEMA_ID = "qsync.page/1"


@dataclass(frozen=True, slots=True)
class Span:
    """A source range, 1-based; ``end_col`` is the column just after the last character."""

    start_line: int
    start_col: int
    end_line: int
    end_col: int

    def slice(self, text: str) -> str:
        """The text this span covers in ``text`` (LF line endings)."""
        lines = text.split("\n")[self.start_line - 1 : self.end_line]
        if not lines:
            return ""
        lines[-1] = lines[-1][: self.end_col - 1]
        lines[0] = lines[0][self.start_col - 1 :]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    target: str
    line: int
    col: int
    end_col: int
    image: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """How a question is written: head line, then ``gap`` (blank lines), then indented answer."""

    head_before: str
    head_after: str
    number_suffix: str = ""
    gap: str = ""
    indent: str = ""
    # Answer line index -> the exact source line, where it is not indent + answer line
    # (a blank line holding spaces, a tab where the block is indented with spaces).
    raw_lines: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: QuestionKind
    number: int | None
    text: str
    answer: str
    answer_text: str
    links: tuple[Link, ...]
    span: Span
    layout: Layout


@dataclass(frozen=True, slots=True)
class Section:
    """A ``##`` section; ``title`` is None for questions that stand before any section."""

    title: str | None
    level: int
    anchor: str | None
    span: Span
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """An admonition that is not a question (``!!! tip "Before you start"``)."""

    marker: str
    type: str
    title: str | None
    body: str
    links: tuple[Link, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class LinkList:
    """A section made only of a list of links, such as "Practice Next"."""

    title: str
    anchor: str | None
    items: tuple[Link, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class TocEntry:
    number: int | None
    text: str
    target: str
    level: int
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Intro:
    text: str
    links: tuple[Link, ...]
    span: Span | None


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something the parser noticed but could not classify or that MkDocs would misread."""

    line: int
    col: int
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the page in order: verbatim text, or a reference to a question."""

    raw: str | None = None
    question: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    dialect: Dialect
    sha256: str
    newline: str = "\n"
    bom: bool = False
    final_newline: bool = True
    # 0-based indexes of lines ending in CRLF when a file mixes line endings.
    crlf_lines: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    source: Source
    title: str | None
    intro: Intro
    sections: tuple[Section, ...]
    notes: tuple[Note, ...] = ()
    link_lists: tuple[LinkList, ...] = ()
    toc: tuple[TocEntry, ...] = ()
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    footer: str | None = None
    warnings: tuple[Diagnostic, ...] = ()
    blocks: tuple[Block, ...] = field(default=())

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


def page_to_dict(page: Page) -> dict[str, Any]:
    """The JSON form of a page, stamped with its schema id."""
    data = {"schema": PAGE_SCHEMA_ID}
    data.update(_to_jsonable(page))
    return data


def page_from_dict(data: dict[str, Any]) -> Page:
    body = {k: v for k, v in data.items() if k != "schema"}
    return _from_jsonable(Page, body)


def _to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_to_jsonable(v) for v in value]
    return value


T = TypeVar("T")
_HINTS: dict[type, dict[str, Any]] = {}


def _from_jsonable(cls: type[T], data: Any) -> T:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    kwargs = {name: _convert(hints[name], data[name]) for name in hints if name in data}
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, v) for v in value)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner, value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _from_jsonable(hint, value)
    return value
