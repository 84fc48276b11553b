"""Everything PyGithub or requests can raise, as one RemoteError line that names no token."""

from __future__ import annotations

import time
from typing import Any

from qsync.errors import RemoteError

_REASONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def remote_error(exc: BaseException, *, what: str, api_url: str) -> RemoteError:
    """The one line a user sees for ``exc``, raised while reading ``what`` from ``api_url``."""
    from github.GithubException import GithubException

    from qsync.upstream.github.client import RateLimitPersisted

    if isinstance(exc, RateLimitPersisted):
        return RemoteError(f"{what}: {_persisted_reason(exc)}")
    if isinstance(exc, GithubException):
        return RemoteError(f"{what}: {_github_reason(exc)}")
    return RemoteError(f"{what}: {_transport_reason(exc, api_url)}")


def _github_reason(exc: Any) -> str:
    status: int = exc.status
    headers = {str(k).lower(): str(v) for k, v in (exc.headers or {}).items()}
    message = _message(exc.data)
    if status == 401:
        return (
            "GitHub refused the token (401 Bad credentials); "
            "check GITHUB_TOKEN or GH_TOKEN, or unset both to read public repositories"
        )
    if status == 429 or (status == 403 and _is_rate_limit(message, headers)):
        return _rate_limit_reason(status, message, headers)
    if status == 403:
        return f"GitHub refused access (403 {message or 'Forbidden'}); the token may lack a scope"
    if status == 404:
        return "not found on GitHub (404); check the repository name, and that the token can see it"
    if status >= 500:
        reason = _REASONS.get(status, "server error")
        return f"GitHub failed ({status} {reason}) and kept failing after retries; try again later"
    return f"GitHub answered {status}" + (f": {message}" if message else "")


def _message(data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return " ".join(data["message"].split())
    return ""


def _is_rate_limit(message: str, headers: dict[str, str]) -> bool:
    return (
        headers.get("x-ratelimit-remaining") == "0"
        or "retry-after" in headers
        or "rate limit" in message.lower()
    )


def _rate_limit_reason(status: int, message: str, headers: dict[str, str]) -> str:
    if "retry-after" in headers:
        return (
            f"GitHub rate limit ({status}): GitHub asks to wait {headers['retry-after']} s, "
            "longer than qsync waits; try again later"
        )
    if headers.get("x-ratelimit-remaining") == "0" and message.lower().startswith("api rate limit"):
        reset = headers.get("x-ratelimit-reset", "")
        when = _clock(reset) if reset.isdigit() else "later"
        return (
            f"GitHub API rate limit exhausted ({status}, {headers.get('x-ratelimit-limit', '?')} "
            f"requests per hour); it resets at {when}"
            + ("" if headers.get("x-ratelimit-limit") != "60" else "; set GITHUB_TOKEN for more")
        )
    if "secondary rate limit" in message.lower() or status == 403:
        return f"GitHub secondary rate limit ({status}); wait a few minutes and try again"
    return f"GitHub rate limit ({status} Too Many Requests) without a time to wait; try again later"


def _persisted_reason(exc: Any) -> str:
    if exc.headers.get("x-ratelimit-remaining") == "0":
        return _rate_limit_reason(exc.status, "API rate limit exceeded", exc.headers)
    return (
        f"GitHub secondary rate limit ({exc.status}), still there after retries; "
        "wait a few minutes and try again"
    )


def _clock(epoch: str) -> str:
    return time.strftime("%H:%M:%S UTC", time.gmtime(int(epoch)))


def _transport_reason(exc: BaseException, api_url: str) -> str:
    text = _chain_text(exc)
    if "timed out" in text or "timeout" in text.lower():
        return f"GitHub did not answer in time ({api_url}); try again later"
    if "too many" in text and "error responses" in text:
        return f"GitHub kept failing after retries ({api_url}); try again later"
    if "refused" in text.lower():
        return f"cannot connect to {api_url} (connection refused)"
    if "name or service not known" in text.lower() or "resolve" in text.lower():
        return f"cannot resolve the host of {api_url}"
    return f"cannot reach {api_url} ({type(exc).__name__})"


def _chain_text(exc: BaseException) -> str:
    """The messages of ``exc`` and what it wraps: requests wraps urllib3, which wraps sockets."""
    parts: list[str] = []
    todo: list[BaseException] = [exc]
    seen: set[int] = set()
    while todo and len(parts) < 12:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        parts.append(f"{type(current).__name__}: {current}")
        wrapped = (current.__cause__, current.__context__, getattr(current, "reason", None))
        todo.extend(e for e in (*wrapped, *current.args) if isinstance(e, BaseException))
    return " | ".join(parts)
