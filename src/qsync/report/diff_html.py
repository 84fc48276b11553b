"""The diff report as one self-contained HTML file: inline CSS and script, no network.

Per pair, a card with its class badge and scores (what needs a decision first), and the site and upstream sides next to
each other, word by word (difflib): what only the site has is marked red, what only upstream
has is green. Buttons above filter the cards by class.
"""

from __future__ import annotations

import difflib
import re
from html import escape
from typing import TextIO

from qsync.results.diff import PAIR_CLASSES, DiffReport, PageDiff, Pair, QuestionRef

_TOKENS = re.compile(r"\s+|[^\s]+")

_CSS = """
:root{--bg:#f6f7f9;--card:#fff;--ink:#1d232b;--mute:#5d6673;--line:#d9dee5;--del:#ffd7d5;--ins:#ccf2d1}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--ink)}
header{padding:20px 28px;background:#1d232b;color:#fff}header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;color:#c5ccd6}main{padding:16px 28px 40px;max-width:1400px;margin:auto}
.filters{position:sticky;top:0;z-index:1;background:var(--bg);padding:10px 0;display:flex;flex-wrap:wrap;gap:6px}
.filters button{border:1px solid var(--line);background:#fff;border-radius:16px;padding:4px 12px;font:inherit;cursor:pointer}
.filters button[aria-pressed=false]{opacity:.45}
.page{margin:18px 0 28px}.page h2{font-size:18px;margin:0 0 4px;word-break:break-all}
.meta{color:var(--mute);margin:0 0 10px}.finding{background:#fff4d6;border-left:4px solid #e0a800;padding:8px 12px;margin:8px 0}
.pair{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:10px 0;overflow:hidden}
.pair>.top{display:flex;gap:10px;align-items:center;padding:8px 12px;border-bottom:1px solid var(--line);flex-wrap:wrap}
.badge{font-size:12px;font-weight:600;padding:2px 9px;border-radius:10px;color:#fff;white-space:nowrap}
.scores{color:var(--mute);font-size:13px}.moved{font-size:12px;color:#7a4b00;background:#fff0cc;padding:1px 7px;border-radius:8px}
.sides{display:grid;grid-template-columns:1fr 1fr}.side{padding:10px 14px;min-width:0}.side+.side{border-left:1px solid var(--line)}
.side h3{margin:0 0 6px;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--mute);font-weight:600}
.q{font-weight:600;margin:0 0 8px}.a{white-space:pre-wrap;word-wrap:break-word;font-size:14px;margin:0;font-family:inherit}
.none{color:var(--mute);font-style:italic}del{background:var(--del);text-decoration:none}ins{background:var(--ins);text-decoration:none}
.hidden{display:none}
"""
_BADGE = {
    "identical": "#5f6b7a",
    "changed": "#b26a00",
    "related": "#0f7c8c",
    "site-only": "#8a3ffc",
    "upstream-only": "#1f5fbf",
    "site-changed": "#b26a00",
    "upstream-changed": "#1f5fbf",
    "conflict": "#c62828",
}
_SCRIPT = """
document.querySelectorAll('.filters button').forEach(function (b) {
  b.addEventListener('click', function () {
    var on = b.getAttribute('aria-pressed') !== 'true';
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    document.querySelectorAll('.pair[data-class="' + b.dataset.class + '"]').forEach(function (p) {
      p.classList.toggle('hidden', !on);
    });
  });
});
"""


def report(result: DiffReport, stream: TextIO) -> None:
    stream.write(render(result))


def render(report: DiffReport) -> str:
    total = sum(len(p.pairs) for p in report.pages)
    pages = len(report.pages)
    t = report.thresholds
    buttons = "".join(
        f'<button type="button" data-class="{c}" aria-pressed="true">'
        f'<span class="badge" style="background:{_BADGE[c]}">{c}</span> {report.count(c)}</button>'
        for c in PAIR_CLASSES
        if report.count(c)
    )
    body = "".join(_page(page) for page in report.pages)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>qsync diff</title><style>{_CSS}</style></head>
<body><header><h1>qsync diff</h1>
<p>{pages} page{"s" * (pages != 1)}, {total} rows (a pair, or a question one side lacks) · thresholds: identical {t.identical:g},
changed {t.changed:g}, related {t.related:g} · question weight {t.question_weight:g} · qsync {escape(report.version)}</p>
</header><main><nav class="filters" aria-label="Filter by class">{buttons}</nav>{body}</main>
<script>{_SCRIPT}</script></body></html>
"""


def _page(page: PageDiff) -> str:
    s = page.source
    base = (
        f" · three-way against {escape(page.base.commit[:7])} ({escape(page.base.recorded_at)})"
        if page.base
        else ""
    )
    findings = "".join(
        f'<p class="finding">{escape(f.path)}:{f.line}: {escape(f.message)}</p>'
        for f in page.findings
    )
    ordered = sorted(page.pairs, key=lambda p: (PAIR_CLASSES.index(p.cls), _line(p)))
    pairs = "".join(_pair(p) for p in ordered)
    ref = "" if s.commit.startswith(s.ref) else f" ({escape(s.ref)})"
    return (
        f'<section class="page"><h2>{escape(page.site_path)} ↔ {escape(s.repo)}:{escape(s.path)}</h2>'
        f'<p class="meta">upstream {escape(s.kind)} at {escape(s.commit[:7])}{ref}:'
        f" {escape(page.upstream.describe())}{base}</p>{findings}{pairs}</section>"
    )


def _pair(pair: Pair) -> str:
    colour = _BADGE[pair.cls]
    scores = ""
    if pair.scores is not None:
        sc = pair.scores
        scores = f"combined {sc.combined:.1f} · question {sc.question:.1f} · answer {sc.answer:.1f}"
    elif pair.closest is not None:
        c = pair.closest
        scores = f"closest: {escape(_label(c.tag, c.text))} ({c.scores.combined:.1f})"
    moved = (
        f'<span class="moved">moved: {escape(pair.site.section or "")} → {escape(pair.upstream.section or "")}</span>'
        if pair.moved and pair.site and pair.upstream
        else ""
    )
    left, right = _sides(pair.site, pair.upstream)
    return (
        f'<article class="pair" data-class="{pair.cls}"><div class="top">'
        f'<span class="badge" style="background:{colour}">{pair.cls}</span>'
        f'<span class="scores">{scores}</span>{moved}</div>'
        f'<div class="sides"><div class="side"><h3>site</h3>{left}</div>'
        f'<div class="side"><h3>upstream</h3>{right}</div></div></article>'
    )


def _line(pair: Pair) -> int:
    side = pair.site or pair.upstream
    return side.line if side else 0


def _label(tag: str, text: str) -> str:
    return f"{tag} {text}" if tag else text


def _sides(site: QuestionRef | None, upstream: QuestionRef | None) -> tuple[str, str]:
    if site is None or upstream is None:
        one = site or upstream
        assert one is not None
        side = (
            f'<p class="q">{escape(_label(one.tag, one.text))}</p>'
            f'<pre class="a">{escape(one.answer)}</pre>'
            f'<p class="meta">line {one.line}{_section(one)}</p>'
        )
        empty = '<p class="none">not there</p>'
        return (side, empty) if site is not None else (empty, side)
    q_left, q_right = word_diff(site.text, upstream.text)
    a_left, a_right = word_diff(site.answer, upstream.answer)
    left = f'<p class="q">{q_left}</p><pre class="a">{a_left}</pre><p class="meta">line {site.line}{_section(site)}</p>'
    number = f"{upstream.tag} " if upstream.tag else ""
    right = (
        f'<p class="q">{number}{q_right}</p><pre class="a">{a_right}</pre>'
        f'<p class="meta">line {upstream.line}{_section(upstream)}</p>'
    )
    return left, right


def _section(q: QuestionRef) -> str:
    return f" · {escape(q.section)}" if q.section else ""


def word_diff(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML, words only in ``old`` in ``<del>``, words only in ``new`` in ``<ins>``."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return "".join(left), "".join(right)
