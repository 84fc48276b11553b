"""Options several commands share, declared once so they read and behave the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PagesArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PAGE",
        help="Site pages or folders; default: every [[pages]] entry of qsync.toml.",
    ),
]
UpstreamOption = Annotated[
    str | None,
    typer.Option(
        "--upstream", metavar="OWNER/REPO[@REF]", help="Read upstream through the GitHub API."
    ),
]
UpstreamGitOption = Annotated[
    str | None,
    typer.Option(
        "--upstream-git",
        metavar="PATH|URL[@REF]",
        help="Read upstream with git: a clone, bare repository, bundle or URL.",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", "-c", metavar="FILE", help="qsync.toml to use (default: found upward)."
    ),
]
