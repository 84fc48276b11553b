"""``qsync sync``: plan the merge-back of site questions upstream, and open or update its PR."""

from __future__ import annotations

import io
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from qsync.cli import app, options, say
from qsync.cli.arguments import ConfigOption, PagesArgument, UpstreamGitOption, UpstreamOption
from qsync.errors import ExitCode, InputError

if TYPE_CHECKING:
    from qsync.cli.terminal import Steps
    from qsync.config import Config
    from qsync.results.diff import PageDiff
    from qsync.results.sync import SyncPlan
    from qsync.sync.pages import PageJob
    from qsync.sync.publish import Outcome
    from qsync.upstream import UpstreamSource

FORMATS = ("text", "json")


@app.command()
def sync(
    pages: PagesArgument = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the plan and its diff; publish nothing.")
    ] = False,
    patch: Annotated[
        Path | None,
        typer.Option(
            "--patch", metavar="FILE", help="Write the unified diff of the upstream files here."
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text or json (the qsync.sync-plan/1 document).",
        ),
    ] = "text",
    include_related: Annotated[
        bool,
        typer.Option(
            "--include-related", help="Also propose questions similar to an upstream one."
        ),
    ] = False,
    upstream: UpstreamOption = None,
    upstream_git: UpstreamGitOption = None,
    config_file: ConfigOption = None,
) -> int:
    """Open or update each page's merge-back pull request upstream.

    Each page is planned against upstream at a pinned commit: its site-only questions placed
    in the upstream sections that fit, later questions and "QN" references renumbered, the
    ToC updated. --dry-run prints the plan and its diff, --patch writes the diff, --format
    json writes the plan as a qsync.sync-plan/1 document. Without --dry-run the plan is
    published on a fork (token from GITHUB_TOKEN or GH_TOKEN), one pull request per page; a
    rerun updates it, or writes nothing when nothing changed. On a terminal each page shows
    its step (read upstream, plan, fork, branch, commit, pull request).

    Exit 0 when done or up to date, 1 when a branch holds commits qsync did not make, 2 for
    bad input, 3 when GitHub or git fail.

    Examples:

    \b
      qsync sync --dry-run                         the plan and its diff; nothing published
      qsync sync --dry-run --patch merge-back.diff the diff, to apply or read elsewhere
      qsync sync                                   open or update the pull requests
    """
    from qsync.cli.terminal import github_requests_said, page_steps
    from qsync.config import load_config, sync_config
    from qsync.sync.pages import page_jobs
    from qsync.upstream.sources import open_source

    if output_format not in FORMATS:
        raise InputError(f"unknown format {output_format!r}: expected one of {', '.join(FORMATS)}")
    config = load_config(config_file)
    related = include_related or sync_config(config).include_related
    source = open_source(config, upstream=upstream, upstream_git=upstream_git)
    jobs = page_jobs(config, list(pages or []))
    # Results go to stdout once the progress display is gone, so the two never interleave.
    results = io.StringIO()
    steps = 2 if dry_run else 2 + len(_PUBLISH_STEPS)
    try:
        with github_requests_said(), page_steps([str(j.site_file) for j in jobs], steps) as shown:
            plans = [_plan(config, source, job, related, shown) for job in jobs]
            if patch is not None:
                from qsync.fileio import write_atomic

                write_atomic(patch, "".join(plan.diff for _, plan, _, _ in plans))
            if dry_run or output_format == "json" or not options().quiet:
                _write_plans(plans, output_format, dry_run, results)
            if dry_run:
                for job in jobs:
                    shown.done(str(job.site_file), "planned")
                return 0
            outcomes = _publish(config, plans, output_format, shown, results)
    finally:
        sys.stdout.write(results.getvalue())
        sys.stdout.flush()
    _step_outputs([o.action for o in outcomes], [o.pull.url for o in outcomes if o.pull])
    return int(ExitCode.FINDINGS) if any(o.action == "refused" for o in outcomes) else 0


_PUBLISH_STEPS = ("find pull request", "fork", "branch", "commit", "pull request")
Planned = tuple["PageJob", "SyncPlan", "PageDiff", int]


def _plan(
    config: Config, source: UpstreamSource, job: PageJob, related: bool, shown: Steps
) -> Planned:
    """Read the page's upstream file and plan its merge-back; the count is of API requests."""
    from qsync.dialects import parse_file
    from qsync.sync.pages import plan_page

    label = str(job.site_file)
    site = parse_file(job.site_file, "site", display=label)
    shown.step(label, "read upstream")
    before = getattr(source, "requests", 0)  # GitHub reads count; git reads are no requests
    upstream_file = source.read(job.upstream_path)
    reads = getattr(source, "requests", 0) - before
    up = upstream_file
    how = f"{reads} API requests" if up.kind == "github" else up.location
    say(
        f"{label}: read {up.repo}:{up.path} at {up.ref} = {up.commit[:12]} ({up.kind}, {how})",
        "verbose",
    )
    shown.step(label, "plan")
    plan, diff = plan_page(config, job, site, upstream_file, include_related=related)
    return job, plan, diff, reads


def _write_plans(plans: list[Planned], output_format: str, dry_run: bool, out: TextIO) -> None:
    from qsync.documents import dumps
    from qsync.results.sync import sync_plan_document
    from qsync.sync.text import plan_summary

    if output_format == "json":
        documents = [sync_plan_document(plan) for _, plan, _, _ in plans]
        if len(documents) == 1:
            out.write(dumps(documents[0], "sync plan"))
            return
        import json

        for document in documents:
            dumps(document, "sync plan")  # validates each
        out.write(json.dumps(documents, indent=2, ensure_ascii=False) + "\n")
        return
    for job, plan, _, _ in plans:
        out.write(plan_summary(plan, str(job.site_file)))
        if dry_run and plan.diff:
            out.write(plan.diff)


def _publish(
    config: Config, plans: list[Planned], output_format: str, shown: Steps, out: TextIO
) -> list[Outcome]:
    """Publish each plan; its outcome line is the result (on stderr when stdout holds JSON)."""
    from qsync.sync.run import publish_page

    outcomes = []
    for job, plan, diff, reads in plans:
        label = str(job.site_file)
        outcome = publish_page(config, job, plan, diff, on_step=partial(shown.step, label))
        shown.done(label, outcome.action)
        outcomes.append(outcome)
        requests = reads + outcome.requests
        line = f"{label}: {outcome.message} ({requests} requests, {outcome.writes} writes)\n"
        if output_format == "json":
            sys.stderr.write(line)
        else:
            out.write(line)
    return outcomes


def _step_outputs(actions: list[str], urls: list[str]) -> None:
    """``operation`` and ``pr-url`` for a GitHub Actions step (nothing outside Actions)."""
    from qsync.ci import write_github_outputs

    operation = next(
        (op for action, op in _OPERATIONS if action in actions),
        "none",
    )
    write_github_outputs({"operation": operation, "pr-url": " ".join(dict.fromkeys(urls))})


# The most telling action of a run names its operation.
_OPERATIONS = (("refused", "refused"), ("opened", "created"), ("updated", "updated"))
