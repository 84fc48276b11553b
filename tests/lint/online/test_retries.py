"""Retries, pauses and the HEAD→GET fallback, counted on the server's side."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from qsync.lint.online import OnlineOptions, check_urls
from qsync.lint.online.fetch import check_all
from tests.lint.online.servers import Server, serve

LOCAL = OnlineOptions(allow_hosts=("127.0.0.1",), timeout=5.0, backoff=0.01, retries=2)


@pytest.fixture
def server() -> Iterator[Server]:
    with serve() as (one,):
        yield one


def check_recording_pauses(url: str, options: OnlineOptions = LOCAL):
    """Check one URL with the checker's pauses recorded instead of slept."""
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    results = asyncio.run(check_all([url], options, sleep=sleep))
    return results[url], pauses


def test_head_refused_with_405_is_asked_again_with_get(server: Server) -> None:
    result = check_urls([server.url("/head-405")], LOCAL)[server.url("/head-405")]
    assert (result.outcome, result.attempts) == ("ok", 2)
    assert server.meter.requests == {("HEAD", "/head-405"): 1, ("GET", "/head-405"): 1}


def test_a_server_that_mishandles_head_is_judged_by_get(server: Server) -> None:
    result = check_urls([server.url("/head-404")], LOCAL)[server.url("/head-404")]
    assert result.outcome == "ok"
    assert server.meter.requests == {("HEAD", "/head-404"): 1, ("GET", "/head-404"): 1}


def test_429_with_retry_after_waits_as_long_as_the_server_asks(server: Server) -> None:
    result, pauses = check_recording_pauses(server.url("/429-retry-after-1"))
    assert (result.outcome, result.attempts) == ("ok", 2)
    assert len(pauses) == 1 and 0.9 < pauses[0] <= 1.0
    assert server.meter.asked("/429-retry-after-1", "HEAD") == 2


def test_429_without_retry_after_backs_off_then_gives_up_as_rate_limited(server: Server) -> None:
    result, pauses = check_recording_pauses(server.url("/429"))
    assert (result.outcome, result.status) == ("rate-limited", 429)
    assert result.attempts == 3
    assert server.meter.asked("/429") == 3
    # growing pauses with jitter: each within [base·2ⁿ/2, base·2ⁿ] (less the time since
    # the answer, as a 429 rests the whole host until then)
    assert len(pauses) == 2
    assert 0.004 <= pauses[0] <= 0.01 and 0.009 <= pauses[1] <= 0.02


def test_retry_after_beyond_the_cap_ends_the_retries_at_once(server: Server) -> None:
    result, pauses = check_recording_pauses(server.url("/429-retry-after-hour"))
    assert result.outcome == "rate-limited"
    assert pauses == []
    assert server.meter.asked("/429-retry-after-hour") == 1
    assert "retry after 3600" in result.message


def test_503_then_200_is_ok_after_one_retry(server: Server) -> None:
    result = check_urls([server.url("/503-once")], LOCAL)[server.url("/503-once")]
    assert (result.outcome, result.status, result.attempts) == ("ok", 200, 2)
    assert server.meter.asked("/503-once") == 2


def test_no_retries_means_one_try(server: Server) -> None:
    options = OnlineOptions(allow_hosts=("127.0.0.1",), retries=0)
    result = check_urls([server.url("/429")], options)[server.url("/429")]
    assert (result.outcome, result.attempts) == ("rate-limited", 1)
    assert server.meter.asked("/429") == 1


def test_a_429_rests_the_whole_host_not_only_its_url(server: Server) -> None:
    """Other URLs of a host that said "slow down" wait too, instead of hammering it."""
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    options = OnlineOptions(allow_hosts=("127.0.0.1",), per_host=1, backoff=0.01)
    urls = [server.url("/429-retry-after-1"), server.url("/ok"), server.url("/404")]
    results = asyncio.run(check_all(urls, options, sleep=sleep))
    assert [results[u].outcome for u in urls] == ["ok", "ok", "broken"]
    # /ok and /404 queued behind the 429 wait out its second, as does the retry
    assert len(pauses) >= 2 and all(0.9 < p <= 1.0 for p in pauses)
