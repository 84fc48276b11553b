"""QS206 insecure-http: ``http://`` links on an https site."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from qsync.lint.rule import Hit, PageContext, Rule, meta

_LOCAL = ("localhost", "127.0.0.1", "::1", "0.0.0.0")

META = meta(
    "QS206",
    "insecure-http",
    "warning",
    "An http:// link on a site served over https.",
    """
When `[site] base_url` is https, plain `http://` links send readers off the secure site
(and to the site itself, a needless redirect). Not fixed automatically: not every host
serves https. Local and `example.*` hosts are exempt.
""",
    tags=("links",),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    if not ctx.site.base_url.startswith("https://"):
        return
    for link in ctx.page.links:
        target = link.target.strip()
        if target[:7].lower() != "http://":
            continue
        host = (urlsplit(target).hostname or "").lower()
        if host in _LOCAL or host.endswith(".local") or host.startswith("example."):
            continue
        yield Hit(link.line, link.col, f"{target} is not https", end_col=link.end_col)


RULE = Rule(META, check)
