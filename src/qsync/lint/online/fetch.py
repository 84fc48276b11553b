"""The checker itself: one event loop, one aiohttp session, a global and a per-host limit.

Each URL is asked with HEAD, and with GET when HEAD is refused or fails (many servers answer
HEAD with 405, 404 or 500 while the page is fine). Redirects are followed by hand so that
every hop passes the address policy. 429, 503 and other 5xx answers are tried again after a
pause (Retry-After when the server names one); a 429 or 503 rests the whole host, since it
is the host that asked. A timeout or a refused connection is not tried again: a second try
would cost as much and tell as little.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from qsync import __version__
from qsync.lint.online.backoff import retry_delay
from qsync.lint.online.model import OnlineOptions, Outcome, UrlResult
from qsync.lint.online.policy import FETCHED_SCHEMES, AddressPolicy, is_ip_literal
from qsync.lint.online.replies import Answer, Failure, Reply, classify, url_result
from qsync.lint.online.resolver import BlockedAddress, PolicyResolver

Sleep = Callable[[float], Awaitable[None]]

REDIRECTS = frozenset({301, 302, 303, 307, 308})
USER_AGENT = f"qsync/{__version__} (link checker)"
_HOST = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?")  # as DNS carries it (IDNA applied)


async def check_all(
    urls: Sequence[str],
    options: OnlineOptions,
    *,
    on_result: Callable[[UrlResult], None] | None = None,
    sleep: Sleep = asyncio.sleep,
    dns: AbstractResolver | None = None,
) -> dict[str, UrlResult]:
    """Check ``urls`` (no fragments, no duplicates) and return each one's result.

    ``sleep`` makes the pauses between retries and ``dns`` answers host names (the system's
    resolver by default); tests put their own in to see the pauses and to name hosts.
    """
    policy = AddressPolicy(options.allow_private, options.allow_hosts)
    connector = aiohttp.TCPConnector(
        limit=options.concurrency,
        limit_per_host=options.per_host,
        resolver=PolicyResolver(policy, dns),
        ttl_dns_cache=300,
    )
    async with aiohttp.ClientSession(
        connector=connector,
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=options.timeout),
        headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
        cookie_jar=aiohttp.DummyCookieJar(),
        auto_decompress=False,
        trust_env=False,
    ) as session:
        checker = Checker(session, options, policy, sleep)

        async def one(url: str) -> UrlResult:
            result = await checker.check(url)
            if on_result is not None:
                on_result(result)
            return result

        results = await asyncio.gather(*(one(url) for url in urls))
    return {r.url: r for r in results}


class Checker:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        options: OnlineOptions,
        policy: AddressPolicy,
        sleep: Sleep,
    ) -> None:
        self._session = session
        self._options = options
        self._policy = policy
        self._sleep = sleep
        self._rng = random.Random()
        self._global = asyncio.Semaphore(options.concurrency)
        self._per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(options.per_host)
        )
        self._resume_at: dict[str, float] = {}  # origin → when a 429/503 lets it be asked again

    async def check(self, url: str) -> UrlResult:
        try:
            current = URL(url)
        except ValueError:
            return url_result(url, "error", "not a valid URL")
        sent = 0
        hops: list[int] = []  # the status of each redirect followed
        for hop in range(self._options.max_redirects + 1):
            problem = self._problem(current)
            if problem is not None:
                outcome, message = problem
                return url_result(url, outcome, message, final=current, hops=hop, attempts=sent)
            reply, tries = await self._ask(current)
            sent += tries
            if isinstance(reply, Failure):
                return url_result(
                    url, reply.outcome, reply.message, final=current, hops=hop, attempts=sent
                )
            if reply.status in REDIRECTS and reply.location:
                try:
                    target = current.join(URL(reply.location)).with_fragment(None)
                except ValueError:
                    return url_result(
                        url, "error", f"{reply.status} to an invalid Location", attempts=sent
                    )
                hops.append(reply.status)
                current = target
                continue
            return classify(url, reply, current, hops, sent)
        limit = self._options.max_redirects
        return url_result(
            url, "error", f"more than {limit} redirects", final=current, attempts=sent
        )

    def _problem(self, url: URL) -> tuple[Outcome, str] | None:
        """Why ``url`` is not to be asked at all, before any request or DNS lookup."""
        if url.scheme not in FETCHED_SCHEMES:
            return "blocked", f"redirects to a {url.scheme}: URL, which is not fetched"
        if not _valid_host(url):
            return "error", f"not a valid URL: bad host {url.host!r}"
        host = url.host or ""
        refusal = self._policy.refusal(host, host) if is_ip_literal(host) else None
        return None if refusal is None else ("blocked", refusal)

    async def _ask(self, url: URL) -> tuple[Reply, int]:
        """One hop: HEAD, GET when HEAD will not do, and retries after pauses."""
        method = "HEAD"
        retries = 0
        sent = 0
        while True:
            reply = await self._send(method, url)
            sent += 1
            if method == "HEAD" and _head_unusable(reply):
                method = "GET"
                continue
            delay = self._pause(reply, retries)
            if delay is None:
                return reply, sent
            if isinstance(reply, Answer) and reply.status in (429, 503):
                # the whole host asked for a rest, not only this URL: _send waits it out
                origin = _origin(url)
                resume = time.monotonic() + delay
                self._resume_at[origin] = max(self._resume_at.get(origin, 0.0), resume)
            else:
                await self._sleep(delay)
            retries += 1

    def _pause(self, reply: Reply, retries: int) -> float | None:
        if retries >= self._options.retries:
            return None
        if isinstance(reply, Failure):
            retry_after = None
            if not reply.transient:
                return None
        elif reply.status in (429, 503):
            retry_after = reply.retry_after
        elif reply.status >= 500:
            retry_after = None
        else:
            return None
        return retry_delay(
            retry_after,
            retries,
            base=self._options.backoff,
            cap=self._options.max_retry_after,
            now=time.time(),
            rng=self._rng,
        )

    async def _send(self, method: str, url: URL) -> Reply:
        origin = _origin(url)
        async with self._per_host[origin]:
            rest = self._resume_at.get(origin, 0.0) - time.monotonic()
            if rest > 0:
                await self._sleep(rest)
            async with self._global:
                return await self._request(method, url)

    async def _request(self, method: str, url: URL) -> Reply:
        try:
            async with asyncio.timeout(self._options.timeout):
                async with self._session.request(method, url, allow_redirects=False) as response:
                    if method == "GET":
                        await self._drain(response)
                    return Answer(
                        response.status,
                        response.reason or "",
                        response.headers.get("Location"),
                        response.headers.get("Retry-After"),
                    )
        except TimeoutError:
            return Failure("timeout", f"no answer within {self._options.timeout:g} s")
        except aiohttp.ClientConnectorDNSError as exc:
            if isinstance(exc.os_error, BlockedAddress):
                return Failure("blocked", str(exc.os_error))
            return Failure("refused", f"cannot resolve {url.host}")
        except aiohttp.ClientSSLError as exc:
            return Failure("error", f"TLS failed: {_reason(exc)}")
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, ConnectionRefusedError):
                return Failure("refused", f"connection refused by {url.host}:{url.port}")
            return Failure("refused", f"cannot connect to {url.host}:{url.port}: {_reason(exc)}")
        except (
            aiohttp.ServerDisconnectedError,
            aiohttp.ClientPayloadError,
            aiohttp.ClientOSError,
        ) as exc:
            return Failure("error", f"connection broken: {_reason(exc)}", transient=True)
        except aiohttp.InvalidURL as exc:
            return Failure("error", f"not a valid URL: {exc}")
        except aiohttp.ClientError as exc:
            return Failure("error", f"{type(exc).__name__}: {_reason(exc)}")

    async def _drain(self, response: aiohttp.ClientResponse) -> None:
        """Read the body so the connection can be reused, but never more than the cap."""
        left = self._options.max_body_bytes
        async for chunk in response.content.iter_any():
            left -= len(chunk)
            if left < 0:
                response.close()  # drop the connection rather than read on
                return


def _origin(url: URL) -> str:
    """What the per-host limit counts by: scheme, host and port."""
    return f"{url.scheme}://{url.host}:{url.port}"


def _valid_host(url: URL) -> bool:
    """A host DNS can carry (IDNA applied) or an IP address: "exa mple.com" is never looked up."""
    return bool(_HOST.fullmatch(url.raw_host or "")) or is_ip_literal(url.host or "")


def _head_unusable(reply: Reply) -> bool:
    if isinstance(reply, Failure):
        return reply.transient
    return reply.status >= 400 and reply.status not in (429, 503)


def _reason(exc: BaseException) -> str:
    os_error = getattr(exc, "os_error", None)
    if isinstance(os_error, OSError) and os_error.strerror:
        return os_error.strerror
    return str(exc) or type(exc).__name__
