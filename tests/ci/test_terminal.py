"""What qsync shows a person: --quiet, --verbose, colour, and progress on a real terminal."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONTENT_PAGE, FIXTURES
from tests.fakegithub import FakeGitHub
from tests.fakegithub import fixtures as fake_fixtures
from tests.fakegithub.fixtures import CANARY_TOKEN
from tests.sync.github_world import make_world

QSYNC = str(Path(sys.executable).with_name("qsync"))
SITE_PAGE = FIXTURES / "site" / "kitchen-security.md"
ESC = "\x1b["
_fake_github = fake_fixtures.fake_github  # the fixture, by its own name: fake_github


def run_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Run qsync with stderr on a pseudo-terminal: (exit code, stdout, what the terminal got)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [QSYNC, *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=follower
    )
    os.close(follower)
    screen = bytearray()
    while True:  # read until the child closes the terminal (EIO on Linux, b"" elsewhere)
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    assert process.stdout is not None
    stdout = process.stdout.read().decode()
    process.stdout.close()
    os.close(leader)
    return process.wait(timeout=60), stdout, screen.decode(errors="replace")


def terminal_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI", "FORCE_COLOR")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "120", **extra}


@pytest.fixture
def site_page(tmp_path: Path) -> Path:
    """The kitchen fixture page in a folder of its own, with a qsync.toml beside it."""
    if not SITE_PAGE.is_file():
        pytest.skip(f"fixture {SITE_PAGE.name} is missing")
    page = tmp_path / SITE_PAGE.name
    shutil.copyfile(SITE_PAGE, page)
    (tmp_path / "qsync.toml").write_text('[site]\ndocs_dir = "."\n')
    return page


# -- --quiet and --verbose through every command -----------------------------------------------


def test_parse_summary_is_dropped_by_quiet_and_verbose_names_the_dialect(
    tmp_path: Path, run_cli: Any
) -> None:
    out = tmp_path / "page.json"
    code, _, err = run_cli("parse", str(CONTENT_PAGE), "-o", str(out))
    assert code == 0 and "site dialect, 3 sections" in err
    code, _, err = run_cli("--quiet", "parse", str(CONTENT_PAGE), "-o", str(out))
    assert code == 0 and err == ""
    code, _, err = run_cli("--verbose", "parse", str(CONTENT_PAGE), "-o", str(out))
    assert code == 0
    assert f"qsync: {CONTENT_PAGE}: site dialect (detected)\n" in err
    code, _, err = run_cli("-v", "parse", "--dialect", "upstream", str(CONTENT_PAGE))
    assert "upstream dialect (as given by --dialect)" in err


def test_render_and_validate_say_what_they_read_only_when_verbose(
    tmp_path: Path, run_cli: Any
) -> None:
    out = tmp_path / "page.json"
    run_cli("parse", str(CONTENT_PAGE), "-o", str(out))
    code, markdown, err = run_cli("-v", "render", str(out), "--dialect", "upstream")
    assert code == 0 and markdown.startswith("# ")
    assert err.startswith(f"qsync: {out}: rendering ") and "in the upstream dialect" in err
    code, result, err = run_cli("-q", "validate", str(out))
    assert code == 0 and result == f"{out}: valid (qsync.page/1)\n" and err == ""
    code, _, err = run_cli("-v", "validate", str(out))
    assert err == f"qsync: {out}: checking 1 document(s) against their schemas\n"


def test_lint_quiet_keeps_the_findings_and_verbose_lists_rules_and_files(
    site_page: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site_page.parent)
    code, findings, err = run_cli("lint", site_page.name)
    assert code == 1 and "QS201" in findings and err == ""
    assert run_cli("--quiet", "lint", site_page.name) == (code, findings, "")
    code, report, err = run_cli("-v", "lint", "-o", "lint.txt", site_page.name)
    lines = err.splitlines()
    assert lines[0].startswith("qsync: ") and " rules selected: QS101, " in lines[0]
    assert lines[1].startswith(f"qsync: linted {site_page.name}: ")
    assert lines[2].startswith("lint.txt: ") and " in 1 file" in lines[2]  # the summary
    assert report == ""
    _, _, err = run_cli("-q", "lint", "-o", "lint.txt", site_page.name)
    assert err == ""


@pytest.mark.corpus
def test_diff_verbose_names_the_upstream_commit_and_quiet_prints_only_the_report(
    tmp_path: Path, corpus: Path, run_cli: Any
) -> None:
    from tests.sync.test_cli_sync import content_config

    options = content_config(tmp_path, corpus, "d922c63")
    code, report, err = run_cli("diff", *options)
    assert code == 0 and err == ""
    assert run_cli("-q", "diff", *options) == (0, report, "")
    code, verbose_report, err = run_cli("-v", "diff", *options)
    assert verbose_report == report
    page = "interview-questions/ai-security-interview-questions.md"
    assert f"{page}: read upstream\n" in err
    assert f"{page}: diff\n" in err
    assert "ai-security-interview-questions.md at d922c63 = d922c63" in err
    assert all(line.startswith("qsync: ") for line in err.splitlines())


def test_sync_quiet_prints_only_the_outcome_and_verbose_every_request(
    tmp_path: Path, fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, run_cli: Any
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", CANARY_TOKEN)
    make_world(tmp_path, fake_github)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("--verbose", "sync")
    assert code == 0
    said = err.splitlines()
    assert all(line.startswith("qsync: ") for line in said)
    page = "docs/interview-questions/pantry-security-interview-questions.md"
    for step in ("read upstream", "plan", "find pull request", "fork", "branch", "commit"):
        assert any(line.startswith(f"qsync: {page}: {step}") for line in said), step
    assert "qsync: GET /repos/pantry-org/pantry-questions/commits/main → 200" in said
    assert any(
        line.startswith("qsync: POST /repos/pantry-org/pantry-questions/pulls → 201")
        for line in said
    )
    assert said[-1].endswith(" answered from the cache")
    assert "opened https://github.com/pantry-org/pantry-questions/pull/1" in out
    assert CANARY_TOKEN not in out + err

    code, out, err = run_cli("--quiet", "sync")
    assert code == 0 and err == ""
    [line] = out.splitlines()  # the outcome, without the plan summary
    assert line.startswith(f"{page}: up to date: https://github.com/")


# -- progress and colour on a real terminal ------------------------------------------------------


def test_sync_shows_its_steps_on_a_terminal_and_nothing_elsewhere(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    make_world(tmp_path, fake_github)
    env = terminal_env(GITHUB_TOKEN=CANARY_TOKEN)
    code, out, screen = run_on_terminal(["sync"], tmp_path, env)
    assert code == 0, screen
    assert "pantry-security-interview-questions.md" in screen
    for step in ("find pull request", "fork", "branch", "commit", "pull request"):
        assert step in screen, step
    assert ESC in screen  # drawn, then erased
    assert "opened https://github.com/pantry-org/pantry-questions/pull/1" in out
    assert ESC not in out  # the result on stdout is plain text
    assert CANARY_TOKEN not in out + screen

    code, out, screen = run_on_terminal(["--quiet", "sync"], tmp_path, env)
    assert code == 0 and screen == ""
    assert "up to date" in out

    code, _, screen = run_on_terminal(["--verbose", "sync"], tmp_path, env)
    assert code == 0
    lines = screen.splitlines()
    assert lines and all(line.startswith("qsync: ") for line in lines)  # said, not drawn
    assert ESC not in screen

    piped = subprocess.run([QSYNC, "sync"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == ""


def test_lint_colours_only_a_terminal_and_never_with_no_color(site_page: Path) -> None:
    env = terminal_env()
    args = ["lint", site_page.name]
    with_tty = _stdout_on_terminal(args, site_page.parent, env)
    assert ESC in with_tty
    assert ESC not in _stdout_on_terminal(args, site_page.parent, {**env, "NO_COLOR": "1"})
    piped = subprocess.run(
        [QSYNC, *args], cwd=site_page.parent, env=env, capture_output=True, text=True
    )
    assert ESC not in piped.stdout and piped.stdout.strip()


def _stdout_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """The lint report as a terminal shows it: stdout and stderr both on a pseudo-terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([QSYNC, *args], cwd=cwd, env=env, stdout=follower, stderr=follower)
    os.close(follower)
    screen = bytearray()
    while select.select([leader], [], [], 60)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    process.wait(timeout=60)
    return screen.decode(errors="replace")


def test_diff_shows_each_page_read_on_a_terminal(tmp_path: Path, fake_github: FakeGitHub) -> None:
    make_world(tmp_path, fake_github)
    env = terminal_env()
    code, report, screen = run_on_terminal(["diff"], tmp_path, env)
    assert code == 0, screen
    assert "pantry-security-interview-questions.md" in screen and "read upstream" in screen
    assert ESC not in report and "pantry-security-interview-questions.md" in report
    assert run_on_terminal(["-q", "diff"], tmp_path, env) == (0, report, "")


def test_online_link_checks_show_a_bar_on_a_terminal_unless_quiet(tmp_path: Path) -> None:
    from tests.lint.online.servers import serve
    from tests.lint.online.test_cli import write_site

    env = terminal_env()
    with serve() as (server,):
        write_site(tmp_path, server)
        code, findings, screen = run_on_terminal(["lint", "--online", "docs"], tmp_path, env)
        assert code == 1 and "QS210" in findings
        assert "checking links" in screen
        code, quiet_findings, screen = run_on_terminal(
            ["--quiet", "lint", "--online", "docs"], tmp_path, env
        )
    assert code == 1 and screen == ""
    assert quiet_findings == findings
