"""The GitHub writes a merge-back needs, one PyGithub request each, as plain typed calls.

Every call goes through ``_call``: it counts requests, hands back the statuses a caller
decides about (404, 409, 422) and turns every other failure into one RemoteError line that
names no token. What to do with the answers lives in ``qsync.sync.publish``.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from qsync.errors import RemoteError
from qsync.upstream.github.client import RetryPolicy, make_client, token_from_env
from qsync.upstream.github.failures import remote_error

if TYPE_CHECKING:
    from github import Github

JSON = "application/vnd.github+json"


class ForkNotReady(RemoteError):
    """A new fork answers 409 until GitHub has copied its git data."""


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    data: Any


@dataclass(frozen=True, slots=True)
class PullRequest:
    number: int
    url: str
    state: str  # open | closed
    merged: bool
    title: str
    body: str
    head_ref: str
    head_sha: str
    head_owner: str
    head_repo: str  # OWNER/NAME of the repository the branch lives in
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BranchCommit:
    sha: str
    message: str
    author: str


class GitHubWriter:
    """Writes to GitHub for one run; ``requests`` counts every request sent."""

    def __init__(
        self,
        api_url: str = "https://api.github.com",
        *,
        token: str | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.requests = 0
        self.writes = 0
        self._token = token if token is not None else token_from_env()
        self._policy = policy or RetryPolicy()
        self._client: Github | None = None

    @property
    def authenticated(self) -> bool:
        return bool(self._token)

    def login(self) -> str:
        return str(self._call("GET", "/user", what="the token's account").data["login"])

    def repository(self, full_name: str) -> dict[str, Any] | None:
        answer = self._call("GET", f"/repos/{full_name}", what=full_name, allow=(404,))
        return None if answer.status == 404 else dict(answer.data)

    def fork(self, upstream: str, organization: str | None) -> dict[str, Any]:
        body = {"organization": organization} if organization else {}
        return dict(
            self._call("POST", f"/repos/{upstream}/forks", body, what=f"fork of {upstream}").data
        )

    def branch_sha(self, full_name: str, branch: str) -> str | None:
        """The branch's head commit; None when there is no such branch."""
        answer = self._call(
            "GET",
            f"/repos/{full_name}/git/ref/heads/{quote(branch, safe='/')}",
            what=f"{full_name} branch {branch}",
            allow=(404, 409),
        )
        if answer.status == 409:
            raise ForkNotReady(f"{full_name} has no git data yet (a new fork is being copied)")
        return None if answer.status == 404 else str(answer.data["object"]["sha"])

    def merge_upstream(self, full_name: str, branch: str) -> None:
        """Bring the fork's ``branch`` up to date with its parent (a conflict is left alone)."""
        self._call(
            "POST",
            f"/repos/{full_name}/merge-upstream",
            {"branch": branch},
            what=f"sync {full_name} with upstream",
            allow=(409, 422),
        )

    def commits_ahead(self, upstream: str, base: str, head: str) -> tuple[list[BranchCommit], int]:
        """Commits of ``head`` (OWNER:BRANCH) not in ``base``, and how far ``head`` is behind."""
        answer = self._call(
            "GET", f"/repos/{upstream}/compare/{base}...{head}", what=f"compare {base}...{head}"
        )
        commits = [
            BranchCommit(
                str(c["sha"]),
                str(c["commit"]["message"]),
                str((c.get("author") or {}).get("login") or c["commit"]["author"]["name"]),
            )
            for c in answer.data.get("commits", [])
        ]
        return commits, int(answer.data.get("behind_by", 0))

    def file(self, full_name: str, path: str, ref: str) -> tuple[str, str] | None:
        """(text, blob sha) of ``path`` at ``ref``; None when it does not exist."""
        answer = self._call(
            "GET",
            f"/repos/{full_name}/contents/{quote(path)}",
            what=f"{full_name}:{path}@{ref}",
            params={"ref": ref},
            allow=(404,),
        )
        if answer.status == 404:
            return None
        raw = base64.b64decode(answer.data.get("content") or "")
        return raw.decode("utf-8", "replace"), str(answer.data["sha"])

    def create_branch(self, full_name: str, branch: str, sha: str) -> bool:
        """Create ``branch`` at ``sha``; False when it exists already."""
        answer = self._call(
            "POST",
            f"/repos/{full_name}/git/refs",
            {"ref": f"refs/heads/{branch}", "sha": sha},
            what=f"create {full_name} branch {branch}",
            allow=(422,),
        )
        return answer.status != 422

    def reset_branch(self, full_name: str, branch: str, sha: str) -> None:
        self._call(
            "PATCH",
            f"/repos/{full_name}/git/refs/heads/{quote(branch, safe='/')}",
            {"sha": sha, "force": True},
            what=f"move {full_name} branch {branch}",
        )

    def put_file(
        self, full_name: str, path: str, branch: str, text: str, message: str, blob: str | None
    ) -> str | None:
        """Commit ``text`` to ``path`` on ``branch``, replacing blob ``blob``.

        The commit sha; None when GitHub refused because the file is no longer ``blob`` (409).
        """
        body: dict[str, Any] = {
            "message": message,
            "content": base64.b64encode(text.encode("utf-8")).decode("ascii"),
            "branch": branch,
        }
        if blob is not None:
            body["sha"] = blob
        answer = self._call(
            "PUT",
            f"/repos/{full_name}/contents/{quote(path)}",
            body,
            what=f"commit {full_name}:{path} on {branch}",
            allow=(409,),
        )
        return None if answer.status == 409 else str(answer.data["commit"]["sha"])

    def pulls(self, upstream: str, state: str) -> list[PullRequest]:
        """The most recent pull requests of ``upstream`` in ``state`` (one page of 100)."""
        answer = self._call(
            "GET",
            f"/repos/{upstream}/pulls",
            what=f"{upstream} pull requests",
            params={"state": state, "per_page": "100", "sort": "updated", "direction": "desc"},
        )
        return [_pull(p) for p in answer.data]

    def create_pull(
        self, upstream: str, *, title: str, body: str, head: str, base: str
    ) -> PullRequest | None:
        """The new pull request; None when one is open for ``head`` already (422)."""
        answer = self._call(
            "POST",
            f"/repos/{upstream}/pulls",
            {
                "title": title,
                "body": body,
                "head": head,
                "base": base,
                "maintainer_can_modify": True,
            },
            what=f"open a pull request on {upstream}",
            allow=(422,),
        )
        if answer.status == 422:
            if "already exists" in str(answer.data):
                return None
            raise RemoteError(
                f"GitHub refused the pull request on {upstream}: {_errors(answer.data)}"
            )
        return _pull(answer.data)

    def update_pull(self, upstream: str, number: int, *, title: str, body: str) -> None:
        self._call(
            "PATCH",
            f"/repos/{upstream}/pulls/{number}",
            {"title": title, "body": body},
            what=f"update {upstream}#{number}",
        )

    def add_labels(self, upstream: str, number: int, labels: list[str]) -> bool:
        """False when the token may not label pull requests there (a fork's contributor)."""
        answer = self._call(
            "POST",
            f"/repos/{upstream}/issues/{number}/labels",
            {"labels": labels},
            what=f"label {upstream}#{number}",
            allow=(403, 404),
        )
        return answer.status not in (403, 404)

    def _call(
        self,
        method: str,
        url: str,
        body: dict[str, Any] | None = None,
        *,
        what: str,
        params: dict[str, str] | None = None,
        allow: tuple[int, ...] = (),
    ) -> Answer:
        from github.GithubException import GithubException

        self.requests += 1
        if method != "GET":
            self.writes += 1
        try:
            _, data = self.client.requester.requestJsonAndCheck(
                method, url, parameters=params, headers={"Accept": JSON}, input=body
            )
        except GithubException as exc:
            if exc.status in allow and not _is_rate_limit(exc):
                return Answer(exc.status, exc.data)
            raise remote_error(exc, what=what, api_url=self.api_url) from None
        except Exception as exc:  # requests and urllib3: timeouts, refused connections
            raise remote_error(exc, what=what, api_url=self.api_url) from None
        return Answer(200, data)

    @property
    def client(self) -> Github:
        if self._client is None:
            self._client = make_client(self.api_url, self._token, self._policy)
        return self._client


def _is_rate_limit(exc: Any) -> bool:
    message = str((exc.data or {}).get("message", "")) if isinstance(exc.data, dict) else ""
    return exc.status == 403 and "rate limit" in message.lower()


def _pull(data: Any) -> PullRequest:
    head = data.get("head") or {}
    return PullRequest(
        number=int(data["number"]),
        url=str(data.get("html_url") or data.get("url") or ""),
        state=str(data.get("state", "open")),
        merged=bool(data.get("merged_at")),
        title=str(data.get("title") or ""),
        body=str(data.get("body") or ""),
        head_ref=str(head.get("ref", "")),
        head_sha=str(head.get("sha", "")),
        head_owner=str(((head.get("repo") or {}).get("owner") or {}).get("login", "")),
        head_repo=str((head.get("repo") or {}).get("full_name", "")),
        labels=tuple(str(label.get("name", "")) for label in data.get("labels") or ()),
    )


def _errors(data: Any) -> str:
    if isinstance(data, dict):
        found = [
            str(e.get("message") or e.get("code"))
            for e in data.get("errors", [])
            if isinstance(e, dict)
        ]
        return "; ".join(found) or str(data.get("message", "Validation Failed"))
    return "Validation Failed"
