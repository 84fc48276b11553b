"""The text diff report: an aligned table a person reads in a terminal."""

from __future__ import annotations

import io

from tests.diff.helpers import fixture, run_diff

from qsync.report import diff_text
from qsync.results.diff import DiffReport, Thresholds

PAGE = run_diff(fixture("site/pantry-security.md"), fixture("upstream/pantry-security.md"))
REPORT = DiffReport((PAGE,), Thresholds(), "0.1.0")


def test_rows_are_sorted_by_class_then_line_and_fit_the_width():
    text = diff_text.render(REPORT, width=90)
    rows = [
        line
        for line in text.splitlines()
        if line.split(" ")[0] in ("changed", "related", "site-only", "upstream-only", "identical")
    ]
    assert [row.split()[0] for row in rows] == [
        "changed",
        "related",
        "site-only",
        "site-only",
        "upstream-only",
        "identical",
        "identical",
        "identical",
        "identical",
    ]
    assert all(len(row) <= 90 for row in rows)
    assert any(row.endswith("…") or "…" in row for row in rows)


def test_an_unpaired_site_question_names_its_closest_upstream_question():
    text = diff_text.render(REPORT)
    row = next(line for line in text.splitlines() if "How do you safely thaw" in line)
    assert row.startswith("site-only")
    assert row.endswith("(closest Q7: 50.6)")


def test_colour_only_when_asked():
    assert "\x1b[" not in diff_text.render(REPORT)
    coloured = diff_text.render(REPORT, colour=True)
    assert "\x1b[33mchanged" in coloured and "\x1b[0m" in coloured


def test_summary_line_counts_classes_and_findings():
    assert diff_text.summary_line(REPORT) == (
        "1 page: 1 changed, 1 related, 2 site-only, 1 upstream-only, 4 identical; 1 finding"
    )
    assert diff_text.summary_line(DiffReport((), Thresholds())) == "0 pages: no questions"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_report_colours_a_terminal_unless_no_color_is_set(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal, pipe = Terminal(), io.StringIO()
    diff_text.report(REPORT, terminal)
    diff_text.report(REPORT, pipe)
    assert "\x1b[" in terminal.getvalue() and "\x1b[" not in pipe.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    quiet = Terminal()
    diff_text.report(REPORT, quiet)
    assert "\x1b[" not in quiet.getvalue()
