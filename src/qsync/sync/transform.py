"""A site question written for upstream.

The ``??? question`` wrapper and its indentation are gone already (``Question.answer`` is
de-indented); this module makes the answer GitHub Markdown that cannot break the upstream
file's structure: relative site links become absolute site URLs, MkDocs-only syntax is
converted (or the question is held back with a reason), and lines that upstream would read
as a rule, a heading or a question head are escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from qsync.dialects.common import render_question
from qsync.dialects.convert import as_upstream_question
from qsync.dialects.site import ADMONITION
from qsync.markdown.blocks import line_starts, parse_tokens
from qsync.markdown.links import locate_links
from qsync.markdown.source import normalise
from qsync.markdown.text import iter_links
from qsync.model import Question
from qsync.sync.urls import LinkOutsideSite, SiteUrls

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_TAB = re.compile(r'^(?P<indent>[ \t]*)===\+?[ \t]+"(?P<title>.*)"[ \t]*$')
_SNIPPET = re.compile(r"-{1,2}8<-{1,2}")
_ATTR_ITEM = r"""(?:[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+))"""
_ATTR_LIST = re.compile(rf"[ \t]*\{{:?[ \t]*{_ATTR_ITEM}(?:[ \t]+{_ATTR_ITEM})*[ \t]*\}}")
_ICON = re.compile(r"[ \t]?:(?:material|fontawesome|octicons|simple)-[\w-]+:")
_RULE = re.compile(r"^ {0,3}(?:([-*_])[ \t]*(?:\1[ \t]*){2,}|=+[ \t]*)$")
_HEADING = re.compile(r"^( {0,3})(#{1,3})(?=[ \t]|$)")
_QUESTION_LIKE = re.compile(r"^( {0,3}\*\*\d+)\.")
_DIRECTIVE = re.compile(r"^[ \t]*<!--\s*qsync-[\w-]+.*-->[ \t]*$")
_REF_DEF = re.compile(r"^(?P<head> {0,3}\[[^\]]+\]:[ \t]*<?)(?P<url>[^\s>]+)")


class HeldBackError(ValueError):
    """The question cannot be written in the upstream dialect; the message says why."""


@dataclass(frozen=True, slots=True)
class Converted:
    """A site question in upstream form (number 0 until the edit numbers it)."""

    question: Question
    notes: tuple[str, ...]


def to_upstream(question: Question, page_path: str, urls: SiteUrls) -> Converted:
    """``question`` (from the site page at ``page_path`` in docs_dir) as upstream writes it.

    Raises HeldBackError when that is impossible without losing meaning.
    """
    notes: list[str] = []
    lines = _convert_mkdocs(question.answer.split("\n"), notes)
    answer = _rewrite_links("\n".join(lines), page_path, urls)
    answer = "\n".join(_neutralise(answer.split("\n"), notes)).strip("\n")
    text = _rewrite_links(question.text, page_path, urls)
    text = _neutralise_text(text)
    upstream = as_upstream_question(replace(question, text=text, answer=answer), 1)
    _check_survives(upstream)
    return Converted(upstream, tuple(dict.fromkeys(notes)))


def _convert_mkdocs(lines: list[str], notes: list[str]) -> list[str]:
    out: list[str] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence):
                fence = None
            out.append(line)
            i += 1
            continue
        if m:
            fence = m.group("fence")
            out.append(line)
            i += 1
            continue
        if _SNIPPET.search(line):
            raise HeldBackError("uses a snippet include (--8<--), which GitHub cannot render")
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        head = ADMONITION.match(line[len(indent) :])
        tab = _TAB.match(line)
        if head is None and tab is None:
            out.append(_strip_inline(line, notes))
            i += 1
            continue
        body, i = _indented_body(lines, i + 1, indent)
        inner = _convert_mkdocs(body, notes)
        if tab is not None:
            notes.append("content tab → bold title")
            out.extend([f"{indent}**{tab.group('title')}**", ""])
            out.extend(indent + b if b else "" for b in inner)
            continue
        assert head is not None
        notes.append(f"admonition '{head.group('marker')} {head.group('type') or ''}' → blockquote")
        out.extend(_blockquote(indent, _admonition_title(head), inner))
    return out


def _indented_body(lines: list[str], start: int, indent: str) -> tuple[list[str], int]:
    """The lines under a block head at ``indent``, de-indented by one level, and where they end."""
    unit = indent + "    "
    j, last = start, start - 1
    while j < len(lines):
        line = lines[j]
        if line.strip() and not (line.startswith(unit) or line.startswith(indent + "\t")):
            break
        if line.strip():
            last = j
        j += 1
    body = [_dedent(line, indent) for line in lines[start : last + 1]]
    return body, last + 1


def _dedent(line: str, indent: str) -> str:
    if not line.strip():
        return ""
    rest = line[len(indent) :]
    return rest[1:] if rest.startswith("\t") else rest[4:]


def _admonition_title(head: re.Match[str]) -> str:
    rest = head.group("rest").strip()
    if rest.startswith('"') and rest.endswith('"') and len(rest) >= 2:
        return rest[1:-1]
    return (head.group("type") or "note").replace("-", " ").title()


def _blockquote(indent: str, title: str, body: list[str]) -> list[str]:
    quoted = [f"{indent}> **{title}**"] if title else []
    if title and body:
        quoted.append(f"{indent}>")
    quoted.extend(f"{indent}> {b}" if b else f"{indent}>" for b in body)
    return quoted


def _strip_inline(line: str, notes: list[str]) -> str:
    for pattern, note in (
        (_ATTR_LIST, "attribute list removed"),
        (_ICON, "icon shortcode removed"),
    ):
        for m in reversed(list(pattern.finditer(line))):
            if line.count("`", 0, m.start()) % 2 == 0:
                line = line[: m.start()] + line[m.end() :]
                notes.append(note)
    return line


def _rewrite_links(text: str, page_path: str, urls: SiteUrls) -> str:
    """Relative links and images made absolute site URLs, found by parsing, not by pattern."""
    if "](" not in text and "]:" not in text:
        return text
    found = list(iter_links(parse_tokens(text + "\n")))
    located = locate_links(found, text, 1)
    starts = line_starts(text)
    edits: list[tuple[int, int, str]] = []
    for (_, url, _), link in zip(found, located, strict=True):
        absolute = _absolute(url, page_path, urls)
        if absolute is None:
            continue
        begin = starts[link.line - 1] + link.col - 1
        for opener in ("](<", "]("):
            at = text.find(opener + url, begin)
            if at != -1:
                at += len(opener)
                edits.append((at, at + len(url), absolute))
                break
    for start, end, new in sorted(set(edits), reverse=True):
        text = text[:start] + new + text[end:]
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = _REF_DEF.match(line)
        if m:
            absolute = _absolute(m.group("url"), page_path, urls)
            if absolute is not None:
                lines[k] = m.group("head") + absolute + line[m.end() :]
    return "\n".join(lines)


def _absolute(url: str, page_path: str, urls: SiteUrls) -> str | None:
    try:
        return urls.absolute(url, page_path)
    except LinkOutsideSite as exc:
        raise HeldBackError(str(exc)) from None


def _neutralise(lines: list[str], notes: list[str]) -> list[str]:
    """Escape what upstream would read as structure: rules, headings, question heads, comments."""
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence):
                fence = None
            out.append(line)
            continue
        if m:
            fence = m.group("fence")
            out.append(line)
            continue
        if _DIRECTIVE.match(line):
            notes.append("qsync directive comment removed")
            continue
        escaped = _escape_structure(line)
        if escaped != line:
            notes.append("structural Markdown escaped")
        out.append(escaped)
    return out


def _escape_structure(line: str) -> str:
    if _RULE.match(line):
        stripped = line.lstrip(" ")
        return line[: len(line) - len(stripped)] + "\\" + stripped
    heading = _HEADING.match(line)
    if heading:
        return heading.group(1) + "\\" + line[heading.end(1) :]
    line = _QUESTION_LIKE.sub(r"\1\\.", line)
    return _escape_comments(line)


def _escape_comments(text: str) -> str:
    return text.replace("<!--", "&lt;!--").replace("-->", "--&gt;")


def _neutralise_text(text: str) -> str:
    """A question head is one bold line: emphasis markers inside it would end the bold early."""
    return _escape_comments(text.replace("\\*", "*").replace("*", "\\*")).strip()


def _check_survives(question: Question) -> None:
    """Parse the rendered question alone: it must come back as one question, unchanged."""
    from qsync.dialects.upstream import parse_upstream

    page = parse_upstream(normalise(render_question(question), ""), "<question>")
    back = page.questions
    if len(back) != 1 or back[0].text != question.text or back[0].answer != question.answer:
        raise HeldBackError("its Markdown would not survive as one upstream question")
