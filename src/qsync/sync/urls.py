"""Where MkDocs publishes a page, and what a relative link in it points to on the live site."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from qsync.markdown.slugs import mkdocs_slug

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_INDEX_NAMES = ("index", "README")


class LinkOutsideSite(ValueError):
    """A relative link that cannot be given an absolute site URL."""


@dataclass(frozen=True, slots=True)
class SiteUrls:
    """The published site: its root URL and MkDocs' ``use_directory_urls``."""

    base_url: str
    use_directory_urls: bool = True

    def page_url(self, page_path: str) -> str:
        """The URL of the page at ``page_path`` (relative to docs_dir)."""
        url = self.absolute("", page_path)
        if url is None:  # pragma: no cover - an empty target is always relative
            raise LinkOutsideSite(page_path)
        return url

    def absolute(self, target: str, page_path: str) -> str | None:
        """``target`` as written in ``page_path`` made absolute; None when it already is.

        MkDocs' rules: ``a.md`` → ``a/`` (``a.html`` without directory URLs), ``index.md`` and
        ``README.md`` → their folder, other files keep their path; the anchor is kept, slugged as
        MkDocs slugs headings. Raises LinkOutsideSite for a link that leaves docs_dir.
        """
        if _SCHEME.match(target) or target.startswith("//"):
            return None
        if not self.base_url:
            raise LinkOutsideSite(f"relative link {target!r} needs [site] base_url to be set")
        rest, _, fragment = target.partition("#")
        path, _, query = rest.partition("?")
        if path.startswith("/"):
            resolved = posixpath.normpath(unquote(path).lstrip("/") or ".")
        else:
            folder = posixpath.dirname(page_path)
            resolved = posixpath.normpath(posixpath.join(folder, unquote(path or "")))
            if not path:
                resolved = posixpath.normpath(page_path)
        if resolved == ".." or resolved.startswith("../"):
            raise LinkOutsideSite(f"link {target!r} points outside the site's docs_dir")
        url = quote(self._published_path(resolved, path.endswith("/")), safe="/-._~!$&'()*+,;=:@")
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        out = base + url
        if query:
            out += "?" + query
        if fragment:
            out += "#" + (fragment if fragment == mkdocs_slug(fragment) else _slug(fragment))
        return out

    def _published_path(self, resolved: str, folder: bool) -> str:
        if resolved == ".":
            return ""
        if not resolved.endswith(".md"):
            return resolved + "/" if folder else resolved
        stem = resolved[:-3]
        parent, name = posixpath.split(stem)
        if name in _INDEX_NAMES:
            if self.use_directory_urls:
                return parent + "/" if parent else ""
            return posixpath.join(parent, "index.html")
        return stem + "/" if self.use_directory_urls else stem + ".html"


def _slug(fragment: str) -> str:
    return mkdocs_slug(unquote(fragment)) or fragment
