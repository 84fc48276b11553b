"""Every JSON document qsync writes names its schema in ``"schema"``; this checks it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from qsync.errors import InputError

SCHEMA_FILES = {
    "qsync.page/1": "page.schema.json",
    "qsync.lint-report/1": "lint-report.schema.json",
    "qsync.diff-report/1": "diff-report.schema.json",
    "qsync.sync-plan/1": "sync-plan.schema.json",
    "qsync.state/1": "state.schema.json",
    "qsync.link-cache/1": "link-cache.schema.json",
}


@cache
def load_schema(filename: str) -> dict[str, Any]:
    text = resources.files("qsync").joinpath("schemas", filename).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _validator(filename: str) -> Any:
    from jsonschema import Draft202012Validator  # costly import: only where JSON is checked

    return Draft202012Validator(load_schema(filename))


def schema_errors(document: Any, filename: str | None = None) -> list[str]:
    """Every way ``document`` breaks its schema, as ``$.json.path: message`` lines."""
    if filename is None:
        if not isinstance(document, dict) or document.get("schema") not in SCHEMA_FILES:
            known = ", ".join(SCHEMA_FILES)
            return [f'$: "schema" must name a qsync schema ({known})']
        filename = SCHEMA_FILES[document["schema"]]
    errors = sorted(_validator(filename).iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def check(document: Any, where: str, filename: str | None = None) -> None:
    """Raise an InputError naming the first schema violation, if any."""
    errors = schema_errors(document, filename)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(f"does not match its schema: {errors[0]}{more}", path=where)
