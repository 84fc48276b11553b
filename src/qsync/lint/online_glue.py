"""``--online``: every external URL of the run checked once, turned into QS210/QS211 findings.

Permanent redirects are fixed (with --fix) by writing the URL they lead to.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from qsync.config import Config
from qsync.model import Dialect
from qsync.results.lint import Edit, Finding, Severity

if TYPE_CHECKING:
    from qsync.lint.engine import ExternalLink, FileOutcome
    from qsync.lint.online import UrlResult
    from qsync.lint.plan import Plan

_DEAD = {"broken", "timeout", "refused", "error"}


def online_findings(
    config: Config, plan: Plan, outcomes: Sequence[FileOutcome], *, progress: bool | None = None
) -> tuple[list[Finding], list[str]]:
    """Findings for the external links of ``outcomes``, and the files a redirect fix rewrote.

    ``progress`` shows a bar while URLs are checked; None shows it when a person seems to be
    watching (stderr is a terminal, outside CI). The CLI decides, knowing --quiet.
    """
    from qsync.lint.online import check_urls, options_from_config

    codes = {r.meta.code for r in plan.rules}
    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    options = replace(options_from_config(config.lint, config.root), progress=progress)
    urls = [e.url for o in outcomes for e in o.external]
    if not urls:
        return [], []
    results = check_urls(urls, options)
    findings: list[Finding] = []
    rewritten: list[str] = []
    for outcome in outcomes:
        mine: list[Finding] = []
        for ext in outcome.external:
            result = results.get(ext.url)
            if result is None:
                continue
            finding = _finding(outcome.display, ext, result, plan, codes)
            if finding is not None and not outcome.suppressions.hides(finding.code, finding.line):
                if result.permanent and result.final_url and finding.code == "QS211":
                    finding = _with_url_fix(outcome.path, finding, ext.url, result.final_url)
                mine.append(finding)
        if plan.fix and any(f.fix for f in mine):
            dialect = plan.dialect or ("site" if plan.site.doc_path(outcome.path) else None)
            mine = _fix_redirects(outcome.path, mine, dialect)
            rewritten.append(outcome.display)
        findings.extend(mine)
    return findings, rewritten


def _finding(
    display: str, ext: ExternalLink, result: UrlResult, plan: Plan, codes: set[str]
) -> Finding | None:
    link, question = ext.link, ext.question
    where = dict(
        path=display,
        line=link.line,
        col=link.col,
        end_line=link.line,
        end_col=link.end_col,
        question=question,
    )
    if result.outcome == "redirect" and "QS211" in codes:
        severity: Severity = plan.severity["QS211"] if result.permanent else "info"
        kind = "permanently" if result.permanent else "temporarily"
        return Finding(
            code="QS211",
            name="redirected-link",
            severity=severity,
            message=f"{result.url} redirects {kind} ({result.status}) to {result.final_url}",
            **where,  # type: ignore[arg-type]
        )
    if result.outcome in _DEAD or result.outcome in ("blocked", "rate-limited"):
        if "QS210" not in codes:
            return None
        severity = plan.severity["QS210"] if result.outcome in _DEAD else "warning"
        return Finding(
            code="QS210",
            name="dead-link",
            severity=severity,
            message=f"{result.url}: {result.message}",
            **where,  # type: ignore[arg-type]
        )
    return None


def _with_url_fix(path: Path, finding: Finding, old: str, new: str) -> Finding:
    """The finding with an edit replacing ``old`` by ``new`` where the link writes it."""
    from qsync.markdown.source import read_markdown

    lines = read_markdown(path)[0].text.split("\n")
    line = lines[finding.line - 1] if finding.line <= len(lines) else ""
    start = line.find(old, finding.col - 1)
    if start == -1:
        return finding
    edit = Edit(finding.line, start + 1, finding.line, start + 1 + len(old), new)
    return replace(finding, fix=(edit,))


def _fix_redirects(path: Path, findings: list[Finding], dialect: Dialect | None) -> list[Finding]:
    """Rewrite permanently redirected URLs in place; the fixed findings are dropped."""
    from qsync.dialects import parse_source
    from qsync.lint.engine import fix_text, write_source
    from qsync.markdown.source import read_markdown

    source, _ = read_markdown(path)
    page = parse_source(source, str(path), dialect)
    edits = [e for f in findings for e in f.fix]
    source, _ = fix_text(source, page, edits)
    write_source(path, source)
    return [f for f in findings if not f.fix]
