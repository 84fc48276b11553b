"""QS108 single-h1: one title per page."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta

META = meta(
    "QS108",
    "single-h1",
    "warning",
    "A page has more than one H1.",
    """
The H1 is the page title (MkDocs uses it for the navigation, qsync for the page). A second
`#` heading is usually a `##` typed short. Lines inside code fences are not headings.
""",
    tags=("structure", "headings"),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    first: int | None = None
    for h in ctx.headings:
        if h.level != 1:
            continue
        if first is None:
            first = h.line
        else:
            yield Hit(h.line, 1, f"second H1 '{h.text}'; the title is at line {first}")


RULE = Rule(META, check)
