"""Text as the matcher compares it, and the content hash a three-way diff compares."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from qsync.dialects.common import normalise_question
from qsync.model import Question

_WORD = re.compile(r"\w+")


def question_key(text: str) -> str:
    """Normalised question words in sorted order, so that ``ratio`` on two keys is a
    token-sort ratio: word order does not count, every word does."""
    return " ".join(sorted(normalise_question(text).split()))


def answer_words(text: str) -> list[str]:
    """The words of an answer's plain text, lowercased, in order."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower().replace("_", " "))


def content_hash(question: Question) -> str:
    """What a question says: its normalised text and its answer's Markdown with trailing
    spaces dropped. Numbering, indentation and the dialect's layout do not count."""
    answer = "\n".join(line.rstrip() for line in question.answer.strip().split("\n"))
    data = f"{normalise_question(question.text)}\n{answer}".encode()
    return hashlib.sha256(data).hexdigest()[:16]
