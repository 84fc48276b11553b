"""What ``qsync lint`` finds: rule metadata, findings with positions and fixes, and the run's result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
LINT_REPORT_SCHEMA = "qsync.lint-report/1"


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """A rule as users see it: ``qsync rules``, docs/rules.md and SARIF rule metadata."""

    code: str  # QS202
    name: str  # broken-anchor
    severity: Severity
    tags: tuple[str, ...]
    fixable: bool
    description: str  # one line
    doc: str  # Markdown: why it matters, examples, options
    url: str


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from (line, col) up to (end_line, end_col), 1-based, end exclusive."""

    line: int
    col: int
    end_line: int
    end_col: int
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    name: str
    severity: Severity
    message: str
    end_line: int | None = None
    end_col: int | None = None
    question: str | None = None  # id of the question the finding is inside
    fix: tuple[Edit, ...] = ()


@dataclass(frozen=True, slots=True)
class LintResult:
    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    rules: tuple[RuleMeta, ...]  # every rule that ran
    fixed: tuple[str, ...] = ()  # files --fix rewrote
    version: str = ""

    def count(self, severity: Severity) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def errors(self) -> int:
        return self.count("error")
