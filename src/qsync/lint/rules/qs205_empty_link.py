"""QS205 empty-link: a link with no text or no target."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta

META = meta(
    "QS205",
    "empty-link",
    "error",
    "A link has no text or no target.",
    """
`[](page.md)` shows nothing to click; `[text]()` goes nowhere. Images may have empty alt
text (QS205 does not judge accessibility).
""",
    tags=("links",),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    for link in ctx.page.links:
        if not link.target.strip():
            yield Hit(
                link.line, link.col, f"link '{link.text}' has no target", end_col=link.end_col
            )
        elif not link.image and not link.text.strip():
            yield Hit(
                link.line, link.col, f"link to {link.target} has no text", end_col=link.end_col
            )


RULE = Rule(META, check)
