"""What both sources share: turning a file's bytes into the text qsync parses."""

from __future__ import annotations

from qsync.errors import RemoteError


def decode_text(raw: bytes, where: str) -> str:
    """The file's text exactly as stored (line endings and BOM kept); UTF-8 or a RemoteError."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RemoteError(
            f"not UTF-8 text (byte {exc.start} cannot be decoded); qsync reads Markdown only",
            path=where,
        ) from None


def git_blob_sha(raw: bytes) -> str:
    """The sha git gives these bytes as a blob: what GitHub's contents API calls ``sha``."""
    import hashlib

    return hashlib.sha1(b"blob %d\x00" % len(raw) + raw, usedforsecurity=False).hexdigest()
