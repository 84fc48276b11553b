"""What a page's intro says about its upstream file, and whether that still holds."""

from __future__ import annotations

import pytest

from qsync.dialects import parse_text
from qsync.diff.claims import find_claim, upstream_state
from qsync.results.diff import UpstreamState

POPULATED = UpstreamState("populated", 30, 30)
STUB = UpstreamState("stub", 0, 0)


def site_with_intro(intro: str) -> str:
    return f'# Pantry\n\n{intro}\n\n## S\n\n??? question "Q: Why?"\n    Because.\n'


@pytest.mark.parametrize(
    ("intro", "says"),
    [
        ("The upstream file is still a stub, so these live here.", "stub"),
        ("The AI file is still empty upstream.", "empty"),
        ("Upstream's page is thin upstream for now.", "thin"),
        ("The upstream file remains a placeholder.", "stub"),
        ("The repo's file is just an empty stub.", "stub"),
    ],
)
def test_phrases_that_describe_upstream_are_claims(intro, says):
    site = parse_text(site_with_intro(intro), "p.md", "site")
    claim = find_claim(site, POPULATED, 1)
    assert claim is not None and claim.says == says
    assert not claim.holds
    assert claim.line == 3


def test_the_claim_is_the_sentence_holding_it_on_its_own_line():
    intro = "Welcome to the pantry page.\nThe upstream pantry file\nis still a stub. Enjoy."
    site = parse_text(site_with_intro(intro), "p.md", "site")
    claim = find_claim(site, STUB, 1)
    assert claim is not None and claim.holds
    assert claim.sentence == "The upstream pantry file is still a stub."
    assert claim.line == 5


def test_a_thin_claim_holds_while_upstream_has_fewer_questions_than_the_site():
    site = parse_text(site_with_intro("The upstream file is thin."), "p.md", "site")
    assert find_claim(site, UpstreamState("populated", 2, 0), 5).holds  # type: ignore[union-attr]
    assert not find_claim(site, UpstreamState("populated", 4, 2), 5).holds  # type: ignore[union-attr]


def test_only_a_sentence_that_names_upstream_is_a_claim():
    intro = "The glossary below is empty for now.\nThe source repo's file is still a stub."
    site = parse_text(site_with_intro(intro), "p.md", "site")
    claim = find_claim(site, POPULATED, 1)
    assert claim is not None
    assert (claim.says, claim.line) == ("stub", 4)
    alone = parse_text(site_with_intro("This page is thin on theory."), "p.md", "site")
    assert find_claim(alone, POPULATED, 1) is None


def test_no_claim_without_such_a_phrase():
    site = parse_text(site_with_intro("These questions come from our guide."), "p.md", "site")
    assert find_claim(site, POPULATED, 1) is None


def test_upstream_states():
    stub = parse_text("# Title\n", "u.md", "upstream")
    assert upstream_state(None, None).state == "missing"
    assert upstream_state(stub, "").state == "empty"
    assert upstream_state(stub, "# Title\n").state == "stub"
    text = "# Title\n\nSome words but no questions yet.\n"
    state = upstream_state(parse_text(text, "u.md", "upstream"), text)
    assert (state.state, state.questions, state.scenarios) == ("populated", 0, 0)
