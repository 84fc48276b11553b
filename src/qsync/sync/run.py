"""One page's publication: settings from qsync.toml, provenance from the site checkout."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from qsync.config import Config, sync_config
from qsync.errors import QsyncError
from qsync.results.diff import PageDiff
from qsync.results.sync import SyncPlan
from qsync.sync.pages import PageJob, state_file
from qsync.sync.publish import Outcome, Provenance, PublishSettings, Writer, publish


def publish_settings(config: Config, job: PageJob) -> PublishSettings:
    sync = sync_config(config)
    page = Path(job.site_path).stem
    return PublishSettings(
        base_branch=config.upstream.ref,
        branch=sync.branch.replace("{page}", page),
        fork=sync.fork,
        push_to_upstream=sync.push_to_upstream,
        labels=sync.labels,
        fork_wait=sync.fork_wait,
    )


def provenance(config: Config, job: PageJob) -> Provenance:
    """The site repository, the last commit of the page and its path there ("unknown" if not git).

    The page's own last commit, not HEAD: a site commit that leaves the page alone is nothing
    new, and must not rewrite the pull request.
    """
    from qsync.upstream.git import run_git

    folder = job.site_file.resolve().parent
    try:
        top = run_git("rev-parse", "--show-toplevel", cwd=folder, what="site checkout")
        page = job.site_file.resolve().relative_to(Path(top.decode().strip()).resolve()).as_posix()
        last = run_git("log", "-1", "--format=%H", "--", page, cwd=Path(top.decode().strip()),
                       what="site checkout").decode().strip()  # fmt: skip
        commit = last or run_git("rev-parse", "HEAD", cwd=folder, what="site checkout").decode()
        commit = commit.strip()
    except (QsyncError, ValueError):
        commit, page = "unknown", job.site_path
    return Provenance(config.site.repo or "unknown", commit, page)


def publish_page(
    config: Config,
    job: PageJob,
    plan: SyncPlan,
    diff: PageDiff,
    *,
    writer: Writer | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_step: Callable[[str], None] | None = None,
) -> Outcome:
    """Open or update the page's PR; after a merge is observed, record the new base."""
    if writer is None:
        from qsync.upstream.github.publish import GitHubWriter

        writer = GitHubWriter(config.upstream.api_url)
    if diff.source.kind != "github":  # read with git: publish to the configured repository
        plan = replace(plan, upstream_repo=config.upstream.repo)
    settings, origin = publish_settings(config, job), provenance(config, job)
    outcome = publish(plan, writer, settings, origin, sleep=sleep, on_step=on_step)
    if outcome.action == "merged":
        from qsync.diff.state import record_state

        record_state(state_file(config), [diff])
    return outcome
