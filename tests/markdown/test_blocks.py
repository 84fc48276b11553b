import itertools

from qsync.markdown.blocks import parse_blocks

TEXT = """# Title

Intro paragraph
over two lines.

- one
- two

```python
# not a heading
```

---
## Next
"""


def test_every_block_knows_its_lines():
    lines = TEXT.split("\n")
    found = [(b.type, b.start + 1, b.end) for b in parse_blocks(TEXT) if b.type != "blank_line"]
    assert found == [
        ("heading", 1, 1),
        ("paragraph", 3, 4),
        ("list", 6, 7),
        ("block_code", 9, 11),
        ("thematic_break", 13, 13),
        ("heading", 14, 14),
    ]
    assert (lines[5], lines[8], lines[12]) == ("- one", "```python", "---")


def test_blocks_are_in_order_and_only_blank_lines_fall_between():
    lines = TEXT.split("\n")
    blocks = parse_blocks(TEXT)
    assert blocks[0].start == 0
    for before, after in itertools.pairwise(blocks):
        assert before.end <= after.start
        assert all(not line.strip() for line in lines[before.end : after.start])


def test_list_right_after_heading_starts_on_its_own_line():
    blocks = [b for b in parse_blocks("## Contents\n1. [A](#a)\n2. [B](#b)\n") if b.type == "list"]
    assert [(b.start, b.end) for b in blocks] == [(1, 3)]


def test_empty_text_has_no_blocks():
    assert parse_blocks("") == []
