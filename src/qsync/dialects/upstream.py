"""The upstream dialect: ``**N. question**`` paragraphs, ``### Scenario N:`` headings, a ToC.

mistune gives the blocks and their lines; a question runs from its bold line to the block
before the next question, rule or heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qsync.dialects.common import (
    IdMaker,
    assemble_blocks,
    block_links,
    block_span,
    front_matter_end,
    heading_text,
    masked_text,
)
from qsync.markdown.blocks import MdBlock, parse_blocks
from qsync.markdown.links import locate_links
from qsync.markdown.slugs import GithubSlugger
from qsync.markdown.source import SourceText
from qsync.markdown.text import iter_links, plain_text
from qsync.model import (
    Diagnostic,
    Heading,
    Intro,
    Layout,
    Link,
    Page,
    Question,
    QuestionKind,
    Section,
    Source,
    TocEntry,
)

QUESTION_HEAD = re.compile(
    r"^(?P<before>\*\*)(?P<number>\d+)(?P<suffix>\.[ \t]+)(?P<text>.*?)(?P<after>\*\*[ \t]*)$"
)
SCENARIO_HEAD = re.compile(
    r"^(?P<before>###[ \t]+Scenario[ \t]+)(?P<number>\d+)(?P<suffix>:[ \t]*)(?P<text>.*?)(?P<after>[ \t]*#*[ \t]*)$"
)
TOC_TITLE = "table of contents"
_TOC_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d+)[.)][ \t]+")


@dataclass(slots=True)
class _Open:
    kind: QuestionKind
    head: MdBlock
    match: re.Match[str]
    body: list[MdBlock] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass(slots=True)
class _SectionDraft:
    title: str | None
    level: int
    anchor: str | None
    start: int
    questions: list[Question] = field(default_factory=list)


def parse_upstream(source: SourceText, path: str) -> Page:
    lines = source.text.split("\n")[:-1]
    meta = front_matter_end(lines)
    blocks = parse_blocks(masked_text(lines, [(0, meta)]) if meta else source.text)
    ids = IdMaker()
    slugger = GithubSlugger()
    warnings: list[Diagnostic] = []
    headings: list[Heading] = []
    links: list[Link] = []
    toc: list[TocEntry] = []
    drafts: list[_SectionDraft] = []
    intro_blocks: list[MdBlock] = []
    title: str | None = None
    in_toc = False
    current: _Open | None = None
    unclassified: list[MdBlock] = []

    def close() -> None:
        nonlocal current
        if current is not None:
            if not drafts:
                drafts.append(_SectionDraft(None, 0, None, current.head.start))
            drafts[-1].questions.append(_question(current, lines, ids))
            current = None

    def flush_unclassified() -> None:
        if unclassified:
            first, last = unclassified[0], unclassified[-1]
            kinds = ", ".join(sorted({b.type.replace("_", " ") for b in unclassified}))
            span = (
                f"lines {first.start + 1}-{last.end}"
                if last.end > first.start + 1
                else f"line {first.start + 1}"
            )
            warnings.append(
                Diagnostic(
                    first.start + 1,
                    1,
                    "unclassified",
                    f"{span}: {kinds} outside any question or answer",
                )
            )
            unclassified.clear()

    for block in blocks:
        if block.type == "blank_line":
            continue
        line = lines[block.start]
        found = block_links(block, lines)
        links.extend(found)
        if block.type == "heading":
            level = block.token["attrs"]["level"]
            text = heading_text(block)
            anchor = slugger.slug(text)
            headings.append(Heading(level, text, anchor, block.start + 1))
            if level >= 4 and current is not None:  # a sub-heading inside an answer
                current.body.append(block)
                current.links.extend(found)
                continue
            scenario = SCENARIO_HEAD.match(line) if level == 3 else None
            close()
            flush_unclassified()
            if scenario:
                current = _Open("scenario", block, scenario)
                continue
            if level == 1 and title is None and not drafts:
                title = text
                continue
            in_toc = level == 2 and text.strip().lower() == TOC_TITLE
            if level <= 2 and not in_toc:
                drafts.append(_SectionDraft(text, level, anchor, block.start))
            continue
        if block.type == "thematic_break":
            close()
            flush_unclassified()
            in_toc = False
            continue
        question = (
            QUESTION_HEAD.match(line)
            if block.type == "paragraph" and block.end == block.start + 1
            else None
        )
        if question:
            close()
            flush_unclassified()
            current = _Open("question", block, question)
            continue
        if current is not None:
            current.body.append(block)
            current.links.extend(found)
        elif in_toc and block.type == "list":
            toc.extend(_toc_entries(block, lines))
        elif not drafts and not in_toc:
            intro_blocks.append(block)
        else:
            unclassified.append(block)
    close()
    footer = _footer(unclassified, lines)
    flush_unclassified()

    sections = [_section(d, k, drafts, lines) for k, d in enumerate(drafts)]
    page_source = Source(
        path,
        "upstream",
        source.sha256,
        source.newline,
        source.bom,
        source.final_newline,
        source.crlf_lines,
    )
    intro = Intro("", (), None)
    if intro_blocks:
        start, end = intro_blocks[0].start, intro_blocks[-1].end
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        intro_links = tuple(lk for b in intro_blocks for lk in block_links(b, lines))
        intro = Intro("\n".join(lines[start:end]), intro_links, block_span(lines, start, end))
    questions = [q for s in sections for q in s.questions]
    return Page(
        source=page_source,
        title=title,
        intro=intro,
        sections=tuple(sections),
        toc=tuple(toc),
        headings=tuple(headings),
        links=tuple(sorted(links, key=lambda lk: (lk.line, lk.col))),
        footer=footer,
        warnings=tuple(warnings),
        blocks=assemble_blocks(lines, questions),
    )


def _question(draft: _Open, lines: list[str], ids: IdMaker) -> Question:
    m = draft.match
    body = [b for b in draft.body if b.type != "blank_line"]
    head_line = draft.head.start
    if body:
        first, end = body[0].start, body[-1].end
        while end > first + 1 and not lines[end - 1].strip():
            end -= 1
    else:
        first = end = head_line + 1
    answer = "\n".join(lines[first:end])
    answer_text = plain_text([b.token for b in body])
    answer_links = tuple(draft.links)
    layout = Layout(
        head_before=m.group("before"),
        head_after=m.group("after"),
        number_suffix=m.group("suffix"),
        gap="\n" * (first - head_line - 1) if body else "",
    )
    text = m.group("text")
    return Question(
        id=ids.make(draft.kind, text),
        kind=draft.kind,
        number=int(m.group("number")),
        text=text,
        answer=answer,
        answer_text=answer_text,
        links=answer_links,
        span=block_span(lines, head_line, max(end, head_line + 1)),
        layout=layout,
    )


def _section(
    draft: _SectionDraft, k: int, drafts: list[_SectionDraft], lines: list[str]
) -> Section:
    end = drafts[k + 1].start if k + 1 < len(drafts) else len(lines)
    while end > draft.start + 1 and not lines[end - 1].strip(" \t-"):
        end -= 1
    return Section(
        draft.title,
        draft.level,
        draft.anchor,
        block_span(lines, draft.start, end),
        tuple(draft.questions),
    )


def _toc_entries(block: MdBlock, lines: list[str]) -> list[TocEntry]:
    entries: list[TocEntry] = []
    text = "\n".join(lines[block.start : block.end])
    located = locate_links(iter_links([block.token]), text, block.start + 1)
    by_line = {lk.line: lk for lk in located}
    for i in range(block.start, block.end):
        m = _TOC_ITEM.match(lines[i])
        link = by_line.get(i + 1)
        if m is None or link is None:
            continue
        level = 1 + len(m.group("indent").expandtabs(4)) // 3
        entries.append(
            TocEntry(int(m.group("number")), link.text, link.target, level, link.line, link.col)
        )
    return entries


def _footer(unclassified: list[MdBlock], lines: list[str]) -> str | None:
    if unclassified and unclassified[-1].type == "paragraph":
        text = "\n".join(lines[unclassified[-1].start : unclassified[-1].end]).strip()
        if text.startswith(("*", "_")) and text.endswith(("*", "_")):
            unclassified.pop()
            return text
    return None
