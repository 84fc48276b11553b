"""What the fuzzer and the property tests throw a page at: lint (with and without --fix) and
diff, through their public APIs. Only QsyncError may come out; anything else is a crash.

A case is linted twice, as a site page (inside docs_dir: MkDocs links, site rules) and as an
upstream file (outside it: GitHub links, numbering and ToC rules), and diffed both ways
against a fixed page of the other side.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from qsync.config import load_config
from qsync.dialects import parse_bytes
from qsync.diff import diff_page
from qsync.errors import QsyncError
from qsync.lint.engine import LintOptions, lint_file, make_plan
from qsync.lint.plan import Plan
from qsync.model import Page
from qsync.report import diff_json, diff_text, lint_json, lint_sarif
from qsync.results.diff import DiffReport, SourceInfo, Thresholds
from qsync.results.lint import Finding, LintResult

SOURCE = SourceInfo("git", "fuzz/upstream", "fuzz.md", "main", "0" * 40, "fuzz")
SITE_PAGE = b"""# Fuzz Interview Questions

Upstream is still a stub. See [the other page](other.md#one).

## One

??? question "Q: What is a fuzzer?"
    A program that feeds [hostile input](other.md#missing) to another.

??? question "Q: Why fuzz?"
    To find crashes.
"""
UPSTREAM_PAGE = b"""# Fuzz Interview Questions

## Table of Contents

1. [One](#one)

---

## One

**1. What is a fuzzer?**

A program that feeds hostile input to another.

**2. What is a seed?**

A starting input. See Q1.
"""


class Crash(AssertionError):
    """Something other than QsyncError came out, or a result broke an invariant."""


@dataclass
class Workbench:
    """A small site on disk and lint plans built once; each case overwrites the same files."""

    root: Path
    plans: tuple[Plan, Plan]
    site_file: Path
    upstream_file: Path

    @classmethod
    def create(cls, root: Path) -> Workbench:
        docs = root / "docs" / "interview-questions"
        docs.mkdir(parents=True, exist_ok=True)
        (docs / "other.md").write_text("# Other Page Title\n\n## One\n\nText.\n", encoding="utf-8")
        (root / "upstream").mkdir(exist_ok=True)
        (root / "qsync.toml").write_text(
            '[site]\ndocs_dir = "docs"\nbase_url = "https://example.org/"\n', encoding="utf-8"
        )
        config = load_config(root / "qsync.toml")
        plans = (
            make_plan(config, LintOptions()),
            make_plan(config, LintOptions(fix=True)),
        )
        return cls(root, plans, docs / "fuzz.md", root / "upstream" / "fuzz.md")

    def lint(self, data: bytes, fix: bool = True) -> int:
        """Lint ``data`` as a site page and as an upstream file, then (``fix``) again with
        --fix. Returns the number of findings."""
        count = 0
        for path in (self.site_file, self.upstream_file):
            for plan in self.plans:
                path.write_bytes(data)
                try:
                    outcome = lint_file(plan, path)
                except QsyncError:
                    break
                except Exception as exc:
                    raise Crash(f"lint {path.parent.name}: {type(exc).__name__}: {exc}") from exc
                check_findings(outcome.findings, path.read_bytes() if plan.fix else data)
                count += len(outcome.findings)
                report_lint(outcome.findings)
                if not fix or not any(f.fix for f in outcome.findings):
                    break  # nothing for --fix to do: it would lint the same page again
        return count


def line_count(data: bytes) -> int:
    """Lines of a page as an editor shows them: a final newline starts no new line."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return max(1, len(text.splitlines()))


def check_findings(findings: tuple[Finding, ...], data: bytes) -> None:
    lines = line_count(data)
    for f in findings:
        if "rule crashed" in f.message:
            raise Crash(f"{f.code}: {f.message}")
        if not 1 <= f.line <= lines or f.col < 1:
            raise Crash(f"{f.code} at {f.line}:{f.col} outside a page of {lines} lines")
        if f.end_line is not None and not f.line <= f.end_line <= lines:
            raise Crash(f"{f.code} ends at line {f.end_line}, page has {lines} lines")


def report_lint(findings: tuple[Finding, ...]) -> None:
    """The JSON (schema-checked) and SARIF reports of the findings."""
    result = LintResult(("fuzz.md",), findings, (), (), "fuzz")
    try:
        lint_json.report(result, io.StringIO())
        lint_sarif.report(result, io.StringIO())
    except Exception as exc:
        raise Crash(f"lint report: {type(exc).__name__}: {exc}") from exc


def parse_or_none(data: bytes, dialect: str) -> Page | None:
    try:
        return parse_bytes(data, f"fuzz-{dialect}.md", dialect)  # type: ignore[arg-type]
    except QsyncError:
        return None
    except Exception as exc:
        raise Crash(f"parse {dialect}: {type(exc).__name__}: {exc}") from exc


def diff(data: bytes) -> int:
    """Diff ``data`` as the site page against a fixed upstream file, and as the upstream file
    against a fixed site page; render the reports. Returns the number of pairs."""
    site_fixed = parse_bytes(SITE_PAGE, "site.md", "site")
    upstream_fixed = parse_bytes(UPSTREAM_PAGE, "upstream.md", "upstream")
    count = 0
    site = parse_or_none(data, "site")
    upstream = parse_or_none(data, "upstream")
    text = data.decode("utf-8", "replace")
    cases: list[tuple[Page, Page | None, str | None]] = []
    if site is not None:
        cases.append((site, upstream_fixed, UPSTREAM_PAGE.decode()))
    if upstream is not None:
        cases.append((site_fixed, upstream, text))
    cases.append((site_fixed, None, None))
    for left, right, right_text in cases:
        try:
            page = diff_page(left, right, right_text, SOURCE, Thresholds())
            report = DiffReport((page,), Thresholds(), "fuzz")
            diff_json.render(report)
            diff_text.render(report)
        except QsyncError:
            continue
        except Exception as exc:
            raise Crash(f"diff: {type(exc).__name__}: {exc}") from exc
        count += len(page.pairs)
    return count
