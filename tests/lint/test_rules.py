"""Every rule fires on its fixture and stays quiet on its counterpart."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from qsync.lint.engine import LintOptions, lint_file, make_plan, run_lint
from qsync.lint.rule import Rule
from qsync.lint.rules import ONLINE, RULES
from tests.lint.helpers import (
    RULE_PAGES,
    UPSTREAM,
    expected,
    found,
    lint,
    plain_config,
    site_config,
)

# Rules whose fixtures are upstream files (GitHub dialect) rather than site pages.
UPSTREAM_RULES = {"QS109", "QS110"}
# Checked elsewhere: QS204 against real git repositories (test_upstream.py, test_corpus.py), the
# online rules against servers on 127.0.0.1 (tests/lint/online).
ELSEWHERE = {"QS204"} | ONLINE


def test_rule_ids_are_unique_and_well_formed() -> None:
    codes = [r.meta.code for r in RULES]
    names = [r.meta.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"QS\d{3}", c) for c in codes)
    assert all(re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", n) for n in names)
    assert codes == sorted(codes)


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        m = rule.meta
        assert m.description.endswith("."), m.code
        assert len(m.doc) > 80, m.code
        assert m.url.endswith(f"#{m.code.lower()}-{m.name}")


def _fixtures(rule: Rule) -> tuple[Path, Path]:
    folder = UPSTREAM if rule.meta.code in UPSTREAM_RULES else RULE_PAGES
    stem = rule.meta.code.lower()
    return folder / f"{stem}-fires.md", folder / f"{stem}-passes.md"


OFFLINE = [r for r in RULES if r.meta.code not in ELSEWHERE]


@pytest.mark.parametrize("rule", OFFLINE, ids=lambda r: f"{r.meta.code}-{r.meta.name}")
def test_rule_fires_where_its_fixture_expects(rule: Rule, tmp_path: Path) -> None:
    fires, _ = _fixtures(rule)
    config = plain_config(tmp_path) if rule.meta.code in UPSTREAM_RULES else site_config()
    result = lint(config, fires, select=(rule.meta.code,))
    wanted = {(line, code) for line, code in expected(fires) if code == rule.meta.code}
    assert wanted, f"{fires.name} expects no {rule.meta.code}"
    assert found(result) == wanted


@pytest.mark.parametrize("rule", OFFLINE, ids=lambda r: f"{r.meta.code}-{r.meta.name}")
def test_rule_is_quiet_on_its_passing_fixture(rule: Rule, tmp_path: Path) -> None:
    _, passes = _fixtures(rule)
    config = plain_config(tmp_path) if rule.meta.code in UPSTREAM_RULES else site_config()
    result = lint(config, passes, select=(rule.meta.code,))
    assert result.findings == ()


def test_passing_fixtures_are_clean_under_every_rule(tmp_path: Path) -> None:
    """A passing fixture breaks no rule at all, so each one is also an example of good style."""
    pages = sorted(RULE_PAGES.glob("*-passes.md"))
    result = lint(site_config(), *pages)
    assert [f for f in result.findings if f.severity == "error"] == []


def test_upstream_links_follow_github(tmp_path: Path) -> None:
    """Relative links in upstream files resolve as GitHub does: %20, repository root, folders."""
    config = plain_config(tmp_path)
    fires = lint(config, UPSTREAM / "links-fires.md", select=("QS201", "QS202"))
    assert found(fires) == expected(UPSTREAM / "links-fires.md")
    passes = lint(config, UPSTREAM / "links-passes.md", select=("QS201", "QS202"))
    assert passes.findings == ()


def test_findings_carry_position_rule_and_question(tmp_path: Path) -> None:
    result = lint(site_config(), RULE_PAGES / "qs207-fires.md", select=("QS207",))
    first = result.findings[0]
    assert (first.line, first.col, first.end_col) == (7, 21, 35)
    assert (first.code, first.name, first.severity) == ("QS207", "unlinked-page-title", "warning")
    assert first.path.endswith("docs/rules/qs207-fires.md")
    assert first.question is not None and first.question.startswith("q-")
    assert result.findings[1].question is None  # the second is in prose, not in a question


def test_a_crashing_rule_becomes_a_finding() -> None:
    def explode(ctx: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    plan = make_plan(site_config(), LintOptions(select=("QS107", "QS108")))
    broken = Rule(plan.rules[0].meta, explode)  # type: ignore[arg-type]
    plan = dataclasses.replace(plan, rules=(broken, plan.rules[1]))
    outcome = lint_file(plan, RULE_PAGES / "qs108-fires.md")
    assert {(f.code, f.line) for f in outcome.findings} == {("QS107", 1), ("QS108", 8)}
    crash = next(f for f in outcome.findings if f.code == "QS107")
    assert "rule crashed" in crash.message and "ZeroDivisionError" in crash.message


def test_many_files_use_worker_processes_and_find_the_same(tmp_path: Path) -> None:
    pages = sorted(RULE_PAGES.glob("*.md"))
    alone = run_lint(site_config(), LintOptions(paths=tuple(pages), jobs=1))
    pooled = run_lint(site_config(), LintOptions(paths=tuple(pages), jobs=2))
    assert pooled.findings == alone.findings
    assert pooled.files == alone.files
