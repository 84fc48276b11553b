"""QS107 heading-increment: heading levels go down one at a time."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta

META = meta(
    "QS107",
    "heading-increment",
    "warning",
    "A heading skips a level.",
    """
After a `##` comes `##` or `###`, not `####`: screen readers and both tables of contents
(MkDocs' and GitHub's) rely on the outline.
""",
    tags=("structure", "headings"),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    previous = 0
    for h in ctx.headings:
        if previous and h.level > previous + 1:
            yield Hit(h.line, 1, f"h{h.level} after h{previous}; expected h{previous + 1}")
        previous = h.level


RULE = Rule(META, check)
