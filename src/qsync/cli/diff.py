"""``qsync diff``: compare site pages with their upstream files and report by class."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qsync.cli import app
from qsync.errors import ExitCode, InputError

if TYPE_CHECKING:
    from qsync.config import Config
    from qsync.results.diff import DiffReport, PageDiff
    from qsync.upstream import UpstreamFile


@app.command()
def diff(
    pages: Annotated[
        list[Path] | None,
        typer.Argument(help="Site pages or folders; default: every [[pages]] entry of qsync.toml."),
    ] = None,
    upstream: Annotated[
        str | None,
        typer.Option(
            "--upstream", metavar="OWNER/REPO[@REF]", help="Read upstream through the GitHub API."
        ),
    ] = None,
    upstream_git: Annotated[
        str | None,
        typer.Option(
            "--upstream-git",
            metavar="PATH|URL[@REF]",
            help="Read upstream with git: a clone, bare repository, bundle or URL.",
        ),
    ] = None,
    ref: Annotated[
        str | None, typer.Option("--ref", help="Branch, tag or commit of upstream to read.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, markdown or html.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here (atomically).")
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when anything is to merge back, pull or fix."),
    ] = False,
    record: Annotated[
        bool,
        typer.Option(
            "--record", help="Record both sides in .qsync/state.json for three-way diffs."
        ),
    ] = False,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="qsync.toml to use instead of searching upward.")
    ] = None,
) -> int:
    """Compare site pages with their upstream files.

    Every site question is paired with at most one upstream question (an optimal assignment
    on question and answer similarity) and classed identical, changed, related, site-only
    (a merge-back candidate) or upstream-only; with a recorded state (--record, or a sync)
    changed pairs split into site-changed, upstream-changed and conflict. The report also
    says whether the upstream file is empty, a stub or populated, and flags a page intro
    that says otherwise. Exit 0, or with --exit-code 1 when there is anything to do.

    Example: qsync diff --upstream-git ../shared/corpus/upstream.bundle@d922c63 --format html -o diff.html
    """
    import dataclasses

    from qsync.config import load_config
    from qsync.report import DIFF_FORMATS

    if output_format not in DIFF_FORMATS:
        known = ", ".join(DIFF_FORMATS)
        raise InputError(f"unknown format {output_format!r}: expected one of {known}")
    config = load_config(config_file)
    if ref is not None:
        from qsync.upstream.sources import split_ref

        if split_ref(upstream or upstream_git or "")[1] is not None:
            raise InputError("give the upstream ref once: either OWNER/REPO@REF or --ref")
        config = dataclasses.replace(config, upstream=dataclasses.replace(config.upstream, ref=ref))
    report = run_diff(config, list(pages or []), upstream, upstream_git, record)
    _write(report, output_format, output)
    if exit_code and report.differences:
        return int(ExitCode.FINDINGS)
    return 0


def run_diff(
    config: Config,
    pages: list[Path],
    upstream: str | None,
    upstream_git: str | None,
    record: bool,
) -> DiffReport:
    from qsync import __version__
    from qsync.dialects import parse_file, parse_text
    from qsync.diff import diff_page, thresholds_from
    from qsync.diff.state import load_state, record_state
    from qsync.results.diff import DiffReport, SourceInfo
    from qsync.upstream.sources import open_source

    thresholds = thresholds_from(config.diff, str(config.path) if config.path else None)
    state_path = config.root / str(config.diff.get("state", ".qsync/state.json"))
    state = load_state(state_path)
    source = open_source(config, upstream=upstream, upstream_git=upstream_git)
    diffs: list[PageDiff] = []
    read: dict[str, UpstreamFile] = {}  # each upstream file once per run, however many pages
    for site_file in site_pages(config, pages):
        shown = _display(site_file, config.root)
        upstream_path = config.upstream_file(site_file)
        if upstream_path not in read:
            read[upstream_path] = source.read(upstream_path)
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
    found: list[Path] = []
    for path in pages:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.md") if p.is_file())
            if not files:
                raise InputError("folder holds no Markdown files", path=str(path))
            found.extend(files)
        else:
            found.append(path)
    return found


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _write(report: DiffReport, output_format: str, output: Path | None) -> None:
    import io
    import sys

    from qsync.report import DIFF_FORMATS, reporter

    write = reporter(DIFF_FORMATS, output_format)
    if output is None:
        write(report, sys.stdout)
        return
    from qsync.fileio import write_atomic

    buffer = io.StringIO()
    write(report, buffer)
    write_atomic(output, buffer.getvalue())
