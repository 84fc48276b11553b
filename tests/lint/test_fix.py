"""--fix: each fix does what it says, touches nothing else, and a second pass changes nothing."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from qsync.dialects import parse_file, render
from qsync.errors import InputError
from qsync.lint.engine import fix_text
from qsync.markdown.source import read_markdown
from qsync.results.lint import Edit
from tests.lint.helpers import SITE, UPSTREAM, lint, plain_config, site_config


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [d for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---"))]


def _fix_twice(config_of: object, page: Path, code: str) -> tuple[str, str]:
    before = page.read_text(encoding="utf-8")
    first = lint(config_of(), page, select=(code,), fix=True)  # type: ignore[operator]
    once = page.read_bytes()
    assert first.fixed == (first.files[0],)
    assert not any(f.fix for f in first.findings)  # what could be fixed was
    second = lint(config_of(), page, select=(code,), fix=True)  # type: ignore[operator]
    assert second.fixed == () and page.read_bytes() == once  # idempotent
    assert render(parse_file(page)).encode("utf-8") == once  # and it round-trips
    return before, once.decode("utf-8")


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    shutil.copytree(SITE, tmp_path / "site")
    return tmp_path / "site"


def test_question_form_fix_adds_the_prefix(site_copy: Path) -> None:
    from qsync.config import load_config

    page = site_copy / "docs" / "rules" / "qs104-fires.md"
    before, after = _fix_twice(lambda: load_config(site_copy / "qsync.toml"), page, "QS104")
    assert _changed_lines(before, after) == [
        '-??? question "Why keep knives sharp?"',
        '+??? question "Q: Why keep knives sharp?"',
    ]


def test_unlinked_title_fix_links_the_page(site_copy: Path) -> None:
    from qsync.config import load_config

    page = site_copy / "docs" / "rules" / "qs207-fires.md"
    before, after = _fix_twice(lambda: load_config(site_copy / "qsync.toml"), page, "QS207")
    assert _changed_lines(before, after) == [
        "-    In a block. See Knife Handling for the details.",
        "+    In a block. See [Knife Handling](../kitchen/knives.md) for the details.",
        "-See also the Kitchen Safety Overview before you start.",
        "+See also the [Kitchen Safety Overview](../kitchen/index.md) before you start.",
    ]


def test_numbering_fix_renumbers_by_position(tmp_path: Path) -> None:
    page = tmp_path / "kitchen.md"
    shutil.copy(UPSTREAM / "qs109-fires.md", page)
    before, after = _fix_twice(lambda: plain_config(tmp_path), page, "QS109")
    assert _changed_lines(before, after) == [
        "-**3. Where do knives go?**",
        "+**2. Where do knives go?**",
        "-### Scenario 1: A pan catches fire",
        "+### Scenario 2: A pan catches fire",
    ]


def test_toc_fix_regenerates_the_list_keeping_link_texts(tmp_path: Path) -> None:
    page = tmp_path / "kitchen.md"
    shutil.copy(UPSTREAM / "qs110-fires.md", page)
    before, after = _fix_twice(lambda: plain_config(tmp_path), page, "QS110")
    assert _changed_lines(before, after) == [
        "-2. [Heat & Fire](#heat-fire)",
        "-3. [Pantry](#pantry)",
        "-4. [Scenario-Based Questions](#scenario-based-questions)",
        "+2. [Heat & Fire](#heat--fire)",
        "+3. [Scenario-Based Questions](#scenario-based-questions)",
        "+    2. [Scenario 2: A pan catches fire — at night](#scenario-2-a-pan-catches-fire--at-night)",
    ]
    assert lint(plain_config(tmp_path), page, select=("QS202",)).findings == ()


def test_fixes_keep_crlf_line_endings(tmp_path: Path) -> None:
    page = tmp_path / "kitchen.md"
    page.write_bytes((UPSTREAM / "qs109-fires.md").read_bytes().replace(b"\n", b"\r\n"))
    lint(plain_config(tmp_path), page, select=("QS109",), fix=True)
    data = page.read_bytes()
    assert b"**2. Where do knives go?**\r\n" in data
    assert data.count(b"\r\n") == data.count(b"\n")


def test_a_fix_that_would_change_a_question_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "kitchen.md"
    shutil.copy(UPSTREAM / "qs109-passes.md", page)
    source, _ = read_markdown(page)
    parsed = parse_file(page)
    # Eating the bold of "**2. What puts out an oil fire?**" (line 11) unmakes a question.
    with pytest.raises(InputError, match="refusing to write the fix: it would change the number"):
        fix_text(source, parsed, [Edit(11, 1, 11, 3, "")])
    # An edit inside question 1's answer (line 7) may change that answer, and only that.
    _, fixed = fix_text(source, parsed, [Edit(7, 1, 7, 2, "a")])
    assert fixed.questions[0].answer == "a dull knife slips."
    assert fixed.questions[1:] == parsed.questions[1:]


def test_fix_without_fixable_findings_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "kitchen.md"
    shutil.copy(UPSTREAM / "qs109-passes.md", page)
    stamp = page.stat().st_mtime_ns
    result = lint(plain_config(tmp_path), page, fix=True)
    assert result.fixed == () and page.stat().st_mtime_ns == stamp


def test_site_fixture_config_is_the_one_used(site_copy: Path) -> None:
    assert site_config().site.base_url == "https://kitchen.test/"
