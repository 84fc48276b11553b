"""Each kind of answer a real server gives is classified as the lint rules expect."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from qsync.lint.online import OnlineOptions, check_urls
from tests.lint.online.servers import Server, closed_port, serve

LOCAL = OnlineOptions(allow_hosts=("127.0.0.1",), timeout=5.0, backoff=0.01, retries=2)


@pytest.fixture
def server() -> Iterator[Server]:
    with serve() as (one,):
        yield one


def check_one(url: str, options: OnlineOptions = LOCAL):
    return check_urls([url], options)[url]


def test_a_page_that_answers_200_is_ok_after_one_head(server: Server) -> None:
    result = check_one(server.url("/ok"))
    assert (result.outcome, result.status, result.attempts) == ("ok", 200, 1)
    assert result.final_url is None and not result.from_cache
    assert server.meter.requests == {("HEAD", "/ok"): 1}


@pytest.mark.parametrize(("code", "permanent"), [(301, True), (308, True), (302, False)])
def test_a_redirect_to_a_good_page_is_reported_with_its_target(
    server: Server, code: int, permanent: bool
) -> None:
    result = check_one(server.url(f"/{code}"))
    assert result.outcome == "redirect"
    assert result.status == code
    assert result.final_url == server.url("/ok")
    assert result.permanent is permanent
    assert result.attempts == 2
    assert ("permanently" if permanent else "temporarily") in result.message


def test_a_chain_is_permanent_only_when_every_hop_is(server: Server) -> None:
    result = check_one(server.url("/307-then-301"))
    assert (result.outcome, result.final_url, result.permanent) == (
        "redirect",
        server.url("/ok"),
        False,
    )
    assert result.status == 307
    assert "(307, 301)" in result.message


@pytest.mark.parametrize("code", [404, 410])
def test_a_missing_page_is_broken_and_asked_again_with_get(server: Server, code: int) -> None:
    result = check_one(server.url(f"/{code}"))
    assert (result.outcome, result.status) == ("broken", code)
    assert result.message.startswith(str(code))
    # HEAD may be mishandled, so a 4xx is confirmed with GET; a 4xx is not retried.
    assert server.meter.requests == {("HEAD", f"/{code}"): 1, ("GET", f"/{code}"): 1}


def test_a_redirect_to_a_missing_page_is_broken_and_names_where_it_ended(server: Server) -> None:
    result = check_one(server.url("/301-to-404"))
    assert (result.outcome, result.status) == ("broken", 404)
    assert result.final_url == server.url("/404")
    assert server.url("/404") in result.message


def test_a_server_error_is_broken_after_the_retries(server: Server) -> None:
    result = check_one(server.url("/500"))
    assert (result.outcome, result.status) == ("broken", 500)
    # HEAD 500, then GET 500 and two more GETs after pauses
    assert server.meter.requests == {("HEAD", "/500"): 1, ("GET", "/500"): 3}
    assert result.attempts == 4


def test_a_page_slower_than_the_timeout_times_out_without_retry(server: Server) -> None:
    result = check_one(server.url("/slow"), OnlineOptions(allow_hosts=("127.0.0.1",), timeout=0.2))
    assert result.outcome == "timeout"
    assert result.status is None
    assert "0.2 s" in result.message
    assert server.meter.asked("/slow") == 1


def test_a_closed_port_is_refused() -> None:
    url = f"http://127.0.0.1:{closed_port()}/"
    result = check_one(url)
    assert result.outcome == "refused"
    assert "connection refused" in result.message


def test_tls_to_a_plain_http_server_is_an_error(server: Server) -> None:
    url = server.url("/ok").replace("http://", "https://")
    result = check_one(url)
    assert result.outcome == "error"
    assert result.status is None


def test_urls_that_are_not_fetched_come_back_ok_untouched(server: Server) -> None:
    options = OnlineOptions(allow_hosts=("127.0.0.1",), exclude=(server.url("/404"), r"/4\d\d$"))
    urls = ["mailto:someone@example.org", server.url("/404"), server.url("/410")]
    results = check_urls(urls, options)
    assert [results[u].outcome for u in urls] == ["ok", "ok", "ok"]
    assert all(results[u].attempts == 0 for u in urls)
    assert "exclude" in results[server.url("/410")].message
    assert server.meter.total == 0


def test_fragments_do_not_make_a_url_fetched_twice(server: Server) -> None:
    urls = [server.url("/ok#one"), server.url("/ok#two"), server.url("/ok")]
    results = check_urls(urls, LOCAL)
    assert sorted(results) == sorted(urls)
    assert {r.outcome for r in results.values()} == {"ok"}
    assert results[urls[0]].url == urls[0]
    assert server.meter.requests == {("HEAD", "/ok"): 1}


def test_a_progress_bar_does_not_change_the_results(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = [server.url(f"/ok?n={n}") for n in range(5)]
    options = OnlineOptions(allow_hosts=("127.0.0.1",), progress=True)
    results = check_urls(urls, options)
    assert [results[u].outcome for u in urls] == ["ok"] * 5
    assert capsys.readouterr().out == ""  # the bar, if any, goes to stderr


def test_a_url_with_an_impossible_host_is_an_error_without_a_lookup() -> None:
    result = check_one("http://exa mple.com/")
    assert (result.outcome, result.attempts) == ("error", 0)
    assert "bad host" in result.message
