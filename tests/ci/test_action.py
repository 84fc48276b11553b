"""action.yml: a composite action whose steps run here with their default inputs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.ci.actions import (
    StepRun,
    copy_worktree,
    load,
    offline_python,
    run_steps,
    runner_env,
)
from tests.ci.conftest import needs_commands
from tests.conftest import ROOT

ACTION = load(ROOT / "action.yml")
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]


def test_the_action_is_composite_and_complete():
    assert {"name", "description", "inputs", "outputs", "runs"} <= ACTION.keys()
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) >= {"command", "args", "version"}
    assert ACTION["inputs"]["command"]["default"] == "lint"
    assert set(ACTION["outputs"]) == {"exit-code", "report"}
    step_ids = {s.get("id") for s in STEPS}
    for name, output in ACTION["outputs"].items():
        match = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}", output["value"])
        assert match and match.group(1) in step_ids, name
    for step in STEPS:
        assert "uses" in step or step.get("shell") == "bash", step.get("name")


def test_inputs_reach_scripts_only_through_the_environment():
    """An expression inside `run:` is pasted into the script: a crafted input would run."""
    declared = set(ACTION["inputs"])
    for step in STEPS:
        assert "${{" not in step.get("run", ""), step["name"]
        for value in [*(step.get("env") or {}).values(), *(step.get("with") or {}).values()]:
            for name in re.findall(r"inputs\.([\w-]+)", str(value)):
                assert name in declared, f"{step['name']} uses undeclared input {name}"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory, test_packages: Path) -> dict[str, Any]:
    """A fresh checkout and Python, with the install step run once for the module."""
    base = tmp_path_factory.mktemp("action")
    repo = copy_worktree(base / "repo")
    python_bin = offline_python(base / "python", test_packages)
    temp = base / "runner-temp"
    temp.mkdir()
    env = runner_env(repo, python_bin, temp)
    install = run_action(repo, env, base, {}, only="Install qsync")[0]
    return {"repo": repo, "env": env, "temp": temp, "base": base, "install": install}


def run_action(
    repo: Path, env: dict[str, str], base: Path, inputs: dict[str, str], only: str | None = None
) -> list[StepRun]:
    context = {f"inputs.{k}": str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    context |= {f"inputs.{k}": v for k, v in inputs.items()}
    context["github.action_path"] = str(repo)
    steps = [s for s in STEPS if only is None or s.get("name") == only]
    if only is None:
        steps = [s for s in steps if s.get("name") != "Install qsync"]  # installed once
    scratch = base / f"scratch-{len(list(base.glob('scratch-*')))}"
    scratch.mkdir()
    return run_steps(steps, cwd=repo, env=env, context=context, scratch=scratch)


def test_the_install_step_builds_qsync_from_the_actions_own_checkout(checkout):
    install = checkout["install"]
    assert install.code == 0, install.stderr
    assert re.fullmatch(r"qsync \d+\.\d+\.\d+\S*\n", install.stdout)
    qsync = Path(checkout["env"]["PATH"].split(":")[0]) / "qsync"
    assert qsync.exists()


def test_default_inputs_lint_this_repository_clean(checkout):
    needs_commands("lint")
    run, fail = run_action(checkout["repo"], checkout["env"], checkout["base"], {})
    assert run.code == 0, run.stderr
    report = checkout["temp"] / "qsync-lint.out"
    assert run.outputs == {"exit-code": "0", "report": str(report)}
    assert report.read_text() == run.stdout
    assert "0 errors" in run.stdout
    assert not fail.would_run


def test_a_successful_command_writes_its_report_and_passes(checkout):
    page = "content/interview-questions/ai-security-interview-questions.md"
    run, fail = run_action(
        checkout["repo"],
        checkout["env"],
        checkout["base"],
        {
            "command": "parse",
            "args": page,
        },
    )
    assert run.outputs["exit-code"] == "0", run.stderr
    assert json.loads(Path(run.outputs["report"]).read_text())["schema"] == "qsync.page/1"
    assert fail.code is None


def test_findings_fail_the_action_after_the_outputs_are_written(checkout):
    bad = checkout["repo"] / "not-a-report.json"
    bad.write_text('{"schema": "qsync.page/1"}\n')
    run, fail = run_action(
        checkout["repo"],
        checkout["env"],
        checkout["base"],
        {
            "command": "validate",
            "args": bad.name,
        },
    )
    assert run.code == 0
    assert run.outputs["exit-code"] == "1"
    assert (
        "not-a-report.json: $: 'source' is a required property"
        in Path(run.outputs["report"]).read_text()
    )
    assert fail.code == 1
    assert "::error title=qsync validate::qsync validate exited with code 1" in fail.stdout


def test_fail_on_error_false_leaves_the_decision_to_later_steps(checkout):
    run, fail = run_action(
        checkout["repo"],
        checkout["env"],
        checkout["base"],
        {
            "command": "validate",
            "args": "missing.json",
            "fail-on-error": "false",
        },
    )
    assert run.outputs["exit-code"] == "2"
    assert fail.code is None


def test_args_are_split_like_a_shell_but_never_executed(checkout):
    repo = checkout["repo"]
    (repo / "two words").mkdir()
    page = repo / "content/interview-questions/ai-security-interview-questions.md"
    (repo / "two words" / "page.md").write_bytes(page.read_bytes())
    run, _ = run_action(
        repo,
        checkout["env"],
        checkout["base"],
        {
            "command": "parse",
            "args": "'two words/page.md' -o \"$(touch pwned)`touch pwned2`.json\"",
        },
    )
    assert run.outputs["exit-code"] == "0", run.stderr
    assert run.outputs["report"] == "$(touch pwned)`touch pwned2`.json"
    assert (repo / run.outputs["report"]).exists()
    assert not (repo / "pwned").exists() and not (repo / "pwned2").exists()


def test_unbalanced_quotes_are_bad_input_not_a_crash(checkout):
    run, fail = run_action(
        checkout["repo"],
        checkout["env"],
        checkout["base"],
        {
            "command": "parse",
            "args": "'content",
        },
    )
    assert run.code == 0
    assert run.outputs["exit-code"] == "2"
    assert "not a valid argument list" in run.stdout
    assert fail.code == 2


def test_the_report_output_names_the_output_file_when_args_give_one(checkout):
    page = "content/interview-questions/ai-security-interview-questions.md"
    run, _ = run_action(
        checkout["repo"],
        checkout["env"],
        checkout["base"],
        {"command": "parse", "args": f"{page} --output=page.json"},
    )
    assert run.outputs == {"exit-code": "0", "report": "page.json"}
    assert json.loads((checkout["repo"] / "page.json").read_text())["schema"] == "qsync.page/1"


def test_a_line_break_in_the_report_path_cannot_forge_an_output(checkout):
    run, fail = run_action(
        checkout["repo"],
        checkout["env"],
        checkout["base"],
        {"command": "validate", "args": "missing.json -o 'x\nexit-code=0'"},
    )
    assert run.outputs == {"exit-code": "2", "report": "x\nexit-code=0"}
    assert fail.code == 2
