"""The anchors a renderer gives a page: heading ids by the dialect's slugger, plus HTML ids.

Headings are found line by line (ATX outside code fences, setext under a paragraph line),
which is fast enough to run over every page a link points to, and sees the headings inside
answers that the page model keeps as answer text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qsync.dialects.common import front_matter_end
from qsync.markdown.blocks import parse_tokens
from qsync.markdown.slugs import GithubSlugger, MkdocsSlugger
from qsync.markdown.text import inline_text
from qsync.model import Dialect

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING = re.compile(r"(?:^|[ \t]+)#+$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']""")
_MARKUP = re.compile(r"[*_`\[<\\!&]")
_NOT_PARAGRAPH = re.compile(r"^ {0,3}(?:[-*+>|]|\d{1,9}[.)]|#|<|`{3}|~{3})|^ {4}|^\s*$")


@dataclass(frozen=True, slots=True)
class HeadingLine:
    line: int  # 1-based
    level: int
    text: str  # as the reader sees it (inline markup removed)
    anchor: str


def _rendered(text: str) -> str:
    if not _MARKUP.search(text):
        return text
    tokens = parse_tokens(text + "\n")
    if tokens and tokens[0]["type"] == "paragraph":
        return inline_text(tokens[0].get("children", ())).strip()
    return text


def scan_headings(lines: list[str], dialect: Dialect) -> tuple[HeadingLine, ...]:
    """Every top-level heading of ``lines`` (LF-split, no newlines), with the anchor it gets."""
    github = GithubSlugger()
    mkdocs = MkdocsSlugger()
    found: list[HeadingLine] = []
    fence: str | None = None
    skip = front_matter_end(lines)
    for i, line in enumerate(lines):
        if i < skip:
            continue
        if "`" in line or "~" in line:
            m = _FENCE.match(line)
            if fence is not None:
                closes = m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)
                if closes and not line.strip(" `~\t"):
                    fence = None
                continue
            if m:
                fence = m.group(1)
                continue
        elif fence is not None:
            continue
        level = 0
        raw = ""
        if line[:4].lstrip(" ").startswith("#"):
            m = _ATX.match(line)
            if m:
                level, raw = len(m.group(1)), _CLOSING.sub("", m.group(2) or "")
        elif i > 0 and line[:4].lstrip(" ")[:1] in "=-" and _SETEXT.match(line):
            prev = lines[i - 1]
            starts_paragraph = i < 2 or not lines[i - 2].strip() or _ATX.match(lines[i - 2])
            if not _NOT_PARAGRAPH.match(prev) and starts_paragraph:
                level, raw = (1 if line.strip()[0] == "=" else 2), prev.strip()
                i -= 1
        if not level:
            continue
        explicit = None
        if dialect == "site":
            m_id = _ATTR_ID.search(raw)
            if m_id:
                explicit, raw = m_id.group(1), raw[: m_id.start()]
        text = _rendered(raw.strip())
        anchor = mkdocs.slug(text, explicit) if dialect == "site" else github.slug(text)
        found.append(HeadingLine(i + 1, level, text, anchor))
    return tuple(found)


def page_anchors(text: str, headings: tuple[HeadingLine, ...], dialect: Dialect) -> frozenset[str]:
    """Heading anchors plus ids written as HTML (``<a id="x">``) or, on the site, ``{#x}``."""
    anchors = {h.anchor for h in headings}
    if "<" in text:
        anchors.update(_HTML_ID.findall(text))
    if dialect == "site" and "{" in text:
        anchors.update(re.findall(r"\{[^}\n]*#([\w-]+)[^}\n]*\}", text))
    return frozenset(anchors)
