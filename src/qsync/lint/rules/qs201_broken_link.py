"""QS201 broken-link: a relative link to a file that does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from qsync.lint.rule import Hit, PageContext, Rule, meta
from qsync.lint.rules._links import local_links, resolve

META = meta(
    "QS201",
    "broken-link",
    "error",
    "A relative link points to a file that does not exist.",
    """
Links are resolved the way the page's renderer resolves them.

- **Site pages** (inside `docs_dir`), as MkDocs does: relative to the page's file inside
  `docs_dir`; a link to a `.md` file or any other file of the docs is fine. A link MkDocs
  cannot map to a file (`../topic/`, a path without extension) is left as written, so it is
  resolved like a browser would, against the page's URL (`use_directory_urls` puts
  `a/b.md` at `a/b/`), then mapped back: `x/` is `x/index.md`, `x/README.md` or `x.md`.
  A leading `/` is the site root.
- **Other files** (upstream), as GitHub does: relative to the file in the repository
  (`%20` decoded); a leading `/` is the repository root; folders are fine.

Pages the site has but `docs_dir` does not hold are listed in `[site] external_pages`:
links to them are accepted (their anchors cannot be checked).
""",
    tags=("links",),
)


def check(ctx: PageContext) -> Iterator[Hit]:
    for link in local_links(ctx):
        if link.target.startswith("#") or not urlsplit(link.target).path:
            continue
        resolved = resolve(ctx, link.target.strip())
        if resolved.status == "missing":
            yield Hit(
                link.line,
                link.col,
                f"'{link.target}' does not exist (resolved to {resolved.shown})",
                end_col=link.end_col,
            )


RULE = Rule(META, check)
