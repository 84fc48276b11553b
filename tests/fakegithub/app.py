"""The fake GitHub as a WSGI app: auth, rate limits, ETags, faults, recording, validation."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from typing import Any

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from tests.fakegithub import routes_git, routes_pulls, routes_repos  # noqa: F401  (registers routes)
from tests.fakegithub.faults import SECONDARY_MESSAGE, Fault, FaultQueue
from tests.fakegithub.routing import DOCS, GREEDY, ROUTES, Ctx, Fail, Reply
from tests.fakegithub.state import World
from tests.fakegithub.validation import Exchange, Validator

RATE_DOC = f"{DOCS}/overview/rate-limits-for-the-rest-api"
EXPOSED = ("ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, "
           "X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, "
           "X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, "
           "X-GitHub-Request-Id, Deprecation, Sunset")  # fmt: skip
FIXED_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": EXPOSED,
    "Content-Security-Policy": "default-src 'none'",
    "Referrer-Policy": "origin-when-cross-origin, strict-origin-when-cross-origin",
    "Strict-Transport-Security": "max-age=31536000; includeSubdomains; preload",
    "Vary": "Accept, Authorization, Cookie, X-GitHub-OTP",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "deny",
    "X-GitHub-Media-Type": "github.v3; format=json",
    "X-XSS-Protection": "0",
}


def _rule(template: str) -> str:
    out = template
    for part in template.split("/"):
        if part.startswith("{"):
            name = part[1:-1]
            out = out.replace(part, f"<path:{name}>" if name in GREEDY else f"<{name}>")
    return out


class FakeGitHub:
    """A stateful GitHub REST API for PyGithub to talk to; see tests/fakegithub/__init__.py."""

    def __init__(self, world: World | None = None, *, validator: Validator | None = None,
                 prefix: str = "") -> None:  # fmt: skip
        self.world = world or World()
        self.prefix = prefix.rstrip("/")  # "/api/v3": GitHub Enterprise Server's API root
        self.faults = FaultQueue()
        self.validator = validator
        self.exchanges: list[Exchange] = []
        self.violations: list[str] = []
        self.base = "http://127.0.0.1"
        self._lock = threading.RLock()
        self._handlers = {f"{m} {t}": h for m, t, h in ROUTES}
        rules = [Rule(_rule(t), endpoint=f"{m} {t}", methods=[m]) for m, t, _ in ROUTES]
        contents = "/repos/{owner}/{repo}/contents/{path}"  # the root folder: an empty {path}
        rules.append(Rule("/repos/<owner>/<repo>/contents/", endpoint=f"GET {contents}",
                          methods=["GET"], defaults={"path": ""}))  # fmt: skip
        self._map = Map(rules, strict_slashes=False, merge_slashes=False)
        self._request_ids = 0
        self._in_flight = 0
        self._idle = threading.Condition()

    @property
    def token(self) -> str | None:
        return self.world.token

    def inject(self, method: str, route: str, *faults: Fault) -> None:
        """Queue ``faults`` for ``method route`` (a path template of GitHub's description)."""
        if f"{method.upper()} {route}" not in self._handlers:
            raise KeyError(f"the fake serves no {method} {route}")
        self.faults.add(method, route, *faults)

    def requests(self, method: str | None = None, route: str | None = None) -> list[Exchange]:
        with self._lock:
            return [e for e in self.exchanges
                    if (method is None or e.method == method) and (route is None or e.route == route)]  # fmt: skip

    def settle(self, timeout: float = 30.0) -> None:
        """Wait until every request the fake received has been answered and recorded."""
        with self._idle:
            self._idle.wait_for(lambda: self._in_flight == 0, timeout)

    def clear(self) -> None:
        with self._lock:
            self.exchanges.clear()

    # WSGI
    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        with self._idle:
            self._in_flight += 1
        try:
            return self._serve(environ, start_response)
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    def _serve(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if self.prefix and path.startswith(self.prefix + "/"):
            environ = {**environ, "PATH_INFO": path[len(self.prefix) :]}
        request = Request(environ)
        body = request.get_data()  # read before anything else: the client waits on it
        route, args, fault = self._match(request)
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)  # outside the lock: other requests go on meanwhile
        with self._lock:
            reply, counted = self._answer(request, route, args, fault)
            response = self._response(request, reply, counted)
            exchange = Exchange(
                request.method, request.path, request.query_string.decode(),
                dict(request.headers), body, response.status_code, dict(response.headers),
                response.get_data(), route, args, fault.kind if fault and fault.kind != "slow" else None,
            )  # fmt: skip
            self.exchanges.append(exchange)
            if self.validator is not None:
                self.violations.extend(self.validator.check(exchange))
        return response(environ, start_response)

    def _match(self, request: Request) -> tuple[str | None, dict[str, str], Fault | None]:
        try:
            endpoint, args = self._map.bind("fake").match(request.path, method=request.method)
        except HTTPException:
            return None, {}, None
        route = endpoint.split(" ", 1)[1]
        return route, args, self.faults.take(request.method, route)

    def _answer(self, request: Request, route: str | None, args: dict[str, str],
                fault: Fault | None) -> tuple[Reply, bool]:  # fmt: skip
        """(reply, whether it counts against the rate limit)."""
        self._request_ids += 1
        login, denied = self._login(request)
        if denied:
            return Reply(401, Fail(401, "Bad credentials", DOCS).body()), False
        if route is None:
            return Reply(404, Fail(404, "Not Found", DOCS).body()), True
        if self.world.rate_remaining <= 0 and route != "/rate_limit":
            return self._primary(self.world.rate_reset), False
        if fault is not None and fault.kind in ("status", "too-many", "secondary", "primary"):
            return self._fault_reply(fault), True
        ctx = Ctx(self.world, self.base, request, login)
        if fault is not None and fault.kind == "fork-not-ready":
            ctx.fault_fork_not_ready = fault.requests
        handler = self._handlers[f"{request.method} {route}"]
        try:
            reply = handler(ctx, **args)
        except Fail as fail:
            reply = Reply(fail.status, fail.body())
        if fault is not None and fault.kind == "after":
            return self._fault_reply(fault), True  # the work is done; the answer is lost
        return reply, route != "/rate_limit"

    def _login(self, request: Request) -> tuple[str | None, bool]:
        header = request.headers.get("Authorization")
        if header is None:
            return None, False
        scheme, _, token = header.partition(" ")
        if scheme.lower() not in ("token", "bearer") or token != self.world.token:
            return None, True
        return self.world.login, False

    def _primary(self, reset: int) -> Reply:
        self.world.rate_remaining = 0
        message = "API rate limit exceeded for user ID 1."
        return Reply(403, {"message": message, "documentation_url": RATE_DOC, "status": "403"},
                     headers={"X-RateLimit-Reset": str(reset)})  # fmt: skip

    def _fault_reply(self, fault: Fault) -> Reply:
        if fault.kind == "primary":
            saved = self.world.rate_remaining
            reply = self._primary(int(time.time()) + (fault.retry_after or 3600))
            reply.headers["X-RateLimit-Remaining"] = "0"
            self.world.rate_remaining = saved
            return reply
        if fault.kind in ("too-many", "secondary"):
            message = SECONDARY_MESSAGE.format(request_id=self._request_id())
            doc = f"{RATE_DOC}#about-secondary-rate-limits"
            reply = Reply(fault.status, {"message": message, "documentation_url": doc})
            if fault.retry_after is not None:
                reply.headers["Retry-After"] = str(fault.retry_after)
            return reply
        return Reply(
            fault.status, {"message": "Server Error" if fault.status == 500 else "Bad Gateway"}
        )

    def _request_id(self) -> str:
        return f"FAKE:{self._request_ids:05d}:{self._request_ids:07X}"

    def _response(self, request: Request, reply: Reply, counted: bool) -> Response:
        world = self.world
        if isinstance(reply.body, str):
            data = reply.body.encode()
        elif reply.body is None:
            data = b""
        else:
            data = json.dumps(reply.body).encode()
        headers = {**FIXED_HEADERS, "X-GitHub-Request-Id": self._request_id()}
        status = reply.status
        if status in (200, 201) and data:
            etag = 'W/"' + hashlib.sha256(reply.content_type.encode() + data).hexdigest()[:40] + '"'
            headers["ETag"] = etag
            headers["Cache-Control"] = "private, max-age=60, s-maxage=60"
            match = [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]
            if request.method == "GET" and etag in match:
                status, data, counted = 304, b"", False  # GitHub does not count a 304
        if counted and world.rate_remaining > 0:
            world.rate_remaining -= 1
        headers.update({
            "X-RateLimit-Limit": str(world.rate_limit),
            "X-RateLimit-Remaining": str(world.rate_remaining),
            "X-RateLimit-Reset": str(world.rate_reset),
            "X-RateLimit-Used": str(world.rate_limit - world.rate_remaining),
            "X-RateLimit-Resource": "core",
        })  # fmt: skip
        if request.headers.get("Authorization"):
            headers["X-OAuth-Scopes"] = "repo, workflow"
            headers["X-Accepted-OAuth-Scopes"] = "repo"
        if "raw" in reply.content_type:
            headers["X-GitHub-Media-Type"] = "github.v3; param=raw"
        headers.update(reply.headers)
        response = Response(
            data if status not in (204, 304) else b"", status=status, headers=headers
        )
        if status not in (204, 304):
            response.headers["Content-Type"] = reply.content_type
        else:
            del response.headers["Content-Type"]
        return response
