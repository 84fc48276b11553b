"""The same diff read through the GitHub API (the fake GitHub) and through git is the same
report, but for each page's source block; and what a diff costs in requests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONTENT_PAGE
from tests.diff.conftest import CANARY_TOKEN
from tests.fakegithub import FakeGitHub

REPO = "jassics/security-interview-questions"
PAGE = "ai-security-interview-questions.md"


def config(tmp_path: Path, fake: FakeGitHub) -> Path:
    path = tmp_path / "qsync.toml"
    path.write_text(
        f'[site]\ndocs_dir = "."\n\n[upstream]\nrepo = "{REPO}"\napi_url = "{fake.base}"\n'
    )
    return path


def report(run_cli: Any, *args: str) -> dict[str, Any]:
    code, out, err = run_cli("diff", str(CONTENT_PAGE), *args, "--format", "json")
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


def without_source(document: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    sources = [page.pop("source") for page in document["pages"]]
    return document, sources


@pytest.mark.parametrize("commit", ["6fa8ab4", "d922c63"])
def test_github_and_git_give_the_same_report_but_the_source_block(
    run_cli: Any,
    fake_github: FakeGitHub,
    upstream_repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    commit: str,
) -> None:
    fake_github.world.seed_git(REPO, upstream_repo, "main")
    monkeypatch.setenv("GITHUB_TOKEN", CANARY_TOKEN)
    settings = str(config(tmp_path, fake_github))

    through_api = report(run_cli, "--config", settings, "--upstream", f"{REPO}@{commit}")
    through_git = report(
        run_cli, "--config", settings, "--upstream-git", f"{upstream_repo}@{commit}"
    )

    api_doc, (api_source,) = without_source(through_api)
    git_doc, (git_source,) = without_source(through_git)
    assert api_doc == git_doc
    assert (api_source["kind"], git_source["kind"]) == ("github", "git")
    assert api_source["commit"] == git_source["commit"]
    assert api_source["commit"].startswith(commit)
    assert api_source["path"] == git_source["path"] == PAGE
    assert (api_source["repo"], api_source["location"]) == (REPO, fake_github.base)
    assert CANARY_TOKEN not in json.dumps(through_api)


def test_a_diff_costs_two_requests_cold_and_two_not_modified_warm(
    run_cli: Any,
    fake_github: FakeGitHub,
    upstream_repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_github.world.seed_git(REPO, upstream_repo, "main")
    monkeypatch.setenv("GITHUB_TOKEN", CANARY_TOKEN)
    settings = str(config(tmp_path, fake_github))

    cold = report(run_cli, "--config", settings, "--upstream", f"{REPO}@main")
    fake_github.settle()
    first = [e.status for e in fake_github.exchanges]
    fake_github.clear()
    warm = report(run_cli, "--config", settings, "--upstream", f"{REPO}@main")
    fake_github.settle()
    second = [e.status for e in fake_github.exchanges]

    assert first == [200, 200]  # the commit the ref names, then the file at that commit
    assert second == [304, 304]  # both answered from the ETag cache in .qsync-cache
    assert cold == warm
