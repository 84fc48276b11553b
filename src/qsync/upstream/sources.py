"""Choosing the upstream source from the command line or qsync.toml.

``--upstream OWNER/REPO[@REF]``      GitHub through the API (token from GITHUB_TOKEN or GH_TOKEN)
``--upstream-git PATH|URL[@REF]``    a clone, bare repository, bundle or URL read with git

Without either, qsync.toml's [upstream] decides: ``git`` when set, else ``repo`` on ``api_url``.
A missing ``@REF`` means [upstream] ``ref`` (default ``main``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from qsync.errors import InputError
from qsync.upstream import UpstreamSource

CACHE_DIR = ".qsync-cache"


class _UpstreamSettings(Protocol):  # qsync.config.UpstreamConfig, read only
    @property
    def repo(self) -> str: ...
    @property
    def ref(self) -> str: ...
    @property
    def api_url(self) -> str: ...
    @property
    def git(self) -> str | None: ...


class _Settings(Protocol):  # what open_source reads of qsync.config.Config
    @property
    def root(self) -> Path: ...
    @property
    def upstream(self) -> _UpstreamSettings: ...


def open_source(
    config: _Settings,
    *,
    upstream: str | None = None,
    upstream_git: str | None = None,
    cache_dir: Path | None = None,
) -> UpstreamSource:
    """The source a command reads upstream files from; nothing is fetched until ``read``."""
    from qsync.upstream.git import GitSource
    from qsync.upstream.github import GitHubSource

    if upstream and upstream_git:
        raise InputError("give --upstream or --upstream-git, not both")
    settings = config.upstream
    cache = cache_dir if cache_dir is not None else config.root / CACHE_DIR
    if upstream_git:
        location, ref = split_ref(upstream_git)
        return GitSource(location, ref or settings.ref, cache_dir=cache)
    if upstream:
        repo, ref = split_ref(upstream)
        return GitHubSource(repo, ref or settings.ref, api_url=settings.api_url, cache_dir=cache)
    if settings.git:
        location = settings.git
        if "://" not in location and not Path(location).is_absolute():
            location = str(config.root / location)
        return GitSource(location, settings.ref, cache_dir=cache)
    return GitHubSource(settings.repo, settings.ref, api_url=settings.api_url, cache_dir=cache)


def split_ref(value: str) -> tuple[str, str | None]:
    """``LOCATION@REF`` → (LOCATION, REF); an ``@`` of ``git@host:`` or ``https://user@`` is kept."""
    head, sep, tail = value.rpartition("@")
    if not sep or not head or not tail or ":" in tail:
        return value, None
    if "://" in head and "/" not in head.split("://", 1)[1]:
        return value, None
    return head, tail
