"""Every exchange the fake serves, checked against GitHub's OpenAPI description (openapi-core).

Quirks of the description, handled here (see ../shared/github/README.md):
- ``/`` inside a parameter such as ``{ref}`` or ``{path}`` is percent-encoded before matching.
- PyGithub's add_to_labels sends a bare JSON array; GitHub accepts it, the description no
  longer lists it, so that one request-body finding is expected and not reported.
- A folder's listing (an array) cannot pass the contents response's ``type`` discriminator,
  which assumes an object; listings are checked against ``content-directory`` itself.
- Cross-cutting answers the description leaves out for many operations (304 Not Modified,
  401, rate-limit 403/429, 409 "Git Repository is empty." of a fork still being made, 5xx)
  are checked as GitHub's plain error body instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.fakegithub.routing import GREEDY

CROSS_CUTTING = {304, 401, 403, 409, 429, 500, 502, 503, 504}
CONTENTS = "/repos/{owner}/{repo}/contents/{path}"
LABEL_ROUTES = {"/repos/{owner}/{repo}/issues/{issue_number}/labels"}


@dataclass
class Exchange:
    """One request the fake received and the answer it gave."""

    method: str
    path: str  # as requested, below the fake's base URL
    query: str
    request_headers: dict[str, str]
    request_body: bytes
    status: int
    response_headers: dict[str, str]
    response_body: bytes
    route: str | None  # the description's path template, None when nothing matched
    args: dict[str, str]
    fault: str | None = None  # the injected fault that shaped the answer

    def json(self) -> Any:
        return json.loads(self.response_body) if self.response_body else None


@dataclass
class _Request:
    method: str
    path: str
    body: bytes | None
    content_type: str
    parameters: Any
    host_url: str = "https://api.github.com"


@dataclass
class _Response:
    status_code: int
    content_type: str
    headers: Headers
    data: Any


@cache
def _load(spec_path: Path) -> tuple[Any, dict[str, Any]]:
    from openapi_core import Config, OpenAPI

    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    return OpenAPI.from_dict(spec, config=Config(spec_validator_cls=None)), spec


class Validator:
    def __init__(self, spec_path: Path) -> None:
        self.api, self.spec = _load(spec_path)

    def schema_errors(self, instance: Any, schema_name: str) -> list[str]:
        """``instance`` checked against one of the description's component schemas."""
        from openapi_schema_validator import OAS30Validator

        schema = {
            "$ref": f"#/components/schemas/{schema_name}",
            "components": self.spec["components"],
        }
        return [f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}"
                for e in OAS30Validator(schema).iter_errors(instance)]  # fmt: skip

    def check(self, ex: Exchange) -> list[str]:
        """What in ``ex`` breaks the description, one line each."""
        from openapi_core.datatypes import RequestParameters

        where = f"{ex.method} {ex.path}"
        if ex.route is None:
            return [f"{where}: the description declares no such path and method"]
        path = ex.route
        for name, value in ex.args.items():
            safe = "" if name in GREEDY else "/"
            path = path.replace("{" + name + "}", quote(value, safe=safe))
        params = RequestParameters(
            query=ImmutableMultiDict(_query_pairs(ex.query)),
            header=Headers(ex.request_headers),
            cookie=ImmutableMultiDict(),
        )
        request = _Request(
            ex.method.lower(), path, ex.request_body or None,
            ex.request_headers.get("Content-Type", "application/octet-stream"), params,
        )  # fmt: skip
        found = [f"{where}: request: {_explain(e)}" for e in self.api.iter_request_errors(request)]
        if ex.route in LABEL_ROUTES and ex.request_body.startswith(b"["):
            found = []  # PyGithub's bare label array (see the module's docstring)
        found += self._response(ex, request, where)
        return found

    def _response(self, ex: Exchange, request: _Request, where: str) -> list[str]:
        if ex.fault is not None and ex.status >= 400 and ex.fault != "fork-not-ready":
            return _plain_error(ex, where)
        content_type = ex.response_headers.get("Content-Type", "application/json")
        media = content_type.split(";")[0].strip()
        data: Any = ex.response_body if media.endswith("json") else ex.response_body.decode()
        response = _Response(ex.status, content_type, Headers(ex.response_headers), data)
        if ex.route == CONTENTS and ex.status == 200 and ex.response_body.startswith(b"["):
            listing = self.schema_errors(ex.json(), "content-directory")
            return [f"{where}: response 200: {e}" for e in listing]
        errors = list(self.api.iter_response_errors(request, response))
        if errors and ex.status in CROSS_CUTTING and _undeclared(errors):
            return _plain_error(ex, where)
        if errors and ex.status >= 400 and all(_ambiguous(e) for e in errors):
            return _plain_error(ex, where)
        return [f"{where}: response {ex.status}: {_explain(e)}" for e in errors]


def _ambiguous(error: Exception) -> bool:
    """An error body matching both of a oneOf's error schemas (basic-error and
    repository-rule-violation-error, as for a 409 on PUT contents): the description's
    ambiguity, not the body's fault."""
    return "is valid under each of" in _explain(error)


def _undeclared(errors: list[Exception]) -> bool:
    return all(type(e).__name__ == "ResponseNotFound" for e in errors)


def _plain_error(ex: Exchange, where: str) -> list[str]:
    if ex.status == 304:
        return [] if not ex.response_body else [f"{where}: 304 with a body"]
    body = ex.json()
    if not isinstance(body, dict) or not isinstance(body.get("message"), str):
        return [f"{where}: response {ex.status}: not GitHub's error body: {body!r}"]
    return []


def _query_pairs(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query, keep_blank_values=True)


def _explain(error: BaseException) -> str:
    detail = getattr(error.__cause__, "schema_errors", None) or getattr(
        error, "schema_errors", None
    )
    if detail:
        return f"{type(error).__name__}: " + "; ".join(
            f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}" for e in detail
        )
    cause = f" ({error.__cause__})" if error.__cause__ else ""
    return f"{type(error).__name__}: {error}{cause}"
