"""Planning the merge-back of whole pages: site page + upstream file → diff → plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qsync.config import Config
from qsync.fileio import markdown_files, shown_path
from qsync.model import Page, Question
from qsync.results.diff import PageDiff, SourceInfo
from qsync.results.sync import ReviewItem, SyncPlan
from qsync.sync.plan import plan_merge_back, plan_options
from qsync.upstream import UpstreamFile


@dataclass(frozen=True, slots=True)
class PageJob:
    """One site page and the upstream file it maps to."""

    site_file: Path  # as given on the command line (or found through [[pages]])
    site_path: str  # relative to docs_dir: links are resolved from here
    upstream_path: str


def page_jobs(config: Config, pages: list[Path]) -> list[PageJob]:
    """The pages to sync: those given, else every [[pages]] entry of qsync.toml."""
    from qsync.errors import InputError

    if not pages:
        if not config.pages:
            raise InputError("no page given and qsync.toml has no [[pages]] entries")
        pages = [Path(shown_path(config.site.docs_dir / m.site)) for m in config.pages]
    jobs = []
    for page in markdown_files(pages):
        try:
            rel = page.resolve().relative_to(config.site.docs_dir.resolve()).as_posix()
        except ValueError:
            rel = page.name
        jobs.append(PageJob(page, rel, config.upstream_file(page)))
    return jobs


def state_file(config: Config) -> Path:
    """Where the three-way base is recorded: ``[diff] state``, relative to qsync.toml."""
    return config.root / str(config.diff.get("state", ".qsync/state.json"))


def plan_page(
    config: Config, job: PageJob, site: Page, upstream: UpstreamFile, *, include_related: bool
) -> tuple[SyncPlan, PageDiff]:
    """The plan for one page against ``upstream`` (the file at a pinned commit), and the diff."""
    from qsync.dialects import parse_text
    from qsync.diff import diff_page, thresholds_from
    from qsync.diff.state import load_state

    text = upstream.text or ""
    upstream_page = parse_text(text, upstream.path, "upstream")
    source = SourceInfo(
        upstream.kind,
        upstream.repo,
        upstream.path,
        upstream.ref,
        upstream.commit,
        upstream.location,
    )
    # The recorded base (a diff --record, or a merge sync observed) makes the diff three-way,
    # so a question upstream deleted since is not proposed again.
    key = shown_path(job.site_file, config.root)
    base = load_state(state_file(config)).page(key, upstream.path)
    diff = diff_page(
        site, upstream_page, upstream.text, source, thresholds_from(config.diff), base, key
    )
    additions, review = merge_back_candidates(site, diff, include_related=include_related)
    options = plan_options(
        config,
        job.site_path,
        upstream.path,
        upstream_repo=upstream.repo,
        upstream_commit=upstream.commit,
        upstream_blob_sha=upstream.blob_sha,
    )
    plan = plan_merge_back(site, upstream_page, additions, review=review, options=options)
    return plan, diff


def merge_back_candidates(
    site: Page, diff: PageDiff, *, include_related: bool
) -> tuple[list[Question], list[ReviewItem]]:
    """Site-only questions (and related ones on request) to add; changed and related to review."""
    by_id = {q.id: q for q in site.questions}
    additions: list[Question] = []
    review: list[ReviewItem] = []
    for pair in diff.pairs:
        if pair.site is None or pair.site.kind != "question":
            continue
        if pair.cls == "site-only":
            additions.append(by_id[pair.site.id])
        elif pair.cls in ("changed", "related") and pair.upstream is not None:
            if pair.cls == "related" and include_related:
                additions.append(by_id[pair.site.id])
            score = pair.scores.combined if pair.scores is not None else 0.0
            review.append(
                ReviewItem(
                    pair.cls,  # type: ignore[arg-type]
                    pair.site.text,
                    pair.site.line,
                    pair.upstream.text,
                    pair.upstream.number,
                    round(min(max(score, 0.0), 100.0), 1),
                )
            )
    return additions, review
