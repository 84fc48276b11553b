"""Property tests: any text round-trips byte for byte, and generated pages parse as written."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qsync.dialects import parse_bytes, parse_text, render
from qsync.errors import QsyncError

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
markdownish = st.lists(
    st.sampled_from(
        [
            *list("ab ?*_`#>-+=|!\"'[]()<>:.1\t\r\n"),
            "???",
            "!!!",
            "    ",
            "```",
            "**1. ",
            "Q: ",
            "\n## ",
        ]
    ),
    max_size=200,
).map("".join)
words = (
    st.text(alphabet=st.sampled_from(list("abcdefghij klmnop")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)
answer_line = st.one_of(
    words,
    words.map(lambda w: f"- {w}"),
    words.map(lambda w: f"**{w}**"),
    words.map(lambda w: f"[{w}](../x/{w.replace(' ', '-')}.md)"),
)
answer = st.lists(st.one_of(answer_line, st.just("")), min_size=1, max_size=6).filter(
    lambda lines: lines[0] != "" and lines[-1] != ""
)


@SETTINGS
@given(text=markdownish, dialect=st.sampled_from(["site", "upstream", None]))
def test_any_text_round_trips_or_fails_cleanly(text: str, dialect):
    try:
        page = parse_text(text, dialect=dialect)
    except QsyncError:
        return
    assert render(page) == text


@SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes_parse_or_fail_with_qsync_error(data: bytes):
    try:
        page = parse_bytes(data, "fuzz.md")
    except QsyncError:
        return
    assert render(page).encode("utf-8") == data


@SETTINGS
@given(
    sections=st.lists(
        st.tuples(words, st.lists(st.tuples(words, answer), min_size=1, max_size=4)),
        min_size=1,
        max_size=4,
    )
)
def test_generated_site_pages_parse_as_written(sections):
    parts = ["# Generated\n"]
    for title, questions in sections:
        parts.append(f"\n## {title}\n")
        for text, lines in questions:
            body = "\n".join(f"    {line}" if line else "" for line in lines)
            parts.append(f'\n??? question "Q: {text}?"\n{body}\n')
    source = "".join(parts)
    page = parse_text(source, dialect="site")
    assert render(page) == source
    assert [q.text for q in page.questions] == [f"{t}?" for _, qs in sections for t, _ in qs]
    assert [q.answer for q in page.questions] == [
        "\n".join(lines) for _, qs in sections for _, lines in qs
    ]


@SETTINGS
@given(
    sections=st.lists(
        st.tuples(words, st.lists(st.tuples(words, answer), min_size=1, max_size=4)),
        min_size=1,
        max_size=4,
    )
)
def test_generated_upstream_pages_parse_as_written(sections):
    parts = ["# Generated\n"]
    number = 0
    for title, questions in sections:
        parts.append(f"\n---\n\n## {title}\n")
        for text, lines in questions:
            number += 1
            parts.append(f"\n**{number}. {text}?**\n\n" + "\n".join(lines) + "\n")
    source = "".join(parts)
    page = parse_text(source, dialect="upstream")
    assert render(page) == source
    assert [q.number for q in page.questions] == list(range(1, number + 1))
    assert [q.answer for q in page.questions] == [
        "\n".join(lines) for _, qs in sections for _, lines in qs
    ]
