"""QS105 question-outside-section: a question before the first section heading."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._text import short

META = meta(
    "QS105",
    "question-outside-section",
    "warning",
    "A question stands before any section heading.",
    """
Questions live in `##` sections: the section decides where a merged-back question goes
upstream and groups it on the site. A question above the first `##` has no section.
""",
    tags=("structure",),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    for section in ctx.page.sections:
        if section.title is None:
            for q in section.questions:
                if q.kind != "prompt":
                    yield Hit(q.span.start_line, 1, f"'{short(q.text)}' is not in any section")


RULE = Rule(META, check)
