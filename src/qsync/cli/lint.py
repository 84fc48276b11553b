"""``qsync lint`` and ``qsync rules``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from qsync.cli import app
from qsync.errors import ExitCode, InputError

FORMATS = ("text", "json", "sarif", "github", "junit")


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Pages or folders; default: the [[pages]] of qsync.toml."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, sarif, github or junit.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here (atomically).")
    ] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the fixes of fixable rules.")] = False,
    online: Annotated[
        bool, typer.Option("--online", help="Also check external URLs (QS210, QS211).")
    ] = False,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Run only these rules (id, name, prefix).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these rules (id, name, prefix).")
    ] = None,
    dialect: Annotated[
        str | None,
        typer.Option("--dialect", "-d", help="site or upstream; default: site inside docs_dir."),
    ] = None,
    upstream_git: Annotated[
        str | None,
        typer.Option("--upstream-git", help="Upstream clone, bundle or URL: checks QS204 links."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="qsync.toml to use (default: found upward)."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 picks by file count.")
    ] = 0,
) -> None:
    """Check pages: structure (QS1xx) and links (QS2xx).

    Exit 0 when there are no errors, 1 when there are, 2 on bad input or configuration.
    'qsync rules' lists the rules; [lint] in qsync.toml and <!-- qsync-disable … -->
    comments switch them off.

    Examples:

    \b
      qsync lint                                   the [[pages]] of qsync.toml
      qsync lint docs --format sarif -o lint.sarif for code scanning
      qsync lint --fix docs/page.md                apply the safe fixes
    """
    from qsync.config import load_config
    from qsync.dialects import check_dialect
    from qsync.lint.engine import LintOptions, run_lint
    from qsync.report import LINT_FORMATS, reporter

    if output_format not in LINT_FORMATS:
        raise InputError(f"unknown format {output_format!r}: expected one of {', '.join(FORMATS)}")
    options = LintOptions(
        paths=tuple(paths or ()),
        fix=fix,
        online=online,
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        dialect=check_dialect(dialect),
        upstream_git=upstream_git,
        jobs=jobs,
    )
    result = run_lint(load_config(config), options)
    report = reporter(LINT_FORMATS, output_format)
    if output is None:
        report(result, sys.stdout)
        sys.stdout.flush()
    else:
        import io

        from qsync.fileio import write_atomic

        buffer = io.StringIO()
        report(result, buffer)
        write_atomic(output, buffer.getvalue())
        from qsync.report.lint_text import summary

        typer.echo(f"{output}: {summary(result)}", err=True)
    if result.errors:
        raise typer.Exit(int(ExitCode.FINDINGS))


@app.command()
def rules(
    codes: Annotated[
        list[str] | None, typer.Argument(help="Show the full documentation of these rules.")
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the rule reference (docs/rules.md).")
    ] = False,
) -> None:
    """List every lint rule, or document some.

    Examples:

    \b
      qsync rules                  every rule, one line each
      qsync rules QS202            one rule's documentation
      qsync rules --markdown       the reference in docs/rules.md
    """
    from qsync.lint.docs import rule_help, rules_markdown, rules_table
    from qsync.lint.rules import RULES

    if markdown:
        sys.stdout.write(rules_markdown())
        return
    if not codes:
        sys.stdout.write(rules_table())
        return
    for code in codes:
        found = [r for r in RULES if code.upper() == r.meta.code or code.lower() == r.meta.name]
        if not found:
            raise InputError(f"unknown rule {code!r} (see 'qsync rules')")
        sys.stdout.write(rule_help(found[0].meta))
