"""The site as link rules see it: which files exist, their anchors and titles, and how a
link resolves under the renderer of the page's dialect (MkDocs for the site, GitHub upstream).

Built once per run; anchors and titles of other pages are read on first use and kept.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit

from qsync.dialects.common import front_matter_end
from qsync.lint.anchors import page_anchors, scan_headings
from qsync.model import Dialect

Status = Literal["ok", "missing", "unchecked"]
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_H1 = re.compile(r"^# +(.+?)[ \t#]*$")
_MAX_READ = 16 * 1024 * 1024
_SEE = re.compile(r"\b[Ss]ee")
_SEE_LEADS = (" also the ", " also ", " the ", " ")  # what may come between "see" and a title


def is_external(url: str) -> bool:
    return bool(_SCHEME.match(url))


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where a link points: ``ok`` with the file (Markdown files get their anchors checked),
    ``missing``, or ``unchecked`` (a page the site has outside docs_dir, an upstream file that
    cannot be read)."""

    status: Status
    shown: str  # the target as resolved, for messages
    file: Path | None = None
    dialect: Dialect | None = None
    fragment: str = ""


class UpstreamFiles:
    """Files of the upstream repository at any ref, read with git on first use."""

    def __init__(self, repo: str, location: str) -> None:
        self.repo = repo
        self.location = location
        self._texts: dict[tuple[str, str], str | None] = {}
        self._broken: set[str] = set()

    def text(self, ref: str, path: str) -> str | Literal[False] | None:
        """The file's text, None when it does not exist at ``ref``, False when unreadable."""
        if ref in self._broken:
            return False
        key = (ref, path)
        if key not in self._texts:
            try:
                from qsync.upstream.git import GitSource

                self._texts[key] = GitSource(self.location, ref).read(path).text
            except Exception:  # unreadable upstream: the link is unchecked, not broken
                self._broken.add(ref)
                return False
        return self._texts[key]


class SiteMap:
    def __init__(
        self,
        docs_dir: Path | None,
        base_url: str = "",
        use_directory_urls: bool = True,
        external_pages: Iterable[str] = (),
        upstream: UpstreamFiles | None = None,
    ) -> None:
        self.docs_dir = docs_dir.resolve() if docs_dir is not None and docs_dir.is_dir() else None
        self.base_url = base_url if not base_url or base_url.endswith("/") else base_url + "/"
        self.use_directory_urls = use_directory_urls
        self.external_pages = frozenset(p.strip("/") for p in external_pages)
        self.upstream = upstream
        self.files = frozenset(self._walk()) if self.docs_dir else frozenset()
        self._anchors: dict[str, frozenset[str]] = {}
        self._titles: dict[str, str] | None = None
        self._first_words: dict[str, list[str]] | None = None
        self._title_patterns: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._roots: dict[str, Path] = {}

    def _walk(self) -> Iterable[str]:
        assert self.docs_dir is not None
        for folder, dirs, names in os.walk(self.docs_dir):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            rel = Path(folder).relative_to(self.docs_dir).as_posix()
            for name in names:
                yield name if rel == "." else f"{rel}/{name}"

    # -- pages ------------------------------------------------------------------------------

    def doc_path(self, path: Path) -> str | None:
        if self.docs_dir is None:
            return None
        try:
            return path.resolve().relative_to(self.docs_dir).as_posix()
        except ValueError:
            return None

    def remember(self, path: Path, dialect: Dialect, anchors: frozenset[str]) -> None:
        self._anchors[f"{dialect}:{path.resolve()}"] = anchors

    def anchors_of(self, path: Path, dialect: Dialect) -> frozenset[str]:
        """The anchors the renderer of ``dialect`` gives the page at ``path``."""
        key = f"{dialect}:{path.resolve()}"
        if key not in self._anchors:
            lines = _read_lines(path)
            text = "\n".join(lines)
            self._anchors[key] = page_anchors(text, scan_headings(lines, dialect), dialect)
        return self._anchors[key]

    def titles(self) -> dict[str, str]:
        """Page title (its H1) to docs-relative path, for every page of the site."""
        if self._titles is None:
            titles: dict[str, str] = {}
            assert self.docs_dir is not None or not self.files
            for rel in sorted(self.files):
                if rel.endswith(".md") and self.docs_dir is not None:
                    title = _first_h1(_read_lines(self.docs_dir / rel))
                    if title and len(title) >= 6:
                        titles.setdefault(title, rel)
            self._titles = titles
        return self._titles

    def see_title_pattern(self, line: str) -> re.Pattern[str] | None:
        """ "See <Page Title>" on ``line`` for any page title of the site (group ``title``),
        longest first; None when no title can follow a "see" on it. The pattern holds only
        the titles whose first word could follow a "see" on the line: one pattern of every
        title grows with the site (tens of MiB to compile at 10,000 pages)."""
        if not self.titles():
            return None
        if self._first_words is None:
            self._first_words = {}
            for title in self.titles():
                self._first_words.setdefault(title.split(" ", 1)[0], []).append(title)
        longest = max(map(len, self._first_words))
        candidates: set[str] = set()
        for m in _SEE.finditer(line):
            for lead in _SEE_LEADS:
                if line.startswith(lead, m.end()):
                    start = m.end() + len(lead)
                    stop = line.find(" ", start, start + longest + 1)
                    chunk = line[start : start + longest if stop < 0 else stop]
                    for end in range(1, len(chunk) + 1):
                        candidates.update(self._first_words.get(chunk[:end], ()))
        if not candidates:
            return None
        key = tuple(sorted(candidates, key=lambda t: (-len(t), t)))
        if key not in self._title_patterns:
            if len(self._title_patterns) > 256:
                self._title_patterns.clear()
            names = "|".join(re.escape(t) for t in key)
            self._title_patterns[key] = re.compile(
                rf"\b[Ss]ee(?: also)?(?: the)? (?P<title>{names})(?![\w-])"
            )
        return self._title_patterns[key]

    def page_url(self, doc_path: str) -> str:
        """The URL path MkDocs serves a page at, relative to the site root."""
        head, _, name = doc_path.removesuffix(".md").rpartition("/")
        folder = f"{head}/" if head else ""
        if name in ("index", "README"):
            return folder
        return f"{folder}{name}/" if self.use_directory_urls else f"{folder}{name}.html"

    # -- resolving links --------------------------------------------------------------------

    def resolve_site(self, doc_path: str, url: str) -> Resolved:
        """A relative link on a site page, as MkDocs resolves it."""
        parts = urlsplit(url)
        path = unquote(parts.path)
        if not path:
            return self._site_target(doc_path, parts.fragment)
        if path.startswith("/"):
            return self._site_url(path.lstrip("/"), parts.fragment, url)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(doc_path), path))
        if target in self.files or target in self.external_pages:
            return self._site_target(target, parts.fragment)
        if path.endswith("/") or not posixpath.splitext(path)[1]:
            # MkDocs leaves it as written; the browser resolves it against the page's URL.
            served = urljoin("/" + self.page_url(doc_path), path)
            return self._site_url(served.lstrip("/"), parts.fragment, f"URL {served}")
        return Resolved("missing", target)

    def resolve_site_url(self, url: str) -> Resolved | None:
        """An absolute link to the site itself (base_url), or None when it is elsewhere."""
        if not self.base_url or not url.startswith(self.base_url):
            base = self.base_url.replace("https://", "http://", 1)
            if not base or not url.startswith(base):
                return None
            url = self.base_url + url[len(base) :]
        parts = urlsplit(url)
        rest = unquote(parts.path)[len(urlsplit(self.base_url).path) :]
        return self._site_url(rest, parts.fragment, url)

    def _site_url(self, rest: str, fragment: str, shown: str) -> Resolved:
        for candidate in self._url_candidates(rest):
            if candidate in self.files or candidate in self.external_pages:
                return self._site_target(candidate, fragment)
        return Resolved("missing", shown)

    def _url_candidates(self, rest: str) -> list[str]:
        """The files that could be served at URL path ``rest`` (relative to the site root)."""
        folder_url = not rest or rest.endswith("/")
        rest = posixpath.normpath(rest) if rest else "."
        if rest.startswith(".."):
            return []
        rest = "" if rest == "." else rest
        if rest.endswith(".html"):
            stem = rest.removesuffix(".html")
            if stem != "index" and not stem.endswith("/index"):
                return [] if self.use_directory_urls else [f"{stem}.md"]
            rest, folder_url = stem.removesuffix("index").rstrip("/"), True
        if folder_url or not posixpath.splitext(rest)[1]:
            folder = f"{rest}/" if rest else ""
            found = [f"{folder}index.md", f"{folder}README.md"]
            if rest and (self.use_directory_urls or not folder_url):
                found.append(f"{rest}.md")
            return found if folder_url else [rest, *found]
        return [rest]

    def _site_target(self, doc_path: str, fragment: str) -> Resolved:
        if doc_path in self.external_pages and doc_path not in self.files:
            return Resolved("unchecked", doc_path, fragment=fragment)
        file = self.docs_dir / doc_path if self.docs_dir else None
        markdown = doc_path.endswith(".md")
        return Resolved("ok", doc_path, file if markdown else None, "site", fragment)

    def resolve_repo(self, page: Path, url: str, dialect: Dialect) -> Resolved:
        """A relative link in a repository file, as GitHub resolves it (``%20`` in names)."""
        parts = urlsplit(url)
        path = unquote(parts.path)
        if not path:
            return Resolved("ok", page.name, page, dialect, parts.fragment)
        base = self._repo_root(page.parent) if path.startswith("/") else page.parent
        target = (base / path.lstrip("/")).resolve()
        shown = os.path.relpath(target, page.parent.resolve())
        if target.is_file():
            markdown = target.suffix.lower() in (".md", ".markdown")
            return Resolved("ok", shown, target if markdown else None, dialect, parts.fragment)
        if target.is_dir():
            return Resolved("ok", shown)
        return Resolved("missing", shown)

    def _repo_root(self, folder: Path) -> Path:
        key = str(folder)
        if key not in self._roots:
            here = folder.resolve()
            root = next((p for p in (here, *here.parents) if (p / ".git").exists()), here)
            self._roots[key] = root
        return self._roots[key]


def _read_lines(path: Path) -> list[str]:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_READ)
    except OSError:
        return []
    text = data.decode("utf-8", "replace").lstrip("\ufeff").replace("\r\n", "\n")
    return text.split("\n")


def _first_h1(lines: list[str]) -> str | None:
    for line in lines[front_matter_end(lines) :]:
        if line.startswith("# "):
            m = _H1.match(line)
            return m.group(1).strip() if m else None
    return None
