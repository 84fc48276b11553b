"""Reading Retry-After and choosing pauses."""

from __future__ import annotations

import random

from qsync.lint.online.backoff import retry_after_seconds, retry_delay

NOW = 1_700_000_000.0  # 2023-11-14T22:13:20Z


def test_retry_after_in_seconds() -> None:
    assert retry_after_seconds("120", NOW) == 120.0
    assert retry_after_seconds(" 0 ", NOW) == 0.0


def test_retry_after_as_an_http_date() -> None:
    assert retry_after_seconds("Tue, 14 Nov 2023 22:13:50 GMT", NOW) == 30.0
    assert retry_after_seconds("Tue, 14 Nov 2023 22:00:00 GMT", NOW) == 0.0  # in the past


def test_a_malformed_retry_after_is_ignored() -> None:
    for value in (None, "", "soon", "-5", "1.5", "Tue, 14 Nov 2023 22:13:50"):
        assert retry_after_seconds(value, NOW) is None, value


def test_the_server_is_obeyed_up_to_the_cap_and_not_beyond() -> None:
    rng = random.Random(1)
    assert retry_delay("30", 0, base=0.5, cap=60, now=NOW, rng=rng) == 30.0
    assert retry_delay("61", 0, base=0.5, cap=60, now=NOW, rng=rng) is None


def test_without_retry_after_the_pause_doubles_with_jitter_and_stays_bounded() -> None:
    rng = random.Random(7)
    pauses = [retry_delay(None, n, base=1.0, cap=60, now=NOW, rng=rng) for n in range(10)]
    for n, pause in enumerate(pauses):
        ceiling = min(30.0, 2.0**n)
        assert pause is not None and ceiling / 2 <= pause <= ceiling
    assert retry_delay(None, 10, base=1.0, cap=5, now=NOW, rng=rng) == 5
