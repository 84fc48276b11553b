"""QS110 toc-mismatch: upstream's table of contents against its headings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from qsync.lint.anchors import HeadingLine
from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.model import TocEntry
from qsync.results.lint import Edit

TOC_TITLE = "table of contents"
_PREFIX = re.compile(r"^(?P<indent>[ \t]*)\d+(?P<delim>[.)])(?P<space>[ \t]+)")

META = meta(
    "QS110",
    "toc-mismatch",
    "error",
    "Upstream's table of contents does not match its headings.",
    """
Upstream pages open with `## Table of Contents`: one entry per `##` section and, nested
under a section whose entries already nest (the scenarios), one per `###` heading. Each
entry must link the anchor GitHub gives its heading. Reported: a *wrong* entry (it stands
for a heading but links another anchor), a *stale* entry (no heading to stand for), and a
*missing* heading.

`--fix` rewrites the list from the headings, keeping each entry's link text and numbering
entries 1, 2, 3 …; a stale entry is dropped, a missing heading gets its heading text.
""",
    tags=("structure", "upstream", "links"),
    fixable=True,
)


@dataclass(slots=True)
class _Slot:
    heading: HeadingLine
    entry: TocEntry | None
    children: list[_Slot]


def _match(
    entries: list[TocEntry], headings: list[HeadingLine]
) -> tuple[dict[int, TocEntry], list[TocEntry]]:
    """Heading index -> entry: same anchor first, then the rest in order; and stale entries."""
    by_anchor = {h.anchor: i for i, h in enumerate(headings)}
    matched: dict[int, TocEntry] = {}
    rest: list[TocEntry] = []
    for e in entries:
        i = by_anchor.get(e.target.removeprefix("#"))
        if i is not None and i not in matched:
            matched[i] = e
        else:
            rest.append(e)
    free = [i for i in range(len(headings)) if i not in matched]
    stale: list[TocEntry] = []
    for e in rest:
        # A wrong entry stands for the first free heading after the last matched one before it.
        before = [i for i, m in matched.items() if m.line < e.line]
        floor = max(before) if before else -1
        pick = next((i for i in free if i > floor), None)
        if pick is None:
            stale.append(e)
        else:
            matched[pick] = e
            free.remove(pick)
    return matched, stale


def _slots(ctx: PageContext, toc_line: int) -> tuple[list[_Slot], list[TocEntry]]:
    toc = list(ctx.page.toc)
    heads = [h for h in ctx.headings if h.line > toc_line and h.level in (2, 3)]
    h2 = [h for h in heads if h.level == 2]
    top = [e for e in toc if e.level == 1]
    matched, stale = _match(top, h2)
    slots = [_Slot(h, matched.get(i), []) for i, h in enumerate(h2)]
    for k, slot in enumerate(slots):
        parent = slot.entry
        if parent is None:
            continue
        nxt = next((e.line for e in top if e.line > parent.line), 10**9)
        children = [e for e in toc if e.level > 1 and parent.line < e.line < nxt]
        if not children:
            continue
        end = slots[k + 1].heading.line if k + 1 < len(slots) else 10**9
        subs = [h for h in heads if h.level == 3 and slot.heading.line < h.line < end]
        sub_matched, sub_stale = _match(children, subs)
        slot.children = [_Slot(h, sub_matched.get(i), []) for i, h in enumerate(subs)]
        stale.extend(sub_stale)
    return slots, stale


def _rewrite(ctx: PageContext, slots: list[_Slot]) -> tuple[Edit, ...]:
    toc = ctx.page.toc
    first, last = toc[0].line, toc[-1].line
    lines = ctx.lines[first - 1 : last]
    if not all(_PREFIX.match(line) for line in lines):
        return ()  # the list holds more than entries: leave it to a human
    formats: dict[int, tuple[str, str, str]] = {}
    for e in toc:
        m = _PREFIX.match(ctx.lines[e.line - 1])
        assert m is not None
        formats.setdefault(e.level, (m.group("indent"), m.group("delim"), m.group("space")))
    formats.setdefault(1, ("", ".", " "))
    formats.setdefault(2, ("    ", ".", " "))

    def line(level: int, n: int, slot: _Slot) -> str:
        indent, delim, space = formats[level]
        text = slot.entry.text if slot.entry is not None else slot.heading.text
        return f"{indent}{n}{delim}{space}[{text}](#{slot.heading.anchor})"

    new: list[str] = []
    for n, slot in enumerate(slots, 1):
        new.append(line(1, n, slot))
        new.extend(line(2, m, child) for m, child in enumerate(slot.children, 1))
    if new == lines:
        return ()
    return (Edit(first, 1, last, len(ctx.lines[last - 1]) + 1, "\n".join(new)),)


def check(ctx: PageContext) -> Iterator[Hit]:
    if ctx.page.source.dialect != "upstream" or not ctx.page.toc:
        return
    toc_heading = next((h for h in ctx.headings if h.text.strip().lower() == TOC_TITLE), None)
    if toc_heading is None:
        return
    slots, stale = _slots(ctx, toc_heading.line)
    fix = _rewrite(ctx, slots)
    for slot in (s for top in slots for s in (top, *top.children)):
        e, h = slot.entry, slot.heading
        if e is None:
            yield Hit(
                h.line, 1, f"heading '{h.text}' is missing from the table of contents", fix=fix
            )
        elif e.target != f"#{h.anchor}":
            yield Hit(
                e.line,
                e.col,
                f"ToC entry '{e.text}' links {e.target}; its heading (line {h.line}) is #{h.anchor}",
                fix=fix,
            )
    for e in stale:
        yield Hit(
            e.line, e.col, f"ToC entry '{e.text}' links {e.target}, which no heading has", fix=fix
        )


RULE = Rule(META, check)
