"""What a lint run will do: which rules, with which severities and options, over which
files, against which site. Built once per run; every worker gets the same plan."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qsync.config import Config
from qsync.errors import InputError
from qsync.lint.rule import Rule
from qsync.lint.rules import ONLINE, RULES
from qsync.lint.sitemap import SiteMap, UpstreamFiles
from qsync.model import Dialect
from qsync.results.lint import SEVERITIES, Severity


@dataclass(frozen=True, slots=True)
class LintOptions:
    paths: tuple[Path, ...] = ()
    fix: bool = False
    online: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    dialect: Dialect | None = None
    upstream_git: str | None = None
    jobs: int = 0  # 0: one per core when there are many files
    progress: bool | None = None  # --online's progress bar; None: only on a terminal outside CI


@dataclass(frozen=True)
class Plan:
    """Everything linting one file needs; built once per run and handed to every worker."""

    rules: tuple[Rule, ...]
    severity: Mapping[str, Severity]
    options: Mapping[str, Mapping[str, Any]]
    site: SiteMap
    codes: Mapping[str, str]  # rule name or id -> id
    dialect: Dialect | None = None
    fix: bool = False
    online: bool = False
    cwd: Path = field(default_factory=Path.cwd)
    upstream_ref: str = "main"
    upstream_paths: Mapping[str, str] = field(default_factory=dict)  # docs path -> upstream file

    def upstream_path(self, doc_path: str | None) -> str | None:
        """The upstream file a site page maps to: [[pages]], else the same file name."""
        if doc_path is None:
            return None
        return self.upstream_paths.get(doc_path, doc_path.rsplit("/", 1)[-1])


# -- choosing rules --------------------------------------------------------------------------


def _matches(rule: Rule, pattern: str) -> bool:
    p = pattern.strip()
    return rule.meta.name == p.lower() or rule.meta.code.startswith(p.upper())


def choose_rules(
    rules: Sequence[Rule], select: Iterable[str], ignore: Iterable[str], online: bool
) -> tuple[Rule, ...]:
    select, ignore = list(select), list(ignore)
    for pattern in (*select, *ignore):
        if not any(_matches(r, pattern) for r in rules):
            raise InputError(f"unknown rule {pattern!r} (see 'qsync rules')")
    chosen = [r for r in rules if not select or any(_matches(r, p) for p in select)]
    chosen = [r for r in chosen if not any(_matches(r, p) for p in ignore)]
    return tuple(r for r in chosen if online or r.meta.code not in ONLINE)


def _severities(rules: Sequence[Rule], overrides: Mapping[str, str]) -> dict[str, Severity]:
    found: dict[str, Severity] = {r.meta.code: r.meta.severity for r in rules}
    for key, value in overrides.items():
        match = [r for r in RULES if _matches(r, key)]
        if not match or value not in SEVERITIES:
            raise InputError(f"[lint.severity] {key} = {value!r}: unknown rule or severity")
        for r in match:
            found[r.meta.code] = value  # type: ignore[assignment]
    return found


def make_plan(config: Config, options: LintOptions) -> Plan:
    lint = config.lint
    rules = choose_rules(
        RULES,
        options.select or lint.get("select", []),  # --select replaces [lint] select
        [*lint.get("ignore", []), *options.ignore],
        options.online,
    )
    codes = {r.meta.name: r.meta.code for r in RULES} | {r.meta.code: r.meta.code for r in RULES}
    option_map: dict[str, Mapping[str, Any]] = {}
    for key, value in lint.get("options", {}).items():
        match = [r for r in RULES if _matches(r, key)]
        if not match:
            raise InputError(f"[lint.options] {key}: unknown rule")
        for r in match:
            option_map[r.meta.code] = value
    upstream = None
    git = options.upstream_git or config.upstream.git
    if git:
        # A path on the command line is relative to the working directory, in qsync.toml
        # to the file's folder; URLs are taken as they are.
        if "://" in git:
            location = git
        elif options.upstream_git:
            location = os.path.abspath(git)
        else:
            location = str(config.root / git)
        upstream = UpstreamFiles(config.upstream.repo, location)
    site = SiteMap(
        config.site.docs_dir,
        config.site.base_url,
        config.site.use_directory_urls,
        config.site.external_pages,
        upstream,
    )
    return Plan(
        rules,
        _severities(rules, lint.get("severity", {})),
        option_map,
        site,
        codes,
        options.dialect,
        options.fix,
        options.online,
        upstream_ref=config.upstream.ref,
        upstream_paths={p.site: p.upstream for p in config.pages},
    )


# -- which files ------------------------------------------------------------------------------


def collect_files(config: Config, paths: Sequence[Path]) -> list[Path]:
    if not paths:
        docs = config.site.docs_dir
        if config.pages:
            return [docs / p.site for p in config.pages]
        if docs.is_dir():
            return _markdown_under(docs)
        raise InputError(f"nothing to lint: no [[pages]] in qsync.toml and no folder {docs}")
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(_markdown_under(path))
        elif path.exists():
            files.append(path)
        else:
            raise InputError("no such file or folder", path=str(path))
    return list(dict.fromkeys(files))


def _markdown_under(folder: Path) -> list[Path]:
    found: list[Path] = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        found.extend(Path(here) / n for n in sorted(names) if n.endswith((".md", ".markdown")))
    return found
