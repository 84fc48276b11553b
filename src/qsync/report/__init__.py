"""Reporters: one module per format, each a ``report(result, stream)`` function.

The registry maps a format name to its module, imported only when that format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TextIO

LINT_FORMATS = {
    "text": "qsync.report.lint_text",
    "json": "qsync.report.lint_json",
    "sarif": "qsync.report.lint_sarif",
    "github": "qsync.report.lint_github",
    "junit": "qsync.report.lint_junit",
}
DIFF_FORMATS = {
    "text": "qsync.report.diff_text",
    "json": "qsync.report.diff_json",
    "markdown": "qsync.report.diff_markdown",
    "html": "qsync.report.diff_html",
}


def reporter(formats: dict[str, str], name: str) -> Callable[[Any, TextIO], None]:
    """The ``report`` function of format ``name`` in ``formats``."""
    module = importlib.import_module(formats[name])
    return module.report  # type: ignore[no-any-return]
