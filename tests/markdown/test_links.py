from qsync.markdown.blocks import parse_tokens
from qsync.markdown.links import locate_links
from qsync.markdown.text import iter_links


def links_of(text: str, first_line: int = 1, indent: int = 0):
    return locate_links(iter_links(parse_tokens(text)), text, first_line, indent)


def test_inline_link_position_is_its_opening_bracket():
    (link,) = links_of("See [the guide](../guide.md#top) now.")
    assert (link.text, link.target, link.line, link.col, link.end_col) == (
        "the guide",
        "../guide.md#top",
        1,
        5,
        33,
    )


def test_links_in_code_are_not_links():
    assert links_of("Use `[x](y.md)` literally.\n\n```\n[a](b.md)\n```\n") == ()


def test_autolink_image_and_second_line():
    text = "Text <https://example.org/a> and\n![logo](img/logo.png) here"
    auto, image = links_of(text, first_line=10, indent=4)
    assert (auto.target, auto.line, auto.col) == ("https://example.org/a", 10, 10)
    assert (image.target, image.image, image.line, image.col) == ("img/logo.png", True, 11, 5)


def test_same_target_twice_gets_two_positions():
    first, second = links_of("[a](x.md) and [b](x.md)")
    assert (first.col, second.col) == (1, 15)


def test_reference_link_points_at_its_use_not_its_definition():
    (link,) = links_of("Read [the docs][d].\n\n[d]: https://example.org/docs\n")
    assert (link.target, link.line, link.col) == ("https://example.org/docs", 1, 6)


def test_empty_targets_are_found_where_they_are_written():
    first, second = links_of("[x]() and [x]()")
    assert (first.target, first.col, first.end_col) == ("", 1, 6)
    assert (second.col, second.end_col) == (11, 16)


def test_a_reference_definition_line_does_not_loop():
    (link,) = links_of("[a](b.md)\n\n[b.md]: b.md\n")
    assert link.col == 1
