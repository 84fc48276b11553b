"""What the online link checker is asked to do, and what it finds for each URL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Outcome = Literal[
    "ok", "redirect", "broken", "timeout", "refused", "blocked", "rate-limited", "error"
]


@dataclass(frozen=True, slots=True)
class OnlineOptions:
    """How hard, how long and where the checker may reach; the [lint.online] table of qsync.toml."""

    concurrency: int = 100  # linkinator's default; hosts × per_host is the ceiling that matters
    per_host: int = 10
    timeout: float = 10.0
    retries: int = 2
    cache_ttl: float = 86400.0
    cache_dir: Path | None = None
    allow_private: bool = False
    allow_hosts: tuple[str, ...] = ()
    max_redirects: int = 5
    max_body_bytes: int = 1_048_576
    progress: bool = False
    exclude: tuple[str, ...] = ()
    backoff: float = 0.5
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        # qsync.toml's schema says the same; this guards callers that build options in code
        if self.concurrency < 1 or self.per_host < 1 or self.timeout <= 0 or self.retries < 0:
            raise ValueError(f"impossible online options: {self}")


@dataclass(frozen=True, slots=True)
class UrlResult:
    """One URL's fate.

    ``status`` is the last answer's HTTP status, except for a redirect (which always ends in
    2xx): there it is the first hop's, 301, 302, 307 or 308. ``final_url`` is where redirects
    led (None without any). ``attempts`` counts the HTTP requests sent, redirects included.
    """

    url: str
    outcome: Outcome
    status: int | None
    final_url: str | None
    permanent: bool
    message: str
    attempts: int
    from_cache: bool
