"""Writing files so that a crash leaves the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from qsync.errors import InputError


def markdown_files(paths: list[Path]) -> list[Path]:
    """The pages named: files as given, folders as their ``*.md`` files in order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.md") if p.is_file())
            if not found:
                raise InputError("folder holds no Markdown files", path=str(path))
            files.extend(found)
        else:
            files.append(path)
    return files


def shown_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` as a user would type it: relative to the working directory when below it.

    Symbolic links are not resolved, so a linked folder keeps the name it was reached by.
    """
    here = os.path.abspath(cwd or Path.cwd())
    full = os.path.abspath(path)
    rel = os.path.relpath(full, here)
    return Path(full).as_posix() if rel.startswith("..") else Path(rel).as_posix()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".qsync-tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"cannot write: {exc.strerror}", path=str(path)) from None
