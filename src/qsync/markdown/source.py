"""Reading a Markdown file into text qsync can parse, remembering how to write it back."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from qsync.errors import InputError

BOM = "\ufeff"
# Interview pages are tens of kilobytes; a page past this is hostile or a mistake.
MAX_PAGE_BYTES = int(float(os.environ.get("QSYNC_MAX_PAGE_MB", "16")) * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class SourceText:
    """LF-only text plus what is needed to restore the original bytes."""

    text: str
    sha256: str
    newline: str
    bom: bool
    final_newline: bool
    crlf_lines: tuple[int, ...]


def read_markdown(path: Path) -> tuple[SourceText, bytes]:
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES and path.is_file():
            raise InputError(
                f"page is {size / 2**20:.1f} MiB, over the {MAX_PAGE_BYTES / 2**20:.0f} MiB limit"
                " (raise it with QSYNC_MAX_PAGE_MB)",
                path=str(path),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a Markdown file", path=str(path)) from None
    except PermissionError:
        raise InputError("permission denied", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    return decode_markdown(data, str(path)), data


def decode_markdown(data: bytes, path: str) -> SourceText:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary data (NUL byte), not a Markdown file", path=path, line=line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
        ) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    return normalise(text, hashlib.sha256(data).hexdigest(), bom)


def normalise(text: str, sha256: str, bom: bool = False) -> SourceText:
    crlf = text.count("\r\n")
    lf_total = text.count("\n")
    newline = "\n"
    crlf_lines: tuple[int, ...] = ()
    if crlf:
        if crlf == lf_total:
            newline = "\r\n"
        else:
            lines = text.split("\n")
            crlf_lines = tuple(i for i, line in enumerate(lines[:-1]) if line.endswith("\r"))
        text = text.replace("\r\n", "\n")
    final_newline = text.endswith("\n") or not text
    if not final_newline:
        text += "\n"
    return SourceText(text, sha256, newline, bom, final_newline, crlf_lines)


def restore(
    text: str, newline: str, bom: bool, final_newline: bool, crlf_lines: tuple[int, ...]
) -> str:
    """The inverse of ``normalise``."""
    if not final_newline and text.endswith("\n"):
        text = text[:-1]
    if crlf_lines:
        lines = text.split("\n")
        for i in crlf_lines:
            if i < len(lines) - 1:
                lines[i] += "\r"
        text = "\n".join(lines)
    elif newline != "\n":
        text = text.replace("\n", newline)
    return (BOM if bom else "") + text
