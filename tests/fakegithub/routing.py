"""The pieces every route module uses: the request context, replies, failures, the route table."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.wrappers import Request

from tests.fakegithub.state import Repo, World

DOCS = "https://docs.github.com/rest"
Json = Any


@dataclass
class Reply:
    status: int
    body: Json = None  # JSON-able, or a str sent as is
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class Fail(Exception):
    """Answer with GitHub's error body: ``{"message", "documentation_url"[, "errors"]}``."""

    def __init__(self, status: int, message: str, doc: str = DOCS,
                 errors: list[dict[str, str]] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status, self.message, self.doc, self.errors = status, message, doc, errors

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "documentation_url": self.doc}
        if self.errors is not None:
            body["errors"] = self.errors
        body["status"] = str(self.status)
        return body


@dataclass
class Ctx:
    world: World
    base: str
    request: Request
    login: str | None  # the authenticated account, None when anonymous
    fault_fork_not_ready: int = 0

    @property
    def query(self) -> Any:
        return self.request.args

    def json(self) -> Any:
        raw = self.request.get_data()
        if not raw:
            return {}
        try:
            return json.loads(raw)
        except ValueError:
            raise Fail(400, "Problems parsing JSON") from None

    def repo(self, owner: str, name: str) -> Repo:
        repo = self.world.find(owner, name)
        if repo is None or (repo.private and self.login is None):
            raise Fail(404, "Not Found", f"{DOCS}/repos/repos#get-a-repository")
        return repo

    def git_repo(self, owner: str, name: str) -> Repo:
        """The repository, once its git data exists (a new fork has none for a while)."""
        repo = self.repo(owner, name)
        if repo.not_ready > 0:
            repo.not_ready -= 1
            raise Fail(409, "Git Repository is empty.")
        return repo

    def writable(self, owner: str, name: str) -> Repo:
        if self.login is None:
            raise Fail(401, "Requires authentication", f"{DOCS}/overview/authenticating")
        repo = self.git_repo(owner, name)
        if repo.owner.lower() != self.login.lower() and not repo.writable:
            raise Fail(404, "Not Found")  # GitHub hides what a token may not write
        return repo


Handler = Callable[..., Reply]
ROUTES: list[tuple[str, str, Handler]] = []  # (method, template as in the description, handler)
GREEDY = {"path", "ref", "basehead", "branch"}  # parameters that may hold "/"


def route(method: str, template: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        ROUTES.append((method, template, handler))
        return handler

    return register


def resolve(world: World, repo: Repo, ref: str) -> str | None:
    """The commit sha ``ref`` names in ``repo``: a sha (or unique prefix), branch, tag or ref."""
    for name in (ref, f"refs/{ref}", f"refs/heads/{ref}", f"refs/tags/{ref}"):
        if name in repo.refs:
            return repo.refs[name]
    if 7 <= len(ref) <= 40 and all(c in "0123456789abcdef" for c in ref):
        found = [s for s in world.store.objects if s.startswith(ref)]
        if len(found) == 1 and world.store.kind(found[0]) == "commit":
            return found[0]
    return None


def paginate(ctx: Ctx, items: list[Any]) -> Reply:
    """A page of ``items`` with GitHub's Link header (rel next/last/first/prev)."""
    per_page = min(int(ctx.query.get("per_page", 30)), 100)
    page = max(int(ctx.query.get("page", 1)), 1)
    last = max((len(items) + per_page - 1) // per_page, 1)
    reply = Reply(200, items[(page - 1) * per_page : page * per_page])
    url = ctx.base + ctx.request.path

    def link(n: int, rel: str) -> str:
        args = {**ctx.query.to_dict(), "per_page": str(per_page), "page": str(n)}
        return f'<{url}?{"&".join(f"{k}={v}" for k, v in args.items())}>; rel="{rel}"'

    links = []
    if page < last:
        links += [link(page + 1, "next"), link(last, "last")]
    if page > 1:
        links += [link(1, "first"), link(page - 1, "prev")]
    if links:
        reply.headers["Link"] = ", ".join(links)
    return reply
