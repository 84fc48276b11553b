"""QS111 malformed-admonition: ``???``/``!!!`` blocks MkDocs would render differently."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta

CODES = frozenset({"malformed-admonition", "missing-title", "answer-indent", "unterminated-fence"})

META = meta(
    "QS111",
    "malformed-admonition",
    "error",
    "A `???`/`!!!` block is malformed or its body is not indented as MkDocs needs.",
    """
What the site parser noticed while reading the page: a block with no type, a title that is
not a quoted string, a `??? question` with no title (MkDocs shows "Question" as its
summary), an answer indented 1-3 spaces (MkDocs renders it *outside* the block), a tab
indent, or a code fence that is never closed.

```markdown
??? question "Q: Why?"
   Three spaces: this paragraph is not inside the block.
```
""",
    tags=("structure", "site"),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    for w in ctx.page.warnings:
        if w.code in CODES:
            yield Hit(w.line, w.col, f"{w.message} ({w.code})")


RULE = Rule(META, check)
