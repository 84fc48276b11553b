"""--format sarif: SARIF 2.1.0 that Microsoft's SARIF Multitool accepts with GitHub's rules."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ROOT
from tests.lint.helpers import sample_result

from qsync.report.lint_sarif import document, report

TOOLS = ROOT / "build" / "npm-tools"  # git-ignored; kept between sessions
PACKAGE = "@microsoft/sarif-multitool-linux"


@pytest.fixture(scope="session")
def multitool() -> Path:
    exe = TOOLS / "node_modules" / PACKAGE / "Sarif.Multitool"
    if not exe.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed: cannot fetch the SARIF Multitool")
        TOOLS.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(TOOLS), PACKAGE],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0 or not exe.exists():
            pytest.skip(f"could not install {PACKAGE} from the npm registry: {done.stderr[-300:]}")
    exe.chmod(exe.stat().st_mode | 0o100)  # npm may skip the package's chmod script
    return exe


def _validate(multitool: Path, sarif: Path, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "validation.sarif"
    subprocess.run(
        [str(multitool), "validate", "--rule-kind", "Sarif;Gh", str(sarif), "-o", str(out),
         "--log", "ForceOverwrite"],
        check=False,
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"},
        timeout=300,
    )  # fmt: skip
    results: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0][
        "results"
    ]
    return results


def test_multitool_finds_no_error_and_no_warning(multitool: Path, tmp_path: Path) -> None:
    sarif = tmp_path / "lint.sarif"
    with sarif.open("w", encoding="utf-8") as handle:
        report(sample_result(), handle)
    problems = _validate(multitool, sarif, tmp_path)
    assert [p for p in problems if p.get("level", "warning") in ("error", "warning")] == []
    # The validator does find problems when there are some.
    broken = json.loads(sarif.read_text())
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ] = "/abs/page.md"
    sarif.write_text(json.dumps(broken))
    assert any(p.get("level") == "error" for p in _validate(multitool, sarif, tmp_path))


def test_rules_results_and_fingerprints() -> None:
    result = sample_result()
    out = io.StringIO()
    report(result, out)
    run = json.loads(out.getvalue())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in result.rules]
    broken_anchor = rules[[r["id"] for r in rules].index("QS202")]
    assert broken_anchor["name"] == "BrokenAnchor"
    assert broken_anchor["helpUri"].endswith("docs/rules.md#qs202-broken-anchor")
    assert "GitHub" in broken_anchor["help"]["markdown"]
    first = run["results"][0]
    assert first["ruleId"] == "QS202" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 6, "startColumn": 1, "endLine": 6, "endColumn": 50,
    }  # fmt: skip
    prints = [r["partialFingerprints"]["qsyncFinding/v1"] for r in run["results"]]
    assert len(set(prints)) == len(prints)


def test_fingerprints_follow_the_question_not_the_line() -> None:
    result = sample_result("qs207-fires.md")
    inside = next(f for f in result.findings if f.question)
    moved = replace(result, findings=(replace(inside, line=inside.line + 40),))
    here = replace(result, findings=(inside,))
    print_of = lambda r: document(r)["runs"][0]["results"][0]["partialFingerprints"]  # noqa: E731
    assert print_of(moved) == print_of(here)
    other = replace(result, findings=(replace(inside, question="q-0000000000"),))
    assert print_of(other) != print_of(here)


def test_paths_are_relative_to_the_source_root_or_file_uris() -> None:
    result = sample_result("qs202-fires.md")
    outside = replace(result, findings=(replace(result.findings[0], path="/srv/my page.md"),))
    inside = replace(result, findings=(replace(result.findings[0], path="docs/my page.md"),))
    where = lambda r: document(r)["runs"][0]["results"][0]["locations"][0]  # noqa: E731
    assert where(outside)["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///srv/my%20page.md"
    }
    assert where(inside)["physicalLocation"]["artifactLocation"] == {
        "uri": "docs/my%20page.md",
        "uriBaseId": "%SRCROOT%",
    }
