"""A site question written for upstream: unwrapped, links absolute, MkDocs syntax converted."""

from __future__ import annotations

import pytest

from qsync.dialects import parse_text
from qsync.dialects.common import render_question
from qsync.dialects.upstream import parse_upstream
from qsync.markdown.source import normalise
from qsync.model import Page
from qsync.sync.transform import HeldBackError, to_upstream
from qsync.sync.urls import SiteUrls

URLS = SiteUrls("https://pantry.example/")
PAGE = "interview-questions/pantry.md"


def site_question(answer: str, text: str = "What is it?") -> Page:
    body = "\n".join("    " + line if line else "" for line in answer.split("\n"))
    return parse_text(f'# T\n\n## S\n\n??? question "Q: {text}"\n{body}\n', "p.md", "site")


def upstream_markdown(answer: str, text: str = "What is it?") -> str:
    page = site_question(answer, text)
    return render_question(to_upstream(page.questions[0], PAGE, URLS).question)


def test_the_wrapper_and_its_indentation_are_gone(pantry_site: Page) -> None:
    converted = to_upstream(pantry_site.questions[0], PAGE, URLS)
    assert render_question(converted.question) == (
        "**1. How do you keep dry goods away from pests?**\n"
        "\n"
        "Seal everything in airtight tins and rotate stock: first in, first out.\n"
        "\n"
        "See [Stock Rotation](https://pantry.example/pantry/stock-rotation/#first-in-first-out)"
        " and the [labelling rules](https://pantry.example/interview-questions/labels/).\n"
    )
    assert converted.notes == ()


def test_links_are_found_by_parsing_so_code_keeps_its_text() -> None:
    answer = "Use `[x](y.md)` literally, then read [the guide](../guide.md) and ![a map](map.png).\n\n[ref]: ../ref.md\n\nSee [ref]."
    assert upstream_markdown(answer).split("\n")[2:7] == [
        "Use `[x](y.md)` literally, then read [the guide](https://pantry.example/guide/)"
        " and ![a map](https://pantry.example/interview-questions/map.png).",
        "",
        "[ref]: https://pantry.example/ref/",
        "",
        "See [ref].",
    ]


def test_mkdocs_only_syntax_is_converted(pantry_site: Page) -> None:
    converted = to_upstream(pantry_site.questions[1], PAGE, URLS)
    assert converted.question.answer == (
        "The contents, the date it was opened and who opened it.\n"
        "\n"
        "> **Allergens**\n"
        ">\n"
        "> Flag nuts and gluten in **red**.\n"
        "\n"
        "**Dry store**\n"
        "\n"
        "Use the white labels.\n"
        "\n"
        "**Cold store**\n"
        "\n"
        "Use the blue labels.\n"
        "\n"
        "[Print labels](https://pantry.example/tools/labels/) today."
    )
    assert converted.notes == (
        "admonition '!!! warning' → blockquote",
        "content tab → bold title",
        "attribute list removed",
        "icon shortcode removed",
    )


def test_a_collapsible_admonition_without_title_is_titled_by_its_type() -> None:
    assert upstream_markdown("Intro.\n\n??? example\n    Nested body.").endswith(
        "Intro.\n\n> **Example**\n>\n> Nested body.\n"
    )


def test_mermaid_fences_stay_as_they_are() -> None:
    answer = "Flow:\n\n```mermaid\nflowchart LR\n    A --> B\n```"
    assert upstream_markdown(answer).endswith(answer + "\n")


@pytest.mark.parametrize(
    ("index", "reason"),
    [
        (3, "uses a snippet include (--8<--), which GitHub cannot render"),
        (4, "link '../../../outside.md' points outside the site's docs_dir"),
    ],
)
def test_questions_that_cannot_go_upstream_are_held_back(
    pantry_site: Page, index: int, reason: str
) -> None:
    with pytest.raises(HeldBackError) as caught:
        to_upstream(pantry_site.questions[index], PAGE, URLS)
    assert str(caught.value) == reason


def test_untrusted_structure_is_neutralised(pantry_site: Page) -> None:
    """Issue #7: a rule, a heading, a fake question head or a comment cannot break upstream."""
    converted = to_upstream(pantry_site.questions[2], PAGE, URLS)
    rendered = render_question(converted.question)
    assert rendered.split("\n")[2:12] == [
        "Count, compare with the sheet, and investigate any gap.",
        "\\## Step two",
        "\\---",
        "**12\\. This is not a question**",
        "&lt;!-- a comment that never closes",
        "Compare with `Q9` in code and `---` in code:",
        "",
        "```text",
        "---",  # inside a fence: left alone
        "## inside a fence",
    ]
    page = parse_upstream(normalise("# T\n\n## S\n\n" + rendered, ""), "u.md")
    assert len(page.questions) == 1 and page.questions[0].number == 1
    assert [h.text for h in page.headings] == ["T", "S"]
    assert "qsync directive comment removed" in converted.notes


@pytest.mark.parametrize(
    "answer",
    ["Intro\n===", "Intro\n\n***", "# Top", "### Scenario 1: injected", "- a\n\n___"],
)
def test_every_kind_of_structural_line_is_escaped(answer: str) -> None:
    text = "# T\n\n## S\n\n" + upstream_markdown(answer)
    page = parse_upstream(normalise(text, ""), "u.md")
    assert [(q.kind, q.number) for q in page.questions] == [("question", 1)]
    assert [h.text for h in page.headings] == ["T", "S"]


def test_question_text_cannot_close_its_bold_or_a_comment() -> None:
    head = upstream_markdown("Answer.", text="Is **bold** <!-- sneaky --> ok?").split("\n")[0]
    assert head == "**1. Is \\*\\*bold\\*\\* &lt;!-- sneaky --&gt; ok?**"
