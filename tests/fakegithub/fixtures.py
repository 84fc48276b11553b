"""pytest fixtures for tests that talk to the fake GitHub; import them into a conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakegithub.app import FakeGitHub
from tests.fakegithub.server import DESCRIPTION, serve
from tests.fakegithub.state import World

CANARY_TOKEN = "ghp_QSYNCcanaryTOKEN0000000000000000000000"  # must never appear in any output


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A fresh fake GitHub whose token is CANARY_TOKEN; fails the test on description violations."""
    with serve(World(token=CANARY_TOKEN)) as fake:
        yield fake
    if fake.violations:
        shown = "\n  ".join(dict.fromkeys(fake.violations))
        pytest.fail(
            f"the fake's exchanges break GitHub's description ({DESCRIPTION.name}):\n  {shown}"
        )
