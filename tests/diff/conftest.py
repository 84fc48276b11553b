"""The fake GitHub for the diff tests that read upstream through the API."""

from tests.fakegithub.fixtures import CANARY_TOKEN, fake_github

__all__ = ["CANARY_TOKEN", "fake_github"]
