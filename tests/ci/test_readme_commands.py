"""The README's first command, `make demo`, on a fresh checkout.

The Makefile makes .venv only when .venv/bin/python is missing, so the test puts the offline
Python there (see actions.offline_python); `make` then runs its own `pip install -e '.[test]'`
and the demo, exactly as a newcomer's machine would, without a network.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.ci.actions import copy_worktree, offline_python, runner_env


def test_make_demo_works_on_a_fresh_checkout(tmp_path: Path, test_packages: Path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    repo = copy_worktree(tmp_path / "repo")
    python_bin = offline_python(repo / ".venv", test_packages)
    env = runner_env(repo, python_bin, tmp_path)
    done = subprocess.run(
        ["make", "demo"], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid (qsync.page/1)" in done.stdout
    assert "0 errors, 0 warnings in 1 file" in done.stdout
    assert "1 page: 8 site-only" in done.stdout
    assert ": opened http" in done.stdout
    assert ": up to date: http" in done.stdout and "(3 requests, 0 writes)" in done.stdout
