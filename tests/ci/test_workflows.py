"""The workflows: their shape, and their qsync command lines run here first.

Each workflow's `run:` steps execute with bash on a fresh copy of this repository, with the
environment a runner gives (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) and a new Python
that installs qsync with the workflow's own `pip install .`. A workflow that would fail on
GitHub fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.ci.actions import StepRun, copy_worktree, load, offline_python, run_job
from tests.ci.conftest import needs_commands
from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CI = load(WORKFLOWS / "ci.yml")
LINT = load(WORKFLOWS / "qsync-lint.yml")
SYNC = load(WORKFLOWS / "qsync-sync.yml")


def all_steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


@pytest.mark.parametrize("workflow", [CI, LINT, SYNC], ids=["ci", "qsync-lint", "qsync-sync"])
def test_least_privilege_and_no_expressions_in_scripts(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        assert job["timeout-minutes"] <= 20, name
        assert set(job.get("permissions", {}).values()) <= {"read", "write"}
    for step in all_steps(workflow):
        assert "${{" not in step.get("run", ""), f"{step.get('name')}: pass values through env"
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w/-]+@v\d+", step["uses"]), step["uses"]
        if step.get("uses", "").startswith("actions/setup-python@"):
            assert step["with"]["cache"] == "pip"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_ci_runs_the_readmes_test_command_on_python_3_11_to_3_13():
    assert set(CI["on"]) == {"push", "pull_request"}
    assert CI["jobs"]["test"]["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    runs = [step["run"] for step in all_steps(CI) if "run" in step]
    assert runs == ["make test PYTHON=python"]
    assert "$ make test " in (ROOT / "README.md").read_text(encoding="utf-8")


def test_lint_workflow_annotates_uploads_sarif_and_validates():
    assert set(LINT["on"]) == {"pull_request"}
    job = LINT["jobs"]["lint"]
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "qsync lint --format github" in runs
    sarif = re.search(r"qsync lint --format sarif -o \"\$RUNNER_TEMP/([\w.]+)\"", runs)
    assert sarif is not None
    upload = next(s for s in job["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "${{ runner.temp }}/" + sarif.group(1)
    assert "qsync parse content" in runs and "qsync validate" in runs


def test_sync_workflow_never_races_and_exposes_the_pull_request():
    assert set(SYNC["on"]) == {"schedule", "workflow_dispatch"}
    assert SYNC["concurrency"] == {"group": "qsync-sync", "cancel-in-progress": False}
    job = SYNC["jobs"]["sync"]
    assert job["outputs"] == {
        "operation": "${{ steps.sync.outputs.operation }}",
        "pr-url": "${{ steps.sync.outputs.pr-url }}",
    }
    sync = next(step for step in job["steps"] if step.get("id") == "sync")
    assert sync["env"]["GITHUB_TOKEN"] == "${{ secrets.QSYNC_TOKEN }}"
    diff = next(step for step in job["steps"] if "qsync diff" in step.get("run", ""))
    assert "qsync diff --format markdown" in diff["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in diff["run"]


@pytest.fixture
def checkout(tmp_path: Path, test_packages: Path) -> dict[str, Path]:
    repo = copy_worktree(tmp_path / "repo")
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    return {
        "repo": repo,
        "python_bin": offline_python(tmp_path / "python", test_packages),
        "temp": temp,
    }


def passed(runs: list[StepRun]) -> None:
    failures = [f"{r.name}: exit {r.code}\n{r.stdout}{r.stderr}" for r in runs if r.code]
    assert failures == [], "\n\n".join(failures)


def test_lint_workflow_parses_and_validates_the_content(checkout):
    runs = run_job(LINT, "lint", **checkout, only={"Install qsync", "Parse and validate the pages"})
    passed(runs)
    assert [r.name for r in runs] == ["Install qsync", "Parse and validate the pages"]
    pages = json.loads((checkout["temp"] / "pages.json").read_text())
    assert pages["schema"] == "qsync.page/1"
    assert "valid (qsync.page/1)" in runs[-1].stdout


def pull_request(head: str) -> dict[str, str]:
    return {"github.repository": "site/site", "github.event.pull_request.head.repo.full_name": head}


def test_lint_workflow_passes_on_this_repository(checkout):
    needs_commands("lint")
    runs = run_job(LINT, "lint", **checkout, context=pull_request("site/site"))
    passed(runs)
    upload = next(run for run in runs if run.name == "Upload SARIF")
    assert upload.would_run
    sarif = json.loads((checkout["temp"] / "qsync.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["tool"]["driver"]["name"] == "qsync"
    lint = next(run for run in runs if run.name == "Lint")
    assert "qsync lint" in lint.summary


def test_a_broken_link_fails_the_lint_job_but_sarif_and_validation_still_run(checkout):
    needs_commands("lint")
    page = (
        checkout["repo"] / "content" / "interview-questions" / "ai-security-interview-questions.md"
    )
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nSee [the missing page](../nowhere/missing.md).\n", encoding="utf-8")
    line = text.count("\n") + 2
    runs = {r.name: r for r in run_job(LINT, "lint", **checkout, context=pull_request("fork/site"))}
    assert runs["Lint"].code == 1
    assert (
        f"::error file=content/interview-questions/ai-security-interview-questions.md,line={line},"
        in (runs["Lint"].stdout)
    )
    assert "QS201" in runs["Lint"].summary
    assert runs["Lint as SARIF"].code == 0
    results = json.loads((checkout["temp"] / "qsync.sarif").read_text())["runs"][0]["results"]
    assert any(r["ruleId"] == "QS201" for r in results)
    assert runs["Parse and validate the pages"].code == 0
    assert not runs["Upload SARIF"].would_run  # a fork's token may not write code scanning


def set_upstream(repo: Path, key: str, value: str) -> None:
    """Point the checkout's qsync.toml somewhere else than api.github.com."""
    config = repo / "qsync.toml"
    text = config.read_text(encoding="utf-8")
    assert "[upstream]\n" in text
    config.write_text(text.replace("[upstream]\n", f'[upstream]\n{key} = "{value}"\n', 1))


SYNC_STEP = "Open or update the merge-back pull request"


def sync_job(checkout: dict[str, Path], context: dict[str, str]) -> dict[str, StepRun]:
    runs = run_job(SYNC, "sync", **checkout, context=context)
    passed(runs)
    return {run.name: run for run in runs}


def test_sync_workflow_dry_run_against_the_upstream_history(checkout, upstream_repo):
    """The diff and sync lines as the workflow runs them, on a clone of the real upstream."""
    needs_commands("diff", "sync")
    set_upstream(checkout["repo"], "git", str(upstream_repo))
    runs = sync_job(checkout, {"inputs.dry-run": "true"})
    assert "ai-security-interview-questions" in runs["Diff against upstream"].summary
    assert "Q34" in runs[SYNC_STEP].stdout  # the plan: a site-only question numbered upstream
    assert runs["Report"].stdout.startswith("qsync sync: ")


def test_sync_workflow_opens_one_pull_request_on_the_fake_github(
    checkout, upstream_repo, fake_github
):
    """Two scheduled runs against a fake GitHub seeded with upstream's real history."""
    needs_commands("diff", "sync")
    from tests.ci.conftest import CANARY_TOKEN

    fake_github.world.seed_git("jassics/security-interview-questions", upstream_repo, "HEAD")
    set_upstream(checkout["repo"], "api_url", fake_github.base)
    context = {"secrets.QSYNC_TOKEN": CANARY_TOKEN, "inputs.dry-run": ""}

    first = sync_job(checkout, context)
    second = sync_job(checkout, context)  # nothing changed since: nothing to write
    upstream = fake_github.world.find("jassics", "security-interview-questions")
    assert [pull.state for pull in upstream.pulls] == ["open"]
    for run in [*first.values(), *second.values()]:
        for text in (run.stdout, run.stderr, run.summary, *run.outputs.values()):
            assert CANARY_TOKEN not in text, f"{run.name} leaked the token"

    outputs = first[SYNC_STEP].outputs
    assert outputs["operation"] == "created"
    assert re.fullmatch(r"https?://\S+/pull/\d+", outputs["pr-url"])
    assert f"Merge-back pull request created: {outputs['pr-url']}" in first["Report"].summary
    assert second[SYNC_STEP].outputs["operation"] == "none"
