"""QS103 near-duplicate-question: two questions that say almost the same thing."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.dialects.common import normalise_question
from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._text import short

DEFAULT_THRESHOLD = 90.0

META = meta(
    "QS103",
    "near-duplicate-question",
    "warning",
    "Two questions on a page are nearly the same.",
    f"""
Questions whose normalised texts are at least `threshold` similar (rapidfuzz ratio, 0-100)
but not equal are reported at the later one; exact duplicates are QS102's.

Option: `threshold` (default {DEFAULT_THRESHOLD:g}).

```toml
[lint.options.QS103]
threshold = 85
```
""",
    tags=("structure", "questions"),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    questions = [(q, normalise_question(q.text)) for q in ctx.answered]
    questions = [(q, key) for q, key in questions if key]
    if len(questions) < 2:
        return
    from rapidfuzz import fuzz  # only pages with questions pay for the import

    threshold = float(ctx.option("QS103", "threshold", DEFAULT_THRESHOLD))
    for j in range(1, len(questions)):
        q, key = questions[j]
        for other, earlier in questions[:j]:
            if earlier == key:
                continue
            score = fuzz.ratio(key, earlier, score_cutoff=threshold)
            if score:
                yield Hit(
                    q.span.start_line,
                    1,
                    f"'{short(q.text)}' is {score:.0f}% like the question at line "
                    f"{other.span.start_line}",
                )
                break


RULE = Rule(META, check)
