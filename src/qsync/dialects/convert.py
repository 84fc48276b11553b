"""Writing a page in the other dialect: a fresh document in that dialect's conventions."""

from __future__ import annotations

from qsync.dialects.common import render_question
from qsync.markdown.slugs import GithubSlugger
from qsync.model import Dialect, Layout, Page, Question

SCENARIO_SECTION = "Scenario-Based Questions"
SITE_LAYOUT = Layout(head_before='??? question "Q: ', head_after='"', indent="    ")


def upstream_layout(kind: str) -> Layout:
    if kind == "scenario":
        return Layout(head_before="### Scenario ", head_after="", number_suffix=": ", gap="\n")
    return Layout(head_before="**", head_after="**", number_suffix=". ", gap="\n")


def as_upstream_question(q: Question, number: int) -> Question:
    """``q`` written as upstream writes it: ``**N. text**``, a blank line, the answer."""
    return _replace(q, number=number, layout=upstream_layout(q.kind))


def as_site_question(q: Question) -> Question:
    return _replace(q, number=None, layout=SITE_LAYOUT)


def _replace(q: Question, **changes: object) -> Question:
    from dataclasses import replace

    return replace(q, **changes)  # type: ignore[arg-type]


def render_as(page: Page, dialect: Dialect) -> str:
    return to_upstream(page) if dialect == "upstream" else to_site(page)


def to_upstream(page: Page) -> str:
    slugger = GithubSlugger()
    head: list[str] = [f"# {page.title or 'Interview Questions'}\n"]
    if page.intro.text:
        head.append(f"\n{page.intro.text}\n")
    toc: list[str] = []
    body: list[str] = []
    number = scenario = 0
    sections = [s for s in page.sections if any(q.kind != "prompt" for q in s.questions)]
    for k, section in enumerate(sections, start=1):
        title = section.title or "Questions"
        toc.append(f"{k}. [{title}](#{slugger.slug(title)})\n")
        body.append(f"\n---\n\n## {title}\n")
        for q in section.questions:
            if q.kind == "prompt":
                continue
            if q.kind == "scenario":
                scenario += 1
                rendered = as_upstream_question(q, scenario)
            else:
                number += 1
                rendered = as_upstream_question(q, number)
            body.append("\n" + render_question(rendered))
    if toc:
        head.append("\n## Table of Contents\n")
        head.extend(toc)
    footer = f"\n---\n\n{page.footer}\n" if page.footer else ""
    return "".join(head) + "".join(body) + footer


def to_site(page: Page) -> str:
    out: list[str] = [f"# {page.title or 'Interview Questions'}\n"]
    if page.intro.text:
        out.append(f"\n{page.intro.text}\n")
    for section in page.sections:
        questions = [q for q in section.questions if q.kind != "prompt"]
        if not questions:
            continue
        out.append(f"\n## {section.title or 'Questions'}\n")
        for q in questions:
            out.append("\n" + render_question(as_site_question(q)))
    return "".join(out)
