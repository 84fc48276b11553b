"""Every write step of a sync, failing every way GitHub fails: a rerun always converges.

Converged means: exactly one open PR, proposing the intended text, from one branch, with
upstream's own branch untouched, and a further run writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qsync.errors import QsyncError
from tests.fakegithub import FakeGitHub, Fault
from tests.fakegithub.fixtures import CANARY_TOKEN
from tests.sync.github_world import BRANCH, SiteWorld, make_world

FAULTS = {
    "500": Fault.status_code(500),
    "502-after-applied": Fault.after(502),
    "429-retry-after": Fault.too_many(retry_after=1),
    "429": Fault.too_many(),
    "403-secondary": Fault.secondary(),
    "timeout": Fault.slow(2.5),  # past the 1 s client timeout
}
FIRST_RUN_WRITES = (
    "POST /repos/{owner}/{repo}/forks",
    "POST /repos/{owner}/{repo}/merge-upstream",
    "POST /repos/{owner}/{repo}/git/refs",
    "PUT /repos/{owner}/{repo}/contents/{path}",
    "POST /repos/{owner}/{repo}/pulls",
    "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
)
UPDATE_WRITES = (
    "PUT /repos/{owner}/{repo}/contents/{path}",
    "PATCH /repos/{owner}/{repo}/pulls/{pull_number}",
)


@pytest.fixture
def world(
    tmp_path: Path, fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SiteWorld]:
    monkeypatch.setenv("GITHUB_TOKEN", CANARY_TOKEN)
    yield make_world(tmp_path, fake_github)


def converge(world: SiteWorld, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Run sync until it succeeds (three runs at most); every message it gave."""
    said: list[str] = []
    for _ in range(3):
        try:
            outcome = world.sync()
        except QsyncError as exc:
            said.append(str(exc))
            continue
        said.append(outcome.message)
        if outcome.action in ("opened", "updated", "up-to-date"):
            break
    else:
        pytest.fail(f"no convergence after three runs: {said}")
    out, err = capsys.readouterr()
    said += [out, err]
    return said


def assert_converged(world: SiteWorld, said: list[str]) -> None:
    main_before = world.upstream.branch("main")
    intended = world.plan().new_text
    (pull,) = world.open_pulls()
    assert pull.head_ref == BRANCH  # type: ignore[attr-defined]
    assert pull.labels == ["merge-back"]  # type: ignore[attr-defined]
    assert world.branch_text() == intended
    fork = world.fork
    assert fork is not None
    assert [r for r in fork.refs if "merge-back" in r] == [f"refs/heads/{BRANCH}"]
    assert [r.full_name for r in world.fake.world.repos.values() if r.parent] == [fork.full_name]
    assert world.upstream.branch("main") == main_before
    world.fake.clear()
    again = world.sync()
    assert again.action == "up-to-date"
    assert [e for e in world.fake.exchanges if e.method != "GET"] == []
    assert not any(CANARY_TOKEN in text for text in said)


@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
@pytest.mark.parametrize("step", FIRST_RUN_WRITES, ids=[s.split("/")[-1] for s in FIRST_RUN_WRITES])
def test_first_sync_converges_after_a_fault(
    world: SiteWorld, step: str, fault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    method, route = step.split(" ")
    world.fake.inject(method, route, FAULTS[fault])
    said = converge(world, capsys)
    assert world.fake.faults.pending() == {}
    assert_converged(world, said)


@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
@pytest.mark.parametrize("step", UPDATE_WRITES, ids=["contents", "pull"])
def test_update_converges_after_a_fault(
    world: SiteWorld, step: str, fault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    world.sync()
    world.edit_site("Seal everything in airtight tins", "Seal everything in labelled tins")
    method, route = step.split(" ")
    world.fake.inject(method, route, FAULTS[fault])
    said = converge(world, capsys)
    assert "labelled tins" in (world.branch_text() or "")
    assert_converged(world, said)


def test_a_fork_that_is_not_ready_yet_is_waited_for(
    world: SiteWorld, capsys: pytest.CaptureFixture[str]
) -> None:
    world.fake.inject("POST", "/repos/{owner}/{repo}/forks", Fault.fork_not_ready(requests=3))
    outcome = world.sync()
    assert outcome.action == "opened"
    assert_converged(world, [outcome.message, *capsys.readouterr()])


def test_a_fork_that_stays_unready_fails_and_the_rerun_resumes(
    world: SiteWorld, capsys: pytest.CaptureFixture[str]
) -> None:
    world.fake.world.fork_delay = 1000
    with pytest.raises(QsyncError, match=r"is not ready after 3\d s; run qsync sync again"):
        world.sync()
    fork = world.fork
    assert fork is not None
    fork.not_ready = 0  # GitHub finished copying
    said = converge(world, capsys)
    assert_converged(world, said)
