"""Guards every test: no real network, no GitHub token, no writes to $HOME."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CONTENT_PAGE = ROOT / "content" / "interview-questions" / "ai-security-interview-questions.md"

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    if self.family in (socket.AF_INET, socket.AF_INET6) and not (
        str(host).startswith("127.") or host in ("::1", "localhost")
    ):
        raise OSError(f"test tried to reach {host}: tests never touch the network")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _guards(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in ("GITHUB_TOKEN", "GH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"needs the shared corpus at {CORPUS} (absent on this machine)")
    return CORPUS


@pytest.fixture(scope="session")
def upstream_repo(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """A real clone of the upstream repository's whole history."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    target = tmp_path_factory.mktemp("upstream") / "security-interview-questions"
    subprocess.run(
        ["git", "clone", "--quiet", str(corpus / "upstream.bundle"), str(target)],
        check=True,
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
    )
    return target


def git_show(repo: Path, commit: str, path: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True, capture_output=True
    ).stdout


def file_versions(repo: Path, path: str) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(repo), "log", "--all", "--format=%h", "--", path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.split()


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Iterator[Any]:
    """Run qsync in-process: returns (exit code, stdout, stderr)."""
    from qsync.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    yield run
