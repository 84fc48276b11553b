"""``qsync lint`` and ``qsync rules`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from qsync.lint.docs import rules_markdown
from tests.conftest import ROOT
from tests.lint.helpers import SITE


@pytest.fixture
def in_site(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SITE)


def test_findings_print_as_path_line_col_and_exit_1(run_cli: Any, in_site: None) -> None:
    code, out, _ = run_cli("lint", "docs/rules/qs202-fires.md")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "docs/rules/qs202-fires.md:6:1: QS202 #sharpening--honing is not an anchor of "
        "kitchen/knives.md (did you mean #sharpening-honing?) [broken-anchor]"
    )
    assert lines[-1] == "3 errors, 0 warnings in 1 file"


def test_warnings_alone_exit_0(run_cli: Any, in_site: None) -> None:
    code, out, _ = run_cli("lint", "docs/rules/qs206-fires.md")
    assert code == 0
    assert "QS206" in out and out.endswith("0 errors, 1 warning in 1 file\n")


def test_a_folder_lints_every_page_in_it(run_cli: Any, in_site: None) -> None:
    code, out, _ = run_cli("lint", "--format", "json", "docs/kitchen")
    assert code == 0
    report = json.loads(out)
    assert report["files"] == ["docs/kitchen/index.md", "docs/kitchen/knives.md"]


def test_missing_path_and_unknown_format_exit_2(run_cli: Any, in_site: None) -> None:
    code, _, err = run_cli("lint", "docs/nope.md")
    assert code == 2 and "docs/nope.md: no such file or folder" in err
    code, _, err = run_cli("lint", "--format", "xml", "docs")
    assert code == 2 and "unknown format 'xml'" in err
    code, _, err = run_cli("lint", "--select", "QS999", "docs")
    assert code == 2 and "unknown rule 'QS999'" in err


def test_report_goes_to_a_file_with_output(run_cli: Any, in_site: None, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, err = run_cli("lint", "-f", "json", "-o", str(target), "docs/rules/qs101-fires.md")
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["summary"]["errors"] == 1
    assert err.strip().endswith("1 error, 0 warnings in 1 file")
    code, out, _ = run_cli("validate", str(target))
    assert code == 0 and out.strip().endswith("valid (qsync.lint-report/1)")


def test_fix_rewrites_the_file(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "kitchen.md"
    page.write_text("# K\n\n## Knives\n\n**1. Why?**\n\nSharp.\n\n**4. Where?**\n\nBlock.\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("lint", "--fix", "--select", "QS109", "kitchen.md")
    assert code == 0 and out.endswith("0 errors, 0 warnings in 1 file; fixed 1 file\n")
    assert "**2. Where?**" in page.read_text()


def test_rules_lists_every_rule_and_documents_one(run_cli: Any) -> None:
    code, out, _ = run_cli("rules")
    assert code == 0
    assert "QS202  broken-anchor" in out and "QS110  toc-mismatch" in out
    code, out, _ = run_cli("rules", "broken-anchor")
    assert code == 0 and out.startswith("QS202 broken-anchor (error; no automatic fix")
    assert "GitHub" in out and "MkDocs" in out
    code, _, err = run_cli("rules", "QS999")
    assert code == 2 and "unknown rule" in err


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    """Regenerate with: python -m qsync.lint.docs > docs/rules.md"""
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()
