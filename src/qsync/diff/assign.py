"""Which site question pairs with which upstream question: ``match``.

Questions that say exactly the same thing pair first. The pairs that may be made among the
rest form a sparse bipartite graph; each connected part of it is solved on its own with the
Hungarian method (scipy's ``linear_sum_assignment``), maximising the total margin by which
the pairs clear their thresholds. Greedy matching, where the first question or the
best pair takes its counterpart, can leave a question unpaired that an assignment pairs
(tests/diff/test_assign.py shows such a case).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qsync.diff.score import ScoreMatrix
from qsync.results.diff import QuestionRef, Thresholds


def assign(weights: Any, eligible: Any) -> list[tuple[int, int]]:
    """(site index, upstream index) pairs maximising the sum of ``weights`` over eligible pairs."""
    import numpy as np
    from scipy import sparse
    from scipy.optimize import linear_sum_assignment
    from scipy.sparse.csgraph import connected_components

    rows, cols = np.nonzero(eligible)
    if not len(rows):
        return []
    n_site, n_up = eligible.shape
    graph = sparse.coo_matrix(
        (np.ones(len(rows)), (rows, cols + n_site)), shape=(n_site + n_up, n_site + n_up)
    )
    _, labels = connected_components(graph, directed=False)
    pairs: list[tuple[int, int]] = []
    for label in np.unique(labels[rows]):
        part_rows = np.nonzero(labels[:n_site] == label)[0]
        part_cols = np.nonzero(labels[n_site:] == label)[0]
        block = np.where(
            eligible[np.ix_(part_rows, part_cols)],
            # +1 keeps an eligible pair with a low score above "no pair at all"
            weights[np.ix_(part_rows, part_cols)].astype(np.float64) + 1.0,
            0.0,
        )
        for r, c in zip(*linear_sum_assignment(block, maximize=True), strict=True):
            if block[r, c] > 0:
                pairs.append((int(part_rows[r]), int(part_cols[c])))
    return sorted(pairs)


def match(
    matrix: ScoreMatrix,
    site: Sequence[QuestionRef],
    upstream: Sequence[QuestionRef],
    thresholds: Thresholds,
) -> list[tuple[int, int]]:
    """(site index, upstream index) of every pair: questions that say exactly the same thing
    first, then the optimal assignment of the rest among the pairs that may be made (combined
    score ≥ related, or question score ≥ changed)."""
    import numpy as np

    eligible = (matrix.combined >= thresholds.related) | (
        matrix.exact & (matrix.question >= thresholds.changed)
    )
    same = _same_content(site, upstream)
    for i, j in same:
        eligible[i, :] = False
        eligible[:, j] = False
    # A pair is worth the margin by which it clears its threshold: summing raw scores would
    # let two barely similar pairs outweigh one identical pair.
    margin = np.maximum(
        matrix.combined - thresholds.related, matrix.question - thresholds.changed
    ).clip(min=0)
    return sorted([*same, *assign(margin, eligible)])


def _same_content(
    site: Sequence[QuestionRef], upstream: Sequence[QuestionRef]
) -> list[tuple[int, int]]:
    """Pairs of equal content hashes, in order: the first copy on each side with the first."""
    free: dict[str, list[int]] = {}
    for j, ref in enumerate(upstream):
        free.setdefault(ref.hash, []).append(j)
    pairs = []
    for i, ref in enumerate(site):
        if free.get(ref.hash):
            pairs.append((i, free[ref.hash].pop(0)))
    return pairs
