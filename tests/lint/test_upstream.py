"""Rules that read the upstream repository with git: QS204 and QS112's merge-back candidates.

The upstream is a small real git repository made here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from qsync.config import load_config
from tests.lint.helpers import lint

UPSTREAM_FILE = """\
# Kitchen Security Interview Questions

## Knives

**1. Why keep knives sharp?**

A dull knife slips.

### Storage & Care

Blocks.
"""


@pytest.fixture
def upstream_git(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "recipes"
    repo.mkdir()
    (repo / "kitchen-security.md").write_text(UPSTREAM_FILE, encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
            check=True,
            capture_output=True,
        )

    git("init", "--quiet", "--initial-branch=main")
    git("add", ".")
    git("commit", "--quiet", "-m", "Kitchen questions")
    return repo


def _site(tmp_path: Path, page: str) -> Path:
    (tmp_path / "qsync.toml").write_text(
        '[site]\ndocs_dir = "docs"\n\n[upstream]\nrepo = "kitchen/recipes"\n', encoding="utf-8"
    )
    path = tmp_path / "docs" / "kitchen-security.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


def test_blob_links_are_checked_against_the_file_at_their_ref(
    tmp_path: Path, upstream_git: Path
) -> None:
    blob = "https://github.com/kitchen/recipes/blob"
    page = _site(
        tmp_path,
        "# Kitchen\n\n## Links\n\n"
        f"- [Storage]({blob}/main/kitchen-security.md#storage--care)\n"
        f"- [MkDocs-style anchor]({blob}/main/kitchen-security.md#storage-care)\n"
        f"- [Missing]({blob}/main/pantry.md)\n"
        "- [Another repository](https://github.com/else/where/blob/main/x.md)\n"
        f"- [Unknown branch: not checked]({blob}/no-such-branch/kitchen-security.md)\n",
    )
    config = load_config(tmp_path / "qsync.toml")
    result = lint(config, page, select=("QS204",), upstream_git=str(upstream_git))
    assert [(f.line, f.message) for f in result.findings] == [
        (
            6,
            "#storage-care is not an anchor of kitchen-security.md at main"
            " (did you mean #storage--care?)",
        ),
        (7, "pantry.md does not exist in kitchen/recipes at main"),
    ]


MKDOCS_ANSWERS = """\
# Kitchen

## Knives

??? question "Q: Why keep knives sharp?"
    A dull knife slips ++ctrl+c++.

??? question "Q: Where do knives go?"
    In a block :material-knife:.
"""


def test_questions_already_upstream_are_not_merge_back_candidates(
    tmp_path: Path, upstream_git: Path
) -> None:
    page = _site(tmp_path, MKDOCS_ANSWERS)
    config = load_config(tmp_path / "qsync.toml")
    known = lint(config, page, select=("QS112",), upstream_git=str(upstream_git))
    assert [f.line for f in known.findings] == [9]  # "Why keep knives sharp?" is upstream
    unknown = lint(config, page, select=("QS112",))
    assert [f.line for f in unknown.findings] == [6, 9]  # without upstream, every one counts
