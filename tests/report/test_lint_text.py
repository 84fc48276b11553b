"""--format text: one line per finding for machines; grouped and coloured on a terminal."""

from __future__ import annotations

import io

import pytest
from tests.lint.helpers import sample_result

from qsync.report.lint_text import report


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal() -> None:
    out = io.StringIO()
    report(sample_result(), out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("docs/rules/qs202-fires.md:6:1: QS202 #sharpening--honing")
    assert lines[0].endswith("[broken-anchor]")
    assert "\033[" not in out.getvalue()
    assert lines[-1] == "3 errors, 2 warnings in 3 files"


def test_grouped_and_coloured_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = Terminal()
    report(sample_result(), out)
    text = out.getvalue()
    assert "\033[1;4mdocs/rules/qs202-fires.md\033[0m\n" in text
    assert "  6:1      \033[31merror  \033[0m \033[1mQS202\033[0m" in text


def test_no_colour_when_no_color_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    report(sample_result(), out)
    assert "\033[" not in out.getvalue()
