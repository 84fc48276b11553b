"""Fixtures for running this repository's workflows, action and hooks here."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from tests.ci.actions import package_links
from tests.fakegithub.fixtures import CANARY_TOKEN, fake_github

__all__ = ["CANARY_TOKEN", "fake_github", "needs_commands", "registered_commands"]


@pytest.fixture(scope="session")
def test_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test environment's packages (without qsync), for offline virtualenvs."""
    try:
        major = int(version("setuptools").split(".")[0])
    except PackageNotFoundError:
        major = 0
    if major < 77:
        pytest.skip(
            "building qsync offline needs setuptools>=77 in the test environment "
            "(pyproject.toml's license field); pip install 'setuptools>=77'"
        )
    return package_links(tmp_path_factory.mktemp("packages") / "site")


def registered_commands() -> set[str]:
    from qsync.cli import _register, app

    _register()
    return {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}


def needs_commands(*names: str) -> None:
    """Skip while another engineer's command is not there yet."""
    missing = sorted(set(names) - registered_commands())
    if missing:
        pytest.skip(f"qsync {', '.join(missing)} is not implemented yet")
