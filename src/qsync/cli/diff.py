"""``qsync diff``: compare site pages with their upstream files and report by class."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qsync.cli import app, say
from qsync.cli.arguments import ConfigOption, PagesArgument, UpstreamGitOption, UpstreamOption
from qsync.errors import ExitCode, InputError

if TYPE_CHECKING:
    from qsync.results.diff import DiffReport


@app.command()
def diff(
    pages: PagesArgument = None,
    upstream: UpstreamOption = None,
    upstream_git: UpstreamGitOption = None,
    ref: Annotated[
        str | None,
        typer.Option("--ref", metavar="REF", help="Branch, tag or commit of upstream to read."),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="text, json, markdown or html."),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report here (atomically)."),
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
    config_file: ConfigOption = None,
) -> int:
    """Compare site pages with their upstream files.

    Every site question is paired with at most one upstream question (an optimal assignment
    on question and answer similarity) and classed identical, changed, related, site-only
    (a merge-back candidate) or upstream-only; with a recorded state (--record, or a sync)
    changed pairs split into site-changed, upstream-changed and conflict. The report also
    says whether the upstream file is empty, a stub or populated, and flags a page intro
    that says otherwise. Exit 0, or with --exit-code 1 when there is anything to do.

    Examples:

    \b
      qsync diff                                     the [[pages]] of qsync.toml, as a table
      qsync diff --format html -o diff.html          a side-by-side view to open in a browser
      qsync diff --upstream-git ../upstream@d922c63  upstream read with git, at a commit
      qsync diff --exit-code --format markdown       for CI: a PR comment, exit 1 if anything differs
    """
    import dataclasses

    from qsync.cli.terminal import github_requests_said, page_steps
    from qsync.config import load_config
    from qsync.diff.run import run_diff, site_pages
    from qsync.fileio import shown_path
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
    files = site_pages(config, list(pages or []))
    with github_requests_said(), page_steps([shown_path(f) for f in files], steps=2) as shown:
        report = run_diff(
            config,
            files,
            upstream,
            upstream_git,
            record,
            on_step=lambda page, step: shown.step(shown_path(page), step),
        )
    for source in dict.fromkeys(page.source for page in report.pages):
        say(
            f"read {source.repo}:{source.path} at {source.ref} = {source.commit[:12]} "
            f"({source.kind}, {source.location})",
            "verbose",
        )
    _write(report, output_format, output)
    if exit_code and report.differences:
        return int(ExitCode.FINDINGS)
    return 0


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
