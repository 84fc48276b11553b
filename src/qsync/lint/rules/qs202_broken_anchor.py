"""QS202 broken-anchor: a link to ``#anchor`` that no heading of the target page has."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._links import anchors_for, local_links, missing_anchor, resolve

META = meta(
    "QS202",
    "broken-anchor",
    "error",
    "A link's #anchor is not an anchor of the page it points to.",
    """
Anchors are computed with the slugger of the renderer of the target page:

- MkDocs (site pages): Python-Markdown's toc slugify — ASCII-fold, drop punctuation,
  collapse runs of spaces and hyphens into one `-`; repeats get `_1`, `_2`; `{#id}` wins.
- GitHub (upstream files): lowercase, drop punctuation, *each* space becomes `-` with no
  collapsing (`A — B` is `a--b`); repeats get `-1`, `-2`.

Both same-page links (`#x`) and cross-file links (`page.md#x`) are checked. Headings inside
code blocks are not headings; HTML `id`/`name` attributes count as anchors. Anchors of
pages listed in `[site] external_pages` cannot be checked and are accepted.
""",
    tags=("links",),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    for link in local_links(ctx):
        target = link.target.strip()
        path, sep, fragment = target.partition("#")
        if not sep:
            continue
        resolved = resolve(ctx, target)
        anchors = ctx.anchors if not path else anchors_for(ctx, resolved)
        if anchors is None:
            continue
        message = missing_anchor(fragment, anchors)
        if message:
            page = "this page" if not path else resolved.shown
            yield Hit(link.line, link.col, message.format(page=page), end_col=link.end_col)


RULE = Rule(META, check)
