"""What a merge-back plan holds: the questions it adds, where, and the new upstream text.

Plain frozen data that the sync command, the publisher and reporters share.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

SYNC_PLAN_SCHEMA_ID = "qsync.sync-plan/1"
ReviewKind = Literal["changed", "related"]


@dataclass(frozen=True, slots=True)
class PlannedInsertion:
    """One site question as it will appear upstream."""

    question_id: str
    text: str
    site_line: int  # line of the ``???`` head in the site page
    site_section: str | None
    section: str  # the upstream section it goes into
    new_section: bool  # True when that section is created by this plan
    number: int  # its ``**N.`` number in the new upstream text
    placed_by: Literal["section-map", "title", "best-match", "new-section", "append"]
    source_url: str | None  # where the question lives on the site
    converted: tuple[str, ...] = ()  # MkDocs-only constructs rewritten for GitHub


@dataclass(frozen=True, slots=True)
class HeldBack:
    """A site-only question the plan does not propose, and why."""

    question_id: str
    text: str
    site_line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A question a human should look at: the same question with a different answer, or a near one."""

    kind: ReviewKind
    site_text: str
    site_line: int
    upstream_text: str
    upstream_number: int | None
    score: float


@dataclass(frozen=True, slots=True)
class EditStats:
    """Which lines of the old upstream file the edit changed, by reason."""

    inserted_lines: int
    renumbered_heads: int
    rewritten_references: int
    toc_lines: int
    other: int  # always 0: the edit verifies it touched nothing else


@dataclass(frozen=True, slots=True)
class SyncPlan:
    site_path: str
    upstream_repo: str
    upstream_path: str
    upstream_commit: str | None
    upstream_blob_sha: str | None
    insertions: tuple[PlannedInsertion, ...]
    held_back: tuple[HeldBack, ...]
    review: tuple[ReviewItem, ...]
    renumbered: tuple[tuple[int, int], ...]  # (old number, new number)
    stats: EditStats
    old_text: str
    new_text: str
    diff: str  # unified diff, a/<path> b/<path>

    @property
    def changes(self) -> bool:
        return self.new_text != self.old_text


def sync_plan_document(plan: SyncPlan) -> dict[str, Any]:
    """The JSON form of a plan, stamped with its schema id (``qsync.sync-plan/1``)."""
    return {
        "schema": SYNC_PLAN_SCHEMA_ID,
        "site_path": plan.site_path,
        "upstream": {
            "repo": plan.upstream_repo,
            "path": plan.upstream_path,
            "commit": plan.upstream_commit,
            "blob_sha": plan.upstream_blob_sha,
        },
        "changes": plan.changes,
        "insertions": [
            {
                "question_id": i.question_id,
                "text": i.text,
                "site_line": i.site_line,
                "site_section": i.site_section,
                "section": i.section,
                "new_section": i.new_section,
                "number": i.number,
                "placed_by": i.placed_by,
                "source_url": i.source_url,
                "converted": list(i.converted),
            }
            for i in plan.insertions
        ],
        "held_back": [
            {
                "question_id": h.question_id,
                "text": h.text,
                "site_line": h.site_line,
                "reason": h.reason,
            }
            for h in plan.held_back
        ],
        "review": [
            {
                "kind": r.kind,
                "site_text": r.site_text,
                "site_line": r.site_line,
                "upstream_text": r.upstream_text,
                "upstream_number": r.upstream_number,
                "score": r.score,
            }
            for r in plan.review
        ],
        "renumbered": [{"old": old, "new": new} for old, new in plan.renumbered],
        "stats": {
            "inserted_lines": plan.stats.inserted_lines,
            "renumbered_heads": plan.stats.renumbered_heads,
            "rewritten_references": plan.stats.rewritten_references,
            "toc_lines": plan.stats.toc_lines,
            "other": plan.stats.other,
        },
        "diff": plan.diff,
    }
