"""Names are refused by what they resolve to, at the moment of connecting.

A small hosts table stands in for DNS (tests never reach a real name server); everything
after it — the policy, aiohttp's connector, the server on 127.0.0.1 — is real.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from qsync.lint.online import OnlineOptions, UrlResult
from qsync.lint.online.fetch import check_all
from tests.lint.online.servers import Server, serve


class HostsTable(AbstractResolver):
    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            ResolveResult(hostname=host, host=address, port=port, family=family, proto=0, flags=0)
            for address in self.table[host]
        ]

    async def close(self) -> None:
        return None


@pytest.fixture
def server() -> Iterator[Server]:
    with serve() as (one,):
        yield one


def check(url: str, options: OnlineOptions, dns: HostsTable) -> UrlResult:
    return asyncio.run(check_all([url], options, dns=dns))[url]


def test_a_public_looking_name_that_resolves_to_loopback_is_refused(server: Server) -> None:
    dns = HostsTable({"docs.example.test": ["127.0.0.1"]})
    result = check(f"http://docs.example.test:{server.port}/ok", OnlineOptions(), dns)
    assert result.outcome == "blocked"
    assert result.message.startswith("docs.example.test resolves to loopback address 127.0.0.1")
    assert dns.asked == ["docs.example.test"] and server.meter.total == 0


def test_one_private_answer_among_public_ones_refuses_the_name(server: Server) -> None:
    dns = HostsTable({"rebind.example.test": ["93.184.215.14", "10.0.0.8"]})
    result = check("http://rebind.example.test/", OnlineOptions(), dns)
    assert result.outcome == "blocked"
    assert "private address 10.0.0.8" in result.message


def test_a_name_in_allow_hosts_may_resolve_to_a_private_address(server: Server) -> None:
    dns = HostsTable({"wiki.intranet.test": ["127.0.0.1"]})
    options = OnlineOptions(allow_hosts=("wiki.intranet.test",))
    result = check(f"http://wiki.intranet.test:{server.port}/ok", options, dns)
    assert (result.outcome, result.status) == ("ok", 200)
    assert server.meter.asked("/ok") == 1


def test_a_name_that_does_not_resolve_is_refused() -> None:
    result = check("http://gone.example.test/", OnlineOptions(), HostsTable({}))
    assert result.outcome == "refused"
    assert result.message == "cannot resolve gone.example.test"


def test_an_allowed_name_cannot_redirect_to_a_name_that_is_not(server: Server) -> None:
    dns = HostsTable({"wiki.intranet.test": ["127.0.0.1"], "evil.example.test": ["127.0.0.1"]})
    options = OnlineOptions(allow_hosts=("wiki.intranet.test",))
    target = f"http://evil.example.test:{server.port}/ok"
    result = check(f"http://wiki.intranet.test:{server.port}/redirect?to={target}", options, dns)
    assert result.outcome == "blocked"
    assert result.final_url == target
    assert server.meter.total == 1
