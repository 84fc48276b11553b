"""The pre-commit hooks: valid for pre-commit, and passing or failing the right files.

`pre-commit try-repo` would install a `language: python` hook by creating a virtualenv and
running `pip install` on this repository, which needs PyPI. The suite runs offline, so it
tries a copy of the hooks file that differs only in `language: system` and finds the qsync
already installed in the test environment on PATH; the real file is checked separately
against pre-commit's own manifest schema.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.ci.conftest import needs_commands
from tests.conftest import CONTENT_PAGE, ROOT

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
HOOKS = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))

GOOD_PAGE = """\
# Garden Security Interview Questions

Questions about keeping a garden shed safe.

## Locks

??? question "Q: Why lock the shed?"
    Tools left in an open shed walk away, and a locked door slows a thief down.

??? question "Q: Which lock suits a shed door?"
    A closed-shackle padlock on a hasp bolted through the door, with the bolts hidden.
"""

BAD_PAGE = """\
# Garden Security Interview Questions

## Locks

??? question "Q: Why lock the shed?"

??? question "Q: Why lock the shed?"
    Because tools walk away.
"""


def pre_commit() -> str:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("pre-commit is not installed (make test installs it)")
    return exe


def test_the_hooks_file_matches_pre_commits_manifest_schema():
    done = subprocess.run(
        [pre_commit(), "validate-manifest", str(HOOKS_FILE)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_hooks_run_qsync_lint_on_markdown_and_validate_on_json():
    hooks = {hook["id"]: hook for hook in HOOKS}
    assert set(hooks) == {"qsync-lint", "qsync-validate"}
    assert hooks["qsync-lint"]["entry"] == "qsync lint"
    assert hooks["qsync-lint"]["types"] == ["markdown"]
    assert hooks["qsync-validate"]["entry"] == "qsync validate"
    assert hooks["qsync-validate"]["types"] == ["json"]
    assert all(hook["language"] == "python" for hook in HOOKS)


@pytest.fixture
def try_repo(tmp_path: Path):
    """Run `pre-commit try-repo` for one hook on some files of a fresh git repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    hooks_repo = tmp_path / "hooks"
    hooks_repo.mkdir()
    offline = [{**hook, "language": "system"} for hook in HOOKS]
    (hooks_repo / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(offline, sort_keys=False))
    site = tmp_path / "site"
    site.mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    for repo in (hooks_repo, site):
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=hooks_repo, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "hooks"], cwd=hooks_repo, check=True, env=env)

    def run(hook: str, files: dict[str, str]) -> tuple[int, str]:
        for name, text in files.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text)
        subprocess.run(["git", "add", "-A"], cwd=site, check=True, env=env)
        done = subprocess.run(
            [pre_commit(), "try-repo", str(hooks_repo), hook, "--files", *files],
            cwd=site,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        return done.returncode, done.stdout + done.stderr

    return run


def page_document() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "qsync", "parse", str(CONTENT_PAGE)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_validate_hook_passes_a_valid_document(try_repo):
    code, output = try_repo("qsync-validate", {".qsync/page.json": page_document()})
    assert code == 0, output
    assert "qsync validate" in output and "Passed" in output


def test_validate_hook_fails_a_broken_document(try_repo):
    broken = json.loads(page_document())
    del broken["title"]
    code, output = try_repo("qsync-validate", {"ai-security.qsync.json": json.dumps(broken)})
    assert code == 1, output
    assert "Failed" in output
    assert "ai-security.qsync.json: $: 'title' is a required property" in output


def test_validate_hook_leaves_other_json_alone(try_repo):
    code, output = try_repo("qsync-validate", {"package.json": '{"name": "site"}'})
    assert code == 0, output
    assert "(no files to check)Skipped" in output


def test_lint_hook_passes_a_clean_page_and_fails_a_broken_one(try_repo):
    needs_commands("lint")
    code, output = try_repo("qsync-lint", {"docs/garden.md": GOOD_PAGE})
    assert code == 0, output
    code, output = try_repo("qsync-lint", {"docs/garden.md": BAD_PAGE})
    assert code == 1, output
    assert "docs/garden.md:5:" in output
