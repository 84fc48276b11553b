"""QS207 unlinked-page-title: "See <Page Title>" naming a page of the site without a link."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._text import prose_lines
from qsync.results.lint import Edit

META = meta(
    "QS207",
    "unlinked-page-title",
    "warning",
    '"See <Page Title>" names a page of the site without linking it.',
    """
When prose says *see* a page of the site by its title (its H1) and does not link it, the
reader has to search for it. `--fix` links the title to the page with a relative link.

```markdown
See AI Governance for the details.          <- reported
See [AI Governance](../ai-security/ai-governance.md) for the details.   <- fixed
```
""",
    tags=("links", "site"),
    fixable=True,
)


def check(ctx: PageContext) -> Iterator[Hit]:
    if ctx.doc_path is None:
        return
    titles = ctx.site.titles()
    if not titles:
        return
    spans: dict[int, list[tuple[int, int]]] = {}
    for link in ctx.page.links:
        spans.setdefault(link.line, []).append((link.col, link.end_col))
    here = posixpath.dirname(ctx.doc_path) or "."
    for line, text in prose_lines(ctx.lines):
        if "ee " not in text:
            continue
        pattern = ctx.site.see_title_pattern(text)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            col, end = m.start("title") + 1, m.end("title") + 1
            if any(a <= col < b for a, b in spans.get(line, ())) or text[: col - 1].endswith("["):
                continue
            title = m.group("title")
            if titles[title] == ctx.doc_path:
                continue  # a page naming itself
            target = posixpath.relpath(titles[title], here)
            yield Hit(
                line,
                col,
                f"'{title}' is a page of the site ({titles[title]}); link it",
                end_col=end,
                fix=(Edit(line, col, line, end, f"[{title}]({target})"),),
            )


RULE = Rule(META, check)
