"""Results kept on disk for a while, so that a CI rerun does not fetch every URL again.

One JSON file (``links.json`` in the cache folder) maps a URL to its last definitive result
and when it was found. Only answers that would come out the same a minute later are kept:
2xx, redirects and 4xx. Timeouts, refused connections, 5xx and rate limits are passing
states and are asked again next run; a blocked URL depends on the configuration.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from qsync.documents import dumps
from qsync.errors import InputError
from qsync.fileio import write_atomic
from qsync.lint.online.model import UrlResult

CACHE_FILE = "links.json"
CACHE_SCHEMA = "qsync.link-cache/1"
_FIELDS = ("outcome", "status", "final_url", "permanent", "message")


def is_definitive(result: UrlResult) -> bool:
    if result.outcome in ("ok", "redirect"):
        return True
    return result.outcome == "broken" and result.status is not None and result.status < 500


def load(cache_dir: Path) -> dict[str, dict[str, Any]]:
    """The entries of the cache file; an absent, unreadable or foreign file is an empty cache."""
    try:
        document = json.loads((cache_dir / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if not isinstance(document, dict) or document.get("schema") != CACHE_SCHEMA:
        return {}
    entries = document.get("entries")
    if not isinstance(entries, dict):
        return {}
    return {url: e for url, e in entries.items() if _well_formed(e)}


def fresh(entry: dict[str, Any], now: float, ttl: float) -> bool:
    return 0.0 <= now - float(entry["checked_at"]) < ttl


def result_from(url: str, entry: dict[str, Any]) -> UrlResult:
    return UrlResult(
        url=url,
        outcome=entry["outcome"],
        status=entry["status"],
        final_url=entry["final_url"],
        permanent=entry["permanent"],
        message=entry["message"],
        attempts=0,
        from_cache=True,
    )


def save(cache_dir: Path, found: dict[str, UrlResult], now: float, ttl: float) -> None:
    """Add this run's definitive results to the file, dropping entries past their TTL.

    The file is read again first so that a run in parallel loses nothing but a tie.
    """
    new = {
        url: {**{f: getattr(r, f) for f in _FIELDS}, "checked_at": now}
        for url, r in found.items()
        if is_definitive(r) and not r.from_cache
    }
    if not new:
        return
    entries = {url: e for url, e in load(cache_dir).items() if fresh(e, now, ttl)}
    entries.update(new)
    document = {"schema": CACHE_SCHEMA, "entries": dict(sorted(entries.items()))}
    path = cache_dir / CACHE_FILE
    # A cache that cannot be written (a read-only checkout) costs the next run time, not
    # this run its results.
    text = dumps(document, str(path))
    with contextlib.suppress(InputError):
        write_atomic(path, text)


def _well_formed(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("checked_at"), int | float)
        and entry.get("outcome") in ("ok", "redirect", "broken")
        and all(f in entry for f in _FIELDS)
    )
