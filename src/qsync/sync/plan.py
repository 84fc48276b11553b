"""The merge-back plan: which site questions go upstream, where, and the new upstream text."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from qsync.config import Config, sync_config
from qsync.markdown.source import restore
from qsync.model import Page, Question
from qsync.results.sync import EditStats, HeldBack, PlannedInsertion, ReviewItem, SyncPlan
from qsync.sync.edit import Insertion, apply_insertions, lf_text
from qsync.sync.placement import SectionMatcher
from qsync.sync.transform import Converted, HeldBackError, to_upstream
from qsync.sync.urls import LinkOutsideSite, SiteUrls


@dataclass(frozen=True, slots=True)
class PlanOptions:
    site_path: str  # the site page, relative to docs_dir (links are resolved from it)
    upstream_path: str
    urls: SiteUrls
    upstream_repo: str = ""
    upstream_commit: str | None = None
    upstream_blob_sha: str | None = None
    placement: str = "section"
    append_section: str = "More Questions"
    section_map: tuple[tuple[str, str], ...] = ()
    match_threshold: float = 20.0


def plan_options(
    config: Config,
    site_path: str,
    upstream_path: str,
    *,
    upstream_repo: str | None = None,
    upstream_commit: str | None = None,
    upstream_blob_sha: str | None = None,
) -> PlanOptions:
    """Options from qsync.toml, pinned to the upstream file that was read."""
    sync = sync_config(config)
    return PlanOptions(
        site_path=site_path,
        upstream_path=upstream_path,
        urls=SiteUrls(config.site.base_url, config.site.use_directory_urls),
        upstream_repo=upstream_repo or config.upstream.repo,
        upstream_commit=upstream_commit,
        upstream_blob_sha=upstream_blob_sha,
        placement=sync.placement,
        append_section=sync.append_section,
        section_map=sync.section_map,
        match_threshold=sync.match_threshold,
    )


def plan_merge_back(
    site_page: Page,
    upstream_page: Page,
    additions: Sequence[Question],
    *,
    review: Sequence[ReviewItem] = (),
    options: PlanOptions,
) -> SyncPlan:
    """Place each of ``additions`` (site questions) upstream, and the text that results."""
    site_section = {q.id: s.title for s in site_page.sections for q in s.questions}
    matcher = SectionMatcher(upstream_page.sections)
    existing = {s.title.strip().lower(): s.title for s in upstream_page.sections if s.title}
    section_map = dict(options.section_map)
    held: list[HeldBack] = []
    placed: list[tuple[Question, Converted, str, str]] = []
    for q in sorted(additions, key=lambda q: q.span.start_line):
        try:
            converted = to_upstream(q, options.site_path, options.urls)
        except HeldBackError as exc:
            held.append(HeldBack(q.id, q.text, q.span.start_line, str(exc)))
            continue
        title, how = _place(q, site_section.get(q.id), existing, section_map, matcher, options)
        placed.append((q, converted, title, how))
    insertions = [Insertion(title, c.question) for _, c, title, _ in placed]
    old_lf = lf_text(upstream_page)
    if insertions:
        edit = apply_insertions(upstream_page, insertions, title=site_page.title)
        new_lf, numbers, renumbered, stats = edit.text, edit.numbers, edit.renumbered, edit.stats
        new_sections = set(edit.new_sections)
    else:
        new_lf, numbers, renumbered, stats = old_lf, (), (), EditStats(0, 0, 0, 0, 0)
        new_sections = set()
    source = upstream_page.source
    old_text = restore(old_lf, source.newline, source.bom, source.final_newline, ())
    new_text = (
        old_text if new_lf == old_lf else restore(new_lf, source.newline, source.bom, True, ())
    )
    page_url = _page_url(options)
    planned = tuple(
        PlannedInsertion(
            question_id=q.id,
            text=c.question.text,
            site_line=q.span.start_line,
            site_section=site_section.get(q.id),
            section=title,
            new_section=title in new_sections,
            number=number,
            placed_by=how,  # type: ignore[arg-type]
            source_url=page_url,
            converted=c.notes,
        )
        for (q, c, title, how), number in zip(placed, numbers, strict=True)
    )
    return SyncPlan(
        site_path=options.site_path,
        upstream_repo=options.upstream_repo,
        upstream_path=options.upstream_path,
        upstream_commit=options.upstream_commit,
        upstream_blob_sha=options.upstream_blob_sha,
        insertions=planned,
        held_back=tuple(held),
        review=tuple(review),
        renumbered=renumbered,
        stats=stats,
        old_text=old_text,
        new_text=new_text,
        diff=unified_diff(old_text, new_text, options.upstream_path),
    )


def _place(
    q: Question,
    site_section: str | None,
    existing: dict[str, str],
    section_map: dict[str, str],
    matcher: SectionMatcher,
    options: PlanOptions,
) -> tuple[str, str]:
    if options.placement == "append":
        return options.append_section, "append"
    if site_section and site_section in section_map:
        return section_map[site_section], "section-map"
    if site_section and site_section.strip().lower() in existing:
        return existing[site_section.strip().lower()], "title"
    best = matcher.best(q)
    if best is not None and best[1] >= options.match_threshold:
        return best[0], "best-match"
    return site_section or options.append_section, "new-section"


def _page_url(options: PlanOptions) -> str | None:
    try:
        return options.urls.page_url(options.site_path)
    except LinkOutsideSite:
        return None


def unified_diff(old: str, new: str, path: str) -> str:
    """``git diff`` style: ``a/<path>`` and ``b/<path>``, three lines of context."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
