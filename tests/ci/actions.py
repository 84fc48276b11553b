"""Running GitHub Actions steps here as a runner would: bash, step env, output and summary files.

Only ``run:`` steps are executed; ``uses:`` steps are the runner's business (checkout is the
temporary copy of the repository, setup-python is a virtualenv put first on PATH).
Expressions are evaluated by a deliberately small evaluator: an expression it does not know
raises, so a workflow that grows a new construct makes the tests say so instead of guessing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

Context = Mapping[str, str]


@dataclass(frozen=True)
class StepRun:
    name: str
    code: int | None  # None: not run here (its `if:` said no, or it is a `uses:` step)
    outputs: dict[str, str]
    summary: str
    stdout: str
    stderr: str
    would_run: bool = True  # what the step's `if:` said


def load(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on` as True; workflows mean the string.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data  # type: ignore[no-any-return]


def read_outputs(path: Path) -> dict[str, str]:
    """$GITHUB_OUTPUT as the runner reads it: name=value lines, or name<<DELIM … DELIM."""
    outputs: dict[str, str] = {}
    if not path.exists():
        return outputs
    lines = iter(path.read_text(encoding="utf-8").split("\n"))
    for line in lines:
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body = []
            for inner in lines:
                if inner == delimiter:
                    break
                body.append(inner)
            outputs[name] = "\n".join(body)
        else:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def expand(text: str, context: Context) -> str:
    """Replace every ``${{ … }}`` in ``text`` with its value."""
    return _EXPRESSION.sub(lambda m: _value(m.group(1), context), text)


def condition(expression: str | bool | None, context: Context, *, failed: bool) -> bool:
    """A step's ``if:``; without one a step runs only while nothing has failed."""
    if expression is None:
        return not failed
    if isinstance(expression, bool):
        return expression
    text = expression.strip()
    match = _EXPRESSION.fullmatch(text)
    text = match.group(1) if match else text
    uses_status = re.search(r"\b(always|cancelled|success|failure)\(\)", text)
    result = _truth(text, context, failed)
    return result if uses_status else result and not failed


def _truth(text: str, context: Context, failed: bool) -> bool:
    if "||" in text:
        return any(_truth(part, context, failed) for part in text.split("||"))
    if "&&" in text:
        return all(_truth(part, context, failed) for part in text.split("&&"))
    text = text.strip()
    status = {"always()": True, "!cancelled()": True, "success()": not failed, "failure()": failed}
    if text in status:
        return status[text]
    for operator in ("!=", "=="):
        if operator in text:
            left, right = (_value(side, context) for side in text.split(operator))
            return (left == right) == (operator == "==")
    return _value(text, context) not in ("", "false", "0")


def _value(text: str, context: Context) -> str:
    text = text.strip()
    if "||" in text:
        values = [_value(part, context) for part in text.split("||")]
        return next((v for v in values if v), "")
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1]
    if re.fullmatch(r"[A-Za-z_][\w-]*(\.[\w-]+)+", text):
        prefix = text.split(".")[0]
        if text in context or prefix in ("secrets", "steps", "inputs", "env"):
            return context.get(text, "")
    raise ValueError(f"the test's expression evaluator does not know: {text!r}")


def shell_command(step: Mapping[str, Any], script: Path) -> list[str]:
    """What the runner runs for a `run:` step on Linux."""
    shell = step.get("shell")
    if shell == "bash":
        return ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
    assert shell is None, f"the tests run bash steps only, not {shell!r}"
    return ["bash", "-e", str(script)]


def run_step(
    step: Mapping[str, Any],
    *,
    cwd: Path,
    env: Mapping[str, str],
    context: Context,
    scratch: Path,
    index: int,
) -> StepRun:
    name = str(step.get("name") or step.get("id") or step["run"].splitlines()[0])
    script = scratch / f"step-{index}.sh"
    script.write_text(step["run"], encoding="utf-8")
    output = scratch / f"step-{index}.output"
    summary = scratch / f"step-{index}.summary"
    step_env = {
        **env,
        **{k: expand(str(v), context) for k, v in (step.get("env") or {}).items()},
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    workdir = cwd / str(step.get("working-directory", "."))
    done = subprocess.run(
        shell_command(step, script),
        cwd=workdir,
        env=step_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return StepRun(
        name=name,
        code=done.returncode,
        outputs=read_outputs(output),
        summary=summary.read_text(encoding="utf-8") if summary.exists() else "",
        stdout=done.stdout,
        stderr=done.stderr,
    )


def run_steps(
    steps: list[Mapping[str, Any]],
    *,
    cwd: Path,
    env: Mapping[str, str],
    context: dict[str, str],
    scratch: Path,
) -> list[StepRun]:
    """Run the `run:` steps in order; each step's outputs become `steps.<id>.outputs.*`."""
    runs: list[StepRun] = []
    failed = False
    for index, step in enumerate(steps):
        name = str(step.get("name") or step.get("uses") or step.get("id"))
        if "run" not in step:
            if "if" in step:  # checkout and setup-python always run; report the others
                would_run = condition(step["if"], context, failed=failed)
                runs.append(StepRun(name, None, {}, "", "", "", would_run=would_run))
            continue
        if not condition(step.get("if"), context, failed=failed):
            runs.append(StepRun(name, None, {}, "", "", "", would_run=False))
            continue
        run = run_step(step, cwd=cwd, env=env, context=context, scratch=scratch, index=index)
        runs.append(run)
        failed = failed or (run.code != 0 and not step.get("continue-on-error"))
        if "id" in step:
            context[f"steps.{step['id']}.outcome"] = "success" if run.code == 0 else "failure"
            for key, value in run.outputs.items():
                context[f"steps.{step['id']}.outputs.{key}"] = value
    return runs


def runner_env(workspace: Path, python_bin: Path, temp: Path) -> dict[str, str]:
    """The environment a GitHub-hosted runner gives every step, with qsync's Python first."""
    keep = {k: v for k, v in os.environ.items() if k in ("HOME", "LANG", "LC_ALL", "TMPDIR")}
    return {
        **keep,
        "PATH": f"{python_bin}{os.pathsep}{os.environ['PATH']}",
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(temp),
        "NO_COLOR": "1",
        # setup-python's runner can reach PyPI; this machine cannot, so pip installs offline
        # from the test environment's packages (see offline_python below).
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads "0" here as: do not isolate the build
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


def copy_worktree(target: Path) -> Path:
    """The repository as a fresh checkout would see it: tracked and unignored files, in git."""
    if shutil.which("git") is None:
        import pytest

        pytest.skip("git is not installed")
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the work tree, not yet committed
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            dest.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, dest)
    # actions/checkout leaves a git repository: qsync names its commit in merge-back provenance.
    identity = ["-c", "user.name=CI", "-c", "user.email=ci@example.invalid"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "checkout"]):
        subprocess.run(["git", *identity, *args], cwd=target, check=True, capture_output=True)
    return target


def offline_python(target: Path, packages: Path) -> Path:
    """A fresh virtualenv (what setup-python gives) that sees the test environment's packages.

    Its site-packages holds one .pth line naming ``packages``: a folder of links to everything
    installed here except qsync itself, so `pip install .` must really build and install qsync
    while its dependencies are already satisfied without a network.
    """
    venv.EnvBuilder(with_pip=False).create(target)
    purelib = subprocess.run(
        [
            str(target / "bin" / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "qsync-test-packages.pth").write_text(f"{packages}\n")
    return target / "bin"


def package_links(target: Path) -> Path:
    """Links to every installed distribution of the test environment except qsync."""
    import sysconfig

    target.mkdir(parents=True, exist_ok=True)
    site = Path(sysconfig.get_paths()["purelib"])
    for entry in site.iterdir():
        name = entry.name
        if name.startswith(("qsync", "__editable__", "_qsync")) or name.endswith(".pth"):
            continue
        (target / name).symlink_to(entry)
    return target


def interpreter_version() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def run_job(
    workflow: Mapping[str, Any],
    job: str,
    *,
    repo: Path,
    python_bin: Path,
    temp: Path,
    context: Mapping[str, str] = {},
    only: set[str] | None = None,
) -> list[StepRun]:
    """One job of a workflow on a checkout at ``repo``; ``only`` picks steps by name."""
    steps = workflow["jobs"][job]["steps"]
    if only is not None:
        steps = [s for s in steps if s.get("name") in only]
    env = {**runner_env(repo, python_bin, temp), **(workflow.get("env") or {})}
    scratch = temp / f"job-{job}-{len(list(temp.glob(f'job-{job}-*')))}"
    scratch.mkdir()
    values = {"runner.temp": str(temp), **context}
    return run_steps(steps, cwd=repo, env=env, context=values, scratch=scratch)
