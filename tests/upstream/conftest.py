"""Fixtures for reading upstream: the fake GitHub, and small real git repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.fakegithub.fixtures import CANARY_TOKEN, fake_github

__all__ = ["CANARY_TOKEN", "fake_github", "kitchen_repo"]

KITCHEN_V1 = "# Kitchen Security\n\n**1. Who may enter the kitchen?**\n\nOnly cooks.\n"
KITCHEN_V2 = KITCHEN_V1 + "\n**2. Where do knives live?**\n\nOn the magnetic strip.\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def kitchen_repo(tmp_path: Path) -> Path:
    """A real git repository: main has two commits of kitchen.md; tag v1 marks the first."""
    repo = tmp_path / "kitchen"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.email", "cook@example.com")
    git(repo, "config", "user.name", "Cook")
    (repo / "docs").mkdir()
    (repo / "kitchen.md").write_text(KITCHEN_V1)
    (repo / "docs" / "pantry.md").write_text("# Pantry\n")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "Kitchen questions")
    git(repo, "tag", "v1")
    (repo / "kitchen.md").write_text(KITCHEN_V2)
    git(repo, "commit", "--quiet", "-am", "A second question")
    return repo
