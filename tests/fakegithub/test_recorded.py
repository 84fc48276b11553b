"""The fake answers as real GitHub did: status codes, headers and error bodies compared with the
recorded api.github.com exchanges in ../shared/github/octokit-fixtures."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import SHARED
from tests.fakegithub import FakeGitHub

RECORDINGS = SHARED / "github" / "octokit-fixtures"
ORG = "octokit-fixture-org"
# headers GitHub sends on every API answer, with values that do not depend on the request
STATIC = ("access-control-allow-origin", "access-control-expose-headers", "content-security-policy",
          "referrer-policy", "strict-transport-security", "x-content-type-options",
          "x-frame-options", "x-xss-protection")  # fmt: skip
RATE = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used",
        "x-ratelimit-resource")  # fmt: skip
COMPARED = (*STATIC, *RATE, "content-type", "etag", "cache-control", "x-github-media-type",
            "x-github-request-id")  # fmt: skip


def recorded(scenario: str) -> list[dict[str, Any]]:
    if not RECORDINGS.is_dir():
        pytest.skip(f"needs the recorded GitHub exchanges at {RECORDINGS} (absent on this machine)")
    path = RECORDINGS / scenario / "normalized-fixture.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def call(
    fake: FakeGitHub, method: str, path: str, body: Any = None, **headers: str
) -> requests.Response:
    sent = {
        "Accept": "application/vnd.github.v3+json",
        "Authorization": f"token {fake.token}",
        **headers,
    }
    return requests.request(method, fake.base + path, json=body, headers=sent, timeout=10)


def assert_like(answer: requests.Response, record: dict[str, Any]) -> None:
    """Same status; every compared header GitHub sent, sent too (static ones with its value)."""
    assert answer.status_code == record["status"]
    ours = {k.lower(): v for k, v in answer.headers.items()}
    theirs = {k.lower(): str(v) for k, v in record["headers"].items()}
    for name in COMPARED:
        if name in theirs:
            assert name in ours, f"{record['method']} {record['path']}: no {name} header"
    for name in STATIC:
        if name in theirs:
            assert ours[name] == theirs[name], name
    if "content-type" in theirs:
        assert ours["content-type"] == theirs["content-type"]
    for name in set(ours) - set(theirs):
        assert name in {"server", "date", "vary", "location", "etag", "cache-control", "link"}, name


def test_get_repository(fake_github: FakeGitHub) -> None:
    (record,) = recorded("get-repository")
    fake_github.world.seed_files(f"{ORG}/hello-world", {"README.md": "# hello-world"})

    answer = call(fake_github, "GET", f"/repos/{ORG}/hello-world")

    assert_like(answer, record)
    for key in ("id", "name", "full_name", "owner", "private", "url", "default_branch", "fork"):
        assert key in answer.json() and key in record["response"]


def test_get_content_of_the_root_folder(fake_github: FakeGitHub) -> None:
    record = recorded("get-content")[0]  # the second exchange asks for the raw media type,
    # which the description of contents no longer lists
    fake_github.world.seed_files(f"{ORG}/hello-world", {"README.md": "# hello-world"})

    answer = call(fake_github, "GET", f"/repos/{ORG}/hello-world/contents/")

    assert_like(answer, record)
    (ours,), (theirs,) = answer.json(), record["response"]
    assert set(theirs) <= set(ours)
    assert (ours["name"], ours["type"], ours["sha"]) == (
        theirs["name"],
        theirs["type"],
        theirs["sha"],
    )


def test_create_file(fake_github: FakeGitHub) -> None:
    (record,) = recorded("create-file")
    fake_github.world.seed_files(f"{fake_github.world.login}/create-file", {"README.md": "x"})

    answer = call(fake_github, "PUT", f"/repos/{fake_github.world.login}/create-file/contents/test.txt",
                  record["body"])  # fmt: skip

    assert_like(answer, record)
    ours, theirs = answer.json(), record["response"]
    assert set(ours) == set(theirs) == {"content", "commit"}
    assert ours["content"]["sha"] == theirs["content"]["sha"], "git's blob sha of 'Test content'"
    assert set(theirs["content"]) <= set(ours["content"])
    assert ours["commit"]["message"] == theirs["commit"]["message"] == "create test.txt"


def test_git_refs_create_update_delete(fake_github: FakeGitHub) -> None:
    records = {(r["method"], r["status"]): r for r in recorded("git-refs")}
    owner = fake_github.world.login
    first = fake_github.world.seed_files(f"{owner}/git-refs", {"1.md": "1"})
    second = fake_github.world.seed_files(f"{owner}/git-refs", {"2.md": "2"})
    api = f"/repos/{owner}/git-refs/git"

    created = call(fake_github, "POST", f"{api}/refs", {"ref": "refs/heads/test", "sha": second})
    updated = call(fake_github, "PATCH", f"{api}/refs/heads/test", {"sha": first, "force": True})
    deleted = call(fake_github, "DELETE", f"{api}/refs/heads/test")

    assert_like(created, records[("post", 201)])
    assert_like(updated, records[("patch", 200)])
    assert_like(deleted, records[("delete", 204)])
    assert set(created.json()) == set(records[("post", 201)]["response"])
    assert updated.json()["object"] == {**created.json()["object"], "sha": first,
                                        "url": created.json()["object"]["url"].replace(second, first)}  # fmt: skip
    assert deleted.content == b""


def _open_pull(fake: FakeGitHub, repo: str) -> None:
    world = fake.world
    world.seed_files(repo, {"a.md": "a"})
    world.seed_files(repo, {"a.md": "b"}, branch="topic")
    world.find(*repo.split("/")).refs["refs/heads/topic"] = world.seed_files(
        repo, {"b.md": "b"}, branch="topic"
    )  # type: ignore[union-attr]
    call(
        fake, "POST", f"/repos/{repo}/pulls", {"title": "t", "head": "topic", "base": "main"}
    ).raise_for_status()


def test_add_labels_to_an_issue(fake_github: FakeGitHub) -> None:
    record = recorded("add-labels-to-issue")[1]
    _open_pull(fake_github, f"{ORG}/add-labels-to-issue")

    answer = call(
        fake_github, "POST", f"/repos/{ORG}/add-labels-to-issue/issues/1/labels", record["body"]
    )

    assert_like(answer, record)
    assert [label["name"] for label in answer.json()] == ["Foo", "bAr", "baZ"]
    assert all(
        set(ours) == set(theirs)
        for ours, theirs in zip(answer.json(), record["response"], strict=True)
    )


def test_a_validation_error_has_githubs_body(fake_github: FakeGitHub) -> None:
    (record,) = recorded("errors")
    _open_pull(fake_github, f"{ORG}/errors")

    answer = call(
        fake_github,
        "POST",
        f"/repos/{ORG}/errors/pulls",
        {"title": "t", "head": "topic", "base": "nope"},
    )

    assert_like(answer, record)
    ours, theirs = answer.json(), record["response"]
    assert set(theirs) <= set(ours) <= set(theirs) | {"status"}  # newer GitHub adds "status"
    assert ours["message"] == theirs["message"] == "Validation Failed"
    assert set(ours["errors"][0]) == set(theirs["errors"][0]) == {"resource", "code", "field"}
    assert ours["documentation_url"].startswith("https://docs.github.com/rest")


def test_pagination_links_have_githubs_form(fake_github: FakeGitHub) -> None:
    first = recorded("paginate-issues")[0]
    for n in range(13):
        fake_github.world.seed_files(f"{ORG}/paginate", {"n.md": str(n)})

    answer = call(fake_github, "GET", f"/repos/{ORG}/paginate/commits?per_page=3")

    link = re.compile(r'<([^>]+)>; rel="(\w+)"')
    ours = {rel: url for url, rel in link.findall(answer.headers["Link"])}
    theirs = {rel: url for url, rel in link.findall(first["headers"]["link"])}
    assert set(ours) == set(theirs) == {"next", "last"}
    for rel in ("next", "last"):
        assert ours[rel].startswith(fake_github.base)
        assert re.search(r"per_page=3&page=(\d+)$", ours[rel]).group(1) == (  # type: ignore[union-attr]
            re.search(r"per_page=3&page=(\d+)$", theirs[rel]).group(1)  # type: ignore[union-attr]
        )
    assert len(answer.json()) == 3


def test_a_wrong_token_is_bad_credentials(fake_github: FakeGitHub) -> None:
    answer = call(fake_github, "GET", "/user", Authorization="token wrong")

    assert answer.status_code == 401
    assert answer.json()["message"] == "Bad credentials"
    assert answer.headers["Content-Type"] == "application/json; charset=utf-8"


def test_content_sha_matches_git(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.world.seed_files("o/r", {"t.txt": "Test content"})
    body = call(fake_github, "GET", "/repos/o/r/contents/t.txt").json()

    assert body["sha"] == "3f3f005b29247e51a4f4d6b8ce07b67646cd6074"  # as GitHub recorded it
    assert base64.b64decode(body["content"]) == b"Test content"
