"""Untrusted pages cannot make the checker reach private addresses, loop, or read forever."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from qsync.lint.online import OnlineOptions, check_urls
from qsync.lint.online.policy import AddressPolicy, non_public_kind
from tests.lint.online.servers import Server, serve

ALLOW_127 = OnlineOptions(allow_hosts=("127.0.0.1",), timeout=5.0)


@pytest.fixture
def server() -> Iterator[Server]:
    with serve() as (one,):
        yield one


def check_one(url: str, options: OnlineOptions):
    return check_urls([url], options)[url]


def test_loopback_is_refused_by_default_without_a_request(server: Server) -> None:
    result = check_one(server.url("/ok"), OnlineOptions())
    assert result.outcome == "blocked"
    assert "loopback address 127.0.0.1" in result.message
    assert "allow_private or allow_hosts" in result.message
    assert server.meter.total == 0


def test_a_name_whose_dns_answer_is_loopback_is_refused(server: Server) -> None:
    url = server.url("/ok").replace("127.0.0.1", "localhost")
    result = check_one(url, OnlineOptions())
    assert result.outcome == "blocked"
    assert "localhost resolves to loopback address" in result.message
    assert server.meter.total == 0


def test_allow_hosts_lets_that_name_through(server: Server) -> None:
    url = server.url("/ok").replace("127.0.0.1", "localhost")
    assert check_one(url, OnlineOptions(allow_hosts=("LOCALHOST",))).outcome == "ok"


def test_allow_private_lets_every_private_address_through(server: Server) -> None:
    url = server.url("/ok").replace("127.0.0.1", "localhost")
    assert check_one(url, OnlineOptions(allow_private=True)).outcome == "ok"
    assert check_one(server.url("/ok"), OnlineOptions(allow_private=True)).outcome == "ok"


@pytest.mark.parametrize(
    "target",
    [
        "http://localhost:{port}/ok",  # a name resolving to loopback
        "http://127.0.0.2:{port}/ok",  # another loopback address
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://10.0.0.1/",
        "http://[::1]:{port}/ok",
        "http://[::ffff:c0a8:1]/",  # 192.168.0.1 hidden in IPv6
    ],
)
def test_an_allowed_host_cannot_redirect_to_one_that_is_not(server: Server, target: str) -> None:
    hop = target.format(port=server.port)
    result = check_one(server.url(f"/redirect?to={quote(hop, safe='')}"), ALLOW_127)
    assert result.outcome == "blocked"
    assert result.final_url == hop
    assert server.meter.total == 1  # the redirect itself; the target was never reached


def test_redirects_are_followed_up_to_the_limit(server: Server) -> None:
    options = OnlineOptions(allow_hosts=("127.0.0.1",), max_redirects=3)
    assert check_one(server.url("/chain/3"), options).outcome == "redirect"
    result = check_one(server.url("/chain/4"), options)
    assert result.outcome == "error"
    assert result.message == "more than 3 redirects"
    assert server.meter.asked("/chain/0") == 1  # /chain/3 reached it; /chain/4 stopped short


def test_a_redirect_loop_ends(server: Server) -> None:
    result = check_one(server.url("/loop"), ALLOW_127)
    assert (result.outcome, result.attempts) == ("error", 6)
    assert server.meter.asked("/loop") == 6


def test_a_redirect_to_another_scheme_is_not_followed(server: Server) -> None:
    target = quote("file:///etc/passwd", safe="")
    result = check_one(server.url(f"/redirect?to={target}"), ALLOW_127)
    assert result.outcome == "blocked"
    assert "file: URL" in result.message


def test_an_endless_body_is_read_only_up_to_the_cap(server: Server) -> None:
    options = OnlineOptions(allow_hosts=("127.0.0.1",), max_body_bytes=200_000, timeout=5.0)
    result = check_one(server.url("/endless"), options)
    # without the cap the read would go on until the timeout
    assert (result.outcome, result.status) == ("ok", 200)
    assert server.meter.asked("/endless", "GET") == 1


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "reserved"),  # carrier-grade NAT
        ("::ffff:127.0.0.1", "loopback"),
        ("93.184.215.14", None),
        ("2606:4700::6810:84e5", None),
    ],
)
def test_what_counts_as_not_public(address: str, kind: str | None) -> None:
    assert non_public_kind(address) == kind


def test_the_policy_names_host_and_address() -> None:
    policy = AddressPolicy()
    assert policy.refusal("example.org", "93.184.215.14") is None
    refusal = policy.refusal("intranet.example", "10.0.0.7")
    assert refusal is not None and refusal.startswith("intranet.example resolves to private")
    assert (
        AddressPolicy(allow_hosts=("intranet.example",)).refusal("intranet.example", "10.0.0.7")
        is None
    )


@pytest.mark.parametrize("host", ["2130706433", "127.1", "0x7f.0.0.1", "0177.0.0.1"])
def test_odd_spellings_of_loopback_do_not_pass_for_an_allowed_address(
    server: Server, host: str
) -> None:
    result = check_one(f"http://{host}:{server.port}/ok", ALLOW_127)
    assert result.outcome in ("blocked", "error")
    assert server.meter.total == 0
