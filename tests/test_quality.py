"""The code stays clean: ruff and mypy --strict run as part of the suite."""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which(tool, path=str(ROOT / ".venv" / "bin")) or shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} is not installed (make test installs it)")
    return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_is_clean():
    result = run("ruff", "check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean():
    result = run("mypy", "--python-executable", sys.executable)
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers_import_downward_only():
    """model → markdown → dialects → … → cli: no module imports a layer above its own."""
    floors = {
        "model": 0,
        "errors": 0,
        "results": 0,
        "ci": 0,
        "markdown": 1,
        "schema": 1,
        "fileio": 1,
        "report": 1,
        "upstream": 1,
        "dialects": 2,
        "diff": 2,
        "config": 2,
        "docs": 2,
        "documents": 2,
        "lint": 3,
        "sync": 3,
        "cli": 4,
        "demo": 4,
    }
    import ast

    for path in (ROOT / "src" / "qsync").rglob("*.py"):
        rel = path.relative_to(ROOT / "src" / "qsync").parts
        own = floors.get(rel[0].removesuffix(".py"))
        if own is None:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("qsync.")
            ):
                target = floors.get(node.module.split(".")[1])
                assert target is None or target <= own, f"{'/'.join(rel)} imports {node.module}"


def test_every_command_module_is_registered():
    from qsync.cli import COMMAND_MODULES

    helpers = {"__init__", "arguments", "terminal"}
    modules = {p.stem for p in (ROOT / "src" / "qsync" / "cli").glob("*.py")} - helpers
    assert modules == set(COMMAND_MODULES)
