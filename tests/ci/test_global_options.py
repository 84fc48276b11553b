"""The global flags: --quiet, --verbose, --debug, and when colour is used."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from qsync.cli import Options, app, options, use_colour


@pytest.fixture
def seen(run_cli):
    """Run qsync with a throwaway command that records the global options it sees."""
    recorded: list[Options] = []

    @app.command("probe-options", hidden=True)
    def probe() -> None:
        recorded.append(options())

    def run(*flags: str) -> tuple[int, Options | None, str]:
        recorded.clear()
        code, _, stderr = run_cli(*flags, "probe-options")
        return code, (recorded[0] if recorded else None), stderr

    yield run
    app.registered_commands[:] = [c for c in app.registered_commands if c.name != "probe-options"]


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ((), Options()),
        (("--quiet",), Options(quiet=True)),
        (("-q",), Options(quiet=True)),
        (("--verbose",), Options(verbose=True)),
        (("-v", "--debug"), Options(verbose=True, debug=True)),
    ],
)
def test_global_flags_reach_the_command(seen, flags, expected):
    code, got, _ = seen(*flags)
    assert code == 0
    assert got == expected


def test_flags_do_not_leak_into_the_next_run(seen):
    seen("--quiet")
    _, got, _ = seen()
    assert got == Options()


def test_quiet_and_verbose_together_is_bad_input(seen):
    code, got, stderr = seen("--quiet", "--verbose")
    assert code == 2 and got is None
    assert stderr.strip() == "qsync: --quiet and --verbose contradict each other; give one"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(Terminal())
    assert not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())


@pytest.fixture
def crashing(run_cli):
    @app.command("probe-crash", hidden=True)
    def crash() -> None:
        raise RuntimeError("a bug in a command")

    yield run_cli
    app.registered_commands[:] = [c for c in app.registered_commands if c.name != "probe-crash"]


def test_a_bug_is_one_line_naming_a_log_and_debug_shows_the_traceback(crashing):
    code, _, stderr = crashing("probe-crash")
    assert code == 4
    [line] = stderr.splitlines()
    assert line.startswith("qsync: internal error (RuntimeError); this is a bug. Traceback: ")
    log = Path(line.rsplit(" ", 1)[1])
    assert "RuntimeError: a bug in a command" in log.read_text()
    log.unlink()
    code, _, stderr = crashing("--debug", "probe-crash")
    assert code == 4
    assert stderr.startswith("Traceback (most recent call last):")
    assert stderr.rstrip().endswith("RuntimeError: a bug in a command")
