"""QS106 empty-section: a heading with nothing under it."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta

META = meta(
    "QS106",
    "empty-section",
    "warning",
    "A section heading has no content.",
    """
A `##` (or deeper) heading followed only by blank lines or `---` before the next heading
of the same or a higher level, or the end of the page.
""",
    tags=("structure",),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    headings = ctx.headings
    lines = ctx.lines
    for k, h in enumerate(headings):
        if h.level < 2:
            continue
        after = headings[k + 1] if k + 1 < len(headings) else None
        if after is not None and after.level > h.level:
            continue
        end = after.line - 1 if after is not None else len(lines)
        body = lines[h.line : end]
        if all(not line.strip() or set(line.strip()) <= {"-", "*", "_"} for line in body):
            yield Hit(h.line, 1, f"section '{h.text}' is empty")


RULE = Rule(META, check)
