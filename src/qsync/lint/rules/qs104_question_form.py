"""QS104 question-form: ``Q: `` on site questions; a question mark or an imperative."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._text import short
from qsync.results.lint import Edit

# Verbs an imperative question starts with ("Walk through …", "Design …").
IMPERATIVES = frozenset(
    """
    analyse analyze assess build compare contrast define derive describe design detect
    differentiate discuss distinguish draw evaluate explain give identify illustrate
    implement list map model name outline plan prioritise prioritize propose recommend
    review show sketch state suggest summarise summarize tell threat trace walk write
    """.split()  # noqa: SIM905
)
_LOOSE_PREFIX = re.compile(r"^[Qq]\s*[:.]\s*")
_WORD = re.compile(r"[A-Za-z']+")
_CLAUSE = re.compile(r"\s+[—–-]\s+|[:;]\s+")
_TRAILING_NOTE = re.compile(r"\s*(\[[^\]]*\]|\([^)]*\))$")

META = meta(
    "QS104",
    "question-form",
    "warning",
    "A question is not written as a question.",
    """
A site question's title starts with `Q: ` (the site's convention; `--fix` adds it). Its
text ends in `?` (a trailing `[hint]` or `(note)` aside) or is an imperative sentence
(`Explain …`, `Walk through …`, `Design …`). Scenarios are titles and practice prompts are
topics: neither is checked.

Option: `imperatives`, more verbs to accept as the first word.
""",
    tags=("structure", "questions"),
    fixable=True,
)


def _prefix_fix(line: int, col: int, text: str) -> tuple[Edit, ...]:
    loose = _LOOSE_PREFIX.match(text)
    end = col + (loose.end() if loose else 0)
    return (Edit(line, col, line, end, "Q: "),)


def check(ctx: PageContext) -> Iterator[Hit]:
    extra = {str(v).lower() for v in ctx.option("QS104", "imperatives", ())}
    site = ctx.page.source.dialect == "site"
    for q in ctx.page.questions:
        if q.kind != "question":
            continue
        line = q.span.start_line
        if site and q.kind == "question" and not q.layout.head_before.endswith("Q: "):
            col = len(q.layout.head_before) + 1
            yield Hit(
                line,
                col,
                "site question title does not start with 'Q: '",
                fix=_prefix_fix(line, col, q.text),
            )
        text = _LOOSE_PREFIX.sub("", q.text).strip().rstrip("*_ ")
        if _TRAILING_NOTE.sub("", text).rstrip("*_ ").endswith("?"):
            continue
        verbs = IMPERATIVES | extra
        clauses = _CLAUSE.split(text)  # "X vs Y — give an example of each" asks in its 2nd clause
        if any((w := _WORD.search(c)) and w.group().lower() in verbs for c in clauses):
            continue
        yield Hit(line, 1, f"'{short(text)}' neither ends in '?' nor starts with an imperative")


RULE = Rule(META, check)
