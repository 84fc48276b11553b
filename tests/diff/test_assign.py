"""The optimal assignment pairs more, and better, than greedy matching does."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qsync.dialects import parse_text
from qsync.diff.assign import assign
from qsync.diff.score import score_matrix
from qsync.results.diff import Thresholds
from tests.diff.helpers import run_diff, site_pair

BLOCK = "Keep them in a wooden block with the points down, away from the edge of the counter"
STRIP = "Keep them on a magnetic strip mounted high on the wall, out of reach of children, and never loose in a drawer."
# Site A asks upstream X's question word for word but answers with both habits; site B asks
# X's question in other words with X's answer; upstream Y asks A's question in other words
# with A's second habit. A-X is the best single pair, so greedy takes it and strands B.
SITE = f"""# Knives

## Storage

??? question "Q: How should knives be stored?"
    {BLOCK}, and wipe the slots every week. {STRIP}

??? question "Q: How should kitchen knives be stored?"
    {BLOCK}.
"""
UPSTREAM = f"""# Knives

## Storage

**1. How should knives be stored?**

{BLOCK}, and wipe the slots every week.

**2. How should knives be kept?**

{STRIP}
"""


def greedy(weights: np.ndarray, eligible: np.ndarray, best_first: bool) -> list[tuple[int, int]]:
    """Greedy matching: in document order, or best pair first; each takes what is left."""
    if best_first:
        order = sorted(zip(*np.nonzero(eligible), strict=True), key=lambda ij: -weights[ij])
    else:
        order = [
            (i, int(j))
            for i in range(weights.shape[0])
            for j in np.argsort(-weights[i])
            if eligible[i, j]
        ]
    taken_i: set[int] = set()
    taken_j: set[int] = set()
    pairs = []
    for i, j in order:
        if i not in taken_i and j not in taken_j:
            pairs.append((int(i), int(j)))
            taken_i.add(i)
            taken_j.add(j)
    return sorted(pairs)


def test_the_assignment_beats_greedy_matching_on_a_crafted_case():
    site = parse_text(SITE, "s.md", "site").questions
    upstream = parse_text(UPSTREAM, "u.md", "upstream").questions
    t = Thresholds()
    m = score_matrix(site, upstream, t)
    eligible = (m.combined >= t.related) | (m.exact & (m.question >= t.changed))
    # the trap: A-X is the single best pair; B can only go with X
    assert m.combined[0, 0] == m.combined.max()
    assert eligible[0, 1] and eligible[1, 0] and not eligible[1, 1]

    optimal = assign(m.combined, eligible)
    total = sum(float(m.combined[ij]) for ij in optimal)
    for best_first in (False, True):
        rival = greedy(m.combined, eligible, best_first)
        assert rival == [(0, 0)]
        assert total > sum(float(m.combined[ij]) for ij in rival)
    assert optimal == [(0, 1), (1, 0)]


def test_the_diff_pairs_both_site_questions_where_greedy_would_pair_one():
    diff = run_diff(SITE, UPSTREAM)
    a = site_pair(diff, "How should knives be stored")
    b = site_pair(diff, "How should kitchen knives")
    assert a.upstream is not None and a.upstream.number == 2
    assert b.upstream is not None and b.upstream.number == 1
    assert diff.count("site-only") == diff.count("upstream-only") == 0


def test_nothing_eligible_pairs_nothing():
    assert assign(np.zeros((3, 2)), np.zeros((3, 2), dtype=bool)) == []


def test_separate_groups_are_solved_each_on_their_own():
    weights = np.array([[90.0, 0, 0], [0, 0, 70.0], [0, 80.0, 60.0]])
    assert assign(weights, weights > 0) == [(0, 0), (1, 2), (2, 1)]


def test_one_identical_pair_outweighs_two_barely_related_ones():
    # Why-Why is identical; Why-When and How-Why only just clear the related threshold.
    # Summing raw scores would prefer the two weak pairs (74 + 60 > 100); margins do not.
    diff = run_diff(
        '# P\n\n## S\n\n??? question "Q: Why?"\n\n??? question "Q: How?"\n',
        "# P\n\n## S\n\n**1. Why?**\n\n**2. When?**\n",
    )
    assert [
        (p.cls, p.site and p.site.text, p.upstream and p.upstream.text) for p in diff.pairs
    ] == [
        ("identical", "Why?", "Why?"),
        ("site-only", "How?", None),
        ("upstream-only", None, "When?"),
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda rows: st.integers(1, 4).flatmap(
            lambda cols: st.lists(
                st.lists(
                    st.sampled_from([0.0, 0.0, 5.0, 20.0, 35.0, 40.0]), min_size=cols, max_size=cols
                ),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_the_assignment_is_as_good_as_every_other_matching(rows):
    weights = np.array(rows)
    eligible = weights > 0

    def best(i: int, used: frozenset[int]) -> tuple[int, float]:
        """(pairs, total weight + pairs) of the best matching of rows i… over free columns."""
        if i == len(rows):
            return 0, 0.0
        options = [best(i + 1, used)]
        for j in range(weights.shape[1]):
            if eligible[i, j] and j not in used:
                n, total = best(i + 1, used | {j})
                options.append((n + 1, total + weights[i, j] + 1))
        return max(options, key=lambda o: o[1])

    found = assign(weights, eligible)
    assert len({i for i, _ in found}) == len({j for _, j in found}) == len(found)
    assert all(eligible[i, j] for i, j in found)
    assert sum(weights[i, j] + 1 for i, j in found) == pytest.approx(best(0, frozenset())[1])
