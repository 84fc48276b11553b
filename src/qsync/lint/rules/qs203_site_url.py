"""QS203 site-url: an absolute link to this site that names no page or anchor of it."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._links import anchors_for, missing_anchor

META = meta(
    "QS203",
    "site-url",
    "error",
    "An absolute link to the site (base_url) names a page or anchor it does not have.",
    """
Links such as `https://cybercloud.guru/ai-security/ai-governance/#eu-ai-act` are mapped
back to the page MkDocs builds that URL from (`[site] base_url`, `use_directory_urls`)
and checked offline like a relative link, anchor included. `http://` links to the site
are mapped too (QS206 reports the scheme).
""",
    tags=("links", "site"),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    if not ctx.site.base_url:
        return
    for link in ctx.page.links:
        resolved = ctx.site.resolve_site_url(link.target.strip())
        if resolved is None:
            continue
        if resolved.status == "missing":
            yield Hit(
                link.line,
                link.col,
                f"{link.target} is not a page of the site",
                end_col=link.end_col,
            )
            continue
        anchors = anchors_for(ctx, resolved)
        if anchors is not None and resolved.fragment:
            message = missing_anchor(resolved.fragment, anchors)
            if message:
                yield Hit(
                    link.line, link.col, message.format(page=resolved.shown), end_col=link.end_col
                )


RULE = Rule(META, check)
