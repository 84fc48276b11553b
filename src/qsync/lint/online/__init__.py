"""External link checks for ``qsync lint --online``.

``check_urls`` takes the URLs a page links to and returns one ``UrlResult`` for each. It is
safe to point at untrusted pages: private, loopback and link-local addresses are refused
(through redirects and DNS answers too) unless configured, redirects are bounded and bodies
are read up to a cap. aiohttp and rich are imported only when something must be fetched.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from qsync.lint.online import cache
from qsync.lint.online.model import OnlineOptions, Outcome, UrlResult
from qsync.lint.online.policy import FETCHED_SCHEMES

__all__ = ["OnlineOptions", "Outcome", "UrlResult", "check_urls", "options_from_config"]


def check_urls(urls: Iterable[str], options: OnlineOptions) -> dict[str, UrlResult]:
    """Every URL's result, keyed by the URL as given.

    A URL differing only by its ``#fragment`` is fetched once. URLs matched by
    ``options.exclude`` and non-HTTP URLs (mailto:, ftp: …) are not fetched: they come back
    ``ok`` with ``attempts == 0`` and a message saying why.
    """
    results: dict[str, UrlResult] = {}
    wanted: dict[str, list[str]] = {}
    excluded = _exclusions(options.exclude)
    for url in dict.fromkeys(urls):
        skipped = _not_fetched(url, excluded)
        if skipped is not None:
            results[url] = UrlResult(url, "ok", None, None, False, skipped, 0, False)
        else:
            wanted.setdefault(url.partition("#")[0], []).append(url)

    cache_dir = options.cache_dir if options.cache_ttl > 0 else None
    now = time.time()
    known = cache.load(cache_dir) if cache_dir is not None else {}
    found = {
        url: cache.result_from(url, known[url])
        for url in wanted
        if url in known and cache.fresh(known[url], now, options.cache_ttl)
    }
    to_fetch = [url for url in wanted if url not in found]
    if to_fetch:
        found.update(_fetch(to_fetch, options))
        if cache_dir is not None:
            cache.save(cache_dir, found, time.time(), options.cache_ttl)

    for key, originals in wanted.items():
        for url in originals:
            results[url] = dataclasses.replace(found[key], url=url)
    return results


def options_from_config(lint_config: Mapping[str, Any], cache_root: Path) -> OnlineOptions:
    """OnlineOptions from the [lint] table of qsync.toml; cache_dir is relative to cache_root."""
    online: Mapping[str, Any] = lint_config.get("online", {})
    defaults = OnlineOptions()
    return OnlineOptions(
        concurrency=online.get("concurrency", defaults.concurrency),
        per_host=online.get("per_host", defaults.per_host),
        timeout=float(online.get("timeout", defaults.timeout)),
        retries=online.get("retries", defaults.retries),
        cache_ttl=float(online.get("cache_ttl", defaults.cache_ttl)),
        cache_dir=cache_root / online.get("cache_dir", ".qsync-cache"),
        allow_private=online.get("allow_private", defaults.allow_private),
        allow_hosts=tuple(online.get("allow_hosts", ())),
        max_redirects=online.get("max_redirects", defaults.max_redirects),
        max_body_bytes=online.get("max_body_bytes", defaults.max_body_bytes),
        exclude=tuple(online.get("exclude", ())),
        backoff=float(online.get("backoff", defaults.backoff)),
        max_retry_after=float(online.get("max_retry_after", defaults.max_retry_after)),
    )


def _fetch(urls: list[str], options: OnlineOptions) -> dict[str, UrlResult]:
    import asyncio

    from qsync.lint.online.fetch import check_all
    from qsync.lint.online.progress import progress_bar

    with progress_bar(len(urls), options.progress) as advance:
        return asyncio.run(check_all(urls, options, on_result=advance))


def _exclusions(patterns: tuple[str, ...]) -> list[tuple[str, re.Pattern[str] | None]]:
    """Each exclude entry is a URL prefix, and also a regular expression when it is one."""
    compiled: list[tuple[str, re.Pattern[str] | None]] = []
    for pattern in patterns:
        try:
            compiled.append((pattern, re.compile(pattern)))
        except re.error:
            compiled.append((pattern, None))
    return compiled


def _not_fetched(url: str, excluded: list[tuple[str, re.Pattern[str] | None]]) -> str | None:
    scheme = url.partition(":")[0].lower() if ":" in url else ""
    if scheme not in FETCHED_SCHEMES:
        return f"not checked: only {' and '.join(FETCHED_SCHEMES)} URLs are fetched"
    for pattern, regex in excluded:
        if url.startswith(pattern) or (regex is not None and regex.search(url)):
            return f"not checked: matches [lint.online] exclude {pattern!r}"
    return None
