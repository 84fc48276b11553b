"""The checker never has more requests in flight than its limits, counted by the servers."""

from __future__ import annotations

from qsync.lint.online import OnlineOptions, check_urls
from tests.lint.online.servers import Meter, serve


def test_no_host_ever_sees_more_than_per_host_requests_at_once() -> None:
    meters = [Meter(), Meter()]
    with serve(delay=0.05, meter=meters[0]) as (a,), serve(delay=0.05, meter=meters[1]) as (b,):
        urls = [s.url(f"/ok?page={n}") for s in (a, b) for n in range(24)]
        options = OnlineOptions(allow_hosts=("127.0.0.1",), per_host=3, concurrency=100)
        results = check_urls(urls, options)
    assert {r.outcome for r in results.values()} == {"ok"}
    for meter in meters:
        assert meter.total == 24
        assert meter.max_in_flight == 3  # the limit, and reached: the hosts ran in parallel


def test_all_hosts_together_never_see_more_than_the_global_limit() -> None:
    with serve(4, delay=0.05) as servers:
        urls = [s.url(f"/ok?page={n}") for s in servers for n in range(10)]
        options = OnlineOptions(allow_hosts=("127.0.0.1",), per_host=10, concurrency=5)
        results = check_urls(urls, options)
    meter = servers[0].meter  # shared by the four servers
    assert len(results) == 40 and meter.total == 40
    assert meter.max_in_flight == 5
