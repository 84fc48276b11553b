"""A progress bar on stderr while URLs are checked (only on a terminal; the CLI decides)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from qsync.lint.online.model import UrlResult

Advance = Callable[[UrlResult], None]


@contextlib.contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Advance | None]:
    """Yield a callback that moves the bar by one URL, or None when there is no bar."""
    if not enabled or total == 0:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("checking links"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("links", total=total)

        def advance(_: UrlResult) -> None:
            bar.advance(task)

        yield advance
