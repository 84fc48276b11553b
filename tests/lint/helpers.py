"""Linting fixture pages, and reading the expectations they carry.

A fixture says what it expects with ``<!-- expect: QS202 -->`` on the line before the
finding, or ``<!-- expect+N: … -->`` / ``<!-- expect-N: … -->`` N lines below or above.
"""

from __future__ import annotations

import re
from pathlib import Path

from qsync.config import Config, load_config
from qsync.lint.engine import LintOptions, run_lint
from qsync.results.lint import LintResult
from tests.conftest import FIXTURES

LINT_FIXTURES = FIXTURES / "lint"
SITE = LINT_FIXTURES / "site"
RULE_PAGES = SITE / "docs" / "rules"
UPSTREAM = LINT_FIXTURES / "upstream"
_MARKER = re.compile(r"<!--\s*expect(?P<offset>[+-]\d+)?:\s*(?P<codes>QS\d{3}(?:[\s,]+QS\d{3})*)")


def expected(path: Path) -> set[tuple[int, str]]:
    """(line, code) of every finding the page's markers expect."""
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for m in _MARKER.finditer(line):
            target = number + int(m.group("offset") or 1)
            found.update((target, code) for code in re.findall(r"QS\d{3}", m.group("codes")))
    return found


def site_config() -> Config:
    return load_config(SITE / "qsync.toml")


def plain_config(tmp_path: Path) -> Config:
    """Defaults: no qsync.toml anywhere above ``tmp_path``."""
    return load_config(start=tmp_path)


def lint(config: Config, *paths: Path, **options: object) -> LintResult:
    return run_lint(config, LintOptions(paths=tuple(paths), **options))  # type: ignore[arg-type]


def found(result: LintResult) -> set[tuple[int, str]]:
    return {(f.line, f.code) for f in result.findings}


def sample_result(*names: str) -> LintResult:
    """A real lint run over some rule fixtures, paths relative to the fixture site."""
    import os

    here = Path.cwd()
    os.chdir(SITE)
    try:
        pages = [
            RULE_PAGES / n for n in names or ("qs202-fires.md", "qs207-fires.md", "qs101-passes.md")
        ]
        return lint(site_config(), *pages)
    finally:
        os.chdir(here)
