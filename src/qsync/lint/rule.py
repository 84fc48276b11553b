"""What a rule is: metadata plus a pure ``check(page, context)`` that yields hits.

A hit is a finding without the rule's metadata; the engine adds code, name, severity and path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from qsync.lint.anchors import HeadingLine, page_anchors, scan_headings
from qsync.lint.sitemap import SiteMap
from qsync.model import Page, Question
from qsync.results.lint import Edit, RuleMeta

DOCS_URL = "https://github.com/jassics/qsync/blob/main/docs/rules.md"


@dataclass(frozen=True, slots=True)
class Hit:
    line: int
    col: int
    message: str
    end_line: int | None = None
    end_col: int | None = None
    fix: tuple[Edit, ...] = ()


@dataclass(eq=False)
class PageContext:
    """One page being linted and everything a rule may ask about the rest of the site."""

    page: Page
    text: str  # LF line endings, no BOM
    path: Path  # on disk
    site: SiteMap
    doc_path: str | None = None  # relative to docs_dir, when the page is inside it
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    upstream_ref: str = "main"
    upstream_path: str | None = None  # the upstream file a site page maps to

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")[:-1]

    @cached_property
    def headings(self) -> tuple[HeadingLine, ...]:
        return scan_headings(self.lines, self.page.source.dialect)

    @cached_property
    def anchors(self) -> frozenset[str]:
        return page_anchors(self.text, self.headings, self.page.source.dialect)

    @cached_property
    def answered(self) -> tuple[Question, ...]:
        """Questions and scenarios (not practice prompts, which have no answer by design)."""
        return tuple(q for q in self.page.questions if q.kind != "prompt")

    @cached_property
    def upstream_questions(self) -> frozenset[str] | None:
        """Normalised texts of the mapped upstream file's questions; None when unknown."""
        upstream = self.site.upstream
        if upstream is None or self.upstream_path is None:
            return None
        text = upstream.text(self.upstream_ref, self.upstream_path)
        if text is False:
            return None
        if text is None:
            return frozenset()
        from qsync.dialects import parse_text
        from qsync.dialects.common import normalise_question

        page = parse_text(text, self.upstream_path, "upstream")
        return frozenset(normalise_question(q.text) for q in page.questions)

    def option(self, code: str, key: str, default: Any) -> Any:
        return self.options.get(code, {}).get(key, default)


Check = Callable[[PageContext], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    meta: RuleMeta
    check: Check


def meta(
    code: str,
    name: str,
    severity: str,
    description: str,
    doc: str,
    *,
    tags: tuple[str, ...],
    fixable: bool = False,
) -> RuleMeta:
    """Rule metadata; the docs URL points at the rule's section of docs/rules.md."""
    assert severity in ("error", "warning", "info")
    return RuleMeta(
        code,
        name,
        severity,  # type: ignore[arg-type]
        tags,
        fixable,
        description,
        doc.strip(),
        f"{DOCS_URL}#{code.lower()}-{name}",
    )
