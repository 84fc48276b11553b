"""ETags and bodies of GitHub answers, kept on disk so a repeat run asks conditionally (304)."""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from qsync.errors import QsyncError
from qsync.fileio import write_atomic


@dataclass(frozen=True, slots=True)
class Cached:
    etag: str
    body: str


class EtagCache:
    """One small JSON file per URL and media type under ``folder``; no folder, no cache.

    The cache holds what GitHub answered, never the token; a damaged entry is ignored.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, url: str, accept: str) -> Cached | None:
        if self.folder is None:
            return None
        try:
            entry = json.loads(self._file(url, accept).read_text(encoding="utf-8"))
            return Cached(str(entry["etag"]), str(entry["body"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, url: str, accept: str, etag: str, body: str) -> None:
        if self.folder is None:
            return
        entry = {"url": url, "accept": accept, "etag": etag, "body": body}
        # a cache that cannot be written only costs requests on the next run
        with contextlib.suppress(QsyncError):
            write_atomic(self._file(url, accept), json.dumps(entry, ensure_ascii=False))

    def _file(self, url: str, accept: str) -> Path:
        assert self.folder is not None
        key = hashlib.sha256(f"{accept} {url}".encode()).hexdigest()
        return self.folder / f"{key[:32]}.json"
