"""Comparing a site page with its upstream file: match, classify, compare with the base.

``diff_page`` is the whole engine for one page; ``thresholds_from`` reads ``[diff]`` of
qsync.toml. Scoring is in ``score``, the assignment in ``assign``, the upstream file's state
and the page's claim about it in ``claims``, the recorded base in ``state``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from qsync.diff.assign import match
from qsync.diff.claims import find_claim, stale_message, upstream_state
from qsync.diff.classify import classify, moved_section, three_way
from qsync.diff.normalise import content_hash
from qsync.diff.score import ScoreMatrix, score_matrix
from qsync.diff.state import PageState
from qsync.errors import InputError
from qsync.model import Page, Question
from qsync.results.diff import (
    Closest,
    Finding,
    PageDiff,
    Pair,
    QuestionRef,
    SourceInfo,
    Thresholds,
)


def thresholds_from(settings: Mapping[str, Any], where: str | None = None) -> Thresholds:
    """Thresholds from the ``[diff]`` table of qsync.toml; defaults for what it leaves out."""
    default = Thresholds()
    t = Thresholds(
        identical=float(settings.get("identical", default.identical)),
        changed=float(settings.get("changed", default.changed)),
        related=float(settings.get("related", default.related)),
        question_weight=float(settings.get("question_weight", default.question_weight)),
    )
    if not t.identical >= t.changed >= t.related:
        raise InputError(
            f"[diff] thresholds must satisfy identical >= changed >= related "
            f"(they are {t.identical:g}, {t.changed:g}, {t.related:g})",
            path=where,
        )
    return t


def matchable(page: Page | None) -> list[tuple[Question, str | None]]:
    """Questions and scenarios with their section title; practice prompts have no answer to
    compare and are left out."""
    if page is None:
        return []
    return [(q, s.title) for s in page.sections for q in s.questions if q.kind != "prompt"]


def diff_page(
    site: Page,
    upstream: Page | None,
    upstream_text: str | None,
    source: SourceInfo,
    thresholds: Thresholds,
    base: PageState | None = None,
    site_path: str | None = None,
) -> PageDiff:
    """The diff of one site page against its upstream file (``None`` when it does not exist)."""
    site_qs = matchable(site)
    up_qs = matchable(upstream)
    matrix = score_matrix([q for q, _ in site_qs], [q for q, _ in up_qs], thresholds)
    site_refs = [_ref(q, section) for q, section in site_qs]
    up_refs = [_ref(q, section) for q, section in up_qs]
    matched = match(matrix, site_refs, up_refs, thresholds)

    pairs: list[Pair] = []
    for i, j in matched:
        scores = matrix.scores(i, j, thresholds)
        cls = classify(scores, thresholds)
        if base is not None:
            cls = three_way(cls, site_refs[i], up_refs[j], base)
        moved = moved_section(site_refs[i].section, up_refs[j].section)
        pairs.append(Pair(cls, site_refs[i], up_refs[j], scores, moved))
    paired_site = {i for i, _ in matched}
    paired_up = {j for _, j in matched}
    for i, ref in enumerate(site_refs):
        if i not in paired_site:
            near = _closest(matrix, i, -1, up_refs, thresholds)
            # paired at the base and gone upstream since: upstream's change, not a candidate
            gone = base is not None and base.find(site_id=ref.id) is not None
            pairs.append(Pair("upstream-changed" if gone else "site-only", ref, None, closest=near))
    for j, ref in enumerate(up_refs):
        if j not in paired_up:
            near = _closest(matrix, -1, j, site_refs, thresholds)
            gone = base is not None and base.find(upstream_id=ref.id) is not None
            pairs.append(Pair("site-changed" if gone else "upstream-only", None, ref, closest=near))

    path = site_path or site.source.path
    state = upstream_state(upstream, upstream_text)
    claim = find_claim(site, state, len(site_qs))
    findings: list[Finding] = []
    if claim is not None and not claim.holds:
        findings.append(
            Finding(
                "stale-claim",
                path,
                claim.line,
                stale_message(claim, state, source.path, source.commit),
            )
        )
    return PageDiff(
        site_path=path,
        site_questions=len(site_qs),
        source=source,
        upstream=state,
        claim=claim,
        pairs=tuple(pairs),
        findings=tuple(findings),
        base=base.base if base is not None else None,
    )


def _ref(q: Question, section: str | None) -> QuestionRef:
    return QuestionRef(
        id=q.id,
        kind=q.kind,
        number=q.number,
        section=section,
        text=q.text,
        answer=q.answer,
        line=q.span.start_line,
        hash=content_hash(q),
    )


def _closest(
    matrix: ScoreMatrix, i: int, j: int, others: Sequence[QuestionRef], thresholds: Thresholds
) -> Closest | None:
    """The most similar counterpart of an unpaired question: site question ``i`` when ``j``
    is -1, else upstream question ``j`` (``i`` is -1). By combined score where one was
    computed, else by question score."""
    if not others:
        return None
    combined = matrix.combined[i] if j < 0 else matrix.combined[:, j]
    question = matrix.question[i] if j < 0 else matrix.question[:, j]
    k = int(combined.argmax()) if combined.max() > 0 else int(question.argmax())
    scores = matrix.scores(i, k, thresholds) if j < 0 else matrix.scores(k, j, thresholds)
    other = others[k]
    return Closest(other.id, other.kind, other.number, other.text, scores)
