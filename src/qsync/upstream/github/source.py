"""``GitHubSource``: an upstream file at a pinned commit, in at most three API requests.

1. ``GET /repos/O/R/commits/{ref}`` as ``application/vnd.github.sha``: the commit sha.
2. ``GET /repos/O/R/contents/{path}?ref={sha}``: the file, base64, with its blob sha.
3. ``GET /repos/O/R/git/blobs/{sha}`` only for files over 1 MB (where 2 omits the content).

Every GET is conditional when an ETag is cached (``cache_dir``), so an unchanged upstream
answers 304, which GitHub does not count against the rate limit.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from qsync.errors import InputError, RemoteError
from qsync.upstream import UpstreamFile
from qsync.upstream.github.cache import EtagCache
from qsync.upstream.github.client import (
    RateLimitPersisted,
    RetryPolicy,
    make_client,
    token_from_env,
)
from qsync.upstream.github.failures import remote_error
from qsync.upstream.text import decode_text

if TYPE_CHECKING:
    from github import Github

REPO_NAME = re.compile(r"^[\w.-]+/[\w.-]+$")
JSON = "application/vnd.github+json"
SHA = "application/vnd.github.sha"


class GitHubSource:
    """Files of ``repo`` (OWNER/NAME) at ``ref``, read through the GitHub REST API."""

    kind = "github"

    def __init__(
        self,
        repo: str,
        ref: str,
        *,
        api_url: str = "https://api.github.com",
        token: str | None = None,
        cache_dir: Path | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        if not REPO_NAME.match(repo):
            raise InputError(f"upstream repository must be OWNER/NAME, got {repo!r}")
        self.repo = repo
        self.ref = ref
        self.api_url = api_url.rstrip("/")
        self.requests = 0  # API requests sent by this source (304s included)
        self._token = token if token is not None else token_from_env()
        self._policy = policy or RetryPolicy()
        self._cache = EtagCache(cache_dir / "github" if cache_dir is not None else None)
        self._client: Github | None = None
        self._commit: str | None = None

    def commit(self) -> str:
        """The full sha ``ref`` resolves to (asked once per source)."""
        if self._commit is None:
            status, body = self._get(f"/repos/{self.repo}/commits/{quote(self.ref)}", SHA)
            where = self._what
            if status == 404:
                raise RemoteError(
                    f"no such repository on {self.api_url} (or the token cannot see it)", path=where
                )
            if status == 422:
                raise RemoteError(
                    f"unknown ref {self.ref!r} (no such branch, tag or commit)", path=where
                )
            if status == 409:
                raise RemoteError("the repository is empty (no commits)", path=where)
            self._commit = body.strip()
        return self._commit

    def read(self, path: str) -> UpstreamFile:
        commit = self.commit()
        where = f"{self._what}:{path}"
        status, body = self._get(
            f"/repos/{self.repo}/contents/{quote(path)}", JSON, {"ref": commit}
        )
        if status == 404:
            return self._file(path, commit, None, None)
        entry = json.loads(body)
        if isinstance(entry, list) or entry.get("type") != "file":
            kind = "folder" if isinstance(entry, list) else entry.get("type", "?")
            raise RemoteError(f"is a {kind}, not a file", path=where)
        blob = str(entry["sha"])
        if entry.get("encoding") == "base64":
            raw = base64.b64decode(entry.get("content", ""))
        else:  # over 1 MB: the contents API leaves the content out
            _, blob_body = self._get(f"/repos/{self.repo}/git/blobs/{blob}", JSON)
            raw = base64.b64decode(json.loads(blob_body)["content"])
        return self._file(path, commit, decode_text(raw, where), blob)

    def _file(self, path: str, commit: str, text: str | None, blob: str | None) -> UpstreamFile:
        return UpstreamFile(
            repo=self.repo, path=path, ref=self.ref, commit=commit, text=text,
            blob_sha=blob, kind="github", location=self.api_url,
        )  # fmt: skip

    def _get(self, url: str, accept: str, params: dict[str, str] | None = None) -> tuple[int, str]:
        """(status, body) of a conditional GET; 404/409/422 come back, other failures raise."""
        from github.GithubException import GithubException
        from requests.exceptions import RequestException
        from urllib3.exceptions import HTTPError

        full = url + (
            "?" + "&".join(f"{k}={quote(v)}" for k, v in params.items()) if params else ""
        )
        cached = self._cache.get(full, accept)
        headers = {"Accept": accept}
        if cached is not None:
            headers["If-None-Match"] = cached.etag
        transport = (RateLimitPersisted, RequestException, HTTPError, OSError)  # timeouts, refusals
        self.requests += 1
        try:
            answer_headers, data = self.client.requester.requestJsonAndCheck(
                "GET", url, parameters=params, headers=headers
            )
        except GithubException as exc:
            if exc.status in (404, 409, 422):  # the caller knows what these mean here
                return exc.status, ""
            raise remote_error(exc, what=self._what, api_url=self.api_url) from None
        except transport as exc:
            raise remote_error(exc, what=self._what, api_url=self.api_url) from None
        if data is None and cached is not None:  # 304 Not Modified
            return 304, cached.body
        body = _body_text(data)
        etag = answer_headers.get("etag")
        if etag:
            self._cache.put(full, accept, etag, body)
        return 200, body

    @property
    def _what(self) -> str:
        return f"{self.repo}@{self.ref}"

    @property
    def client(self) -> Github:
        if self._client is None:
            self._client = make_client(self.api_url, self._token, self._policy)
        return self._client


def _body_text(data: Any) -> str:
    # PyGithub wraps a non-JSON body (the bare sha) as {"data": …}
    if (
        isinstance(data, dict)
        and set(data) <= {"data", "url"}
        and isinstance(data.get("data"), str)
    ):
        return str(data["data"])
    if isinstance(data, int):  # a sha of digits only parses as a JSON number
        return str(data)
    return json.dumps(data)
