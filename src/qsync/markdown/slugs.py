"""Heading anchors as GitHub and as MkDocs (Python-Markdown's toc extension) make them."""

from __future__ import annotations

import re
import unicodedata

_MKDOCS_DROP = re.compile(r"[^\w\s-]")
_MKDOCS_SEPARATORS = re.compile(r"[-\s]+")
_MKDOCS_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")


def github_slug(text: str) -> str:
    """github-slugger: lowercase, drop punctuation and symbols, each space becomes ``-``.

    Runs of hyphens are not collapsed: ``A & B`` becomes ``a--b``.
    """
    out = []
    for ch in text.lower():
        if ch == " ":
            out.append("-")
        elif ch in "-_" or unicodedata.category(ch)[0] in "LNM":
            out.append(ch)
    return "".join(out)


def mkdocs_slug(text: str) -> str:
    """Python-Markdown's ``toc.slugify``: ASCII-fold, drop punctuation, collapse to ``-``."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _MKDOCS_DROP.sub("", value).strip().lower()
    return _MKDOCS_SEPARATORS.sub("-", value)


class GithubSlugger:
    """Unique anchors in document order: the second ``a`` is ``a-1``, the third ``a-2``."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = github_slug(text)
        slug = base
        while slug in self._seen:
            self._seen[base] += 1
            slug = f"{base}-{self._seen[base]}"
        self._seen[slug] = 0
        return slug


class MkdocsSlugger:
    """Unique anchors as Python-Markdown makes them: repeats become ``a_1``, ``a_2``."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def slug(self, text: str, explicit: str | None = None) -> str:
        slug = explicit or mkdocs_slug(text)
        while slug in self._seen or not slug:
            m = _MKDOCS_NUMBERED.match(slug)
            slug = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{slug}_1"
        self._seen.add(slug)
        return slug
