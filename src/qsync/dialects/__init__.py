"""Reading and writing pages in the two dialects."""

from __future__ import annotations

import re
from pathlib import Path

from qsync.dialects.common import render_question
from qsync.dialects.site import ADMONITION, parse_site
from qsync.dialects.upstream import QUESTION_HEAD, SCENARIO_HEAD, parse_upstream
from qsync.errors import InputError
from qsync.markdown.source import SourceText, decode_markdown, read_markdown, restore
from qsync.model import DIALECTS, Dialect, Page

_UPSTREAM_HINT = re.compile(r"^## Table of Contents\s*$")


def detect_dialect(text: str) -> Dialect:
    """``site`` when the page has MkDocs admonitions, else ``upstream``."""
    site = upstream = 0
    for line in text.split("\n"):
        if line[:3] in ("???", "!!!") and ADMONITION.match(line):
            site += 1
        elif QUESTION_HEAD.match(line) or SCENARIO_HEAD.match(line) or _UPSTREAM_HINT.match(line):
            upstream += 1
    return "site" if site > upstream else "upstream"


def check_dialect(name: str | None) -> Dialect | None:
    if name is None:
        return None
    if name not in DIALECTS:
        raise InputError(f"unknown dialect {name!r}: expected one of {', '.join(DIALECTS)}")
    return name  # type: ignore[return-value]


def parse_source(source: SourceText, path: str, dialect: Dialect | None = None) -> Page:
    chosen = dialect or detect_dialect(source.text)
    if chosen == "site":
        return parse_site(source, path)
    return parse_upstream(source, path)


def parse_bytes(data: bytes, path: str, dialect: Dialect | None = None) -> Page:
    return parse_source(decode_markdown(data, path), path, dialect)


def parse_text(text: str, path: str = "<text>", dialect: Dialect | None = None) -> Page:
    return parse_bytes(text.encode("utf-8"), path, dialect)


def parse_file(path: Path, dialect: Dialect | None = None, display: str | None = None) -> Page:
    source, _ = read_markdown(path)
    return parse_source(source, display or str(path), dialect)


def render(page: Page) -> str:
    """The page as Markdown in its own dialect: byte for byte the source it was parsed from."""
    questions = {q.id: q for q in page.questions}
    parts: list[str] = []
    for block in page.blocks:
        if block.raw is not None:
            parts.append(block.raw)
        elif block.question is not None:
            if block.question not in questions:
                raise InputError(
                    f"block refers to unknown question {block.question!r}", path=page.source.path
                )
            parts.append(render_question(questions[block.question]))
    s = page.source
    return restore("".join(parts), s.newline, s.bom, s.final_newline, s.crlf_lines)
