"""Minimal valid instances of the response schemas the fake serves, derived from GitHub's description.

``skeletons.json`` is what :func:`build` makes of ../shared/github's description (MIT, Octokit
contributors), kept here so the fake runs without ../shared; a test checks it is current.
Regenerate: ``python -m tests.fakegithub.skeletons ../shared/github/api.github.com.qsync-subset.json``
"""

from __future__ import annotations

import copy
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SKELETON_FILE = HERE / "skeletons.json"

SCHEMAS = (
    "basic-error", "blob", "branch-with-protection", "commit", "commit-comparison",
    "content-directory", "content-file", "diff-entry", "file-commit", "full-repository",
    "git-commit", "git-ref", "git-tree", "issue-comment", "label", "merged-upstream",
    "minimal-repository", "private-user", "pull-request", "pull-request-simple", "repository",
    "rate-limit-overview", "short-blob", "validation-error",
)  # fmt: skip

PLACEHOLDERS = {
    "date-time": "2026-01-01T00:00:00Z",
    "uri": "https://github.com/",
    "uri-template": "https://github.com/{x}",
    "email": "fake@example.com",
}


def build(spec: dict[str, Any]) -> dict[str, Any]:
    schemas = spec["components"]["schemas"]
    return {name: _instance(schemas[name], schemas) for name in SCHEMAS}


def _instance(schema: dict[str, Any], schemas: dict[str, Any]) -> Any:
    if "$ref" in schema:
        return _instance(schemas[schema["$ref"].rsplit("/", 1)[-1]], schemas)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(_instance(part, schemas))
        return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return _instance(schema[key][0], schemas)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "object")
    if kind == "object":
        props = schema.get("properties", {})
        return {
            name: None
            if _resolve(props[name], schemas).get("nullable")
            else _instance(props[name], schemas)
            for name in schema.get("required", [])
            if name in props
        }
    if kind == "array":
        return []
    if kind == "string":
        return PLACEHOLDERS.get(schema.get("format", ""), "")
    return {"integer": 0, "number": 0, "boolean": False}.get(kind)


def _resolve(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


@cache
def _loaded() -> dict[str, Any]:
    return json.loads(SKELETON_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def skeleton(name: str) -> dict[str, Any]:
    """A fresh copy of the minimal ``name`` instance, to fill in."""
    return copy.deepcopy(_loaded()[name])  # type: ignore[no-any-return]


if __name__ == "__main__":
    source = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    SKELETON_FILE.write_text(json.dumps(build(source), indent=1, sort_keys=True) + "\n")
