"""One ``qsync diff`` run: which pages, read upstream once per file, diff, record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qsync import __version__
from qsync.config import Config
from qsync.dialects import parse_file, parse_text
from qsync.diff import diff_page, thresholds_from
from qsync.diff.state import load_state, record_state
from qsync.errors import InputError
from qsync.fileio import markdown_files, shown_path
from qsync.results.diff import DiffReport, PageDiff, SourceInfo
from qsync.upstream import UpstreamFile
from qsync.upstream.sources import open_source


def run_diff(
    config: Config,
    pages: list[Path],
    upstream: str | None = None,
    upstream_git: str | None = None,
    record: bool = False,
    on_step: Callable[[Path, str], None] | None = None,
) -> DiffReport:
    """Diff the pages (or the configured ones) against upstream read from the source the
    arguments or qsync.toml name; with ``record``, write the state file afterwards.
    ``on_step`` hears (page, step) as each step starts, for a progress display."""

    thresholds = thresholds_from(config.diff, str(config.path) if config.path else None)
    state_path = config.root / str(config.diff.get("state", ".qsync/state.json"))
    state = load_state(state_path)
    source = open_source(config, upstream=upstream, upstream_git=upstream_git)
    diffs: list[PageDiff] = []
    read: dict[str, UpstreamFile] = {}  # each upstream file once per run, however many pages
    for site_file in site_pages(config, pages):
        shown = shown_path(site_file, config.root)
        upstream_path = config.upstream_file(site_file)
        if upstream_path not in read:
            if on_step is not None:
                on_step(site_file, "read upstream")
            read[upstream_path] = source.read(upstream_path)
        if on_step is not None:
            on_step(site_file, "diff")
        up = read[upstream_path]
        site = parse_file(site_file, "site", display=shown)
        up_page = None if up.text is None else parse_text(up.text, up.path, "upstream")
        info = SourceInfo(up.kind, up.repo, up.path, up.ref, up.commit, up.location)
        base = state.page(shown, up.path)
        diffs.append(diff_page(site, up_page, up.text, info, thresholds, base, shown))
    if record:
        record_state(state_path, diffs)
    return DiffReport(tuple(diffs), thresholds, __version__)


def site_pages(config: Config, pages: list[Path]) -> list[Path]:
    """The pages named (folders give their Markdown files), else the configured ones."""
    if not pages:
        if not config.pages:
            raise InputError(
                "no pages given and none configured: name a page, or add [[pages]] to qsync.toml"
            )
        return [config.site.docs_dir / mapping.site for mapping in config.pages]
    return markdown_files(pages)
