"""What long commands show while they work: a line per page with its current step (rich, on a
terminal only), and with --verbose every GitHub request. rich is imported only when shown."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from qsync.cli import options, say, wants_progress

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Steps:
    """Each page's current step: said with --verbose, drawn as a progress line on a terminal."""

    def __init__(
        self, bar: Progress | None = None, tasks: dict[str, TaskID] | None = None, total: int = 0
    ) -> None:
        self._bar = bar
        self._tasks = tasks or {}
        self._total = total

    def step(self, page: str, name: str) -> None:
        say(f"{page}: {name}", "verbose")
        task = self._tasks.get(page)
        if self._bar is not None and task is not None:
            self._bar.update(task, step=name, advance=1)
            self._bar.refresh()  # a step is a network round trip: show each one

    def done(self, page: str, outcome: str = "done") -> None:
        task = self._tasks.get(page)
        if self._bar is not None and task is not None:
            self._bar.update(task, step=outcome, completed=self._total)
            self._bar.refresh()


@contextlib.contextmanager
def page_steps(pages: Sequence[str], steps: int) -> Iterator[Steps]:
    """A display of ``pages``, each expected to take about ``steps`` steps."""
    if not wants_progress() or not pages:
        yield Steps()
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=20),
        TextColumn("{task.fields[step]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,  # refreshed at each step; no thread drawing behind the command
    ) as bar:
        tasks = {page: bar.add_task(page, total=steps, step="waiting") for page in pages}
        bar.refresh()
        yield Steps(bar, tasks, steps)


@contextlib.contextmanager
def github_requests_said() -> Iterator[None]:
    """With --verbose, say every GitHub API request and, at the end, how many were sent.

    PyGithub logs each exchange at debug level; only its verb, path and status are read from
    the record. Its other arguments (headers, bodies) are never formatted, so nothing of the
    token or of the answers reaches the terminal.
    """
    if not options().verbose:
        yield
        return
    import logging  # not on the start-up path

    counts = {"sent": 0, "cached": 0}

    class RequestLog(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            args = record.args
            if (
                not isinstance(args, tuple)
                or len(args) < 7
                or not str(record.msg).startswith("%s %s://")
            ):
                return
            verb, path, status = args[0], args[3], args[6]
            counts["sent"] += 1
            note = ""
            if status == 304:
                counts["cached"] += 1
                note = " (not modified: answered from the cache)"
            say(f"{verb} {path} → {status}{note}", "verbose")

    logger = logging.getLogger("github.Requester")  # PyGithub's own logger name
    handler = RequestLog(logging.DEBUG)
    saved = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # its debug records carry (masked) headers: keep them here
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        if counts["sent"]:
            say(
                f"{counts['sent']} GitHub API requests, {counts['cached']} answered from the cache",
                "verbose",
            )
