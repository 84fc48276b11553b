"""QS211 redirected-link: an external URL that redirects (``--online``)."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta

META = meta(
    "QS211",
    "redirected-link",
    "warning",
    "An external link redirects (--online); permanent redirects are fixable.",
    """
Runs only with `qsync lint --online`. A permanent redirect (301, 308) means the page moved:
`--fix` replaces the URL with where it now lives. Temporary redirects are reported as
information only.
""",
    tags=("links", "online"),
    fixable=True,
)


def check(ctx: PageContext) -> Iterator[Hit]:
    return iter(())  # the engine checks external URLs for all pages at once


RULE = Rule(META, check)
