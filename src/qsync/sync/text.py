"""A plan as a maintainer reads it at a terminal."""

from __future__ import annotations

from qsync.results.sync import SyncPlan

_HOW = {
    "section-map": "section map",
    "title": "same title",
    "best-match": "best match",
    "new-section": "new section",
    "append": "appended",
}


def plan_summary(plan: SyncPlan, site_file: str) -> str:
    """What the plan adds, holds back and leaves for review, in a few lines."""
    commit = (plan.upstream_commit or "")[:7] or "?"
    target = f"{plan.upstream_repo}:{plan.upstream_path}@{commit}"
    lines = [f"{site_file} → {target}"]
    if not plan.changes:
        lines.append("  up to date: nothing to merge back")
    for i in plan.insertions:
        where = f'new section "{i.section}"' if i.new_section else f'"{i.section}"'
        how = "" if i.placed_by == "new-section" else f" ({_HOW[i.placed_by]})"
        lines.append(f"  + Q{i.number} {_short(i.text)} → {where}{how}")
    for h in plan.held_back:
        lines.append(f"  ! held back, line {h.site_line}: {_short(h.text)}: {h.reason}")
    for r in plan.review:
        number = f"Q{r.upstream_number}" if r.upstream_number is not None else "upstream"
        lines.append(f"  ? {r.kind}, line {r.site_line}: {_short(r.site_text)} ~ {number}")
    if plan.changes:
        s = plan.stats
        lines.append(
            f"  {len(plan.insertions)} added, {s.renumbered_heads} renumbered, "
            f"{s.rewritten_references} references rewritten, {s.toc_lines} ToC lines renumbered, "
            f"{s.other} other lines touched"
        )
    return "\n".join(lines) + "\n"


def _short(text: str, width: int = 60) -> str:
    return f'"{text}"' if len(text) <= width else f'"{text[: width - 1]}…"'
