import json

import pytest

from qsync.dialects import parse_bytes, render
from qsync.dialects.common import render_question
from qsync.dialects.convert import render_as
from qsync.model import page_from_dict, page_to_dict
from qsync.schema import schema_errors
from tests.conftest import CONTENT_PAGE, FIXTURES

OWN = [*sorted(FIXTURES.rglob("*.md")), CONTENT_PAGE]


def assert_round_trip(data: bytes, name: str) -> None:
    page = parse_bytes(data, name)
    assert render(page).encode("utf-8") == data
    document = json.loads(json.dumps(page_to_dict(page)))
    assert schema_errors(document) == []
    assert render(page_from_dict(document)).encode("utf-8") == data
    text = data.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    for q in page.questions:
        if q.kind != "prompt":
            assert q.span.slice(text) == render_question(q).rstrip("\n"), q.text


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.name)
def test_own_fixtures_round_trip(path):
    assert_round_trip(path.read_bytes(), str(path))


@pytest.mark.parametrize(
    "variant",
    [
        lambda b: b.replace(b"\n", b"\r\n"),
        lambda b: b"\xef\xbb\xbf" + b,
        lambda b: b.rstrip(b"\n"),
        lambda b: b.replace(b"\n", b"\r\n", 3),
        lambda b: b.replace(b"    ", b"\t"),
        lambda b: b + b"\n\n\n",
    ],
    ids=["crlf", "bom", "no-final-newline", "mixed-endings", "tabs", "trailing-blank-lines"],
)
@pytest.mark.parametrize("path", OWN, ids=lambda p: p.name)
def test_variants_round_trip(path, variant):
    assert_round_trip(variant(path.read_bytes()), str(path))


def test_other_dialect_rendering_reparses_to_the_same_questions():
    page = parse_bytes((FIXTURES / "site" / "kitchen-security.md").read_bytes(), "k.md")
    upstream = parse_bytes(render_as(page, "upstream").encode(), "u.md")
    wanted = [(q.text, q.answer) for q in page.questions if q.kind != "prompt"]
    assert upstream.source.dialect == "upstream"
    assert [(q.text, q.answer) for q in upstream.questions] == wanted
    assert [q.number for q in upstream.questions] == [1, 2, 3]
    back = parse_bytes(render_as(upstream, "site").encode(), "s.md")
    assert [(q.text, q.answer) for q in back.questions] == wanted
