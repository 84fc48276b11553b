"""GitHubSource against the fake GitHub: reads, request economy, ETags, every failure mode."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from qsync.errors import ExitCode, RemoteError
from qsync.upstream.github import GitHubSource, RetryPolicy
from qsync.upstream.text import git_blob_sha
from tests.fakegithub import FakeGitHub, Fault
from tests.upstream.conftest import CANARY_TOKEN, KITCHEN_V1, KITCHEN_V2

REPO = "jassics/kitchen"
COMMITS = "/repos/{owner}/{repo}/commits/{ref}"
CONTENTS = "/repos/{owner}/{repo}/contents/{path}"
# no pacing, no backoff, short waits: the same code paths as production, quickly
QUICK = RetryPolicy(timeout=1, retries=2, backoff=0, max_wait=3, secondary_wait=0,
                    between_requests=0, between_writes=0)  # fmt: skip


def source(fake: FakeGitHub, ref: str = "main", *, cache: Path | None = None,
           token: str | None = CANARY_TOKEN, policy: RetryPolicy = QUICK) -> GitHubSource:  # fmt: skip
    return GitHubSource(REPO, ref, api_url=fake.base, token=token, cache_dir=cache, policy=policy)


@pytest.fixture
def kitchen(fake_github: FakeGitHub) -> FakeGitHub:
    fake_github.world.seed_files(REPO, {"kitchen.md": KITCHEN_V1}, message="First")
    fake_github.world.seed_files(REPO, {"kitchen.md": KITCHEN_V2, "docs/pantry.md": "# P\n"})
    return fake_github


def test_reads_the_file_at_the_resolved_commit(kitchen: FakeGitHub) -> None:
    found = source(kitchen).read("kitchen.md")

    assert found.text == KITCHEN_V2
    assert found.commit == kitchen.world.find("jassics", "kitchen").branch("main")  # type: ignore[union-attr]
    assert found.blob_sha == git_blob_sha(KITCHEN_V2.encode())
    assert (found.repo, found.ref, found.kind, found.location) == (
        REPO,
        "main",
        "github",
        kitchen.base,
    )


def test_a_pinned_commit_and_a_nested_path(kitchen: FakeGitHub) -> None:
    first = source(kitchen).read("kitchen.md").commit
    older = kitchen.world.store.read_commit(first).parents[0]

    assert source(kitchen, older).read("kitchen.md").text == KITCHEN_V1
    assert source(kitchen, older[:7]).read("kitchen.md").commit == older
    assert source(kitchen).read("docs/pantry.md").text == "# P\n"


def test_a_branch_with_a_slash_resolves(kitchen: FakeGitHub) -> None:
    kitchen.world.seed_files(REPO, {"kitchen.md": "# Draft\n"}, branch="qsync/merge-back/kitchen")

    assert source(kitchen, "qsync/merge-back/kitchen").read("kitchen.md").text == "# Draft\n"


def test_a_missing_file_reads_as_none_in_two_requests(kitchen: FakeGitHub) -> None:
    found = source(kitchen).read("cellar.md")

    assert found.text is None and found.blob_sha is None and len(found.commit) == 40
    assert [e.status for e in kitchen.exchanges] == [200, 404]


def test_a_read_costs_two_requests_cold_and_two_304s_warm(
    kitchen: FakeGitHub, tmp_path: Path
) -> None:
    cold = source(kitchen, cache=tmp_path)
    assert cold.read("kitchen.md").text == KITCHEN_V2
    remaining = kitchen.world.rate_remaining

    warm = source(kitchen, cache=tmp_path)
    assert warm.read("kitchen.md").text == KITCHEN_V2

    assert [(e.route, e.status) for e in kitchen.exchanges] == [
        (COMMITS, 200), (CONTENTS, 200), (COMMITS, 304), (CONTENTS, 304),
    ]  # fmt: skip
    assert (cold.requests, warm.requests) == (2, 2)
    assert kitchen.world.rate_remaining == remaining, "304s are free"
    assert all("If-None-Match" in e.request_headers for e in kitchen.exchanges[2:])


def test_a_new_upstream_commit_is_seen_despite_the_cache(
    kitchen: FakeGitHub, tmp_path: Path
) -> None:
    source(kitchen, cache=tmp_path).read("kitchen.md")
    kitchen.world.seed_files(REPO, {"kitchen.md": "# Rewritten\n"})

    assert source(kitchen, cache=tmp_path).read("kitchen.md").text == "# Rewritten\n"
    assert [e.status for e in kitchen.exchanges[2:]] == [200, 200]


def test_a_file_over_one_megabyte_takes_a_third_request(fake_github: FakeGitHub) -> None:
    big = "# Big\n" + "x" * (1024 * 1024) + "\n"
    fake_github.world.seed_files(REPO, {"big.md": big})

    src = source(fake_github)
    assert src.read("big.md").text == big
    assert src.requests == 3


def test_a_folder_is_not_a_file(kitchen: FakeGitHub) -> None:
    with pytest.raises(RemoteError, match=r"^jassics/kitchen@main:docs: is a folder, not a file$"):
        source(kitchen).read("docs")


def test_anonymous_reads_of_a_public_repository_send_no_token(kitchen: FakeGitHub) -> None:
    assert source(kitchen, token=None).read("kitchen.md").text == KITCHEN_V2
    assert all("Authorization" not in e.request_headers for e in kitchen.exchanges)


def test_the_token_comes_from_the_environment(
    kitchen: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GH_TOKEN", CANARY_TOKEN)
    src = GitHubSource(REPO, "main", api_url=kitchen.base, policy=QUICK)

    assert src.read("kitchen.md").text == KITCHEN_V2
    assert kitchen.exchanges[0].request_headers["Authorization"].endswith(CANARY_TOKEN)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


Setup = Callable[[FakeGitHub], None]


def _nothing(fake: FakeGitHub) -> None:
    pass


def _exhaust_rate_limit(fake: FakeGitHub) -> None:
    fake.world.rate_remaining = 0


def _inject(*faults: Fault, route: str = COMMITS) -> Setup:
    return lambda fake: fake.inject("GET", route, *faults)


FAILURES: dict[str, tuple[str, str, Setup, str]] = {
    # name: (repo, ref, setup, the one line the user sees, after "owner/name@ref: ")
    "unknown repository": ("jassics/nothing", "main", _nothing,
        "no such repository on {base} (or the token cannot see it)"),
    "unknown ref": (REPO, "no-such-branch", _nothing,
        "unknown ref 'no-such-branch' (no such branch, tag or commit)"),
    "bad token": (REPO, "main", lambda f: setattr(f.world, "token", "another-token"),
        "GitHub refused the token (401 Bad credentials); check GITHUB_TOKEN or GH_TOKEN, "
        "or unset both to read public repositories"),
    "primary rate limit": (REPO, "main", _exhaust_rate_limit,
        "GitHub API rate limit exhausted (403, 5000 requests per hour); it resets at {reset}"),
    "secondary rate limit, no Retry-After": (REPO, "main", _inject(*[Fault.secondary()] * 3),
        "GitHub secondary rate limit (403), still there after retries; wait a few minutes and try again"),
    "secondary rate limit, long Retry-After": (REPO, "main", _inject(Fault.secondary(retry_after=600)),
        "GitHub rate limit (403): GitHub asks to wait 600 s, longer than qsync waits; try again later"),
    "429 without Retry-After": (REPO, "main", _inject(Fault.too_many()),
        "GitHub secondary rate limit (429); wait a few minutes and try again"),
    "429, long Retry-After": (REPO, "main", _inject(Fault.too_many(retry_after=3600)),
        "GitHub rate limit (429): GitHub asks to wait 3600 s, longer than qsync waits; try again later"),
    "5xx after retries": (REPO, "main", _inject(*[Fault.status_code(502)] * 3),
        "GitHub failed (502 Bad Gateway) and kept failing after retries; try again later"),
    "timeout": (REPO, "main", _inject(*[Fault.slow(1.6)] * 3),
        "GitHub did not answer in time ({base}); try again later"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(FAILURES))
def test_every_failure_is_one_line_naming_the_cause(
    kitchen: FakeGitHub,
    name: str,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    import time

    repo, ref, setup, expected = FAILURES[name]
    setup(kitchen)
    caplog.set_level(logging.DEBUG)

    with pytest.raises(RemoteError) as caught:
        GitHubSource(repo, ref, api_url=kitchen.base, token=CANARY_TOKEN, policy=QUICK).read(
            "kitchen.md"
        )

    reset = time.strftime("%H:%M:%S UTC", time.gmtime(kitchen.world.rate_reset))
    assert str(caught.value) == f"{repo}@{ref}: " + expected.format(base=kitchen.base, reset=reset)
    assert caught.value.exit_code == ExitCode.REMOTE
    assert CANARY_TOKEN not in str(caught.value) + caplog.text
    assert capfd.readouterr() == ("", ""), "nothing else reaches the terminal (PyGithub's log)"


def test_connection_refused_is_one_line() -> None:
    api = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(RemoteError) as caught:
        GitHubSource(REPO, "main", api_url=api, token=CANARY_TOKEN, policy=QUICK).read("a.md")

    assert str(caught.value) == f"{REPO}@main: cannot connect to {api} (connection refused)"


@pytest.mark.parametrize(
    "fault",
    [Fault.status_code(500), Fault.status_code(502), Fault.secondary(), Fault.secondary(retry_after=1),
     Fault.too_many(retry_after=1), Fault.slow(1.6)],
    ids=["500", "502", "secondary", "secondary-retry-after-1", "429-retry-after-1", "timeout"],
)  # fmt: skip
def test_a_passing_fault_costs_a_retry_not_the_read(kitchen: FakeGitHub, fault: Fault) -> None:
    kitchen.inject("GET", CONTENTS, fault)

    assert source(kitchen).read("kitchen.md").text == KITCHEN_V2
    kitchen.settle()  # a slow answer is recorded when the fake finally sends it
    assert sorted(e.route or "" for e in kitchen.exchanges) == [COMMITS, CONTENTS, CONTENTS]


def test_a_wait_github_names_is_honoured_when_short(
    kitchen: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr("urllib3.util.retry.time.sleep", waits.append)  # record, do not wait
    kitchen.inject("GET", COMMITS, Fault.too_many(retry_after=2), Fault.secondary(retry_after=3))

    assert source(kitchen).read("kitchen.md").text == KITCHEN_V2
    assert waits == [2.0, 3.0], "each wait is the one GitHub named"


def test_the_token_never_reaches_output_logs_or_cache(
    kitchen: FakeGitHub,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    source(kitchen, cache=tmp_path).read("kitchen.md")
    kitchen.world.token = "rotated"
    with pytest.raises(RemoteError) as caught:
        source(kitchen, cache=tmp_path).read("kitchen.md")

    out, err = capsys.readouterr()
    cached = "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())
    for text in (out, err, caplog.text, cached, str(caught.value), repr(caught.value)):
        assert CANARY_TOKEN not in text
    assert cached, "the cache was written"


def test_github_enterprise_serves_the_api_below_a_path() -> None:
    from tests.fakegithub import World, serve

    with serve(World(token=CANARY_TOKEN), prefix="/api/v3") as enterprise:
        enterprise.world.seed_files(REPO, {"kitchen.md": KITCHEN_V1})
        found = source(enterprise).read("kitchen.md")

    assert enterprise.base.endswith("/api/v3")
    assert (found.text, found.location) == (KITCHEN_V1, enterprise.base)
    assert not enterprise.violations
