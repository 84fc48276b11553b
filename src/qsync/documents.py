"""qsync's JSON documents: dumping them checked against their schema, and loading them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qsync import schema
from qsync.errors import InputError
from qsync.model import Page, page_from_dict, page_to_dict


def dumps(document: Any, where: str) -> str:
    """JSON text for ``document``, after checking it against the schema it names."""
    schema.check(document, where)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a JSON file", path=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text, expected a JSON file", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON: {exc.msg} (column {exc.colno})", path=str(path), line=exc.lineno
        ) from None


def page_document(page: Page) -> dict[str, Any]:
    return page_to_dict(page)


def load_page(path: Path) -> Page:
    document = load_json(path)
    schema.check(document, str(path), "page.schema.json")
    page = page_from_dict(document)
    known = {q.id for q in page.questions}
    for block in page.blocks:
        if block.question is not None and block.question not in known:
            raise InputError(f"block refers to unknown question {block.question!r}", path=str(path))
    return page
