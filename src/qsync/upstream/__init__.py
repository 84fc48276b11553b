"""Reading the upstream repository: one interface, two real implementations (GitHub, git).

Only ``qsync.upstream.github`` imports PyGithub.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol


@dataclass(frozen=True, slots=True)
class UpstreamFile:
    """One file of the upstream repository at a resolved commit."""

    repo: str  # OWNER/NAME
    path: str  # path inside the repository
    ref: str  # what was asked for: branch, tag or commit
    commit: str  # the full commit sha the ref resolved to
    text: str | None  # None when the file does not exist at that commit
    blob_sha: str | None  # git blob sha of the file (what a contents update must name)
    kind: Literal["github", "git"]
    location: str  # the API root or the git path/URL (never a token)


class UpstreamSource(Protocol):
    """Where upstream files come from."""

    def read(self, path: str) -> UpstreamFile:
        """The file at the source's pinned ref; raises RemoteError on failure."""
        ...
