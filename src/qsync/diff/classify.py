"""A pair's class from its scores, and with a recorded base, from who changed it since."""

from __future__ import annotations

from qsync.diff.state import PageState
from qsync.results.diff import PairClass, QuestionRef, Scores, Thresholds

# Site sections and upstream sections are named independently; a pair counts as moved only
# when its section titles share little (token-set ratio of their normalised words).
SAME_SECTION = 90.0


def classify(scores: Scores, t: Thresholds) -> PairClass:
    if scores.question >= t.identical and scores.answer >= t.identical:
        return "identical"
    if scores.question >= t.changed:
        return "changed"
    return "related"


def three_way(two_way: PairClass, site: QuestionRef, up: QuestionRef, base: PageState) -> PairClass:
    """Who changed the pair since the base: the site, upstream, or both (a conflict)."""
    recorded = base.find(site.id, up.id)
    if recorded is None or site.hash == up.hash:
        return two_way
    # Hashes are exact where scores are not: a small edit since the base is a change even
    # when the pair still scores as identical.
    site_changed = site.hash != recorded.site_hash
    upstream_changed = up.hash != recorded.upstream_hash
    if site_changed and upstream_changed:
        return "conflict"
    if site_changed:
        return "site-changed"
    if upstream_changed:
        return "upstream-changed"
    return two_way


def moved_section(site_section: str | None, upstream_section: str | None) -> bool:
    from rapidfuzz import fuzz

    from qsync.dialects.common import normalise_question

    if site_section is None or upstream_section is None:
        return False
    a, b = normalise_question(site_section), normalise_question(upstream_section)
    return bool(fuzz.token_set_ratio(a, b) < SAME_SECTION)
