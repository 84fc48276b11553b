"""QS102 duplicate-question: the same question twice on one page."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.dialects.common import normalise_question
from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._text import short

META = meta(
    "QS102",
    "duplicate-question",
    "error",
    "The same question appears twice on a page.",
    """
Two questions are duplicates when their text is equal after normalising: case, punctuation,
Markdown, the `Q:` prefix and the upstream number are ignored. The second one is reported.
""",
    tags=("structure", "questions"),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    first: dict[str, int] = {}
    for q in ctx.answered:
        key = normalise_question(q.text)
        if not key:
            continue
        if key in first:
            yield Hit(
                q.span.start_line,
                1,
                f"'{short(q.text)}' duplicates the question at line {first[key]}",
            )
        else:
            first[key] = q.span.start_line


RULE = Rule(META, check)
