"""`qsync --help`, every command's help, and shell completion through Typer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ci.conftest import registered_commands

QSYNC = str(Path(sys.executable).with_name("qsync"))


def test_top_level_help_lists_commands_flags_and_examples(run_cli):
    code, stdout, _ = run_cli("--help")
    assert code == 0
    assert stdout.startswith("Usage: qsync [OPTIONS] COMMAND [ARGS]...")
    for flag in ("--quiet", "--verbose", "--debug", "--version", "--install-completion"):
        assert flag in stdout
    for command in ("parse", "render", "validate"):
        assert f"  {command} " in stdout
    assert "Examples:" in stdout and "qsync lint " in stdout


def test_no_arguments_prints_the_help(run_cli):
    code, stdout, stderr = run_cli()
    assert code in (0, 2)
    assert "Usage: qsync" in stdout + stderr


def test_every_command_has_a_usage_line_and_an_example(run_cli):
    problems = []
    commands = sorted(registered_commands())
    assert {"parse", "render", "validate"} <= set(commands)
    for command in commands:
        code, stdout, stderr = run_cli(command, "--help")
        if code != 0:
            problems.append(f"qsync {command} --help exits {code}: {stderr.strip()}")
        if not stdout.startswith(f"Usage: qsync {command} "):
            problems.append(f"qsync {command} --help has no usage line")
        if "Example" not in stdout:
            problems.append(f"qsync {command} --help shows no example (add 'Example: …')")
    assert problems == []


@pytest.fixture
def detection_off(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Typer guesses the shell from the parent process; tests name it instead."""
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    return dict(os.environ)


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _qsync_completion qsync"),
        ("zsh", "#compdef qsync"),
        ("fish", "complete --command qsync"),
    ],
)
def test_show_completion_prints_the_script_for_a_named_shell(detection_off, shell, marker):
    done = subprocess.run(
        [QSYNC, "--show-completion", shell], capture_output=True, text=True, env=detection_off
    )
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout


def test_bash_completes_commands_and_options_through_the_script(detection_off):
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = (
        'source <("$QSYNC" --show-completion bash)\n'
        "complete_line() { COMP_WORDS=($1); COMP_CWORD=$2; _qsync_completion qsync; "
        'echo "${COMPREPLY[*]}"; }\n'
        'complete_line "qsync pa" 1\n'
        'complete_line "qsync parse --dia" 2\n'
    )
    env = {
        **detection_off,
        "QSYNC": QSYNC,
        "PATH": f"{Path(QSYNC).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["parse", "--dialect"]
