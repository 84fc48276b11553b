"""Publishing against a fake GitHub: one PR, kept current, never duplicated, never overwriting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qsync.dialects import parse_text
from tests.fakegithub import FakeGitHub
from tests.fakegithub.fixtures import CANARY_TOKEN
from tests.sync.github_world import BRANCH, PAGE, UPSTREAM, SiteWorld, git, make_world

WRITES = ("POST", "PUT", "PATCH", "DELETE")


@pytest.fixture
def world(
    tmp_path: Path, fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SiteWorld]:
    monkeypatch.setenv("GITHUB_TOKEN", CANARY_TOKEN)
    yield make_world(tmp_path, fake_github)


def writes(fake: FakeGitHub) -> list[str]:
    return [f"{e.method} {e.route}" for e in fake.exchanges if e.method in WRITES]


def test_the_first_sync_opens_one_pull_request_from_a_fork(world: SiteWorld) -> None:
    outcome = world.sync()
    assert outcome.action == "opened"
    assert writes(world.fake) == [
        "POST /repos/{owner}/{repo}/forks",
        "POST /repos/{owner}/{repo}/merge-upstream",
        "POST /repos/{owner}/{repo}/git/refs",
        "PUT /repos/{owner}/{repo}/contents/{path}",
        "POST /repos/{owner}/{repo}/pulls",
        "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
    ]
    (pull,) = world.open_pulls()
    assert pull.head_repo == "qsync-bot/pantry-questions"  # type: ignore[attr-defined]
    assert pull.head_ref == BRANCH  # type: ignore[attr-defined]
    assert pull.labels == ["merge-back"]  # type: ignore[attr-defined]
    body = pull.body  # type: ignore[attr-defined]
    assert body.startswith(
        "<!-- qsync:merge-back page=interview-questions/pantry-security-interview-questions.md plan="
    )
    assert (
        "| Storage | 3 | How do you keep dry goods away from pests? | [site, line 7](https://pantry.example/interview-questions/pantry-security-interview-questions/) |"
        in body
    )
    assert "### Held back" in body and "snippet include" in body
    site_commit = git(world.root, "rev-parse", "HEAD").strip()
    assert f"- Site: `pantry-org/site@{site_commit}` `docs/interview-questions/{PAGE}`" in body

    text = world.branch_text()
    assert text is not None
    page = parse_text(text, PAGE, "upstream")
    assert [q.number for q in page.questions] == [1, 2, 3, 4, 5, 6]
    fork = world.fork
    assert fork is not None
    head = world.fake.world.store.read_commit(fork.branch(BRANCH) or "")
    assert head.parents == (world.upstream.branch("main"),)  # one commit on upstream's head
    assert (
        f"Qsync-Source: pantry-org/site@{site_commit} docs/interview-questions/{PAGE}"
        in head.message
    )
    assert world.upstream.branch(BRANCH) is None  # nothing pushed to upstream itself


def test_a_rerun_with_nothing_new_writes_nothing(world: SiteWorld) -> None:
    world.sync()
    world.fake.clear()
    outcome = world.sync()
    assert outcome.action == "up-to-date"
    assert writes(world.fake) == []
    assert outcome.requests == 3  # resolve the commit, read the file, list open pull requests
    assert outcome.requests == len(world.fake.exchanges)


def test_a_site_change_updates_the_same_pull_request(world: SiteWorld) -> None:
    world.sync()
    fork = world.fork
    assert fork is not None
    first_head = fork.branch(BRANCH)
    world.edit_site("Seal everything in airtight tins", "Seal everything in labelled airtight tins")
    world.fake.clear()
    outcome = world.sync()
    assert outcome.action == "updated"
    assert writes(world.fake) == [
        "PUT /repos/{owner}/{repo}/contents/{path}",
        "PATCH /repos/{owner}/{repo}/pulls/{pull_number}",
    ]
    assert len(world.open_pulls()) == 1
    head = world.fake.world.store.read_commit(fork.branch(BRANCH) or "")
    assert head.parents == (first_head,)  # a new commit on the branch
    assert "labelled airtight tins" in (world.branch_text() or "")
    assert world.open_pulls()[0].body.split("head=")[1].startswith(fork.branch(BRANCH) or "")  # type: ignore[attr-defined]


def test_when_upstream_moves_the_plan_is_made_again_on_its_head(world: SiteWorld) -> None:
    world.sync()
    new_upstream = (
        (Path(__file__).parent.parent / "fixtures" / "sync" / "pantry-upstream.md")
        .read_text()
        .replace("Stock walks.", "Stock walks, and so do keys.")
    )
    new_head = world.commit(new_upstream)
    outcome = world.sync()
    assert outcome.action == "updated"
    fork = world.fork
    assert fork is not None
    head = world.fake.world.store.read_commit(fork.branch(BRANCH) or "")
    assert head.parents == (new_head,)
    text = world.branch_text() or ""
    assert "Stock walks, and so do keys." in text  # the upstream change is kept
    assert "How do you keep dry goods away from pests?" in text
    assert len(world.open_pulls()) == 1


def test_a_branch_with_someone_elses_commit_is_never_overwritten(world: SiteWorld) -> None:
    world.sync()
    fork = world.fork
    assert fork is not None
    theirs = world.fake.world.seed_files(
        fork.full_name, {PAGE: "# Someone else's edit\n"}, branch=BRANCH, message="Hand edit"
    )
    world.edit_site("Seal everything", "Seal every single thing")
    world.fake.clear()
    outcome = world.sync()
    assert outcome.action == "refused"
    assert "holds commits qsync did not make" in outcome.message
    assert fork.branch(BRANCH) == theirs
    assert writes(world.fake) == []


def test_after_a_merge_nothing_new_is_opened_and_the_base_is_recorded(world: SiteWorld) -> None:
    world.sync()
    proposed = world.branch_text() or ""
    merged_head = world.commit(proposed, "Merge pull request #1")
    world.upstream.pulls[0].state = "closed"
    world.fake.clear()
    outcome = world.sync()
    assert outcome.action == "merged"
    assert writes(world.fake) == []
    state = (world.root / ".qsync" / "state.json").read_text()
    assert merged_head in state
    again = world.sync()
    assert again.action == "merged" and len(world.upstream.pulls) == 1


def test_a_closed_pull_request_is_not_reopened_until_there_is_something_new(
    world: SiteWorld,
) -> None:
    world.sync()
    world.upstream.pulls[0].state = "closed"
    outcome = world.sync()
    assert outcome.action == "nothing-new"
    assert world.open_pulls() == []
    world.edit_site("Seal everything", "Seal every single thing")
    outcome = world.sync()
    assert outcome.action == "opened"
    assert [p.number for p in world.open_pulls()] == [2]  # type: ignore[attr-defined]


def test_push_to_upstream_uses_a_branch_there(
    tmp_path: Path, fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", CANARY_TOKEN)
    world = make_world(tmp_path, fake_github, "push_to_upstream = true\n")
    world.upstream.writable = True
    assert world.sync().action == "opened"
    assert world.fork is None
    assert world.upstream.branch(BRANCH) is not None
    assert world.open_pulls()[0].head_repo == UPSTREAM  # type: ignore[attr-defined]


def test_a_site_commit_that_leaves_the_page_alone_is_nothing_new(world: SiteWorld) -> None:
    world.sync()
    (world.root / "other.md").write_text("An unrelated page.\n")
    git(world.root, "add", "other.md")
    git(world.root, "commit", "-qm", "Another page")
    world.fake.clear()
    assert world.sync().action == "up-to-date"
    assert writes(world.fake) == []
