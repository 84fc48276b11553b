"""The merge-back pull request's title and body: what it adds, what to check, where it is from.

Site text is untrusted: it is escaped so that it cannot end a table cell, open a comment or
forge the marker (which is only ever read from the body's first line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qsync import __version__
from qsync.results.sync import SyncPlan

if TYPE_CHECKING:
    from qsync.sync.publish import Provenance


def pull_title(plan: SyncPlan) -> str:
    count = len(plan.insertions)
    name = plan.upstream_path.rsplit("/", 1)[-1]
    return f"Add {count} interview question{'s' if count != 1 else ''} to {name} (merge-back)"


def pull_body(plan: SyncPlan, provenance: Provenance, marker: str) -> str:
    count = len(plan.insertions)
    page = plan.insertions[0].source_url if plan.insertions else None
    where = f"[the site page]({page})" if page else f"`{provenance.page_path}`"
    out = [
        marker,
        f"This pull request adds {count} question{'s' if count != 1 else ''} from {where} "
        f"that `{plan.upstream_path}` does not have yet.",
        "",
        "| Section | # | Question | Source |",
        "|---|---|---|---|",
    ]
    for i in plan.insertions:
        section = _cell(i.section) + (" (new)" if i.new_section else "")
        source = (
            f"[site, line {i.site_line}]({i.source_url})" if i.source_url else f"line {i.site_line}"
        )
        out.append(f"| {section} | {i.number} | {_cell(i.text)} | {source} |")
    s = plan.stats
    if s.renumbered_heads or s.rewritten_references or s.toc_lines:
        out += [
            "",
            f"To make room, {s.renumbered_heads} later questions are renumbered, "
            f'{s.rewritten_references} lines with "QN" references follow them and '
            f"{s.toc_lines} table-of-contents lines are renumbered; no other existing line changes.",
        ]
    else:
        out += ["", "No existing line changes."]
    if plan.review:
        out += [
            "",
            "### For the reviewer",
            "",
            "These site questions resemble existing ones; compare them by hand:",
            "",
        ]
        for r in plan.review:
            number = f"Q{r.upstream_number}" if r.upstream_number is not None else "upstream"
            out.append(
                f"- [ ] **{r.kind}** ({r.score:.0f}%): site line {r.site_line} "
                f"“{_inline(r.site_text)}” ↔ {number} “{_inline(r.upstream_text)}”"
            )
    if plan.held_back:
        out += ["", "### Held back", ""]
        out += [
            f"- site line {h.site_line} “{_inline(h.text)}”: {_inline(h.reason)}"
            for h in plan.held_back
        ]
    commit = plan.upstream_commit or "unknown"
    out += [
        "",
        "### Provenance",
        "",
        f"- Site: `{provenance.site_repo}@{provenance.site_commit}` `{provenance.page_path}`",
        f"- Upstream base: `{plan.upstream_repo}@{commit}`",
        f"- Made by qsync {__version__}; a rerun updates this pull request instead of opening another.",
        "",
    ]
    return "\n".join(out)


def _inline(text: str) -> str:
    return " ".join(text.replace("<!--", "&lt;!--").replace("-->", "--&gt;").split())


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")
