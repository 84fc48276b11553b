"""Switching rules off and on: inline comments, [lint] in qsync.toml, command-line options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qsync.config import load_config
from qsync.errors import InputError
from tests.lint.helpers import found, lint, plain_config

PAGE = """\
# Kitchen

## Links

[Spoons](spoons.md)
<!-- qsync-disable-next-line QS201 -->
[Forks](forks.md)
<!-- qsync-disable broken-link -->
[Ladles](ladles.md) and [nothing](#nowhere)
<!-- qsync-enable -->
[Whisks](whisks.md) <!-- qsync-disable-line QS201 -->
<!-- qsync-disable -->
[Tongs](tongs.md#grip)
"""


def test_inline_comments_switch_rules_off_by_id_or_name(tmp_path: Path) -> None:
    page = tmp_path / "kitchen.md"
    page.write_text(PAGE, encoding="utf-8")
    result = lint(plain_config(tmp_path), page, select=("QS201", "QS202"))
    # line 5: reported; 7: next-line; 9: QS201 off by name, QS202 still on; 11: this line;
    # 13: everything off to the end of the file.
    assert found(result) == {(5, "QS201"), (9, "QS202")}


def _config(tmp_path: Path, lint_table: str) -> Any:
    (tmp_path / "qsync.toml").write_text(f"[lint]\n{lint_table}\n", encoding="utf-8")
    return load_config(tmp_path / "qsync.toml")


def _page(tmp_path: Path) -> Path:
    page = tmp_path / "kitchen.md"
    page.write_text(
        "# Kitchen\n\n## Links\n\n[Spoons](spoons.md) and [an old site](http://old.test/)\n\n"
        "#### Too deep\n\nText.\n",
        encoding="utf-8",
    )
    return page


def test_select_ignore_and_severity_come_from_qsync_toml(tmp_path: Path) -> None:
    page = _page(tmp_path)
    config = _config(
        tmp_path,
        'select = ["QS2", "heading-increment"]\nignore = ["QS206"]\n'
        'severity = { QS201 = "warning", heading-increment = "error" }',
    )
    result = lint(config, page)
    assert {(f.code, f.severity) for f in result.findings} == {
        ("QS201", "warning"),
        ("QS107", "error"),
    }
    assert {r.code for r in result.rules} == {
        "QS107", "QS201", "QS202", "QS203", "QS204", "QS205", "QS207",
    }  # fmt: skip


def test_command_line_select_replaces_the_configured_one(tmp_path: Path) -> None:
    config = _config(tmp_path, 'select = ["QS107"]')
    result = lint(config, _page(tmp_path), select=("insecure-http",))
    assert [f.code for f in result.findings] == []  # QS206 needs an https base_url
    (tmp_path / "qsync.toml").write_text(
        '[site]\nbase_url = "https://kitchen.test/"\n', encoding="utf-8"
    )
    result = lint(load_config(tmp_path / "qsync.toml"), _page(tmp_path), select=("insecure-http",))
    assert [f.code for f in result.findings] == ["QS206"]


def test_rule_options_reach_the_rule(tmp_path: Path) -> None:
    page = tmp_path / "kitchen.md"
    page.write_text(
        "# Kitchen\n\n## Knives\n\n**1. How do you store knives?**\n\nA block.\n\n"
        "**2. How would you store the knives?**\n\nA strip.\n",
        encoding="utf-8",
    )
    strict = _config(tmp_path, "[lint.options.QS103]\nthreshold = 70")
    assert [f.code for f in lint(strict, page, select=("QS103",)).findings] == ["QS103"]
    loose = _config(tmp_path, "[lint.options.near-duplicate-question]\nthreshold = 99")
    assert lint(loose, page, select=("QS103",)).findings == ()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('select = ["QS999"]', "unknown rule 'QS999'"),
        ('ignore = ["no-such-rule"]', "unknown rule 'no-such-rule'"),
        ('severity = { QS999 = "error" }', "QS999"),
        ("[lint.options.QS998]\nx = 1", "QS998"),
    ],
)
def test_unknown_rules_in_configuration_are_bad_input(
    tmp_path: Path, table: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        lint(_config(tmp_path, table), _page(tmp_path))


def test_a_bad_configuration_exits_2_with_one_line(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "qsync.toml").write_text('[lint]\nseverity = { QS201 = "fatal" }\n')
    _page(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("lint", "kitchen.md")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "qsync.toml" in err and "lint.severity" in err
