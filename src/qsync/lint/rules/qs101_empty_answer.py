"""QS101 empty-answer: a question or scenario with nothing under it."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._text import short

META = meta(
    "QS101",
    "empty-answer",
    "error",
    "A question has no answer.",
    """
A question block with no answer renders as an empty box on the site and an orphan bold
line upstream. Practice prompts (plain numbered lists) are exempt: they have no answer by
design.

```markdown
??? question "Q: What is a threat model?"

## Next section
```
""",
    tags=("structure",),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    for q in ctx.answered:
        if not q.answer.strip():
            yield Hit(q.span.start_line, 1, f"'{short(q.text)}' has no answer")


RULE = Rule(META, check)
