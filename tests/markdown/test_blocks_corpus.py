"""Block positions checked against what each block's first line must look like, on real files."""

import re
from pathlib import Path

import pytest

from qsync.markdown.blocks import parse_blocks
from tests.conftest import FIXTURES

FIRST_LINE = {
    "heading": re.compile(r"^ {0,3}#{1,6}(\s|$)|^\S"),
    "thematic_break": re.compile(r"^ {0,3}([-*_])( *\1){2,} *$"),
    "list": re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)"),
    "block_quote": re.compile(r"^ {0,3}>"),
    "table": re.compile(r"\|"),
    "paragraph": re.compile(r"\S"),
}


def check_file(text: str) -> None:
    if text and not text.endswith("\n"):
        text += "\n"
    lines = text.split("\n")
    for block in parse_blocks(text):
        first = lines[block.start]
        pattern = FIRST_LINE.get(block.type)
        if pattern is not None:
            assert pattern.search(first), (block.type, block.start + 1, first)
        if block.type == "blank_line":
            assert not first.strip()
        if block.type == "block_code" and block.token.get("style") == "fenced":
            assert first.lstrip().startswith(("```", "~~~")), (block.start + 1, first)
        if block.type != "blank_line":
            assert lines[block.end - 1].strip(), (block.type, block.end)


def test_own_fixtures():
    for path in FIXTURES.rglob("*.md"):
        check_file(path.read_text())


@pytest.mark.corpus
def test_corpus_blocks_start_where_they_say(corpus: Path, upstream_repo: Path):
    files = sorted((corpus / "site" / "docs").rglob("*.md")) + sorted(upstream_repo.glob("*.md"))
    for path in files:
        check_file(path.read_text(encoding="utf-8"))
