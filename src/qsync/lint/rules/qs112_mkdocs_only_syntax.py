"""QS112 mkdocs-only-syntax: site answers that would not render on GitHub."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qsync.dialects.common import normalise_question
from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._text import answer_lines

PATTERNS = (
    (re.compile(r"^\s*(\?\?\?\+?|!!!)\s*[\w-]"), "a nested admonition"),
    (re.compile(r'^\s*===[+!]?\s+"'), "a content tab"),
    (re.compile(r"\{:?\s*[.#][\w-][^}]*\}"), "an attribute list"),
    (re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:"), "an icon shortcode"),
    (re.compile(r"^\s*\*\[[^\]]+\]:"), "an abbreviation"),
    (re.compile(r"^\s*-{2}8<-{2}"), "a snippet include"),
    (re.compile(r"\+\+[\w+-]+\+\+"), "a keyboard key"),
    (re.compile(r"(?<![=\w])==[^=\s](?:[^=]*[^=\s])?==(?![=\w])"), "a highlight mark"),
)

META = meta(
    "QS112",
    "mkdocs-only-syntax",
    "warning",
    "A site answer uses MkDocs-only syntax that will not render upstream.",
    """
A site question is a merge-back candidate unless the upstream file its page maps to
(`[[pages]]`, else the same file name) already has it; that is known when the upstream is
readable with git (`--upstream-git PATH` or `[upstream] git`), and otherwise every site
question counts. A candidate's answer should be Markdown GitHub renders: nested admonitions, content tabs (`=== "Tab"`),
attribute lists (`{ .class }`), icon shortcodes (`:material-check:`), abbreviations,
snippet includes (`--8<--`), keys (`++ctrl++`) and highlight marks (`==text==`) do not.
Relative `.md` links are fine: the merge-back turns them into site URLs. Code blocks are
not checked.
""",
    tags=("structure", "site", "upstream"),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    if ctx.page.source.dialect != "site":
        return
    upstream = ctx.upstream_questions
    for q in ctx.answered:
        if upstream is not None and normalise_question(q.text) in upstream:
            continue  # already upstream: not a merge-back candidate
        for line, offset, text in answer_lines(q):
            for pattern, what in PATTERNS:
                m = pattern.search(text)
                if m:
                    yield Hit(line, offset + m.start() + 1, f"{what} does not render on GitHub")
                    break


RULE = Rule(META, check)
