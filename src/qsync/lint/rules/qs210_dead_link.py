"""QS210 dead-link: an external URL that does not answer (``--online``)."""

from __future__ import annotations

from collections.abc import Iterator

from qsync.lint.rule import Hit, PageContext, Rule, meta

META = meta(
    "QS210",
    "dead-link",
    "error",
    "An external link is broken, times out or is refused (--online).",
    """
Runs only with `qsync lint --online`. Every external `http(s)` URL is checked once per run,
concurrently, with per-host limits, retries that honour `Retry-After`, and a cache
(`[lint.online]`). Private and loopback addresses are refused unless `allow_private` or
`allow_hosts` say otherwise; `exclude` lists URL prefixes not to check.
""",
    tags=("links", "online"),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    return iter(())  # the engine checks external URLs for all pages at once


RULE = Rule(META, check)
