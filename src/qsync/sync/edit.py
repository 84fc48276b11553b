"""The surgical edit of an upstream file: insert questions, renumber, update the ToC.

Works on the file's lines, at the positions the parsed Page gives. Every old line either
stays as it is or changes for one of three reasons (a renumbered question head, a rewritten
"QN" reference, a ToC entry); afterwards the result is parsed again and checked against
what was intended, so a wrong file is never produced.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qsync.dialects.common import render_question
from qsync.dialects.convert import SCENARIO_SECTION, as_upstream_question
from qsync.dialects.upstream import QUESTION_HEAD, parse_upstream
from qsync.markdown.blocks import parse_blocks
from qsync.markdown.slugs import GithubSlugger
from qsync.markdown.source import normalise
from qsync.markdown.text import inline_text
from qsync.model import Page, Question, Section
from qsync.results.sync import EditStats
from qsync.sync.references import rewrite_references

FOOTER = (
    "*Contributions welcome — add real interview questions/scenarios you've encountered via PR.*"
)
TOC_HEADING = "## Table of Contents"
_RULE = re.compile(r"^ {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_TOC_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d+)(?P<rest>[.)][ \t]+.*)$")


class EditVerificationError(RuntimeError):
    """The edited file does not say what the edit meant: a bug, never written anywhere."""


@dataclass(frozen=True, slots=True)
class Insertion:
    """A question in upstream form and the title of the section it goes into."""

    section: str
    question: Question


@dataclass(frozen=True, slots=True)
class EditResult:
    text: str  # LF line endings
    numbers: tuple[int, ...]  # the number each insertion got, in the order given
    new_sections: tuple[str, ...]
    renumbered: tuple[tuple[int, int], ...]
    stats: EditStats


@dataclass(slots=True)
class _Line:
    text: str
    origin: int | None  # index of the old line it comes from; None when inserted
    toc_title: str | None = None  # a new ToC entry whose anchor is filled in at the end
    reason: str | None = None  # why an old line changed: "head", "reference" or "toc"
    heading_of: str | None = None  # the heading line of a new section


def lf_text(page: Page) -> str:
    """The page's source with LF line endings and a final newline (the text its spans refer to)."""
    questions = {q.id: q for q in page.questions}
    parts = [
        b.raw if b.raw is not None else render_question(questions[b.question or ""])
        for b in page.blocks
    ]
    return "".join(parts)


def apply_insertions(
    page: Page, insertions: Sequence[Insertion], *, title: str | None = None
) -> EditResult:
    """``page``'s text with ``insertions`` made; ``title`` heads a file that has no H1."""
    old = lf_text(page).split("\n")[:-1]
    existing = {s.title.strip().lower(): s for s in page.sections if s.title}
    scenario = _scenario_section(page)
    targets: dict[int, list[int]] = {}  # old line index to insert after → insertions
    new_sections: dict[str, list[int]] = {}
    for k, ins in enumerate(insertions):
        section = existing.get(ins.section.strip().lower())
        if section is None:
            new_sections.setdefault(ins.section, []).append(k)
        else:
            targets.setdefault(section.span.end_line - 1, []).append(k)

    stub = not page.sections and not page.questions
    if stub:
        before_new = len(old)
    elif scenario is not None:
        before_new = scenario.span.start_line - 1
    else:
        before_new = _footer_rule(page, old)
    numbers, mapping = _number(page, insertions, targets, new_sections, before_new)

    lines = [_Line(text, i) for i, text in enumerate(old)]
    heads = _renumber_heads(page, lines, mapping)
    refs = _rewrite_references(lines, mapping)
    blocks: dict[int, list[_Line]] = {}
    for after, indexes in targets.items():
        for k in indexes:
            blocks.setdefault(after + 1, []).extend(_question_lines(insertions[k], numbers[k]))
    if new_sections:
        section_lines = _new_sections(insertions, new_sections, numbers, old, before_new, stub)
        blocks.setdefault(before_new, []).extend(section_lines)
    toc_changed = 0
    if stub and new_sections:
        blocks[before_new][:0] = _fresh_toc(list(new_sections), old, title)
    elif new_sections and page.toc:
        toc_changed = _extend_toc(page, lines, blocks, list(new_sections), scenario)
    out = _assemble(lines, blocks)
    _fill_toc_anchors(out)
    text = "".join(line.text + "\n" for line in out)
    inserted = sum(line.origin is None for line in out)
    stats = EditStats(inserted, heads, refs, toc_changed, 0)
    result = EditResult(
        text,
        tuple(numbers),
        tuple(new_sections),
        tuple(sorted(mapping.items())),
        stats,
    )
    _verify(page, old, out, insertions, result, mapping)
    return result


def _scenario_section(page: Page) -> Section | None:
    for section in page.sections:
        if section.title and section.title.strip().lower() == SCENARIO_SECTION.lower():
            return section
    return None


def _footer_rule(page: Page, old: list[str]) -> int:
    """Where new sections go when there is no scenario section: before the footer's rule."""
    if page.footer is not None:
        first = page.footer.split("\n")[0]
        for i in range(len(old) - 1, -1, -1):
            if old[i].strip() == first.strip():
                j = i - 1
                while j >= 0 and not old[j].strip():
                    j -= 1
                return j if j >= 0 and _RULE.match(old[j]) else i
    return len(old)


def _number(
    page: Page,
    insertions: Sequence[Insertion],
    targets: dict[int, list[int]],
    new_sections: dict[str, list[int]],
    before_new: int,
) -> tuple[list[int], dict[int, int]]:
    """Numbers for the insertions, and old → new numbers for the questions after them."""
    events: list[tuple[float, int, Question | None, int]] = []
    for q in page.questions:
        if q.kind == "question" and q.number is not None:
            events.append((q.span.start_line - 1, 0, q, -1))
    for after, indexes in targets.items():
        events.extend((after + 0.5, n, None, k) for n, k in enumerate(indexes))
    order = [k for indexes in new_sections.values() for k in indexes]
    events.extend((before_new - 0.5, n, None, k) for n, k in enumerate(order))
    numbers = [0] * len(insertions)
    mapping: dict[int, int] = {}
    current = shift = 0
    for _, _, event, k in sorted(events, key=lambda e: (e[0], e[1])):
        if event is not None and event.number is not None:
            current = event.number + shift
            if shift:
                mapping[event.number] = current
        else:
            current += 1
            shift += 1
            numbers[k] = current
    return numbers, mapping


def _renumber_heads(page: Page, lines: list[_Line], mapping: dict[int, int]) -> int:
    changed = 0
    for q in page.questions:
        if q.kind != "question" or q.number not in mapping:
            continue
        line = lines[q.span.start_line - 1]
        m = QUESTION_HEAD.match(line.text)
        if m is None:  # pragma: no cover - the parser found this head with the same pattern
            raise EditVerificationError(f"line {q.span.start_line} is not a question head")
        number = str(mapping[q.number])
        line.text = line.text[: m.start("number")] + number + line.text[m.end("number") :]
        line.reason = "head"
        changed += 1
    return changed


def _rewrite_references(lines: list[_Line], mapping: dict[int, int]) -> int:
    rewritten = rewrite_references([line.text for line in lines], mapping)
    changed = 0
    for line, new in zip(lines, rewritten, strict=True):
        if new != line.text:
            line.text = new
            changed += line.reason is None
            line.reason = line.reason or "reference"
    return changed


def _question_lines(ins: Insertion, number: int) -> list[_Line]:
    rendered = render_question(as_upstream_question(ins.question, number))
    return [_Line("", None), *(_Line(t, None) for t in rendered.split("\n")[:-1])]


def _new_sections(
    insertions: Sequence[Insertion],
    new_sections: dict[str, list[int]],
    numbers: list[int],
    old: list[str],
    at: int,
    stub: bool,
) -> list[_Line]:
    """New ``## Section`` blocks in the file's style: a rule, a blank line, the heading, questions."""
    out: list[_Line] = []
    before_scenarios = not stub and at < len(old) and old[at].startswith("#")
    for title, indexes in new_sections.items():
        body = [_Line(f"## {title}", None, heading_of=title)]
        for k in indexes:
            body.extend(_question_lines(insertions[k], numbers[k]))
        if before_scenarios:
            out.extend([*body, *_plain("", "---", "")])
        else:
            out.extend([*_plain("---", ""), *body, *_plain("")])
    if stub:
        out.extend(_plain("---", "", FOOTER))
        return out
    if not before_scenarios and at >= len(old):
        out = out[:-1]  # at the very end of the file: no trailing blank line
    elif not before_scenarios and not _RULE.match(old[at]):
        out.extend(_plain("---", ""))  # a footer without its rule would join the last answer
    if at > 0 and old[at - 1].strip():
        out.insert(0, _Line("", None))  # keep the block apart from the line above
    return out


def _plain(*texts: str) -> list[_Line]:
    return [_Line(t, None) for t in texts]


def _fresh_toc(titles: list[str], old: list[str], title: str | None) -> list[_Line]:
    head: list[str] = []
    if not any(line.startswith("# ") for line in old):
        head.extend([f"# {title or 'Interview Questions'}", ""])
    elif old and old[-1].strip():
        head.append("")
    head.append(TOC_HEADING)
    entries = [_Line(f"{n}. [{t}](#)", None, toc_title=t) for n, t in enumerate(titles, 1)]
    return [*(_Line(t, None) for t in head), *entries, _Line("", None)]


def _extend_toc(
    page: Page,
    lines: list[_Line],
    blocks: dict[int, list[_Line]],
    titles: list[str],
    scenario: Section | None,
) -> int:
    """New entries go where their sections went; later top-level entries are renumbered."""
    top = [e for e in page.toc if e.level == 1]
    listed = {e.text.strip().lower() for e in top}
    titles = [t for t in titles if t.strip().lower() not in listed]
    if not top or not titles:
        return 0
    scenario_title = scenario.title if scenario is not None else None
    at_entry = next(
        (e for e in top if scenario_title and e.text.strip().lower() == scenario_title.lower()),
        None,
    )
    style = _TOC_ITEM.match(lines[top[0].line - 1].text)
    assert style is not None
    indent = style.group("indent")
    delimiter = style.group("rest")[0]
    if at_entry is not None:
        insert_at, first_number = at_entry.line - 1, at_entry.number or len(top)
    else:
        insert_at = max(e.line for e in page.toc)
        first_number = (top[-1].number or len(top)) + 1
    entries = [
        _Line(f"{indent}{first_number + n}{delimiter} [{t}](#)", None, toc_title=t)
        for n, t in enumerate(titles)
    ]
    blocks.setdefault(insert_at, [])[:0] = entries
    changed = 0
    for e in top:
        if at_entry is not None and e.line >= at_entry.line and e.number is not None:
            line = lines[e.line - 1]
            m = _TOC_ITEM.match(line.text)
            if m is not None:
                line.text = f"{m.group('indent')}{e.number + len(titles)}{m.group('rest')}"
                line.reason = "toc"
                changed += 1
    return changed


def _assemble(lines: list[_Line], blocks: dict[int, list[_Line]]) -> list[_Line]:
    out: list[_Line] = []
    for i, line in enumerate(lines):
        out.extend(blocks.get(i, ()))
        out.append(line)
    out.extend(blocks.get(len(lines), ()))
    return out


def _fill_toc_anchors(out: list[_Line]) -> None:
    """GitHub's anchors, counted over every heading of the new file so repeats get ``-1``."""
    pending = [line for line in out if line.toc_title is not None]
    if not pending:
        return
    at_line = heading_anchors("".join(line.text + "\n" for line in out))
    anchors = {line.heading_of: at_line[n] for n, line in enumerate(out) if line.heading_of}
    for line in pending:
        title = line.toc_title or ""
        anchor = anchors.get(title) or GithubSlugger().slug(title)
        line.text = line.text.replace(f"[{title}](#)", f"[{title}](#{anchor})")


def heading_anchors(text: str) -> dict[int, str]:
    """0-based line of each heading → its GitHub anchor, counted over the whole file."""
    slugger = GithubSlugger()
    return {
        block.start: slugger.slug(inline_text(block.token.get("children", ())).strip())
        for block in parse_blocks(text)
        if block.type == "heading"
    }


def _verify(
    page: Page,
    old: list[str],
    out: list[_Line],
    insertions: Sequence[Insertion],
    result: EditResult,
    mapping: dict[int, int],
) -> None:
    new_page = parse_upstream(normalise(result.text, ""), page.source.path)
    at_line = {q.span.start_line: q for q in new_page.questions}
    new_line_of = {line.origin: n + 1 for n, line in enumerate(out) if line.origin is not None}
    problems: list[str] = []
    for q in page.questions:
        moved = at_line.get(new_line_of.get(q.span.start_line - 1, -1))
        want_number = q.number
        if q.kind == "question" and q.number is not None:
            want_number = mapping.get(q.number, q.number)
        want_text = rewrite_references([q.text], mapping)[0]
        want_answer = "\n".join(rewrite_references(q.answer.split("\n"), mapping))
        if moved is None or (moved.kind, moved.number, moved.text, moved.answer) != (
            q.kind,
            want_number,
            want_text,
            want_answer,
        ):
            problems.append(f"question at line {q.span.start_line} changed")
    found = {(q.number, q.text, q.answer) for q in new_page.questions}
    for ins, number in zip(insertions, result.numbers, strict=True):
        if (number, ins.question.text, ins.question.answer) not in found:
            problems.append(f"inserted question {number} is not in the result")
    if len(new_page.questions) != len(page.questions) + len(insertions):
        problems.append("the result has a different number of questions")
    for line in out:
        if line.origin is not None and line.text != old[line.origin] and line.reason is None:
            problems.append(f"line {line.origin + 1} changed for no reason")
    anchors = set(heading_anchors(result.text).values())
    for line in out:
        if line.toc_title is not None and not any(f"(#{a})" in line.text for a in anchors):
            problems.append(f"ToC entry for {line.toc_title!r} does not resolve")
    if problems:
        raise EditVerificationError("; ".join(problems))
