"""Sync reads the recorded base: a question upstream deleted since is not proposed again."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

SITE = """# Kitchen Security Interview Questions

## Knives

??? question "Q: Why store knives point-down?"
    So the edge faces away from hands.

??? question "Q: How often should a knife be honed?"
    Before every long prep session.
"""

UPSTREAM_BOTH = """# Kitchen Security Interview Questions

## Knives

**1. Why store knives point-down?**

So the edge faces away from hands.

**2. How often should a knife be honed?**

Before every long prep session.
"""

UPSTREAM_ONE = """# Kitchen Security Interview Questions

## Knives

**1. Why store knives point-down?**

So the edge faces away from hands.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def commit_file(repo: Path, text: str, message: str) -> str:
    (repo / "kitchen.md").write_text(text)
    git(repo, "add", "kitchen.md")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD")


def test_a_question_deleted_upstream_since_the_record_is_not_proposed(tmp_path: Path, run_cli: Any):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "kitchen.md").write_text(SITE)
    (tmp_path / "qsync.toml").write_text(
        '[site]\ndocs_dir = "docs"\nbase_url = "https://example.org/"\n\n'
        '[upstream]\nrepo = "cooks/kitchen"\n\n[[pages]]\nsite = "kitchen.md"\n'
    )
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q", "-b", "main")
    both = commit_file(upstream, UPSTREAM_BOTH, "both questions")
    config = ["--config", str(tmp_path / "qsync.toml")]

    code, _, err = run_cli("diff", "--record", *config, "--upstream-git", f"{upstream}@{both}")
    assert code == 0, err
    assert (tmp_path / ".qsync" / "state.json").is_file()

    one = commit_file(upstream, UPSTREAM_ONE, "drop the honing question")
    code, out, err = run_cli(
        "sync", "--dry-run", "--format", "json", *config, "--upstream-git", f"{upstream}@{one}"
    )
    assert code == 0, err
    assert json.loads(out)["insertions"] == []

    (tmp_path / ".qsync" / "state.json").unlink()  # without the base it is a candidate again
    code, out, _ = run_cli(
        "sync", "--dry-run", "--format", "json", *config, "--upstream-git", f"{upstream}@{one}"
    )
    assert code == 0
    inserted = json.loads(out)["insertions"]
    assert [i["text"] for i in inserted] == ["How often should a knife be honed?"]
