"""qsync parse / render / validate through the real command line."""

import json
from pathlib import Path

import pytest

from tests.conftest import CONTENT_PAGE, FIXTURES


def test_parse_content_page_emits_valid_json(run_cli, tmp_path: Path):
    out = tmp_path / "page.json"
    code, stdout, stderr = run_cli("parse", str(CONTENT_PAGE), "-o", str(out))
    assert code == 0, stderr
    assert stdout == ""
    assert "site dialect, 3 sections, 8 questions, 0 warnings" in stderr
    document = json.loads(out.read_text())
    assert document["schema"] == "qsync.page/1"
    assert len(document["sections"]) == 3
    code, stdout, _ = run_cli("validate", str(out))
    assert code == 0 and "valid (qsync.page/1)" in stdout


def test_parse_to_stdout_and_render_back_byte_for_byte(run_cli, tmp_path: Path):
    code, stdout, _ = run_cli("parse", str(CONTENT_PAGE))
    assert code == 0
    page_json = tmp_path / "page.json"
    page_json.write_text(stdout)
    out = tmp_path / "page.md"
    code, _, stderr = run_cli("render", str(page_json), "-o", str(out))
    assert code == 0, stderr
    assert out.read_bytes() == CONTENT_PAGE.read_bytes()


def test_render_in_the_other_dialect(run_cli, tmp_path: Path):
    page_json = tmp_path / "page.json"
    run_cli("parse", str(CONTENT_PAGE), "-o", str(page_json))
    code, stdout, _ = run_cli("render", str(page_json), "--dialect", "upstream")
    assert code == 0
    assert "**1. What's the difference between data-level" in stdout
    assert "## Table of Contents" in stdout


def test_parse_several_pages_and_a_folder(run_cli):
    code, stdout, _ = run_cli(
        "parse", str(FIXTURES / "site"), str(FIXTURES / "upstream" / "kitchen-security.md")
    )
    assert code == 0
    documents = json.loads(stdout)
    assert [d["source"]["dialect"] for d in documents] == ["site", "upstream"]


def test_forced_dialect(run_cli):
    code, stdout, _ = run_cli(
        "parse", "--dialect", "upstream", str(FIXTURES / "site" / "kitchen-security.md")
    )
    assert code == 0
    assert json.loads(stdout)["source"]["dialect"] == "upstream"
    code, _, stderr = run_cli("parse", "--dialect", "mkdocs", str(CONTENT_PAGE))
    assert code == 2 and "unknown dialect 'mkdocs'" in stderr


def test_validate_reports_schema_violations_with_json_paths(run_cli, tmp_path: Path):
    _, stdout, _ = run_cli("parse", str(CONTENT_PAGE))
    document = json.loads(stdout)
    document["sections"][1]["questions"][0]["span"]["start_line"] = 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    code, stdout, _ = run_cli("validate", str(bad))
    assert code == 1
    assert "$.sections[1].questions[0].span.start_line" in stdout


def test_version(run_cli):
    code, stdout, _ = run_cli("--version")
    assert code == 0 and stdout.startswith("qsync ")


def one_error_line(stderr: str, code: int) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert code == 2, stderr
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(
    ("name", "data", "message", "line"),
    [
        ("binary.md", b"# Title\n\x00\x01\x02", "binary data", 2),
        ("latin1.md", b"# Title\n\nCaf\xe9\n", "invalid UTF-8", 3),
    ],
)
def test_unreadable_pages_fail_with_one_line(run_cli, tmp_path: Path, name, data, message, line):
    path = tmp_path / name
    path.write_bytes(data)
    code, _, stderr = run_cli("parse", str(path))
    error = one_error_line(stderr, code)
    assert f"{path}:{line}: " in error and message in error


def test_missing_path_and_directory(run_cli, tmp_path: Path):
    code, _, stderr = run_cli("parse", str(tmp_path / "nope.md"))
    assert "nope.md: no such file" in one_error_line(stderr, code)
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    code, _, stderr = run_cli("parse", str(empty))
    assert "folder holds no Markdown files" in one_error_line(stderr, code)


def test_invalid_json_names_its_line(run_cli, tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "schema": "qsync.page/1",\n  oops\n}\n')
    code, _, stderr = run_cli("render", str(bad))
    assert f"{bad}:3: invalid JSON" in one_error_line(stderr, code)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (b"", None),
        (b'# T\r\n\r\n## S\r\n\r\n??? question "Q: A?"\r\n    B.\r\n', None),
        (b'\xef\xbb\xbf# T\n\n## S\n\n??? question "Q: A?"\n    B.\n', None),
        (b'# T\n\n## S\n\n??? question "Q: A?"\n\tB with a tab.\n', "answer indented with a tab"),
        (b"# T\n\n## S\n\n```python\nunterminated = True\n", "code fence is never closed"),
        (b"# T\n\n## S\n\n??? question\n    B.\n", "has no quoted title"),
        (b'# T\n\n## S\n\n??? question "Q: A?"\n   three spaces\n', "answer indented 3 spaces"),
        (b'# T\n\n## S\n\n??? question "Q: A?"\n     five spaces\n', "answer indented 5 spaces"),
    ],
    ids=["empty", "crlf", "bom", "tab", "unterminated-fence", "no-title", "indent-3", "indent-5"],
)
def test_odd_pages_parse_cleanly_or_warn_with_a_position(run_cli, tmp_path: Path, text, expect):
    path = tmp_path / "page.md"
    path.write_bytes(text)
    code, stdout, stderr = run_cli("parse", "--dialect", "site", str(path))
    assert code == 0, stderr
    assert "Traceback" not in stderr
    json.loads(stdout)
    if expect is None:
        assert "warning" not in stderr
    else:
        warning = next(line for line in stderr.splitlines() if expect in line)
        assert warning.startswith(f"{path}:") and warning.split(":")[1].isdigit()
    out = tmp_path / "page.json"
    out.write_text(stdout)
    code, _, _ = run_cli("render", str(out), "-o", str(tmp_path / "back.md"))
    assert code == 0
    assert (tmp_path / "back.md").read_bytes() == text


def test_a_fifty_megabyte_page_is_refused_in_one_line(run_cli, tmp_path: Path):
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    out = tmp_path / "big.json"
    code, _, stderr = run_cli("parse", str(big), "-o", str(out))
    assert "big.md: page is 50.0 MiB, over the 16 MiB limit" in one_error_line(stderr, code)
    assert not out.exists()


def test_a_two_megabyte_page_parses(run_cli, tmp_path: Path):
    unit = (FIXTURES / "upstream" / "kitchen-security.md").read_bytes()
    big = tmp_path / "big.md"
    big.write_bytes(unit * (2 * 1024 * 1024 // len(unit) + 1))
    out = tmp_path / "big.json"
    code, _, stderr = run_cli("parse", str(big), "-o", str(out))
    assert code == 0, stderr
    assert json.loads(out.read_text())["schema"] == "qsync.page/1"
