"""Through the command line: a remote failure is one line on stderr, exit 3, and no token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.fakegithub import FakeGitHub, Fault
from tests.upstream.conftest import CANARY_TOKEN, KITCHEN_V1

SITE_PAGE = """# Kitchen Security

## Basics

??? question "Q: Who may enter the kitchen?"
    Only cooks.
"""


def project(root: Path, api_url: str) -> None:
    (root / "docs").mkdir()
    (root / "docs" / "kitchen.md").write_text(SITE_PAGE)
    (root / "qsync.toml").write_text(
        f'[site]\ndocs_dir = "docs"\n\n[upstream]\nrepo = "jassics/kitchen"\napi_url = "{api_url}"\n\n'
        '[[pages]]\nsite = "kitchen.md"\nupstream = "kitchen.md"\n'
    )


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda f: setattr(f.world, "token", "rotated"), "GitHub refused the token (401 Bad credentials)"),
        (lambda f: f.inject("GET", "/repos/{owner}/{repo}/commits/{ref}", Fault.too_many(3600)),
         "GitHub asks to wait 3600 s, longer than qsync waits"),
    ],
    ids=["bad-token", "429-retry-after-3600"],
)  # fmt: skip
def test_qsync_diff_exits_3_with_one_line(
    fake_github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Any,
    setup: Any, expected: str,
) -> None:  # fmt: skip
    fake_github.world.seed_files("jassics/kitchen", {"kitchen.md": KITCHEN_V1})
    project(tmp_path, fake_github.base)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_TOKEN", CANARY_TOKEN)
    setup(fake_github)

    code, out, err = run_cli("diff", "--config", str(tmp_path / "qsync.toml"))

    assert code == 3
    assert (
        err.count("\n") == 1 and err.startswith("qsync: jassics/kitchen@main: ") and expected in err
    )
    assert CANARY_TOKEN not in out + err
