"""How long to wait before trying a URL again."""

from __future__ import annotations

import email.utils
import random

# A server that answers 429/503 without Retry-After still gets a pause that grows:
# base, 2·base, 4·base … each shortened by up to half at random so that many URLs
# of one host do not come back in lockstep.
MAX_BACKOFF = 30.0


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date is always GMT; a naive one is malformed
        return None
    return max(0.0, when.timestamp() - now)


def backoff_seconds(retry: int, base: float, rng: random.Random) -> float:
    """The pause before retry number ``retry`` (0 for the first) when the server names none."""
    ceiling = min(MAX_BACKOFF, base * 2.0**retry)
    return ceiling * rng.uniform(0.5, 1.0)


def retry_delay(
    retry_after: str | None,
    retry: int,
    *,
    base: float,
    cap: float,
    now: float,
    rng: random.Random,
) -> float | None:
    """The pause before the next try, or None when the server asks for more than ``cap``.

    Waiting a capped minute for a server that said "come back in an hour" would only fail
    again later, so such an answer ends the retries at once.
    """
    asked = retry_after_seconds(retry_after, now)
    if asked is not None:
        return asked if asked <= cap else None
    return min(backoff_seconds(retry, base, rng), cap)
