"""The command line: a thin Typer layer. Each command turns arguments into a call and an exit code."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from typing import Annotated, Literal, TextIO

import typer

from qsync import __version__
from qsync.errors import ExitCode, InputError, QsyncError

app = typer.Typer(
    name="qsync",
    help="Keep a site's interview-question pages and an upstream GitHub repository in step.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(frozen=True, slots=True)
class Options:
    """The global flags, given before the command name: ``qsync --quiet lint``."""

    debug: bool = False
    quiet: bool = False  # errors and the result only: no progress, no per-file chatter
    verbose: bool = False  # also say what is being read, fetched and skipped


_state = {"options": Options()}


def options() -> Options:
    """The global flags of the running command."""
    return _state["options"]


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def say(message: str, level: Literal["info", "verbose"] = "info") -> None:
    """Tell the person running qsync something on stderr; every command talks through here.

    ``info`` (a summary, a note) is dropped by --quiet; ``verbose`` (what is read, fetched,
    skipped) is shown only with --verbose, as ``qsync: …``. Errors and results do not come here.
    """
    current = options()
    if level == "verbose":
        if not current.verbose:
            return
        message = f"qsync: {message}"
    elif current.quiet:
        return
    # sys.stderr itself, not a cached wrapper: a live progress display may stand in for it
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def wants_progress() -> bool:
    """A progress display only for a person watching: stderr is a terminal, outside CI, and
    neither --quiet (nothing to show) nor --verbose (each step is said on a line of its own)."""
    isatty = getattr(sys.stderr, "isatty", None)
    current = options()
    if current.quiet or current.verbose or os.environ.get("CI"):
        return False
    return bool(isatty and isatty())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qsync {__version__}")
        raise typer.Exit()


_EXAMPLES = """Examples:

\b
  qsync lint                       check the pages of qsync.toml
  qsync diff --format markdown     compare them with upstream
  qsync sync --dry-run             plan the merge-back pull request
  qsync parse PAGE -o page.json    one page as schema-checked JSON
  qsync --verbose sync             say each step and GitHub request
  qsync COMMAND --help             more on one command"""


@app.callback(epilog=_EXAMPLES)
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print only errors and the result: no summaries, no progress."
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also say on stderr what is read, fetched and skipped."
        ),
    ] = False,
) -> None:
    if quiet and verbose:
        raise InputError("--quiet and --verbose contradict each other; give one")
    _state["options"] = Options(debug=debug, quiet=quiet, verbose=verbose)


# The modules that define commands, in the order `qsync --help` lists them.
COMMAND_MODULES = ("pages", "lint", "diff", "sync")


def _register() -> None:
    """Importing a command module defines its commands on ``app``."""
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def main(argv: list[str] | None = None) -> int:
    """Run qsync; map every error to one line on stderr and an exit code."""
    _register()
    _state["options"] = Options()  # in-process reruns (tests) must not inherit flags
    try:
        result = app(args=argv, prog_name="qsync", standalone_mode=False)
    except QsyncError as exc:
        typer.echo(f"qsync: {exc}", err=True)
        return _exit(int(exc.exit_code), argv)
    except typer.Exit as exc:
        return _exit(exc.exit_code, argv)
    except KeyboardInterrupt:
        typer.echo("qsync: interrupted", err=True)
        return _exit(130, argv)
    except Exception as exc:  # a bug: one line here, the traceback in a log file
        click_exc = _click_usage_error(exc)
        if click_exc is not None:
            return _exit(click_exc, argv)
        return _exit(_crash(exc), argv)
    return _exit(result if isinstance(result, int) else 0, argv)


def _click_usage_error(exc: Exception) -> int | None:
    from typer._click.exceptions import ClickException

    if isinstance(exc, ClickException):
        exc.show()
        return int(ExitCode.BAD_INPUT)
    return None


def _crash(exc: Exception) -> int:
    if options().debug:
        traceback.print_exception(exc)
        return int(ExitCode.INTERNAL)
    log = os.path.join(tempfile.gettempdir(), f"qsync-crash-{int(time.time())}-{os.getpid()}.log")
    with open(log, "w", encoding="utf-8") as handle:
        handle.write(f"qsync {__version__}\n{' '.join(sys.argv)}\n\n")
        traceback.print_exception(exc, file=handle)
    typer.echo(
        f"qsync: internal error ({type(exc).__name__}); this is a bug. Traceback: {log}", err=True
    )
    return int(ExitCode.INTERNAL)


def _exit(code: int | None, argv: list[str] | None) -> int:
    code = 0 if code is None else code
    if argv is None:
        sys.exit(code)
    return code
