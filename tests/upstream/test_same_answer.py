"""GitHub and git give the same text, blob sha and commit for the same file and commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from qsync.upstream.git import GitSource
from qsync.upstream.github import GitHubSource
from tests.fakegithub import FakeGitHub
from tests.upstream.conftest import CANARY_TOKEN
from tests.upstream.test_github_source import QUICK

PAGES = ("ai-security-interview-questions.md", "api-security-interview-questions.md",
         "container-security-interview-questions.md", "Senior AI Pentester_Interview.md",
         "no-such-page.md")  # fmt: skip


def test_both_sources_agree_on_a_small_repository(
    fake_github: FakeGitHub, kitchen_repo: Path
) -> None:
    fake_github.world.seed_git("jassics/kitchen", kitchen_repo, "main")
    github = GitHubSource("jassics/kitchen", "main", api_url=fake_github.base,
                          token=CANARY_TOKEN, policy=QUICK)  # fmt: skip
    git = GitSource(str(kitchen_repo), "main")

    for path in ("kitchen.md", "docs/pantry.md", "cellar.md"):
        a, b = github.read(path), git.read(path)
        assert (a.text, a.blob_sha, a.commit) == (b.text, b.blob_sha, b.commit), path


@pytest.mark.corpus
@pytest.mark.parametrize("commit", ["6fa8ab4", "d922c63"])
def test_both_sources_agree_on_the_corpus_upstream(
    fake_github: FakeGitHub, upstream_repo: Path, commit: str
) -> None:
    fake_github.world.seed_git("jassics/security-interview-questions", upstream_repo, "main")
    github = GitHubSource("jassics/security-interview-questions", commit, api_url=fake_github.base,
                          token=CANARY_TOKEN, policy=QUICK)  # fmt: skip
    git = GitSource(str(upstream_repo), commit)

    for path in PAGES:
        a, b = github.read(path), git.read(path)
        assert (a.text, a.blob_sha, a.commit) == (b.text, b.blob_sha, b.commit), path
    assert github.requests == 1 + len(PAGES), "one resolution, then one request per file"
