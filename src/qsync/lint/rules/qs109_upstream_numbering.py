"""QS109 upstream-numbering: questions 1, 2, 3 … and scenarios 1, 2, 3 … with no gap."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.results.lint import Edit

META = meta(
    "QS109",
    "upstream-numbering",
    "error",
    "Upstream questions or scenarios are not numbered 1, 2, 3 … in order.",
    """
Upstream numbers questions across the whole file (`**1. …**`, `**2. …**`, continuing from
section to section) and scenarios separately (`### Scenario 1: …`). A gap, a repeat or a
number out of order is reported at the question. `--fix` renumbers every question and
scenario by position; prose references such as "see Q15" are not changed (check them).
""",
    tags=("structure", "upstream"),
    fixable=True,
)


def check(ctx: PageContext) -> Iterator[Hit]:
    if ctx.page.source.dialect != "upstream":
        return
    for kind in ("question", "scenario"):
        expected = 0
        for q in ctx.page.questions:
            if q.kind != kind or q.number is None:
                continue
            expected += 1
            if q.number == expected:
                continue
            line = q.span.start_line
            col = len(q.layout.head_before) + 1
            end = col + len(str(q.number))
            yield Hit(
                line,
                col,
                f"{kind} numbered {q.number}; expected {expected}",
                end_col=end,
                fix=(Edit(line, col, line, end, str(expected)),),
            )


RULE = Rule(META, check)
