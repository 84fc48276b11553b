"""``qsync sync``: plan the merge-back of site questions upstream, and open or update its PR."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from qsync.cli import app
from qsync.errors import ExitCode, InputError

FORMATS = ("text", "json")


@app.command()
def sync(
    pages: Annotated[
        list[Path] | None,
        typer.Argument(help="Site pages; default: every [[pages]] entry of qsync.toml."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the plan and its diff; publish nothing.")
    ] = False,
    patch: Annotated[
        Path | None,
        typer.Option("--patch", help="Write the unified diff of the upstream files here."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text or json (the qsync.sync-plan/1 document).")
    ] = "text",
    include_related: Annotated[
        bool,
        typer.Option(
            "--include-related", help="Also propose questions similar to an upstream one."
        ),
    ] = False,
    upstream: Annotated[
        str | None, typer.Option("--upstream", help="OWNER/REPO[@REF] read through the GitHub API.")
    ] = None,
    upstream_git: Annotated[
        str | None,
        typer.Option(
            "--upstream-git", help="PATH|URL[@REF]: a clone, bundle or URL read with git."
        ),
    ] = None,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="qsync.toml to use instead of searching upward.")
    ] = None,
) -> int:
    """Open or update one merge-back pull request per page on the upstream repository.

    The plan (which site-only questions go where, renumbering, ToC) needs no network beyond
    reading upstream; --dry-run prints it, --patch writes its diff, --format json writes it as
    a qsync.sync-plan/1 document. Without --dry-run the plan is published (token from
    GITHUB_TOKEN or GH_TOKEN). Exit 0 when done or up to date, 1 when a branch holds commits
    qsync did not make, 2 for bad input, 3 when GitHub or git fail.

    Example: qsync sync --dry-run --upstream-git ../shared/corpus/upstream.bundle@d922c63
    """
    from qsync.config import load_config, sync_config
    from qsync.dialects import parse_file
    from qsync.documents import dumps
    from qsync.results.sync import sync_plan_document
    from qsync.sync.pages import page_jobs, plan_page
    from qsync.sync.text import plan_summary
    from qsync.upstream.sources import open_source

    if output_format not in FORMATS:
        raise InputError(f"unknown format {output_format!r}: expected one of {', '.join(FORMATS)}")
    config = load_config(config_file)
    related = include_related or sync_config(config).include_related
    source = open_source(config, upstream=upstream, upstream_git=upstream_git)
    plans = []
    for job in page_jobs(config, list(pages or [])):
        site = parse_file(job.site_file, "site", display=str(job.site_file))
        before = getattr(source, "requests", 0)  # GitHub reads count; git reads are no requests
        upstream_file = source.read(job.upstream_path)
        reads = getattr(source, "requests", 0) - before
        plan, diff = plan_page(config, job, site, upstream_file, include_related=related)
        plans.append((job, plan, diff, reads))
    if patch is not None:
        from qsync.fileio import write_atomic

        write_atomic(patch, "".join(plan.diff for _, plan, _, _ in plans))
    if output_format == "json":
        documents = [sync_plan_document(plan) for _, plan, _, _ in plans]
        body = documents[0] if len(documents) == 1 else documents
        if isinstance(body, list):
            for document in documents:
                dumps(document, "sync plan")
            import json

            sys.stdout.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(dumps(body, "sync plan"))
    else:
        for job, plan, _, _ in plans:
            sys.stdout.write(plan_summary(plan, str(job.site_file)))
            if dry_run and plan.diff:
                sys.stdout.write(plan.diff)
    if dry_run:
        return 0
    from qsync.sync.run import publish_page

    outcomes = []
    for job, plan, diff, reads in plans:
        outcome = publish_page(config, job, plan, diff)
        outcomes.append(outcome)
        requests = reads + outcome.requests
        typer.echo(
            f"{job.site_file}: {outcome.message} ({requests} requests, {outcome.writes} writes)",
            err=output_format == "json",
        )
    _step_outputs([o.action for o in outcomes], [o.pull.url for o in outcomes if o.pull])
    return int(ExitCode.FINDINGS) if any(o.action == "refused" for o in outcomes) else 0


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
