"""``.qsync/state.json``: what upstream and the site said at the last sync or ``diff --record``.

For every paired question it keeps both sides' content hashes, so that the next diff can
tell who changed a pair since: the site, upstream, or both (a conflict).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qsync.results.diff import Base, PageDiff

STATE_SCHEMA = "qsync.state/1"


@dataclass(frozen=True, slots=True)
class RecordedPair:
    site_id: str
    upstream_id: str
    site_hash: str
    upstream_hash: str


@dataclass(frozen=True, slots=True)
class PageState:
    site: str
    repo: str
    path: str
    commit: str
    recorded_at: str
    pairs: tuple[RecordedPair, ...]

    @property
    def base(self) -> Base:
        return Base(self.commit, self.recorded_at)

    def find(
        self, site_id: str | None = None, upstream_id: str | None = None
    ) -> RecordedPair | None:
        """The recorded pair with this site or this upstream question (a reworded side gets a
        new id, so either side's match will do)."""
        for pair in self.pairs:
            if pair.site_id == site_id or pair.upstream_id == upstream_id:
                return pair
        return None


@dataclass(frozen=True, slots=True)
class State:
    pages: tuple[PageState, ...] = ()

    def page(self, site: str, path: str) -> PageState | None:
        for page in self.pages:
            if page.site == site and page.path == path:
                return page
        return None


def load_state(path: Path) -> State:
    """The recorded state; an empty one when the file does not exist yet."""
    from qsync import schema
    from qsync.documents import load_json

    if not path.exists():
        return State()
    document = load_json(path)
    schema.check(document, str(path), "state.schema.json")
    return State(
        tuple(
            PageState(
                site=p["site"],
                repo=p["repo"],
                path=p["path"],
                commit=p["commit"],
                recorded_at=p["recorded_at"],
                pairs=tuple(RecordedPair(**pair) for pair in p["pairs"]),
            )
            for p in document["pages"]
        )
    )


def page_state(diff: PageDiff, now: datetime | None = None) -> PageState:
    """What to record for one page: every pair that has both sides."""
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds").replace("+00:00", "Z")
    return PageState(
        site=diff.site_path,
        repo=diff.source.repo,
        path=diff.source.path,
        commit=diff.source.commit,
        recorded_at=stamp,
        pairs=tuple(
            RecordedPair(p.site.id, p.upstream.id, p.site.hash, p.upstream.hash)
            for p in diff.pairs
            if p.site is not None and p.upstream is not None
        ),
    )


def record_state(path: Path, diffs: Iterable[PageDiff], now: datetime | None = None) -> State:
    """Record these pages in the state file (other pages' records stay), atomically."""
    from qsync.documents import dumps
    from qsync.fileio import write_atomic

    fresh = [page_state(d, now) for d in diffs]
    replaced = {(p.site, p.path) for p in fresh}
    kept = [p for p in load_state(path).pages if (p.site, p.path) not in replaced]
    state = State(tuple(sorted((*kept, *fresh), key=lambda p: (p.site, p.path))))
    write_atomic(path, dumps(state_document(state), str(path)))
    return state


def state_document(state: State) -> dict[str, Any]:
    return {
        "schema": STATE_SCHEMA,
        "pages": [
            {
                "site": p.site,
                "repo": p.repo,
                "path": p.path,
                "commit": p.commit,
                "recorded_at": p.recorded_at,
                "pairs": [
                    {
                        "site_id": r.site_id,
                        "upstream_id": r.upstream_id,
                        "site_hash": r.site_hash,
                        "upstream_hash": r.upstream_hash,
                    }
                    for r in p.pairs
                ],
            }
            for p in state.pages
        ],
    }
