"""``qsync lint --online`` end to end: a page in a folder, its links served on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.lint.online.servers import Server, closed_port, serve

PAGE = "docs/kitchen-interview-questions.md"
OPT_IN = '[site]\ndocs_dir = "docs"\n\n[lint.online]\nallow_hosts = ["127.0.0.1"]\nretries = 0\n'


@pytest.fixture
def server() -> Iterator[Server]:
    with serve() as (one,):
        yield one


def write_site(folder: Path, server: Server, config: str = OPT_IN) -> Path:
    (folder / "qsync.toml").write_text(config, encoding="utf-8")
    page = folder / PAGE
    page.parent.mkdir()
    page.write_text(
        "# Kitchen Security Interview Questions\n"
        "\n"
        "Questions for whoever runs a shared kitchen.\n"
        "\n"
        "## Knives\n"
        "\n"
        '??? question "Q: Where should knives be kept?"\n'
        "\n"
        f"    In a [block]({server.url('/ok')}); the [old advice]({server.url('/404')}) said a drawer.\n"
        "\n"
        '??? question "Q: Who may sharpen them?"\n'
        "\n"
        f"    The [chef]({server.url('/301')}), after the [course]({server.url('/302')}).\n"
        f"    The [school]({server.url('/410')}) closed; so did [its shop](http://127.0.0.1:{closed_port()}/).\n",
        encoding="utf-8",
    )
    return page


def findings(stdout: str) -> dict[str, tuple[str, str]]:
    """URL path → (rule, severity) from a JSON lint report."""
    report: dict[str, Any] = json.loads(stdout)
    out = {}
    for f in report["findings"]:
        url = f["message"].split()[0].rstrip(":")
        out[url.split("/", 3)[3]] = (f["code"], f["severity"])
    return out


def test_dead_and_redirected_links_are_reported_at_their_place(
    run_cli: Any, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("lint", "--online", "--format", "json", "docs")
    assert code == 1
    assert findings(out) == {
        "404": ("QS210", "error"),
        "410": ("QS210", "error"),
        "": ("QS210", "error"),  # the closed port
        "301": ("QS211", "warning"),
        "302": ("QS211", "info"),
    }
    code, out, _ = run_cli("lint", "--online", "docs")
    assert code == 1
    line = next(x for x in out.splitlines() if "/404" in x)
    assert line.startswith(f"{PAGE}:9:")
    assert "QS210" in line and "404 Not Found" in line


def test_offline_lint_sends_no_request(
    run_cli: Any, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("lint", "docs")
    assert (code, server.meter.total) == (0, 0)
    assert "QS210" not in out


def test_a_rerun_is_answered_from_the_cache(
    run_cli: Any, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    first = run_cli("lint", "--online", "--format", "json", "docs")
    asked = server.meter.total
    second = run_cli("lint", "--online", "--format", "json", "docs")
    assert findings(second[1]) == findings(first[1])
    assert server.meter.total == asked  # nothing definitive was fetched again
    assert (tmp_path / ".qsync-cache" / "links.json").is_file()


def test_without_opt_in_local_links_are_refused_not_fetched(
    run_cli: Any, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path, server, config='[site]\ndocs_dir = "docs"\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("lint", "--online", "docs")
    assert server.meter.total == 0
    assert code == 0  # a refused address is a warning: the link may be fine
    assert out.count("loopback address 127.0.0.1") == 6
    assert "allow_private or allow_hosts" in out


def test_fix_replaces_a_permanently_redirected_url(
    run_cli: Any, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = write_site(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    run_cli("lint", "--online", "--fix", "docs")
    text = page.read_text(encoding="utf-8")
    assert f"The [chef]({server.url('/ok')})" in text
    assert server.url("/302") in text  # a temporary redirect is left alone
    code, out, _ = run_cli("lint", "--online", "--format", "json", "docs")
    assert code == 1  # the dead links remain
    assert "301" not in findings(out)
