"""Which column of a calendar holds what: defaults for common Dutch headers, overridable per directorate."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..yamlio import DocumentError, load_document, read_document
from .reading import CalendarError

__all__ = ["ROLES", "ColumnMap", "default_headers", "key_directorates", "load_column_file", "resolve_columns"]

ROLES = ("title", "description", "leadbuyer", "directorate", "value", "publication", "certainty", "cpv", "kind")
ColumnMap = dict[str, int]


def _norm(header: object) -> str:
    return re.sub(r"[^a-z0-9&]", "", str(header or "").lower())


@cache
def _defaults() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("columns.yaml").read_text("utf-8")
    return load_document(text).data


def default_headers() -> dict[str, list[str]]:
    return {role: list(headers) for role, headers in _defaults()["columns"].items()}


def key_directorates() -> dict[str, list[str]]:
    return {name: list(words) for name, words in _defaults()["key_directorates"].items()}


def load_column_file(path: str | Path) -> dict[str, list[str]]:
    """A YAML file `columns: {role: [header, ...]}` (or `{role: header}`); errors name the file and line."""
    source = str(path)
    try:
        document = read_document(path)  # the reading gate: regular files, size limits, plain YAML
    except DocumentError as exc:
        raise CalendarError(source, [exc.problem]) from None
    data = document.data.get("columns") if isinstance(document.data, dict) else None
    if not isinstance(data, dict):
        raise CalendarError(source, [Problem("$", "expected a mapping 'columns: {role: [header, ...]}'", 1)])
    problems = [
        Problem(f"$.columns.{role}", f"unknown role; roles: {', '.join(ROLES)}", document.line_of(["columns", role]))
        for role in data
        if role not in ROLES
    ]
    if problems:
        raise CalendarError(source, problems)
    return {
        role: [headers] if isinstance(headers, str) else [str(h) for h in headers] for role, headers in data.items()
    }


def resolve_columns(header: Sequence[object], overrides: Mapping[str, Sequence[str]] = {}) -> ColumnMap:
    """The column index per role; a role the overrides name wins over the defaults."""
    index = {}
    for position, name in enumerate(header):
        index.setdefault(_norm(name), position)
    found: ColumnMap = {}
    for role in ROLES:
        for candidate in [*overrides.get(role, ()), *default_headers().get(role, ())]:
            if _norm(candidate) in index:
                found[role] = index[_norm(candidate)]
                break
    return found


def looks_like_header(values: Sequence[object], overrides: Mapping[str, Sequence[str]] = {}) -> bool:
    return "title" in resolve_columns(values, overrides)
