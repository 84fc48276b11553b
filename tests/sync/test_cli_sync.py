"""``qsync sync`` through the CLI: the dry run, --patch, --format json, and a real publish."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from qsync.schema import schema_errors
from tests.conftest import ROOT
from tests.fakegithub import FakeGitHub
from tests.fakegithub.fixtures import CANARY_TOKEN
from tests.sync.github_world import make_world


def content_config(tmp_path: Path, corpus: Path, commit: str) -> list[str]:
    """A qsync.toml for the project's content page, and the options reading upstream at ``commit``."""
    toml = tmp_path / "qsync.toml"
    toml.write_text(
        f'[site]\ndocs_dir = "{ROOT / "content"}"\nbase_url = "https://cybercloud.guru/"\n\n'
        '[upstream]\nrepo = "jassics/security-interview-questions"\n\n'
        '[[pages]]\nsite = "interview-questions/ai-security-interview-questions.md"\n'
    )
    return ["--config", str(toml), "--upstream-git", f"{corpus / 'upstream.bundle'}@{commit}"]


@pytest.mark.corpus
def test_dry_run_prints_the_plan_and_its_diff(tmp_path: Path, corpus: Path, run_cli: Any) -> None:
    code, out, err = run_cli("sync", "--dry-run", *content_config(tmp_path, corpus, "6fa8ab4"))
    assert code == 0, err
    lines = out.split("\n")
    head = next(k for k, line in enumerate(lines) if " → corpus/upstream:" in line)
    assert lines[head].endswith(
        "ai-security-interview-questions.md → corpus/upstream:ai-security-interview-questions.md@6fa8ab4"
    ), out
    assert lines[head + 1] == (
        '  + Q1 "What\'s the difference between data-level, model-level, and …" '
        '→ new section "Fundamentals & Attack Taxonomy"'
    )
    assert (
        "  8 added, 0 renumbered, 0 references rewritten, 0 ToC lines renumbered, 0 other lines touched"
        in lines
    )
    assert "--- a/ai-security-interview-questions.md" in lines
    assert "+## Governance & Risk" in lines


@pytest.mark.corpus
def test_patch_and_json_plan(tmp_path: Path, corpus: Path, run_cli: Any) -> None:
    patch = tmp_path / "merge-back.patch"
    options = content_config(tmp_path, corpus, "d922c63")
    code, out, _ = run_cli("sync", "--dry-run", "--patch", str(patch), "--format", "json", *options)
    assert code == 0
    plan = json.loads(out)
    assert schema_errors(plan) == []
    assert plan["schema"] == "qsync.sync-plan/1"
    assert plan["upstream"]["commit"].startswith("d922c63")
    assert len(plan["insertions"]) == 7  # the eighth is the same question upstream as Q22
    assert [r["kind"] for r in plan["review"]] == ["changed"]
    assert plan["stats"]["other"] == 0
    assert patch.read_text() == plan["diff"]
    assert patch.read_text().startswith("--- a/ai-security-interview-questions.md\n")


def test_sync_publishes_and_a_second_run_does_nothing(
    tmp_path: Path, fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, run_cli: Any
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", CANARY_TOKEN)
    world = make_world(tmp_path, fake_github)
    monkeypatch.chdir(tmp_path)
    first = run_cli("sync")
    second = run_cli("sync")
    assert first[0] == 0 and second[0] == 0
    assert "opened https://github.com/pantry-org/pantry-questions/pull/1" in first[1]
    assert (
        "up to date: https://github.com/pantry-org/pantry-questions/pull/1 (3 requests, 0 writes)"
        in second[1]
    )
    assert len(world.open_pulls()) == 1
    for _, out, err in (first, second):
        assert CANARY_TOKEN not in out + err


def test_a_foreign_commit_on_the_branch_exits_1(
    tmp_path: Path, fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, run_cli: Any
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", CANARY_TOKEN)
    world = make_world(tmp_path, fake_github, 'branch = "merge/{page}"\n')
    monkeypatch.chdir(tmp_path)
    assert run_cli("sync")[0] == 0
    fork = world.fork
    assert fork is not None
    fake_github.world.seed_files(
        fork.full_name, {"notes.md": "mine\n"}, branch="merge/pantry-security-interview-questions"
    )
    world.edit_site("Seal everything", "Seal every single thing")
    code, out, _ = run_cli("sync")
    assert code == 1
    assert "holds commits qsync did not make" in out


def test_publishing_without_a_token_says_so(
    tmp_path: Path, fake_github: FakeGitHub, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_world(tmp_path, fake_github)
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("sync")
    assert code == 3
    assert err == "qsync: publishing needs a token: set GITHUB_TOKEN or GH_TOKEN\n"


def test_an_unknown_format_is_bad_input(run_cli: Any) -> None:
    code, _, err = run_cli("sync", "--dry-run", "--format", "xml")
    assert code == 2
    assert "unknown format 'xml'" in err
