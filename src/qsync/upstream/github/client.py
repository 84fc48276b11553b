"""A PyGithub client: token from the environment, API root, timeouts and a bounded retry policy."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from github import Github

TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN")


class RateLimitPersisted(Exception):
    """GitHub still answered a rate limit (403 or 429) after every retry qsync allows."""

    def __init__(self, status: int, headers: dict[str, str]) -> None:
        super().__init__(f"rate limited ({status}) after retries")
        self.status = status
        self.headers = headers


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long qsync waits for GitHub, and how often it tries again.

    ``max_wait`` bounds every wait GitHub asks for (Retry-After, a rate-limit reset): a longer
    one fails at once with a RemoteError saying when to try again, instead of hanging a CI job.
    """

    timeout: int = 15  # seconds per request (connect and read); PyGithub takes whole seconds
    retries: int = 3  # further attempts after a 5xx, a timeout or a rate limit
    backoff: float = 1.0  # urllib3 backoff factor between plain retries
    max_wait: float = 60.0  # longest single wait qsync accepts when GitHub names one
    secondary_wait: float = 60.0  # wait after a secondary rate limit that names no time
    between_requests: float = 0.0  # reads are sequential; GitHub asks no pause between them
    between_writes: float = 1.0  # GitHub asks for at least a second between writes


def token_from_env() -> str | None:
    """GITHUB_TOKEN, else GH_TOKEN, else None (anonymous: public repositories, 60 requests/h)."""
    for name in TOKEN_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def make_retry(policy: RetryPolicy) -> Any:
    """PyGithub's GithubRetry, made to refuse any wait longer than ``policy.max_wait``."""
    from github.GithubRetry import GithubRetry
    from urllib3.exceptions import MaxRetryError, ResponseError

    class BoundedRetry(GithubRetry):  # type: ignore[misc]
        def increment(self, method: Any = None, url: Any = None, response: Any = None,
                      error: Any = None, _pool: Any = None, _stacktrace: Any = None) -> Any:  # fmt: skip
            wait = _retry_after(response)
            bound = self.max_rate_limit_wait
            if wait is not None and bound is not None and wait > bound:
                # give the last answer back to PyGithub, which raises it with its headers
                raise MaxRetryError(_pool, url, ResponseError(f"Retry-After {wait:.0f} s"))
            try:
                return super().increment(method, url, response, error, _pool, _stacktrace)
            except MaxRetryError:
                # GithubRetry has read a rate-limited body to decide; PyGithub would see it empty
                if response is not None and response.status in (403, 429):
                    headers = {k.lower(): v for k, v in response.headers.items()}
                    raise RateLimitPersisted(response.status, headers) from None
                raise

    return BoundedRetry(
        total=policy.retries,
        backoff_factor=policy.backoff,
        secondary_rate_wait=policy.secondary_wait,
        max_rate_limit_wait=policy.max_wait,
        raise_on_status=False,  # after the last retry PyGithub sees the answer, not a RetryError
    )


def _retry_after(response: Any) -> float | None:
    if response is None:
        return None
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _quiet_pygithub() -> None:
    """PyGithub prints its INFO log (every retried request) to stderr on import; qsync says one
    line per failure, so PyGithub's records go to logging's usual handlers instead."""
    import logging

    logger = logging.getLogger("github")
    for handler in list(logger.handlers):
        if type(handler) is logging.StreamHandler:
            logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def make_client(api_url: str, token: str | None, policy: RetryPolicy) -> Github:
    from github import Auth, Github

    _quiet_pygithub()
    return Github(
        auth=Auth.Token(token) if token else None,
        base_url=api_url.rstrip("/"),
        timeout=policy.timeout,
        retry=make_retry(policy),
        seconds_between_requests=policy.between_requests,
        seconds_between_writes=policy.between_writes,
        user_agent="qsync",
    )
