"""The JSON Schemas shipped with the library: the contract for profiles, packs and advice."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .yamlio import Document, json_path

if TYPE_CHECKING:  # jsonschema is imported when something is validated, not at `import mvoi_criteria`
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

__all__ = ["schema", "schema_folder", "schema_problems", "validator"]


@cache
def schema_folder() -> Traversable:
    """Where the schemas are: package data in an installed wheel, or the repository's top-level
    `schemas/` folder in an editable install (`pip install -e .`), which maps no package onto it."""
    try:
        return resources.files("mvoi_criteria.schemas")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "schemas"


@cache
def schema(name: str) -> dict[str, Any]:
    """The parsed schema `schemas/<name>.schema.json`."""
    return json.loads(schema_folder().joinpath(f"{name}.schema.json").read_text("utf-8"))


def _available() -> list[str]:
    folder = schema_folder()
    return sorted(p.name.removesuffix(".schema.json") for p in folder.iterdir() if p.name.endswith(".schema.json"))


@cache
def _registry() -> Registry:
    """Every shipped schema under its $id, so cross-references resolve offline."""
    from referencing import Registry, Resource

    resources_ = [(schema(n)["$id"], Resource.from_contents(schema(n))) for n in _available()]
    return Registry().with_resources(resources_)


@cache
def validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(schema(name), registry=_registry(), format_checker=FormatChecker())


def schema_problems(name: str, document: Document | Any) -> list[Problem]:
    """Every way the data breaks the schema, each with its JSON path and, for documents, its line."""
    data = document.data if isinstance(document, Document) else document
    problems = []
    for error in sorted(validator(name).iter_errors(data), key=_sort_key):
        parts = list(error.absolute_path)
        line = document.line_of(parts) if isinstance(document, Document) else None
        problems.append(Problem(json_path(parts), _message(error), line))
    # In a file, report in the order a reader meets the lines.
    return sorted(problems, key=lambda p: (p.line or 0, p.path)) if isinstance(document, Document) else problems


def _sort_key(error: ValidationError) -> tuple[str, str]:
    return (json_path(error.absolute_path), error.message)


def _message(error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        hints = [
            f"{name!r} (did you mean {close[0]!r}?)"
            if (close := difflib.get_close_matches(name, allowed, n=1))
            else repr(name)
            for name in extra
        ]
        return f"unknown field(s) {', '.join(hints)}; allowed: {', '.join(allowed)}"
    if error.validator == "enum":
        allowed = ", ".join("null" if v is None else repr(v) for v in error.validator_value)
        return f"{error.instance!r} is not one of {allowed}"
    return error.message
