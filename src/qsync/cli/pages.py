"""``qsync parse``, ``qsync render`` and ``qsync validate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from qsync.cli import app, say
from qsync.errors import ExitCode

DialectOption = Annotated[
    str | None,
    typer.Option(
        "--dialect",
        "-d",
        metavar="site|upstream",
        help="The page's dialect; detected from the text when omitted.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write here (atomically) instead of to stdout."
    ),
]


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from qsync.fileio import write_atomic

    write_atomic(output, text)


@app.command()
def parse(
    pages: Annotated[
        list[Path], typer.Argument(metavar="PAGE", help="Markdown pages or folders of them.")
    ],
    output: OutputOption = None,
    dialect: DialectOption = None,
) -> None:
    """Parse Markdown pages into schema-checked JSON.

    One page gives one page document; several give a JSON array of them. What the parser
    cannot classify is printed as a positioned warning and does not fail the parse.

    Examples:

    \b
      qsync parse docs/page.md -o page.json     one page; a summary line on stderr
      qsync parse docs/interview-questions      every page of a folder, as an array
    """
    import json

    from qsync.dialects import check_dialect, parse_file
    from qsync.documents import page_document
    from qsync.fileio import markdown_files
    from qsync.schema import check

    forced = check_dialect(dialect)
    documents = []
    for path in markdown_files(pages):
        page = parse_file(path, forced)
        how = "as given by --dialect" if forced else "detected"
        say(f"{page.source.path}: {page.source.dialect} dialect ({how})", "verbose")
        for w in page.warnings:
            typer.echo(
                f"{page.source.path}:{w.line}:{w.col}: warning: {w.message} [{w.code}]", err=True
            )
        document = page_document(page)
        check(document, str(path))
        documents.append(document)
        if output is not None:
            questions = sum(q.kind != "prompt" for q in page.questions)
            say(
                f"{page.source.path}: {page.source.dialect} dialect, {len(page.sections)} sections, "
                f"{questions} questions, {len(page.warnings)} warnings"
            )
    body = documents[0] if len(documents) == 1 else documents
    _emit(json.dumps(body, indent=2, ensure_ascii=False) + "\n", output)


@app.command()
def render(
    page_json: Annotated[
        Path, typer.Argument(metavar="PAGE.json", help="A page document written by 'qsync parse'.")
    ],
    dialect: DialectOption = None,
    output: OutputOption = None,
) -> None:
    """Write a page document back as Markdown.

    In the page's own dialect the result is byte for byte the source it was parsed from;
    in the other dialect it is a new page written in that dialect's conventions.

    Examples:

    \b
      qsync render page.json                        the source again, byte for byte
      qsync render page.json --dialect upstream     the same questions as upstream writes them
    """
    from qsync.dialects import check_dialect
    from qsync.dialects import render as render_page
    from qsync.dialects.convert import render_as
    from qsync.documents import load_page

    page = load_page(page_json)
    target = check_dialect(dialect) or page.source.dialect
    how = "its own dialect" if target == page.source.dialect else f"from {page.source.dialect}"
    say(f"{page_json}: rendering {page.source.path} in the {target} dialect ({how})", "verbose")
    text = render_page(page) if target == page.source.dialect else render_as(page, target)
    if output is None:
        sys.stdout.write(text)
    else:
        from qsync.fileio import write_atomic

        write_atomic(output, text.encode("utf-8"))


@app.command()
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help="qsync JSON documents (page, lint report, diff report, plan, state).",
        ),
    ],
) -> None:
    """Check qsync JSON documents against their schemas.

    Each document names its schema in its "schema" field; every violation is printed with
    its JSON path. Exit 0 when all are valid, 1 when any breaks its schema, 2 when one
    cannot be read.

    Example:

    \b
      qsync validate page.json lint.json
    """
    from qsync.documents import load_json
    from qsync.schema import schema_errors

    bad = 0
    for path in files:
        document = load_json(path)
        items = document if isinstance(document, list) else [document]
        say(f"{path}: checking {len(items)} document(s) against their schemas", "verbose")
        errors = [
            f"[{i}] {e}" if len(items) > 1 else e
            for i, item in enumerate(items)
            for e in schema_errors(item)
        ]
        if errors:
            bad += 1
            for error in errors:
                typer.echo(f"{path}: {error}")
        else:
            kinds = sorted({str(item.get("schema")) for item in items})
            typer.echo(f"{path}: valid ({', '.join(kinds)})")
    if bad:
        raise typer.Exit(int(ExitCode.FINDINGS))
