"""The diff report as a table a person reads in a terminal.

    CLASS             SCORE  SITE QUESTION                         UPSTREAM
    changed            74.1  What should a use-by label on a pre…  Q4 What should a use-by label…
    site-only                Why keep cleaning chemicals out of …  (closest Q5: 34.8)

Rows go by class (what needs a decision first), then by line. Colour by class only on a
terminal without NO_COLOR.
"""

from __future__ import annotations

import os
import shutil
from typing import TextIO

from qsync.results.diff import PAIR_CLASSES, DiffReport, PageDiff, Pair, PairClass

COLOURS: dict[PairClass, str] = {
    "identical": "2",  # dim: settled
    "changed": "33",
    "related": "36",
    "site-only": "35",
    "upstream-only": "34",
    "site-changed": "33;1",
    "upstream-changed": "34;1",
    "conflict": "31;1",
}
_CLASS_WIDTH = max(len(c) for c in PAIR_CLASSES)
_SCORE_WIDTH = 5


def report(result: DiffReport, stream: TextIO) -> None:
    """Coloured, and as wide as the window, on a terminal without NO_COLOR; else plain, 120."""
    tty = hasattr(stream, "isatty") and stream.isatty()
    width = shutil.get_terminal_size((120, 24)).columns if tty else 120
    stream.write(render(result, colour=tty and "NO_COLOR" not in os.environ, width=width))


def render(report: DiffReport, *, colour: bool = False, width: int = 120) -> str:
    blocks = [_page(page, colour, width) for page in report.pages]
    return "\n".join([*blocks, summary_line(report)]) + "\n"


def summary_line(report: DiffReport) -> str:
    pages = len(report.pages)
    counts = ", ".join(f"{report.count(c)} {c}" for c in PAIR_CLASSES if report.count(c))
    findings = sum(len(p.findings) for p in report.pages)
    tail = f"; {findings} finding{'s' * (findings != 1)}" if findings else ""
    return f"{pages} page{'s' * (pages != 1)}: {counts or 'no questions'}{tail}"


def _page(page: PageDiff, colour: bool, width: int) -> str:
    s = page.source
    lines = [
        f"{page.site_path} ↔ {s.repo}:{s.path} @ {s.commit[:7]} ({s.kind})",
        f"upstream: {page.upstream.describe()}",
    ]
    if page.base is not None:
        lines.append(f"base: {page.base.commit[:7]} recorded {page.base.recorded_at}")
    lines += [f"{f.path}:{f.line}: {f.code}: {f.message}" for f in page.findings]
    if page.pairs:
        text_width = max(width - _CLASS_WIDTH - _SCORE_WIDTH - 6, 20)
        site_width = text_width // 2
        lines.append("")
        lines.append(
            f"{'CLASS':<{_CLASS_WIDTH}}  {'SCORE':>{_SCORE_WIDTH}}  "
            f"{'SITE QUESTION':<{site_width}}  UPSTREAM"
        )
        for pair in sorted(page.pairs, key=_order):
            lines.append(_row(pair, colour, site_width, text_width - site_width))
    return "\n".join(lines) + "\n"


def _order(pair: Pair) -> tuple[int, int]:
    side = pair.site or pair.upstream
    return PAIR_CLASSES.index(pair.cls), side.line if side else 0


def _row(pair: Pair, colour: bool, site_width: int, upstream_width: int) -> str:
    label = f"{pair.cls:<{_CLASS_WIDTH}}"
    if colour:
        label = f"\x1b[{COLOURS[pair.cls]}m{label}\x1b[0m"
    score = f"{pair.scores.combined:.1f}" if pair.scores else ""
    site = _cut(pair.site.text, site_width) if pair.site else ""
    if pair.upstream is not None:
        number = f"{pair.upstream.tag} " if pair.upstream.tag else ""
        where = f" [{pair.upstream.section}]" if pair.moved and pair.upstream.section else ""
        upstream = _cut(f"{number}{pair.upstream.text}", upstream_width - len(where)) + where
    elif pair.closest is not None:
        upstream = f"(closest {pair.closest.tag or 'match'}: {pair.closest.scores.combined:.1f})"
    else:
        upstream = ""
    return f"{label}  {score:>{_SCORE_WIDTH}}  {site:<{site_width}}  {upstream}".rstrip()


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
