"""The fake GitHub itself, driven by PyGithub unmodified: state, write endpoints, faults, checks."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from github import Auth, Github, GithubException
from github.GithubRetry import GithubRetry

from tests.fakegithub import FakeGitHub, Fault
from tests.fakegithub.routing import ROUTES
from tests.fakegithub.server import DESCRIPTION
from tests.fakegithub.skeletons import SKELETON_FILE, build
from tests.fakegithub.validation import Exchange, Validator

UPSTREAM = "jassics/questions"
CONTENTS = "/repos/{owner}/{repo}/contents/{path}"


@pytest.fixture
def gh(fake_github: FakeGitHub) -> Iterator[Github]:
    fake_github.world.seed_files(UPSTREAM, {"q.md": "# Q\n", "docs/a.md": "A\n"})
    retry = GithubRetry(total=2, backoff_factor=0, secondary_rate_wait=0)
    client = Github(base_url=fake_github.base, auth=Auth.Token(fake_github.token or ""), retry=retry,
                    seconds_between_requests=0, seconds_between_writes=0)  # fmt: skip
    yield client
    client.close()


def test_a_merge_back_through_a_fork(fake_github: FakeGitHub, gh: Github) -> None:
    upstream = gh.get_repo(UPSTREAM)
    fork = upstream.create_fork()
    assert (fork.full_name, fork.fork, fork.parent.full_name) == (
        "qsync-bot/questions",
        True,
        UPSTREAM,
    )

    base = fork.get_branch("main").commit.sha
    fork.create_git_ref("refs/heads/qsync/merge-back/q", base)
    current = fork.get_contents("q.md", ref="qsync/merge-back/q")
    assert not isinstance(current, list)
    fork.update_file("q.md", "Add a question", "# Q\n\n**1. New?**\n", current.sha,
                     branch="qsync/merge-back/q")  # fmt: skip
    pull = upstream.create_pull(title="Merge back", body="From the site", base="main",
                                head="qsync-bot:qsync/merge-back/q")  # fmt: skip
    pull.add_to_labels("qsync")
    pull.create_issue_comment("Checklist")

    again = upstream.get_pulls(state="open", head="qsync-bot:qsync/merge-back/q")
    assert [p.number for p in again] == [pull.number]
    assert [label.name for label in upstream.get_pull(pull.number).get_labels()] == ["qsync"]
    assert [f.filename for f in pull.get_files()] == ["q.md"]
    compared = upstream.compare("main", "qsync-bot:qsync/merge-back/q")
    assert (compared.status, compared.ahead_by, compared.behind_by) == ("ahead", 1, 0)


def test_a_duplicate_pull_request_is_githubs_422(gh: Github) -> None:
    upstream = gh.get_repo(UPSTREAM)
    fork = upstream.create_fork()
    fork.create_file("new.md", "New", "N\n", branch="main")
    upstream.create_pull(title="One", body="", base="main", head="qsync-bot:main")

    with pytest.raises(GithubException) as caught:
        upstream.create_pull(title="Two", body="", base="main", head="qsync-bot:main")

    assert caught.value.status == 422
    assert caught.value.data["errors"] == [{"resource": "PullRequest", "code": "custom",  # type: ignore[index]
                                            "message": "A pull request already exists for qsync-bot:main."}]  # fmt: skip


def test_contents_updates_check_the_blob_sha(fake_github: FakeGitHub, gh: Github) -> None:
    mine = fake_github.world.seed_files("qsync-bot/questions", {"q.md": "# Q\n"})
    repo = gh.get_repo("qsync-bot/questions")

    with pytest.raises(GithubException) as stale:
        repo.update_file("q.md", "Edit", "x", "0" * 40)
    with pytest.raises(GithubException) as missing:
        repo._requester.requestJsonAndCheck("PUT", f"{repo.url}/contents/q.md",
                                            input={"message": "m", "content": "eA=="})  # fmt: skip

    assert (stale.value.status, stale.value.data["message"]) == (
        409,
        f"q.md does not match {'0' * 40}",
    )  # type: ignore[index]
    assert missing.value.status == 422 and '"sha" wasn\'t supplied' in missing.value.data["message"]  # type: ignore[index]
    assert fake_github.world.find("qsync-bot", "questions").branch("main") == mine  # type: ignore[union-attr]


def test_a_write_applied_but_answered_502_comes_back_as_409(
    fake_github: FakeGitHub, gh: Github
) -> None:
    fake_github.world.seed_files("qsync-bot/questions", {"q.md": "# Q\n"})
    repo = gh.get_repo("qsync-bot/questions")
    sha = repo.get_contents("q.md").sha  # type: ignore[union-attr]
    fake_github.inject("PUT", CONTENTS, Fault.after(502))

    with pytest.raises(GithubException) as caught:
        repo.update_file("q.md", "Edit", "# Q2\n", sha)

    assert caught.value.status == 409, "PyGithub retried the PUT, whose first attempt had landed"
    assert repo.get_contents("q.md").decoded_content == b"# Q2\n"  # type: ignore[union-attr]
    assert [e.status for e in fake_github.requests("PUT", CONTENTS)] == [502, 409]


def test_a_new_fork_is_not_ready_at_once(fake_github: FakeGitHub, gh: Github) -> None:
    fake_github.inject("POST", "/repos/{owner}/{repo}/forks", Fault.fork_not_ready(2))
    fork = gh.get_repo(UPSTREAM).create_fork()

    statuses = []
    for _ in range(3):
        try:
            statuses.append(fork.get_branch("main").name)
        except GithubException as exc:
            statuses.append(f"{exc.status} {exc.data['message']}")  # type: ignore[index]

    assert statuses == ["409 Git Repository is empty.", "409 Git Repository is empty.", "main"]


def test_merge_upstream_fast_forwards_a_fork(fake_github: FakeGitHub, gh: Github) -> None:
    fork = gh.get_repo(UPSTREAM).create_fork()
    moved = fake_github.world.seed_files(UPSTREAM, {"q.md": "# Q, later\n"})

    assert fork.merge_upstream("main").merge_type == "fast-forward"
    assert fork.merge_upstream("main").merge_type == "none"
    assert fork.get_branch("main").commit.sha == moved


def test_git_data_makes_a_commit_on_a_branch(fake_github: FakeGitHub, gh: Github) -> None:
    from github.InputGitTreeElement import InputGitTreeElement

    fake_github.world.seed_files("qsync-bot/questions", {"q.md": "# Q\n"})
    repo = gh.get_repo("qsync-bot/questions")
    head = repo.get_git_ref("heads/main")
    parent = repo.get_git_commit(head.object.sha)
    blob = repo.create_git_blob("# Q3\n", "utf-8")
    tree = repo.create_git_tree([InputGitTreeElement("q.md", "100644", "blob", sha=blob.sha)],
                                repo.get_git_tree(parent.tree.sha))  # fmt: skip
    commit = repo.create_git_commit("Edit\n\nQsync-Source: site@abc", tree, [parent])
    head.edit(commit.sha)

    assert repo.get_contents("q.md").decoded_content == b"# Q3\n"  # type: ignore[union-attr]
    with pytest.raises(GithubException) as caught:
        head.edit(parent.sha)  # moving back is not a fast forward
    assert caught.value.data["message"] == "Update is not a fast forward"  # type: ignore[index]


@pytest.mark.parametrize(
    ("fault", "status", "header"),
    [(Fault.status_code(500), 500, None), (Fault.too_many(), 429, None),
     (Fault.too_many(retry_after=7), 429, "7"), (Fault.secondary(retry_after=9), 403, "9"),
     (Fault.primary(), 403, None)],
)  # fmt: skip
def test_faults_answer_like_github(
    fake_github: FakeGitHub, fault: Fault, status: int, header: str | None
) -> None:
    import requests

    fake_github.world.seed_files(UPSTREAM, {"q.md": "# Q\n"})
    fake_github.inject("GET", "/repos/{owner}/{repo}", fault)
    answer = requests.get(f"{fake_github.base}/repos/{UPSTREAM}", timeout=5)

    assert answer.status_code == status
    assert answer.headers.get("Retry-After") == header
    assert "message" in answer.json() and "X-RateLimit-Remaining" in answer.headers
    if fault.kind == "primary":
        assert answer.headers["X-RateLimit-Remaining"] == "0"
        assert answer.json()["message"].startswith("API rate limit exceeded")
    assert requests.get(f"{fake_github.base}/repos/{UPSTREAM}", timeout=5).status_code == 200


def test_every_answer_carries_rate_limit_headers(fake_github: FakeGitHub, gh: Github) -> None:
    gh.get_repo(UPSTREAM).get_contents("q.md")
    gh.get_rate_limit()

    assert fake_github.exchanges
    for exchange in fake_github.exchanges:
        assert {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"} <= set(
            exchange.response_headers
        )


def test_the_validator_catches_a_wrong_answer() -> None:
    if not DESCRIPTION.is_file():
        pytest.skip(f"needs GitHub's description at {DESCRIPTION} (absent on this machine)")
    wrong = Exchange("GET", "/repos/o/r/git/ref/heads/main", "", {}, b"", 200,
                     {"Content-Type": "application/json"}, json.dumps({"ref": 7}).encode(),
                     "/repos/{owner}/{repo}/git/ref/{ref}", {"owner": "o", "repo": "r", "ref": "heads/main"})  # fmt: skip

    found = Validator(DESCRIPTION).check(wrong)

    assert found and all(
        line.startswith("GET /repos/o/r/git/ref/heads/main: response 200") for line in found
    )


def test_every_route_is_in_the_description() -> None:
    if not DESCRIPTION.is_file():
        pytest.skip(f"needs GitHub's description at {DESCRIPTION} (absent on this machine)")
    paths = json.loads(DESCRIPTION.read_text(encoding="utf-8"))["paths"]

    for method, template, _ in ROUTES:
        assert method.lower() in paths.get(template, {}), f"{method} {template}"


def test_skeletons_are_current() -> None:
    if not DESCRIPTION.is_file():
        pytest.skip(f"needs GitHub's description at {DESCRIPTION} (absent on this machine)")
    spec = json.loads(DESCRIPTION.read_text(encoding="utf-8"))

    assert json.loads(SKELETON_FILE.read_text(encoding="utf-8")) == build(spec), (
        "regenerate: python -m tests.fakegithub.skeletons ../shared/github/api.github.com.qsync-subset.json"
    )
