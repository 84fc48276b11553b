"""QS204 upstream-blob-link: a link to a file of the upstream repository, checked with git."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from qsync.lint.anchors import page_anchors, scan_headings
from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._links import missing_anchor

_BLOB = re.compile(
    r"^https://github\.com/(?P<repo>[^/]+/[^/]+)/blob/(?P<ref>[^/]+)/(?P<path>[^#?]+)"
    r"(?:\?[^#]*)?(?:#(?P<fragment>.*))?$"
)

META = meta(
    "QS204",
    "upstream-blob-link",
    "error",
    "A link to a file of the upstream repository names a file or anchor it does not have.",
    """
Links of the form `https://github.com/OWNER/REPO/blob/REF/FILE#anchor` to the upstream
repository (`[upstream] repo`) are checked against the file at REF, with GitHub's slugger
for the anchor, when the repository is available to git: `--upstream-git PATH` or
`[upstream] git`. Without it, or when REF cannot be read, the link is not checked.
""",
    tags=("links", "upstream"),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    upstream = ctx.site.upstream
    if upstream is None:
        return
    for link in ctx.page.links:
        m = _BLOB.match(link.target.strip())
        if m is None or m.group("repo").lower() != upstream.repo.lower():
            continue
        ref, path = m.group("ref"), unquote(m.group("path"))
        text = upstream.text(ref, path)
        if text is False:
            continue
        if text is None:
            yield Hit(
                link.line,
                link.col,
                f"{path} does not exist in {upstream.repo} at {ref}",
                end_col=link.end_col,
            )
            continue
        fragment = m.group("fragment")
        if fragment:
            lines = text.replace("\r\n", "\n").split("\n")
            anchors = page_anchors(text, scan_headings(lines, "upstream"), "upstream")
            message = missing_anchor(fragment, anchors)
            if message:
                page = f"{path} at {ref}"
                yield Hit(link.line, link.col, message.format(page=page), end_col=link.end_col)


RULE = Rule(META, check)
