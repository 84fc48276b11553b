"""--online --fix: a permanently redirected link is rewritten to where it leads, in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.lint.online.servers import serve


def test_permanent_redirects_are_fixed_and_the_rest_reported(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "qsync.toml").write_text(
        '[site]\ndocs_dir = "docs"\n\n[lint.online]\nallow_hosts = ["127.0.0.1"]\n'
        "retries = 0\ncache_ttl = 0\n",
        encoding="utf-8",
    )
    page = tmp_path / "docs" / "knives.md"
    page.parent.mkdir()
    with serve() as (server,):
        moved, gone, kept = server.url("/301"), server.url("/404"), server.url("/302")
        page.write_text(
            "# Knives\n\n## Storage\n\n"
            f"A [block]({moved}) and a [strip]({kept}); the [old shop]({gone}) closed.\n"
            f"<!-- qsync-disable-next-line QS211 -->\nThe [moved guide]({moved}) stays as written.\n",
            encoding="utf-8",
        )
        monkeypatch.chdir(tmp_path)
        code, out, _ = run_cli("lint", "--online", "--fix", "docs")
        text = page.read_text(encoding="utf-8")
    assert code == 1  # the 404 is still an error
    assert f"A [block]({server.url('/ok')}) and a [strip]({kept})" in text
    assert f"The [moved guide]({moved}) stays as written." in text
    assert [line.split(": ", 1)[1].split()[0] for line in out.splitlines()[:-1]] == [
        "QS211",
        "QS210",
    ]
    assert out.splitlines()[-1].endswith("fixed 1 file")
