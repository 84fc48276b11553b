"""What qsync tells a GitHub Actions runner: step outputs and the job summary.

The runner hands each step two files by name: ``$GITHUB_OUTPUT`` for ``name=value`` outputs and
``$GITHUB_STEP_SUMMARY`` for Markdown shown on the run's page. Outside Actions neither variable
is set and these functions do nothing, so commands can call them unconditionally.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Mapping

from qsync.errors import InputError

# GitHub caps one step's summary at 1 MiB and refuses to show a larger one.
SUMMARY_LIMIT = 1024 * 1024

_OUTPUT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def format_github_outputs(mapping: Mapping[str, str]) -> str:
    """``name=value`` lines; a value with a line break goes between heredoc delimiters."""
    lines: list[str] = []
    for name, value in mapping.items():
        if not _OUTPUT_NAME.match(name):
            raise ValueError(f"not a valid step output name: {name!r}")
        if "\n" in value or "\r" in value:
            # A random delimiter cannot occur in the value, so the value cannot end the block early.
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
            lines += [f"{name}<<{delimiter}", value, delimiter]
        else:
            lines.append(f"{name}={value}")
    return "".join(line + "\n" for line in lines)


def write_github_outputs(mapping: Mapping[str, str]) -> None:
    """Append ``mapping`` to the step's outputs when running under GitHub Actions."""
    _append("GITHUB_OUTPUT", format_github_outputs(mapping))


def append_step_summary(markdown: str) -> None:
    """Append Markdown to the job summary, cut to GitHub's 1 MiB limit with a note saying so."""
    raw = markdown.encode("utf-8")
    if len(raw) > SUMMARY_LIMIT:
        note = "\n\n_Summary cut at GitHub's 1 MiB limit; the full report is in the job log._\n"
        keep = SUMMARY_LIMIT - len(note.encode("utf-8"))
        markdown = raw[:keep].decode("utf-8", errors="ignore") + note
    _append("GITHUB_STEP_SUMMARY", markdown if markdown.endswith("\n") else markdown + "\n")


def _append(variable: str, text: str) -> None:
    path = os.environ.get(variable)
    if not path or not text:
        return
    try:
        with open(path, "a", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError(f"cannot write ${variable}: {exc.strerror}", path=path) from None
