"""The lint engine: runs the plan's rules over each page (in a process pool when there are
many), applies inline controls, severities and fixes, and sorts the findings."""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qsync import __version__
from qsync.config import Config
from qsync.dialects import parse_source
from qsync.fileio import shown_path, write_atomic
from qsync.lint.controls import Suppressions, parse_controls
from qsync.lint.fix import apply_edits, check_untouched, reparse
from qsync.lint.plan import LintOptions, Plan, collect_files, make_plan
from qsync.lint.rule import Hit, PageContext
from qsync.lint.rules import ONLINE
from qsync.markdown.source import SourceText, read_markdown, restore
from qsync.model import Dialect, Link, Page
from qsync.results.lint import Finding, LintResult

__all__ = ["LintOptions", "Plan", "lint_file", "make_plan", "run_lint"]

POOL_MIN_FILES = 32
MAX_FIX_PASSES = 4


@dataclass(frozen=True, slots=True)
class ExternalLink:
    url: str
    link: Link
    question: str | None


@dataclass(frozen=True, slots=True)
class FileOutcome:
    path: Path
    display: str
    findings: tuple[Finding, ...]
    fixed: bool = False
    external: tuple[ExternalLink, ...] = ()
    suppressions: Suppressions = field(default_factory=Suppressions)


# -- one file ---------------------------------------------------------------------------------


def _display(path: Path, cwd: Path) -> str:
    return shown_path(path, cwd)


def _question_index(page: Page) -> tuple[list[int], list[tuple[int, str]]]:
    spans = sorted((q.span.start_line, q.span.end_line, q.id) for q in page.questions)
    return [s for s, _, _ in spans], [(e, i) for _, e, i in spans]


def run_rules(
    plan: Plan, page: Page, text: str, path: Path, doc_path: str | None
) -> tuple[list[Finding], PageContext, Suppressions]:
    ctx = PageContext(
        page,
        text,
        path,
        plan.site,
        doc_path,
        plan.options,
        plan.upstream_ref,
        plan.upstream_path(doc_path),
    )
    renderer: Dialect = "site" if doc_path is not None else "upstream"
    if page.source.dialect == renderer:
        plan.site.remember(path, renderer, ctx.anchors)
    suppressions = parse_controls(ctx.lines, plan.codes) if "qsync-" in text else Suppressions()
    starts, ends = _question_index(page)
    findings: list[Finding] = []
    for rule in plan.rules:
        code = rule.meta.code
        try:
            hits = list(rule.check(ctx))
        except Exception as exc:  # a rule bug must not hide the other rules' findings
            hits = [
                Hit(
                    1,
                    1,
                    f"rule crashed on this page ({type(exc).__name__}: {exc}); this is a bug in qsync",
                )
            ]
        for hit in hits:
            if suppressions.hides(code, hit.line):
                continue
            k = bisect_right(starts, hit.line) - 1
            question = ends[k][1] if k >= 0 and hit.line <= ends[k][0] else None
            findings.append(
                Finding(
                    page.source.path,
                    hit.line,
                    hit.col,
                    code,
                    rule.meta.name,
                    plan.severity[code],
                    hit.message,
                    hit.end_line
                    if hit.end_line is not None
                    else (hit.line if hit.end_col else None),
                    hit.end_col,
                    question,
                    hit.fix,
                )
            )
    findings.sort(key=lambda f: (f.line, f.col, f.code))
    return findings, ctx, suppressions


def lint_file(plan: Plan, path: Path) -> FileOutcome:
    source, _ = read_markdown(path)
    display = _display(path, plan.cwd)
    doc_path = plan.site.doc_path(path)
    dialect = plan.dialect or ("site" if doc_path is not None else None)
    page = parse_source(source, display, dialect)
    findings, _, suppressions = run_rules(plan, page, source.text, path, doc_path)
    fixed = False
    if plan.fix:
        for _ in range(MAX_FIX_PASSES):
            edits = [e for f in findings for e in f.fix]
            if not edits:
                break
            source, page = fix_text(source, page, edits)
            findings, _, suppressions = run_rules(plan, page, source.text, path, doc_path)
            fixed = True
        if fixed:
            write_source(path, source)
    external = _external_links(page) if plan.online else ()
    return FileOutcome(path, display, tuple(findings), fixed, external, suppressions)


def fix_text(source: SourceText, page: Page, edits: Sequence[Any]) -> tuple[SourceText, Page]:
    text, applied = apply_edits(source.text, edits)
    new_source, new_page = reparse(source, text, page)
    check_untouched(page, new_page, applied)
    return new_source, new_page


def write_source(path: Path, source: SourceText) -> None:
    raw = restore(source.text, source.newline, source.bom, source.final_newline, source.crlf_lines)
    write_atomic(path, raw.encode("utf-8"))


def _external_links(page: Page) -> tuple[ExternalLink, ...]:
    starts, ends = _question_index(page)
    found = []
    for link in page.links:
        url = link.target.strip()
        if url.startswith(("http://", "https://")):
            k = bisect_right(starts, link.line) - 1
            question = ends[k][1] if k >= 0 and link.line <= ends[k][0] else None
            found.append(ExternalLink(url, link, question))
    return tuple(found)


# -- the run ----------------------------------------------------------------------------------

_WORKER_PLAN: list[Plan] = []


def _init_worker(plan: Plan) -> None:
    _WORKER_PLAN[:] = [plan]


def _lint_in_worker(path: Path) -> FileOutcome:
    return lint_file(_WORKER_PLAN[0], path)


def _lint_all(plan: Plan, files: Sequence[Path], jobs: int) -> list[FileOutcome]:
    workers = jobs or min(len(os.sched_getaffinity(0)), 8)
    if workers <= 1 or len(files) < (2 if jobs else POOL_MIN_FILES):
        return [lint_file(plan, path) for path in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    plan.site.titles()  # read once here, inherited by every worker
    # Largest files first so no worker is left with a big one at the end.
    order = sorted(range(len(files)), key=lambda i: -_size(files[i]))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(plan,)
    ) as pool:
        results = list(pool.map(_lint_in_worker, [files[i] for i in order], chunksize=4))
    outcomes: list[FileOutcome | None] = [None] * len(files)
    for i, outcome in zip(order, results, strict=True):
        outcomes[i] = outcome
    return [o for o in outcomes if o is not None]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def run_lint(config: Config, options: LintOptions) -> LintResult:
    plan = make_plan(config, options)
    files = collect_files(config, options.paths)
    outcomes = _lint_all(plan, files, options.jobs)
    findings = [f for o in outcomes for f in o.findings]
    fixed = [o.display for o in outcomes if o.fixed]
    if plan.online and any(r.meta.code in ONLINE for r in plan.rules):
        from qsync.lint.online_glue import online_findings

        extra, refixed = online_findings(config, plan, outcomes, progress=options.progress)
        findings.extend(extra)
        fixed.extend(d for d in refixed if d not in fixed)
    order = {o.display: k for k, o in enumerate(outcomes)}
    findings.sort(key=lambda f: (order.get(f.path, 0), f.line, f.col, f.code))
    return LintResult(
        tuple(o.display for o in outcomes),
        tuple(findings),
        tuple(r.meta for r in plan.rules),
        tuple(fixed),
        __version__,
    )
