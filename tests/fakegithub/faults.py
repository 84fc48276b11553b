"""Faults the fake GitHub can be told to answer with, queued per method and route.

A route is named as in GitHub's description: ``fake.inject("PUT", "/repos/{owner}/{repo}/contents/{path}",
Fault.after(502))``. Each queued fault answers one request, in order; then the route behaves.
"""

from __future__ import annotations

import threading
from collections import defaultdict, deque
from dataclasses import dataclass

SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID {request_id}."
)


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str  # status | after | too-many | secondary | primary | slow | fork-not-ready
    status: int = 500
    retry_after: int | None = None
    delay: float = 0.0
    requests: int = 0

    @classmethod
    def status_code(cls, status: int = 500) -> Fault:
        """Answer ``status`` without doing anything."""
        return cls("status", status)

    @classmethod
    def after(cls, status: int = 502) -> Fault:
        """Do the work, then answer ``status`` as if it failed (a write applied but answered 5xx)."""
        return cls("after", status)

    @classmethod
    def too_many(cls, retry_after: int | None = None) -> Fault:
        """429 Too Many Requests, with or without Retry-After."""
        return cls("too-many", 429, retry_after)

    @classmethod
    def secondary(cls, retry_after: int | None = None) -> Fault:
        """403 secondary rate limit, with or without Retry-After."""
        return cls("secondary", 403, retry_after)

    @classmethod
    def primary(cls, reset_in: int = 3600) -> Fault:
        """403 primary rate limit: x-ratelimit-remaining 0 and a reset ``reset_in`` s from now."""
        return cls("primary", 403, retry_after=reset_in)

    @classmethod
    def slow(cls, delay: float) -> Fault:
        """Answer normally after ``delay`` seconds (past a client's timeout)."""
        return cls("slow", 200, delay=delay)

    @classmethod
    def fork_not_ready(cls, requests: int = 2) -> Fault:
        """On POST forks: the new fork answers 409 "Git Repository is empty." ``requests`` times."""
        return cls("fork-not-ready", 202, requests=requests)


class FaultQueue:
    def __init__(self) -> None:
        self._queues: dict[tuple[str, str], deque[Fault]] = defaultdict(deque)
        self._lock = threading.Lock()

    def add(self, method: str, route: str, *faults: Fault) -> None:
        with self._lock:
            self._queues[(method.upper(), route)].extend(faults)

    def take(self, method: str, route: str) -> Fault | None:
        with self._lock:
            queue = self._queues.get((method.upper(), route))
            return queue.popleft() if queue else None

    def pending(self) -> dict[tuple[str, str], int]:
        with self._lock:
            return {key: len(q) for key, q in self._queues.items() if q}
