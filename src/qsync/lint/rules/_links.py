"""Resolving a page's links the way the page's renderer does (MkDocs in docs_dir, else GitHub)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from qsync.lint.rule import PageContext
from qsync.lint.sitemap import Resolved, is_external
from qsync.model import Link


def local_links(ctx: PageContext) -> Iterator[Link]:
    """Links to files or anchors (not to other sites, not empty)."""
    for link in ctx.page.links:
        target = link.target.strip()
        if target and not is_external(target):
            yield link


def resolve(ctx: PageContext, target: str) -> Resolved:
    if ctx.doc_path is not None:
        return ctx.site.resolve_site(ctx.doc_path, target)
    return ctx.site.resolve_repo(ctx.path, target, "upstream")


def anchors_for(ctx: PageContext, resolved: Resolved) -> frozenset[str] | None:
    """The anchors of the page a resolved link points to; None when they cannot be known."""
    if resolved.status != "ok" or resolved.file is None or resolved.dialect is None:
        return None
    if resolved.file.resolve() == ctx.path.resolve():
        return ctx.anchors
    return ctx.site.anchors_of(resolved.file, resolved.dialect)


def missing_anchor(fragment: str, anchors: frozenset[str]) -> str | None:
    """A message when ``fragment`` names no anchor, with the closest one as a hint."""
    name = unquote(fragment)
    if not name or name == "top" or name in anchors or fragment in anchors:
        return None
    from rapidfuzz import fuzz, process  # only a broken anchor pays for the import

    close = process.extractOne(name, sorted(anchors), scorer=fuzz.ratio, score_cutoff=80)
    hint = f" (did you mean #{close[0]}?)" if close else ""
    return f"#{name} is not an anchor of {{page}}{hint}"
