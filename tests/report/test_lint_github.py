"""--format github: workflow commands with GitHub's escaping, and the step summary."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from tests.lint.helpers import sample_result

from qsync.report.lint_github import command, report, summary_markdown


def test_findings_become_annotations() -> None:
    result = sample_result()
    out = io.StringIO()
    report(result, out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(result.findings)
    assert lines[0].startswith(
        "::error file=docs/rules/qs202-fires.md,line=6,col=1,endLine=6,endColumn=50,"
        "title=QS202 broken-anchor::#sharpening--honing is not an anchor"
    )
    assert any(line.startswith("::warning file=docs/rules/qs207-fires.md") for line in lines)


def test_commands_escape_what_github_would_misread() -> None:
    finding = replace(
        sample_result().findings[0],
        path="docs/a,b:c.md",
        message="100% broken\nsecond line\r",
        severity="info",
    )
    line = command(finding)
    assert line.startswith("::notice file=docs/a%2Cb%3Ac.md,line=6,")
    assert line.endswith("::100%25 broken%0Asecond line%0D")
    assert "\n" not in line


def test_summary_is_appended_to_the_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "summary.md"
    target.write_text("earlier step output\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    report(sample_result(), io.StringIO())
    text = target.read_text(encoding="utf-8")
    assert text.startswith("earlier step output\n## ❌ qsync lint\n")
    assert "| `docs/rules/qs202-fires.md` | 6:1 | QS202 broken-anchor | error |" in text


def test_summary_stays_within_the_limit() -> None:
    result = sample_result()
    many = replace(result, findings=result.findings * 4000)
    text = summary_markdown(many, limit=64 * 1024)
    assert len(text.encode("utf-8")) <= 64 * 1024
    assert "more findings (see the job log)" in text
    assert "| \\| |" not in summary_markdown(
        replace(result, findings=(replace(result.findings[0], message="a | b <c>"),))
    ) and "a \\| b &lt;c>" in summary_markdown(
        replace(result, findings=(replace(result.findings[0], message="a | b <c>"),))
    )
