"""Which upstream section a site question fits, by what the questions talk about.

Question texts alone are too short to compare (two questions about the same attack share
few words); the words of the questions and answers, weighted by how rare they are across
the file's sections (TF-IDF, cosine similarity), pick the section a reader would.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from qsync.model import Question, Section

_WORD = re.compile(r"[a-z][a-z0-9]+")
# fmt: off
_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "could", "do", "does", "for",
    "from", "how", "in", "into", "is", "it", "its", "not", "of", "on", "or", "our", "should",
    "than", "that", "the", "their", "then", "there", "they", "this", "to", "was", "we", "what",
    "when", "which", "who", "why", "with", "would", "you", "your",
})
# fmt: on


class SectionMatcher:
    """Scores a question against each upstream section that holds numbered questions."""

    def __init__(self, sections: Sequence[Section]) -> None:
        self._titles: list[str] = []
        bags: list[Counter[str]] = []
        for section in sections:
            questions = [q for q in section.questions if q.kind == "question"]
            if not section.title or not questions:
                continue
            bag = Counter(_words(section.title) * 3)
            for q in questions:
                bag.update(_words(f"{q.text} {q.text} {q.answer_text}"))
            self._titles.append(section.title)
            bags.append(bag)
        documents = Counter(word for bag in bags for word in bag)
        total = len(bags)
        self._idf = {w: math.log((1 + total) / (1 + n)) + 1 for w, n in documents.items()}
        self._vectors = [self._vector(bag) for bag in bags]

    def best(self, question: Question) -> tuple[str, float] | None:
        """The best section's title and its score (0-100), or None when there is none."""
        if not self._vectors:
            return None
        vector = self._vector(
            Counter(_words(f"{question.text} {question.text} {question.answer_text}"))
        )
        scores = [_cosine(vector, other) for other in self._vectors]
        k = max(range(len(scores)), key=scores.__getitem__)
        return self._titles[k], round(100 * scores[k], 1)

    def _vector(self, bag: Counter[str]) -> dict[str, float]:
        return {w: (1 + math.log(n)) * self._idf.get(w, 0.0) for w, n in bag.items()}


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0
