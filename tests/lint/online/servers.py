"""Real HTTP servers on 127.0.0.1 for the link checker's tests, each in a thread of its own.

Every server counts what it is asked — requests per (method, path), requests in flight at
once, bytes of body sent — so that tests assert retries, HEAD→GET fallbacks, the cache and
the concurrency limits from the server's side, where a checker cannot cheat.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Meter:
    """Counts shared by one or more servers (the global concurrency test uses several)."""

    requests: Counter[tuple[str, str]] = field(default_factory=Counter)
    in_flight: int = 0
    max_in_flight: int = 0
    body_bytes_sent: int = 0

    def asked(self, path: str, method: str | None = None) -> int:
        return sum(n for (m, p), n in self.requests.items() if p == path and method in (None, m))

    @property
    def total(self) -> int:
        return sum(self.requests.values())


class Server:
    def __init__(self, meter: Meter, port: int) -> None:
        self.meter = meter
        self.port = port

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _app(meter: Meter, delay: float) -> web.Application:
    seen: Counter[str] = Counter()  # GETs and HEADs per path, for "fail once, then succeed"

    @web.middleware
    async def count(request: web.Request, handler: Handler) -> web.StreamResponse:
        meter.requests[(request.method, request.path)] += 1
        meter.in_flight += 1
        meter.max_in_flight = max(meter.max_in_flight, meter.in_flight)
        try:
            if delay:
                await asyncio.sleep(delay)
            return await handler(request)
        finally:
            meter.in_flight -= 1

    def status(code: int, **headers: str) -> Handler:
        async def handle(request: web.Request) -> web.StreamResponse:
            return web.Response(status=code, headers=headers)

        return handle

    def redirect(code: int, to: str) -> Handler:
        return status(code, Location=to)

    async def retry_after_then_ok(request: web.Request) -> web.StreamResponse:
        seen[request.path] += 1
        if seen[request.path] == 1:
            return web.Response(status=429, headers={"Retry-After": "1"})
        return web.Response(status=200)

    async def unavailable_once(request: web.Request) -> web.StreamResponse:
        seen[request.path] += 1
        return web.Response(status=503 if seen[request.path] == 1 else 200)

    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(3)
        return web.Response(status=200)

    async def head_not_allowed(request: web.Request) -> web.StreamResponse:
        return web.Response(status=405 if request.method == "HEAD" else 200, text="page")

    async def head_broken(request: web.Request) -> web.StreamResponse:
        return web.Response(status=404 if request.method == "HEAD" else 200, text="page")

    async def chain(request: web.Request) -> web.StreamResponse:
        left = int(request.match_info["n"])
        if left == 0:
            return web.Response(status=200)
        return web.Response(status=302, headers={"Location": f"/chain/{left - 1}"})

    async def redirect_to(request: web.Request) -> web.StreamResponse:
        return web.Response(status=302, headers={"Location": request.query["to"]})

    async def endless_body(request: web.Request) -> web.StreamResponse:
        if request.method == "HEAD":
            return web.Response(status=405)
        response = web.StreamResponse(status=200)
        await response.prepare(request)
        chunk = b"x" * 65536
        try:
            while True:  # never ends: only a checker that stops reading gets an answer
                await response.write(chunk)
                meter.body_bytes_sent += len(chunk)
        except (ConnectionError, RuntimeError):
            return response

    routes: dict[str, Handler] = {
        "/ok": status(200),
        "/301": redirect(301, "/ok"),
        "/308": redirect(308, "/ok"),
        "/302": redirect(302, "/ok"),
        "/307-then-301": redirect(307, "/301"),
        "/301-to-404": redirect(301, "/404"),
        "/404": status(404),
        "/410": status(410),
        "/500": status(500),
        "/429": status(429),
        "/429-retry-after-1": retry_after_then_ok,
        "/429-retry-after-hour": status(429, **{"Retry-After": "3600"}),
        "/503-once": unavailable_once,
        "/slow": slow,
        "/head-405": head_not_allowed,
        "/head-404": head_broken,
        "/chain/{n}": chain,
        "/loop": redirect(302, "/loop"),
        "/redirect": redirect_to,
        "/endless": endless_body,
    }
    app = web.Application(middlewares=[count])
    for path, handler in routes.items():
        app.router.add_route("*", path, handler)
    return app


@contextmanager
def serve(
    count: int = 1, *, delay: float = 0.0, meter: Meter | None = None
) -> Iterator[list[Server]]:
    """``count`` servers on ephemeral ports of 127.0.0.1, sharing one Meter."""
    meter = meter or Meter()
    loop = asyncio.new_event_loop()
    runners: list[web.AppRunner] = []
    ports: list[int] = []
    ready = threading.Event()

    async def start() -> None:
        for _ in range(count):
            runner = web.AppRunner(_app(meter, delay), shutdown_timeout=0.1, access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            runners.append(runner)
            ports.append(runner.addresses[0][1])

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield [Server(meter, port) for port in ports]
    finally:

        async def stop() -> None:
            for runner in runners:
                await runner.cleanup()
            # handlers still sleeping (the slow page) end here, not as warnings at exit
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
