"""Similarity of every site question to every upstream question, vectorised.

- Question score: rapidfuzz ``ratio`` on the normalised question text, for all pairs at once
  (``process.cdist``).
- Answer score: ``ratio`` on the answers' sequences of words (each word coded as one
  character), so that shared phrasing counts and unrelated English prose scores near 10, not
  near 40 as it does character by character.
- Combined: ``question_weight`` × question + (1 − ``question_weight``) × answer; when either
  side has no answer there is no answer to weigh, and the combined score is the question's.

Comparing every answer with every other costs seconds at 2,000 × 2,000, so answers go in two
steps. A sparse matrix product gives, for all pairs, the size of the multiset intersection of
their words, and from it an upper bound of the answer score (a longest common subsequence is
never longer than the common words). Only pairs whose bound could reach a threshold get the
exact score (``process.cpdist``); the others could not be paired whatever it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qsync.dialects.common import normalise_question
from qsync.diff.normalise import answer_words
from qsync.model import Question
from qsync.results.diff import Scores, Thresholds


@dataclass(frozen=True, slots=True)
class ScoreMatrix:
    """Scores (0-100, float32 arrays of shape (sites, upstreams)) of site question i against
    upstream question j. ``answer`` and ``combined`` hold exact scores where ``exact`` is set
    and 0 elsewhere: those pairs cannot reach a threshold."""

    question: Any
    answer: Any
    combined: Any
    exact: Any
    site_answers: tuple[str, ...]  # coded: one character a word
    upstream_answers: tuple[str, ...]

    def scores(self, i: int, j: int, thresholds: Thresholds) -> Scores:
        """The pair's scores, computing the answer score now if it was skipped."""
        q = float(self.question[i, j])
        if self.exact[i, j]:
            a = float(self.answer[i, j])
        else:
            a = answer_ratio(self.site_answers[i], self.upstream_answers[j])
        c = combine(q, a, self.site_answers[i], self.upstream_answers[j], thresholds)
        return Scores(round(q, 1), round(a, 1), round(c, 1))


def combine(q: float, a: float, site_answer: str, upstream_answer: str, t: Thresholds) -> float:
    if not site_answer or not upstream_answer:
        return q
    return t.question_weight * q + t.answer_weight * a


def answer_ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    if not a and not b:
        return 100.0  # two empty answers say the same thing
    return float(fuzz.ratio(a, b))


class WordCoder:
    """Codes each distinct word as one character (from U+0100, skipping surrogates), so
    rapidfuzz compares sequences of words at the speed of strings."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def code(self, text: str) -> str:
        words = answer_words(text)
        codes = self.codes
        for word in set(words).difference(codes):
            n = 0x100 + len(codes)
            codes[word] = chr(n if n < 0xD800 else n + 0x800)
        return "".join([codes[w] for w in words])


def score_matrix(
    site: Sequence[Question], upstream: Sequence[Question], thresholds: Thresholds
) -> ScoreMatrix:
    import numpy as np
    from rapidfuzz import fuzz, process

    coder = WordCoder()
    site_answers = tuple(coder.code(q.answer_text) for q in site)
    upstream_answers = tuple(coder.code(q.answer_text) for q in upstream)
    shape = (len(site), len(upstream))
    if not site or not upstream:
        nothing = np.zeros(shape, dtype=np.float32)
        return ScoreMatrix(
            nothing, nothing, nothing, nothing.astype(bool), site_answers, upstream_answers
        )
    question = process.cdist(
        [normalise_question(q.text) for q in site],
        [normalise_question(q.text) for q in upstream],
        scorer=fuzz.ratio,
        dtype=np.float32,
        workers=-1,
    )
    bound = answer_bound(site_answers, upstream_answers)
    wq, wa = thresholds.question_weight, thresholds.answer_weight
    site_empty = np.array([not a for a in site_answers])
    upstream_empty = np.array([not a for a in upstream_answers])
    no_answer = np.logical_or.outer(site_empty, upstream_empty)
    estimate = np.where(no_answer, question, wq * question + wa * bound)
    # the bound may round a hair below the exact score it bounds: keep a margin for that
    exact = (estimate >= thresholds.related - 1e-3) | (question >= thresholds.changed)
    rows, cols = np.nonzero(exact)
    answer = np.zeros(shape, dtype=np.float32)
    if len(rows):
        answer[rows, cols] = process.cpdist(
            [site_answers[i] for i in rows],
            [upstream_answers[j] for j in cols],
            scorer=fuzz.ratio,
            dtype=np.float32,
            workers=-1,
        )
        both = site_empty[rows] & upstream_empty[cols]
        answer[rows[both], cols[both]] = 100.0  # two empty answers say the same thing
    combined = np.where(no_answer, question, wq * question + wa * answer)
    combined = np.where(exact, combined, 0.0).astype(np.float32)
    return ScoreMatrix(question, answer, combined, exact, site_answers, upstream_answers)


def answer_bound(site: Sequence[str], upstream: Sequence[str]) -> Any:
    """For every pair, 200·|A∩B| / (|A|+|B|) over the multisets of coded words: an upper
    bound of ``ratio``. The k-th occurrence of a word is its own feature, so a product of 0/1
    matrices counts min(count in A, count in B) for every word."""
    import numpy as np
    from scipy import sparse

    texts = [*site, *upstream]
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    owner = np.repeat(np.arange(len(texts)), lengths)
    # rank of each occurrence among the same word in the same text: 0 for the first, 1 …
    order = np.lexsort((codes, owner))
    key = owner[order] * (1 << 32) + codes[order]
    first = np.r_[True, key[1:] != key[:-1]]
    start = np.maximum.accumulate(np.where(first, np.arange(len(key)), 0))
    rank = np.empty_like(codes)
    rank[order] = np.arange(len(key)) - start
    _, feature = np.unique(codes * (1 << 20) + rank, return_inverse=True)
    feature = feature.reshape(-1)
    width = int(feature.max()) + 1 if len(feature) else 1
    indptr = np.r_[0, np.cumsum(lengths)]
    matrix = sparse.csr_matrix(
        (np.ones(len(feature), np.float32), feature, indptr), shape=(len(texts), width)
    )
    # Words in many answers ("the", "a") make the product dense: those columns multiply as
    # dense matrices, the rest as sparse ones.
    frequent = np.bincount(feature, minlength=width) > max(len(texts) // 50, 8)
    dense = matrix[:, np.flatnonzero(frequent)].toarray()
    rare = matrix[:, np.flatnonzero(~frequent)].tocsr()
    n = len(site)
    common = dense[:n] @ dense[n:].T
    common += (rare[:n] @ rare[n:].T).toarray()
    sizes = np.add.outer(lengths[: len(site)], lengths[len(site) :]).astype(np.float32)
    bound = np.divide(200.0 * common, sizes, out=np.full_like(sizes, 100.0), where=sizes > 0)
    return bound.astype(np.float32)
