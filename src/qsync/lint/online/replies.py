"""What one hop answered, and what the whole chain of hops makes of a URL."""

from __future__ import annotations

from dataclasses import dataclass

from yarl import URL

from qsync.lint.online.model import Outcome, UrlResult

PERMANENT = frozenset({301, 308})


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    reason: str
    location: str | None
    retry_after: str | None


@dataclass(frozen=True, slots=True)
class Failure:
    outcome: Outcome
    message: str
    transient: bool = False


Reply = Answer | Failure


def classify(url: str, answer: Answer, final: URL, hops: list[int], sent: int) -> UrlResult:
    """The result of a URL whose last hop answered; a redirect's status is its first hop's."""
    status = f"{answer.status} {answer.reason}".strip()
    where = f" at {final}" if hops else ""
    if 200 <= answer.status < 300:
        if not hops:
            return url_result(url, "ok", status, status=answer.status, attempts=sent)
        permanent = all(code in PERMANENT for code in hops)
        kind = "permanently" if permanent else "temporarily"
        chain = ", ".join(map(str, hops))
        message = f"redirects {kind} ({chain}) to {final}"
        return UrlResult(url, "redirect", hops[0], str(final), permanent, message, sent, False)
    n = len(hops)
    if answer.status == 429:
        asked = _asked(answer.retry_after)
        message = f"{status}{where} after {sent} request{'s' if sent > 1 else ''}{asked}"
        return url_result(
            url, "rate-limited", message, status=429, final=final, hops=n, attempts=sent
        )
    if answer.status >= 400:
        return url_result(
            url, "broken", status + where, status=answer.status, final=final, hops=n, attempts=sent
        )
    return url_result(
        url,
        "error",
        f"unexpected {status}{where}",
        status=answer.status,
        final=final,
        hops=n,
        attempts=sent,
    )


def url_result(
    url: str,
    outcome: Outcome,
    message: str,
    *,
    status: int | None = None,
    final: URL | None = None,
    hops: int = 0,
    attempts: int = 0,
) -> UrlResult:
    final_url = str(final) if final is not None and hops else None
    return UrlResult(url, outcome, status, final_url, False, message, attempts, False)


def _asked(retry_after: str | None) -> str:
    if not retry_after:
        return ""
    value = retry_after.strip()
    return (
        f"; asked to retry after {value} s" if value.isdigit() else f"; asked to retry at {value}"
    )
