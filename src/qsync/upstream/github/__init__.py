"""GitHub through PyGithub: the only place qsync imports PyGithub.

``client`` builds a configured ``github.Github``; ``failures`` turns anything PyGithub or
requests raise into one RemoteError line; ``source`` reads files (``GitHubSource``);
``cache`` keeps ETags on disk for conditional requests.
"""

from __future__ import annotations

from qsync.upstream.github.client import RetryPolicy, token_from_env
from qsync.upstream.github.source import GitHubSource

__all__ = ["GitHubSource", "RetryPolicy", "token_from_env"]
