"""Pages the sync tests share: the fixture pantry pages and the project's content page."""

from __future__ import annotations

from pathlib import Path

import pytest

from qsync.dialects import parse_file, parse_text
from qsync.model import Page
from qsync.sync.urls import SiteUrls
from tests.conftest import CONTENT_PAGE, FIXTURES, git_show
from tests.fakegithub.fixtures import fake_github  # noqa: F401  (a fixture for this folder)

SYNC_FIXTURES = FIXTURES / "sync"
CONTENT_PATH = "interview-questions/ai-security-interview-questions.md"
UPSTREAM_PATH = "ai-security-interview-questions.md"
SITE_URLS = SiteUrls("https://cybercloud.guru/")


@pytest.fixture
def pantry_site() -> Page:
    return parse_file(SYNC_FIXTURES / "pantry-site.md", display="pantry-site.md")


@pytest.fixture
def pantry_upstream() -> Page:
    return parse_file(SYNC_FIXTURES / "pantry-upstream.md", display="pantry-upstream.md")


@pytest.fixture(scope="session")
def content_page() -> Page:
    return parse_file(CONTENT_PAGE, display=CONTENT_PATH)


def upstream_at(repo: Path, commit: str) -> tuple[str, Page]:
    """The upstream AI file at ``commit``: its text and its parsed page."""
    text = git_show(repo, commit, UPSTREAM_PATH).decode("utf-8")
    return text, parse_text(text, UPSTREAM_PATH, "upstream")
