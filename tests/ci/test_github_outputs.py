"""qsync.ci: step outputs and the job summary, read back the way the runner reads them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qsync.ci import SUMMARY_LIMIT, append_step_summary, write_github_outputs
from qsync.errors import InputError
from tests.ci.actions import read_outputs


@pytest.fixture
def output_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "github_output"
    path.write_text("earlier=kept\n")
    monkeypatch.setenv("GITHUB_OUTPUT", str(path))
    return path


def test_sync_outputs_are_appended_as_name_value_lines(output_file: Path):
    write_github_outputs({"operation": "created", "pr-url": "https://github.com/o/r/pull/7?x=a=b"})
    assert read_outputs(output_file) == {
        "earlier": "kept",
        "operation": "created",
        "pr-url": "https://github.com/o/r/pull/7?x=a=b",
    }


def test_a_multiline_value_survives_between_delimiters(output_file: Path):
    body = "line one\noperation=none\nghadelimiter_fake\n"
    write_github_outputs({"summary": body, "operation": "updated"})
    outputs = read_outputs(output_file)
    assert outputs["summary"] == body
    assert outputs["operation"] == "updated"
    assert re.search(r"^summary<<ghadelimiter_[0-9a-f-]{36}$", output_file.read_text(), re.M)


def test_outside_actions_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("GITHUB_OUTPUT", raising=False)
    monkeypatch.chdir(tmp_path)
    write_github_outputs({"operation": "none"})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["", "pr url", "a=b", "x\ny", "1st"])
def test_a_name_the_runner_would_misread_is_refused(output_file: Path, name: str):
    with pytest.raises(ValueError, match="not a valid step output name"):
        write_github_outputs({name: "v"})
    assert output_file.read_text() == "earlier=kept\n"


def test_an_unwritable_output_file_is_one_input_error(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("GITHUB_OUTPUT", str(tmp_path / "missing-dir" / "out"))
    with pytest.raises(InputError, match=r"cannot write \$GITHUB_OUTPUT"):
        write_github_outputs({"operation": "none"})


def test_the_step_summary_is_appended_and_cut_at_one_mebibyte(tmp_path: Path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    append_step_summary("## qsync lint\n\nNo findings.")
    assert summary.read_text() == "## qsync lint\n\nNo findings.\n"
    summary.unlink()
    append_step_summary("| é | row |\n" * 200_000)
    cut = summary.read_bytes()
    assert len(cut) <= SUMMARY_LIMIT
    assert cut.decode("utf-8").endswith("the full report is in the job log._\n")
