"""Scores: what counts as similar, and the answer bound that lets most pairs skip the exact score."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from qsync.dialects import parse_text
from qsync.diff.normalise import content_hash, question_key
from qsync.diff.score import WordCoder, answer_bound

WORDS = st.lists(
    st.sampled_from(["the", "knife", "block", "edge", "wall", "strip", "a"]), max_size=12
)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(WORDS, min_size=1, max_size=4))
def test_the_answer_bound_is_never_below_the_exact_score(site, upstream):
    coder = WordCoder()
    s = [coder.code(" ".join(words)) for words in site]
    u = [coder.code(" ".join(words)) for words in upstream]
    bound = answer_bound(s, u)
    for i, a in enumerate(s):
        for j, b in enumerate(u):
            exact = 100.0 if not a and not b else fuzz.ratio(a, b)
            assert bound[i, j] >= exact - 1e-3


def test_words_not_characters_are_compared_in_answers():
    coder = WordCoder()
    a = coder.code("Store knives in a block.")
    b = coder.code("store   KNIVES in a block")
    assert a == b and len(a) == 5


def test_question_keys_drop_numbering_markdown_case_and_punctuation():
    assert question_key("Q: **Why** store knives point-down?") == question_key(
        "why store knives point down"
    )


def test_content_hash_ignores_numbering_and_layout_but_not_words():
    site = parse_text('# T\n\n## S\n\n??? question "Q: Why?"\n    Because.  \n', "s.md", "site")
    upstream = parse_text("# T\n\n## S\n\n**7. Why?**\n\nBecause.\n", "u.md", "upstream")
    other = parse_text("# T\n\n## S\n\n**7. Why?**\n\nBecause it is.\n", "u.md", "upstream")
    assert content_hash(site.questions[0]) == content_hash(upstream.questions[0])
    assert content_hash(other.questions[0]) != content_hash(upstream.questions[0])


def test_two_empty_answers_bound_at_100():
    assert np.array_equal(
        answer_bound(["", "a"], [""]), np.array([[100.0], [0.0]], dtype=np.float32)
    )
