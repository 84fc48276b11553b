"""The diff report in Markdown, for a pull-request comment or a workflow step summary.

A table of counts per page, a line on the upstream file's state and any stale claim, then a
table of the pairs that need a look; identical pairs and long lists fold into ``<details>``.
The text stays under ``limit`` characters (GitHub refuses comments over 65,536), dropping
table rows from the end and saying how many were dropped.
"""

from __future__ import annotations

from typing import TextIO

from qsync.results.diff import PAIR_CLASSES, DiffReport, PageDiff, Pair, PairClass

COMMENT_LIMIT = 65_000
_FOLD_AFTER = 20  # rows shown before the rest of a class folds away
_SHOW: tuple[PairClass, ...] = tuple(c for c in PAIR_CLASSES if c != "identical")


def report(result: DiffReport, stream: TextIO) -> None:
    stream.write(render(result))


def render(report: DiffReport, *, limit: int = COMMENT_LIMIT) -> str:
    head = ["## qsync diff", "", _totals(report), ""]
    body: list[str] = []
    for page in report.pages:
        body += _page(page)
    return _fit(head, body, limit)


def _totals(report: DiffReport) -> str:
    classes = [c for c in PAIR_CLASSES if report.count(c)] or ["identical"]
    rows = ["| page | upstream | " + " | ".join(classes) + " |"]
    rows.append("|---|---|" + "---:|" * len(classes))
    for page in report.pages:
        cells = " | ".join(str(page.count(c)) for c in classes)
        rows.append(f"| `{page.site_path}` | {_esc(page.upstream.describe())} | {cells} |")
    return "\n".join(rows)


def _page(page: PageDiff) -> list[str]:
    s = page.source
    out = [
        f"### `{page.site_path}` ↔ `{s.repo}:{s.path}` @ `{s.commit[:7]}`",
        "",
        f"Upstream file: **{page.upstream.describe()}**."
        + (
            f" Three-way against `{page.base.commit[:7]}` ({page.base.recorded_at})."
            if page.base
            else ""
        ),
        "",
    ]
    for f in page.findings:
        out += ["> [!WARNING]", f"> `{f.path}:{f.line}` {_esc(f.message)}", ""]
    for cls in _SHOW:
        pairs = [p for p in page.pairs if p.cls == cls]
        if pairs:
            out += _table(cls, pairs)
    identical = [p for p in page.pairs if p.cls == "identical"]
    if identical:
        out += _table("identical", identical, fold_all=True)
    return out


def _table(cls: PairClass, pairs: list[Pair], fold_all: bool = False) -> list[str]:
    header = ["| score | site question | upstream question |", "|---:|---|---|"]
    rows = [_row(p) for p in pairs]
    title = f"**{cls}** ({len(pairs)})"
    if fold_all:
        return [f"<details><summary>{title}</summary>", "", *header, *rows, "", "</details>", ""]
    shown, rest = rows[:_FOLD_AFTER], rows[_FOLD_AFTER:]
    out = [title, "", *header, *shown, ""]
    if rest:
        out += [f"<details><summary>{len(rest)} more</summary>", "", *header, *rest, ""]
        out += ["</details>", ""]
    return out


def _row(pair: Pair) -> str:
    score = f"{pair.scores.combined:.1f}" if pair.scores else ""
    site = _esc(pair.site.text) if pair.site else ""
    if pair.site:
        site += f" <sub>line {pair.site.line}</sub>"
    if pair.upstream is not None:
        number = f"**{pair.upstream.tag}** " if pair.upstream.tag else ""
        upstream = number + _esc(pair.upstream.text)
        if pair.moved and pair.upstream.section:
            upstream += f" <sub>moved to {_esc(pair.upstream.section)}</sub>"
    elif pair.closest is not None:
        c = pair.closest
        number = f"{c.tag} " if c.tag else ""
        upstream = f"<sub>closest: {number}{_esc(c.text)} ({c.scores.combined:.1f})</sub>"
    else:
        upstream = ""
    return f"| {score} | {site} | {upstream} |"


def _esc(text: str) -> str:
    """Safe inside a table cell: no pipes, newlines or raw HTML."""
    text = " ".join(text.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _fit(head: list[str], body: list[str], limit: int) -> str:
    text = "\n".join([*head, *body]).rstrip() + "\n"
    if len(text) <= limit:
        return text
    kept: list[str] = []
    size = len("\n".join(head)) + 200  # room for the note below
    for line in body:
        if size + len(line) + 1 > limit:
            break
        kept.append(line)
        size += len(line) + 1
    dropped = len(body) - len(kept)
    note = f"\n\n_… {dropped} more lines cut to stay within {limit:,} characters; `qsync diff --format html` shows everything._"
    # a cut inside a fold must still close it, or the rest of the comment folds away
    opened = sum(line.startswith("<details>") for line in kept)
    closed = sum(line == "</details>" for line in kept)
    kept += ["", "</details>"] * (opened - closed)
    return "\n".join([*head, *kept]).rstrip() + note + "\n"
