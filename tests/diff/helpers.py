"""Small helpers for diff tests: run the engine on Markdown text, look pairs up by text."""

from __future__ import annotations

from pathlib import Path

from qsync.dialects import parse_text
from qsync.diff import diff_page
from qsync.diff.state import PageState
from qsync.results.diff import PageDiff, Pair, SourceInfo, Thresholds

DIFF_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "diff"
SITE_PAGE = "site/pantry-security.md"
COMMIT = "c0ffee" + "0" * 34


def fixture(name: str) -> str:
    return (DIFF_FIXTURES / name).read_text(encoding="utf-8")


def source(path: str = "pantry-security.md", commit: str = COMMIT) -> SourceInfo:
    return SourceInfo("git", "example/pantry", path, "main", commit, "pantry.git")


def run_diff(
    site_text: str,
    upstream_text: str | None,
    *,
    base: PageState | None = None,
    thresholds: Thresholds | None = None,
    commit: str = COMMIT,
) -> PageDiff:
    site = parse_text(site_text, "pantry-security.md", "site")
    upstream = None
    if upstream_text is not None:
        upstream = parse_text(upstream_text, "pantry-security.md", "upstream")
    return diff_page(
        site,
        upstream,
        upstream_text,
        source(commit=commit),
        thresholds or Thresholds(),
        base,
        site_path=SITE_PAGE,
    )


def site_pair(diff: PageDiff, starts: str) -> Pair:
    """The pair whose site question starts with ``starts``."""
    (pair,) = [p for p in diff.pairs if p.site and p.site.text.startswith(starts)]
    return pair


def upstream_pair(diff: PageDiff, starts: str) -> Pair:
    (pair,) = [p for p in diff.pairs if p.upstream and p.upstream.text.startswith(starts)]
    return pair
