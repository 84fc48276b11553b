"""open_source: the command line's --upstream / --upstream-git, else qsync.toml's [upstream]."""

from __future__ import annotations

from pathlib import Path

import pytest

from qsync.config import load_config
from qsync.errors import InputError
from qsync.upstream.git import GitSource
from qsync.upstream.github import GitHubSource
from qsync.upstream.sources import open_source, split_ref


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("jassics/security-interview-questions", ("jassics/security-interview-questions", None)),
        ("jassics/security-interview-questions@cloudsecurity", ("jassics/security-interview-questions", "cloudsecurity")),
        ("o/r@qsync/merge-back/ai", ("o/r", "qsync/merge-back/ai")),
        ("../upstream.bundle@d922c63", ("../upstream.bundle", "d922c63")),
        ("git@github.com:jassics/q.git", ("git@github.com:jassics/q.git", None)),
        ("git@github.com:jassics/q.git@main", ("git@github.com:jassics/q.git", "main")),
        ("https://user@example.com", ("https://user@example.com", None)),
        ("https://example.com/q.git@v2", ("https://example.com/q.git", "v2")),
    ],
)  # fmt: skip
def test_split_ref(value: str, expected: tuple[str, str | None]) -> None:
    assert split_ref(value) == expected


def write_config(folder: Path, upstream: str) -> Path:
    path = folder / "qsync.toml"
    path.write_text(f"[upstream]\n{upstream}\n")
    return path


def test_the_command_line_wins_over_the_configuration(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, 'repo = "a/b"\nref = "stable"'))

    github = open_source(config, upstream="c/d@dev")
    git = open_source(config, upstream_git="/srv/q.git")

    assert isinstance(github, GitHubSource) and (github.repo, github.ref) == ("c/d", "dev")
    assert isinstance(git, GitSource) and (git.location, git.ref) == ("/srv/q.git", "stable")


def test_the_configuration_decides_without_options(tmp_path: Path) -> None:
    enterprise = 'repo = "a/b"\napi_url = "https://ghe.example.com/api/v3"'
    github = open_source(load_config(write_config(tmp_path, enterprise)))
    git = open_source(load_config(write_config(tmp_path, 'git = "mirror.bundle"\nref = "v1"')))

    assert isinstance(github, GitHubSource)
    assert (github.repo, github.ref, github.api_url) == (
        "a/b",
        "main",
        "https://ghe.example.com/api/v3",
    )
    assert isinstance(git, GitSource)
    assert (git.location, git.ref) == (str(tmp_path.resolve() / "mirror.bundle"), "v1")


def test_defaults_read_the_real_upstream_on_github(tmp_path: Path) -> None:
    source = open_source(load_config(start=tmp_path))

    assert isinstance(source, GitHubSource)
    assert (source.repo, source.ref, source.api_url) == (
        "jassics/security-interview-questions", "main", "https://api.github.com",
    )  # fmt: skip


def test_both_options_at_once_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="give --upstream or --upstream-git, not both"):
        open_source(load_config(start=tmp_path), upstream="a/b", upstream_git="x")


def test_a_malformed_repository_name_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="upstream repository must be OWNER/NAME, got 'ab'"):
        open_source(load_config(start=tmp_path), upstream="ab")
