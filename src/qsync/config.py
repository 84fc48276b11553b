"""``qsync.toml``: found upward from the working directory and checked by config.schema.json."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qsync.errors import InputError

CONFIG_NAME = "qsync.toml"
DEFAULT_UPSTREAM = "jassics/security-interview-questions"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    docs_dir: Path
    base_url: str = ""
    use_directory_urls: bool = True
    repo: str | None = None
    # Pages the site has outside docs_dir (docs-relative): links to them are accepted unchecked.
    external_pages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UpstreamConfig:
    repo: str = DEFAULT_UPSTREAM
    ref: str = "main"
    api_url: str = "https://api.github.com"
    git: str | None = None


@dataclass(frozen=True, slots=True)
class PageMapping:
    site: str
    upstream: str


@dataclass(frozen=True, slots=True)
class SyncConfig:
    """The [sync] table: how merge-back pull requests are made."""

    fork: str | None = None
    push_to_upstream: bool = False
    branch: str = "qsync/merge-back/{page}"
    labels: tuple[str, ...] = ()
    placement: str = "section"
    append_section: str = "More Questions"
    section_map: tuple[tuple[str, str], ...] = ()
    include_related: bool = False
    match_threshold: float = 20.0
    fork_wait: float = 60.0


def sync_config(config: Config) -> SyncConfig:
    data = config.sync
    defaults = SyncConfig()
    return SyncConfig(
        fork=data.get("fork") or None,
        push_to_upstream=data.get("push_to_upstream", False),
        branch=data.get("branch", defaults.branch),
        labels=tuple(data.get("labels", ())),
        placement=data.get("placement", defaults.placement),
        append_section=data.get("append_section", defaults.append_section),
        section_map=tuple(data.get("section_map", {}).items()),
        include_related=data.get("include_related", False),
        match_threshold=float(data.get("match_threshold", defaults.match_threshold)),
        fork_wait=float(data.get("fork_wait", defaults.fork_wait)),
    )


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    path: Path | None
    site: SiteConfig
    upstream: UpstreamConfig
    pages: tuple[PageMapping, ...] = ()
    lint: dict[str, Any] = field(default_factory=dict)
    diff: dict[str, Any] = field(default_factory=dict)
    sync: dict[str, Any] = field(default_factory=dict)

    def upstream_file(self, page: Path) -> str:
        """The upstream file a site page maps to: an explicit [[pages]] entry, else its name."""
        try:
            rel = page.resolve().relative_to(self.site.docs_dir.resolve()).as_posix()
        except ValueError:
            rel = page.as_posix()
        for mapping in self.pages:
            if mapping.site == rel:
                return mapping.upstream
        return page.name


def find_config(start: Path) -> Path | None:
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """The configuration at ``path``, or found upward from ``start``; defaults when there is none."""
    if path is None:
        path = find_config(start or Path.cwd())
    if path is None:
        root = (start or Path.cwd()).resolve()
        return Config(root, None, SiteConfig(root / "docs"), UpstreamConfig())
    data = _read_toml(path)
    _check(data, path)
    return _build(data, path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such configuration file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read configuration: {exc}", path=str(path)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(
            f"invalid TOML: {message}", path=str(path), line=int(m.group(1)) if m else None
        ) from None


def _check(data: dict[str, Any], path: Path) -> None:
    from qsync.schema import schema_errors

    errors = schema_errors(data, "config.schema.json")
    if errors:
        where, _, message = errors[0].partition(": ")
        key = where.removeprefix("$.").removeprefix("$") or "(top level)"
        raise InputError(f"invalid configuration at {key}: {message}", path=str(path))


def _build(data: dict[str, Any], path: Path) -> Config:
    root = path.parent.resolve()
    site = data.get("site", {})
    upstream = data.get("upstream", {})
    return Config(
        root=root,
        path=path,
        site=SiteConfig(
            docs_dir=root / site.get("docs_dir", "docs"),
            base_url=site.get("base_url", ""),
            use_directory_urls=site.get("use_directory_urls", True),
            repo=site.get("repo"),
            external_pages=tuple(site.get("external_pages", [])),
        ),
        upstream=UpstreamConfig(
            repo=upstream.get("repo", DEFAULT_UPSTREAM),
            ref=upstream.get("ref", "main"),
            api_url=upstream.get("api_url", "https://api.github.com"),
            git=upstream.get("git"),
        ),
        pages=tuple(
            PageMapping(p["site"], p.get("upstream", Path(p["site"]).name))
            for p in data.get("pages", [])
        ),
        lint=data.get("lint", {}),
        diff=data.get("diff", {}),
        sync=data.get("sync", {}),
    )
