"""The site dialect: MkDocs Material pages with ``??? question "Q: …"`` blocks.

Admonition blocks are found line by line first (mistune knows nothing of them); they are
blanked out of the text mistune then reads, so every other block keeps its line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qsync.dialects.common import (
    IdMaker,
    answer_fields,
    assemble_blocks,
    block_links,
    block_span,
    front_matter_end,
    heading_text,
    masked_text,
)
from qsync.markdown.blocks import MdBlock, parse_blocks
from qsync.markdown.slugs import MkdocsSlugger
from qsync.markdown.source import SourceText
from qsync.markdown.text import inline_text
from qsync.model import (
    Diagnostic,
    Heading,
    Intro,
    Layout,
    Link,
    LinkList,
    Note,
    Page,
    Question,
    Section,
    Source,
)

ADMONITION = re.compile(r"^(?P<marker>\?\?\?\+?|!!!)[ \t]*(?P<type>[\w-]+)?(?P<rest>.*)$")
_TITLE = re.compile(r'^[ \t]+"(?P<title>.*)"[ \t]*$')
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
QUESTION_TYPE = "question"
QUESTION_PREFIX = "Q: "


@dataclass(slots=True)
class _Admonition:
    start: int  # line of the head
    end: int  # exclusive: one past the last answer line
    marker: str
    type: str
    title: str | None
    title_start: int  # column (0-based) of the title's first character in the head line
    indent: str
    answer: list[str]
    raw_lines: list[tuple[int, str]]
    gap: int


@dataclass(slots=True)
class _SectionDraft:
    title: str | None
    level: int
    anchor: str | None
    start: int
    end: int = 0
    questions: list[Question] = field(default_factory=list)
    blocks: list[MdBlock] = field(default_factory=list)


def _indent_of(line: str) -> str | None:
    if line.startswith("    "):
        return "    "
    if line.startswith("\t"):
        return "\t"
    return None


def _scan_admonitions(
    lines: list[str], warnings: list[Diagnostic], start: int = 0
) -> list[_Admonition]:
    found: list[_Admonition] = []
    fence: str | None = None
    fence_line = 0
    i, n = start, len(lines)
    while i < n:
        line = lines[i]
        m = _FENCE.match(line)
        if fence is not None:
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not line.strip(" `~")
            ):
                fence = None
            i += 1
            continue
        if m:
            fence, fence_line = m.group(1), i
            i += 1
            continue
        head = ADMONITION.match(line)
        if head is None:
            i += 1
            continue
        block = _read_admonition(lines, i, head, warnings)
        found.append(block)
        i = block.end
    if fence is not None:
        warnings.append(
            Diagnostic(
                fence_line + 1,
                1,
                "unterminated-fence",
                "code fence is never closed; it runs to the end of the file",
            )
        )
    return found


def _read_admonition(
    lines: list[str], i: int, head: re.Match[str], warnings: list[Diagnostic]
) -> _Admonition:
    rest = head.group("rest")
    title_match = _TITLE.match(rest) if rest.strip() else None
    title = title_match.group("title") if title_match else None
    title_start = head.start("rest") + title_match.start("title") if title_match else len(lines[i])
    kind = head.group("type") or ""
    if not kind:
        warnings.append(
            Diagnostic(
                i + 1, 1, "malformed-admonition", f"'{head.group('marker')}' block has no type"
            )
        )
    elif rest.strip() and title is None:
        warnings.append(
            Diagnostic(
                i + 1,
                head.start("rest") + 1,
                "malformed-admonition",
                "block title is not a quoted string",
            )
        )
    elif title is None and head.group("marker").startswith("?"):
        warnings.append(
            Diagnostic(
                i + 1,
                1,
                "missing-title",
                f"'{head.group('marker')} {kind}' has no quoted title; MkDocs shows '{kind.title()}' as its summary",
            )
        )
    j, last = i + 1, i
    indent: str | None = None
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        this = _indent_of(line)
        if this is None:
            break
        indent = indent or this
        last = j
        j += 1
    end = last + 1
    body = lines[i + 1 : end]
    gap = 0
    while gap < len(body) and not body[gap].strip():
        gap += 1
    answer: list[str] = []
    raw_lines: list[tuple[int, str]] = []
    unit = indent or "    "
    for k, line in enumerate(body[gap:]):
        if line.startswith(unit):
            text = line[len(unit) :]
        elif line.startswith("\t"):
            text = line[1:]
        elif line.startswith("    "):
            text = line[4:]
        else:
            text = ""
        text = text if text.strip() else ""
        answer.append(text)
        if (unit + text if text else "") != line:
            raw_lines.append((k, line))
    _check_indent(lines, i, end, answer, unit, warnings)
    return _Admonition(
        i, end, head.group("marker"), kind, title, title_start, unit, answer, raw_lines, gap
    )


def _check_indent(
    lines: list[str], head: int, end: int, answer: list[str], unit: str, warnings: list[Diagnostic]
) -> None:
    if answer:
        first = next(a for a in answer if a.strip())
        extra = len(first) - len(first.lstrip(" "))
        if unit == "    " and 0 < extra < 4 and not first.lstrip().startswith(("-", "*", "+", "|")):
            line_no = next(k for k in range(head + 1, end) if lines[k].strip()) + 1
            warnings.append(
                Diagnostic(
                    line_no,
                    1,
                    "answer-indent",
                    f"answer indented {4 + extra} spaces; MkDocs expects 4",
                )
            )
        if unit == "\t":
            warnings.append(
                Diagnostic(
                    head + 2,
                    1,
                    "answer-indent",
                    "answer indented with a tab; MkDocs reads it as 4 spaces",
                )
            )
        return
    # No indented answer: a line indented 1-3 spaces right after the head is outside the block.
    k = end
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k < len(lines) and 0 < len(lines[k]) - len(lines[k].lstrip(" ")) < 4:
        spaces = len(lines[k]) - len(lines[k].lstrip(" "))
        warnings.append(
            Diagnostic(
                k + 1,
                1,
                "answer-indent",
                f"answer indented {spaces} spaces; MkDocs needs 4, so it renders outside the block",
            )
        )
    elif lines[head].startswith("???") or lines[head].startswith("!!!"):
        warnings.append(Diagnostic(head + 1, 1, "empty-answer", "block has no indented body"))


def _is_link_list(block: MdBlock) -> bool:
    if block.type != "list":
        return False
    for item in block.token.get("children", ()):
        first = (item.get("children") or [{}])[0]
        inline = first.get("children") or [{}]
        if inline[0].get("type") != "link":
            return False
    return True


def _is_prompt_list(block: MdBlock, draft: _SectionDraft) -> bool:
    if block.type != "list" or draft.title is None or _is_link_list(block):
        return False
    items = [
        inline_text((i.get("children") or [{}])[0].get("children", ()))
        for i in block.token.get("children", ())
    ]
    return bool(draft.questions) or any(t.rstrip().endswith("?") for t in items)


def parse_site(source: SourceText, path: str) -> Page:
    text = source.text
    lines = text.split("\n")[:-1]
    warnings: list[Diagnostic] = []
    meta = front_matter_end(lines)
    admonitions = _scan_admonitions(lines, warnings, meta)
    hidden = [(0, meta)] + [(adm.start, adm.end) for adm in admonitions]
    md_blocks = parse_blocks(masked_text(lines, hidden))

    ids = IdMaker()
    slugger = MkdocsSlugger()
    title: str | None = None
    intro_blocks: list[MdBlock] = []
    headings: list[Heading] = []
    drafts: list[_SectionDraft] = []
    notes: list[Note] = []
    links: list[tuple[int, int, Link]] = []
    events = sorted(
        [(b.start, 0, b) for b in md_blocks if b.type != "blank_line"]
        + [(a.start, 1, a) for a in admonitions],
        key=lambda e: e[0],
    )
    for _, _kind, item in events:
        if isinstance(item, _Admonition):
            adm = item
            if adm.type == QUESTION_TYPE and adm.title is not None:
                if not drafts:
                    drafts.append(_SectionDraft(None, 0, None, adm.start))
                q = _question(adm, lines, ids)
                drafts[-1].questions.append(q)
                links.extend((lk.line, lk.col, lk) for lk in q.links)
            else:
                note = _note(adm, lines)
                notes.append(note)
                links.extend((lk.line, lk.col, lk) for lk in note.links)
            continue
        block = item
        links.extend((lk.line, lk.col, lk) for lk in block_links(block, lines))
        if block.type == "heading":
            level = block.token["attrs"]["level"]
            htext = heading_text(block)
            explicit = _ATTR_ID.search(htext)
            if explicit:
                htext = htext[: explicit.start()]
            anchor = slugger.slug(htext, explicit.group(1) if explicit else None)
            headings.append(Heading(level, htext, anchor, block.start + 1))
            if level == 1 and title is None and not drafts:
                title = htext
                continue
            if level <= 2:
                drafts.append(_SectionDraft(htext, level, anchor, block.start))
                continue
        if not drafts:
            intro_blocks.append(block)
        else:
            drafts[-1].blocks.append(block)

    sections, link_lists = _finish_sections(drafts, lines, ids)
    intro = _intro(intro_blocks, lines)
    page_source = Source(
        path,
        "site",
        source.sha256,
        source.newline,
        source.bom,
        source.final_newline,
        source.crlf_lines,
    )
    questions = [q for s in sections for q in s.questions]
    return Page(
        source=page_source,
        title=title,
        intro=intro,
        sections=tuple(sections),
        notes=tuple(notes),
        link_lists=tuple(link_lists),
        headings=tuple(headings),
        links=tuple(lk for _, _, lk in sorted(links, key=lambda e: (e[0], e[1]))),
        warnings=tuple(sorted(warnings, key=lambda w: (w.line, w.col))),
        blocks=assemble_blocks(lines, [q for q in questions if q.kind != "prompt"]),
    )


def _question(adm: _Admonition, lines: list[str], ids: IdMaker) -> Question:
    head = lines[adm.start]
    title = adm.title or ""
    before_end = adm.title_start
    if title.startswith(QUESTION_PREFIX):
        title = title[len(QUESTION_PREFIX) :]
        before_end += len(QUESTION_PREFIX)
    after_start = before_end + len(title)
    answer = "\n".join(adm.answer)
    first_answer_line = adm.start + 2 + adm.gap
    answer_text, answer_links = answer_fields(answer, first_answer_line, len(adm.indent))
    layout = Layout(
        head_before=head[:before_end],
        head_after=head[after_start:],
        gap="\n" * adm.gap if adm.answer else "",
        indent=adm.indent,
        raw_lines=tuple(adm.raw_lines),
    )
    return Question(
        id=ids.make("question", title),
        kind="question",
        number=None,
        text=title,
        answer=answer,
        answer_text=answer_text,
        links=answer_links,
        span=block_span(lines, adm.start, adm.end),
        layout=layout,
    )


def _note(adm: _Admonition, lines: list[str]) -> Note:
    body = "\n".join(adm.answer)
    _, body_links = answer_fields(body, adm.start + 2 + adm.gap, len(adm.indent))
    return Note(
        adm.marker, adm.type, adm.title, body, body_links, block_span(lines, adm.start, adm.end)
    )


def _finish_sections(
    drafts: list[_SectionDraft], lines: list[str], ids: IdMaker
) -> tuple[list[Section], list[LinkList]]:
    sections: list[Section] = []
    link_lists: list[LinkList] = []
    for k, draft in enumerate(drafts):
        end = drafts[k + 1].start if k + 1 < len(drafts) else len(lines)
        while end > draft.start + 1 and not lines[end - 1].strip():
            end -= 1
        span = block_span(lines, draft.start, max(end, draft.start + 1))
        content = [b for b in draft.blocks]
        if draft.title and not draft.questions and len(content) == 1 and _is_link_list(content[0]):
            items = block_links(content[0], lines)
            link_lists.append(LinkList(draft.title, draft.anchor, items, span))
            continue
        questions = list(draft.questions)
        for block in content:
            if _is_prompt_list(block, draft):
                questions.extend(_prompts(block, lines, ids))
        questions.sort(key=lambda q: q.span.start_line)
        sections.append(Section(draft.title, draft.level, draft.anchor, span, tuple(questions)))
    return sections, link_lists


_ITEM = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)")


def _prompts(block: MdBlock, lines: list[str], ids: IdMaker) -> list[Question]:
    starts = [i for i in range(block.start, block.end) if _ITEM.match(lines[i])]
    prompts: list[Question] = []
    items = block.token.get("children", ())
    for k, item in enumerate(items):
        if k >= len(starts):
            break
        start = starts[k]
        end = starts[k + 1] if k + 1 < len(starts) else block.end
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        marker = _ITEM.match(lines[start])
        assert marker is not None
        text = lines[start][marker.end() :]
        para = (item.get("children") or [{}])[0]
        prompts.append(
            Question(
                id=ids.make("prompt", text),
                kind="prompt",
                number=None,
                text=text,
                answer="",
                answer_text=inline_text(para.get("children", ())),
                links=(),
                span=block_span(lines, start, end),
                layout=Layout(head_before=lines[start][: marker.end()], head_after=""),
            )
        )
    return prompts


def _intro(blocks: list[MdBlock], lines: list[str]) -> Intro:
    if not blocks:
        return Intro("", (), None)
    start, end = blocks[0].start, blocks[-1].end
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    links = tuple(lk for b in blocks for lk in block_links(b, lines))
    return Intro("\n".join(lines[start:end]), links, block_span(lines, start, end))
