"""The upstream file's state (missing, empty, stub, populated) and what the page says of it.

A site page written while upstream was empty says so in its intro ("the upstream file is
still a stub"); once upstream fills in, that sentence is stale and the diff says so.
"""

from __future__ import annotations

import re

from qsync.model import Page
from qsync.results.diff import Claim, ClaimKind, UpstreamState

_CLAIM = re.compile(
    r"\b(?:is|are|remains?)\s+(?:still\s+)?(?:(?:just|only|fairly|very|quite|pretty)\s+)?"
    r"(?:an?\s+)?(?:(?:empty|bare)\s+)?(?P<what>stub|empty|placeholder|thin|missing|absent)\b",
    re.IGNORECASE,
)
_KIND: dict[str, ClaimKind] = {
    "stub": "stub",
    "placeholder": "stub",
    "empty": "empty",
    "thin": "thin",
    "missing": "missing",
    "absent": "missing",
}
_PHRASE: dict[ClaimKind, str] = {
    "stub": "a stub",
    "empty": "empty",
    "thin": "thin",
    "missing": "missing",
}
_UPSTREAM = re.compile(r"\b(?:upstream|repo|repository|source|github)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def upstream_state(page: Page | None, text: str | None) -> UpstreamState:
    """``missing`` (no file), ``empty`` (blank), ``stub`` (a title and nothing else) or
    ``populated`` with its counts of questions and scenarios."""
    if text is None or page is None:
        return UpstreamState("missing", 0, 0)
    if not text.strip():
        return UpstreamState("empty", 0, 0)
    questions = sum(q.kind == "question" for q in page.questions)
    scenarios = sum(q.kind == "scenario" for q in page.questions)
    body = [line for line in text.split("\n") if line.strip() and not line.startswith("# ")]
    if not body and not questions and not scenarios:
        return UpstreamState("stub", 0, 0, page.title)
    return UpstreamState("populated", questions, scenarios, page.title)


def find_claim(site: Page, state: UpstreamState, site_questions: int) -> Claim | None:
    """The first sentence of the intro that calls upstream a stub, empty, thin or missing.

    The sentence must name upstream (upstream, repo, repository, source, GitHub): "this
    list is empty" says nothing about the upstream file."""
    text = site.intro.text
    if site.intro.span is None:
        return None
    for match in _CLAIM.finditer(text):
        start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
        end_match = _SENTENCE_END.search(text, match.end())
        sentence = " ".join(text[start : end_match.start() if end_match else len(text)].split())
        if not _UPSTREAM.search(sentence):
            continue
        says = _KIND[match.group("what").lower()]
        line = site.intro.span.start_line + text.count("\n", 0, match.start())
        return Claim(says, sentence, line, _holds(says, state, site_questions))
    return None


def _holds(says: ClaimKind, state: UpstreamState, site_questions: int) -> bool:
    if says == "missing":
        return state.state == "missing"
    if says == "thin":
        return state.questions + state.scenarios < site_questions
    return state.state in ("missing", "empty", "stub")


def stale_message(claim: Claim, state: UpstreamState, path: str, commit: str) -> str:
    return (
        f"the page says the upstream file is {_PHRASE[claim.says]}, but {path} at "
        f"{commit[:7]} is {state.describe()}"
    )
