"""The one error family qsync raises, and the exit codes it maps to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    BAD_INPUT = 2
    REMOTE = 3
    INTERNAL = 4


class QsyncError(Exception):
    """An error the user can act on: one line, naming file and line where there is one."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(QsyncError):
    """Bad Markdown, bad JSON, a missing file, a wrong option or configuration."""

    exit_code = ExitCode.BAD_INPUT


class RemoteError(QsyncError):
    """GitHub, git or the network failed."""

    exit_code = ExitCode.REMOTE
