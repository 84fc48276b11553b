"""``qsync lint`` and ``qsync rules``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qsync.cli import app, say, wants_progress
from qsync.cli.arguments import ConfigOption
from qsync.errors import ExitCode, InputError

if TYPE_CHECKING:
    from qsync.results.lint import LintResult

FORMATS = ("text", "json", "sarif", "github", "junit")


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Pages or folders; default: the [[pages]] of qsync.toml."
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="text, json, sarif, github or junit."
        ),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report here (atomically)."),
    ] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the fixes of fixable rules.")] = False,
    online: Annotated[
        bool, typer.Option("--online", help="Also check external URLs (QS210, QS211).")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="RULE",
            help="Run only these rules (id, name or prefix; repeatable).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", metavar="RULE", help="Skip these rules (id, name or prefix; repeatable)."
        ),
    ] = None,
    dialect: Annotated[
        str | None,
        typer.Option(
            "--dialect",
            "-d",
            metavar="site|upstream",
            help="The pages' dialect; default: site inside docs_dir, else detected.",
        ),
    ] = None,
    upstream_git: Annotated[
        str | None,
        typer.Option(
            "--upstream-git",
            metavar="PATH|URL[@REF]",
            help="Upstream clone, bundle or URL: checks QS204 links.",
        ),
    ] = None,
    config: ConfigOption = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, metavar="N", help="Worker processes; 0 picks by file count."
        ),
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
        progress=wants_progress(),
    )
    result = run_lint(load_config(config), options)
    _say_what_ran(result)
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

        say(f"{output}: {summary(result)}")
    if result.errors:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _say_what_ran(result: LintResult) -> None:
    """--verbose: the rules that ran and each file linted, with its count of findings."""
    codes = ", ".join(r.code for r in result.rules)
    say(f"{len(result.rules)} rules selected: {codes}", "verbose")
    found: dict[str, int] = {}
    for finding in result.findings:
        found[finding.path] = found.get(finding.path, 0) + 1
    for path in result.files:
        count = found.get(path, 0)
        fixed = ", fixed" if path in result.fixed else ""
        say(f"linted {path}: {count} finding{'s' * (count != 1)}{fixed}", "verbose")


@app.command()
def rules(
    codes: Annotated[
        list[str] | None,
        typer.Argument(metavar="RULE", help="Show the full documentation of these rules."),
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
