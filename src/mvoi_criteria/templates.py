"""Clause texts are Jinja templates in a sandbox: they can read profile facts, never run code."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .derive import FIELD_SPECS, Possible
from .formatting import format_date, format_euro, format_list, format_number, format_percent
from .vocabulary import field_label

__all__ = ["Missing", "TemplateError", "compile_template", "render", "template_context"]

_ROOTS = ("profile", "derived")


class TemplateError(Exception):
    """A clause template cannot be parsed or names a field that does not exist."""


class Missing:
    """An unknown profile fact in a clause: renders as a visible blank, named in words, for the buyer."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __str__(self) -> str:
        return f"[in te vullen: {field_label(self.path)}]"

    def __bool__(self) -> bool:
        return False


_env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
_env.filters.update(euro=format_euro, lijst=format_list, procent=format_percent, getal=format_number, datum=format_date)


def compile_template(source: str) -> Any:
    """Parse and check a template once; raise TemplateError naming an unknown field."""
    try:
        tree = _env.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error on its line {exc.lineno}: {exc.message}") from None
    for name in sorted({n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"} - set(_ROOTS)):
        raise TemplateError(f"unknown name '{name}' in template; use profile.<field> or derived.<field>")
    for path in _attribute_paths(tree):
        if path.split(".", 1)[0] == "derived" or path.startswith("profile."):
            field = path.removeprefix("profile.")
            if field not in FIELD_SPECS and not any(f.startswith(field + ".") for f in FIELD_SPECS):
                close = difflib.get_close_matches(field, FIELD_SPECS, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise TemplateError(f"template uses unknown field '{path}'{hint}")
    return _env.from_string(source)


def _attribute_paths(tree: nodes.Template) -> set[str]:
    """Full dotted paths such as profile.personnel.in_public_space (outermost Getattr nodes only)."""
    paths: set[str] = set()
    inner: set[int] = set()
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Getattr):
            inner.add(id(node.node))
    for node in tree.find_all(nodes.Getattr):
        if id(node) in inner:
            continue
        parts, cursor = [node.attr], node.node
        while isinstance(cursor, nodes.Getattr):
            parts.append(cursor.attr)
            cursor = cursor.node
        if isinstance(cursor, nodes.Name):
            parts.append(cursor.name)
            paths.add(".".join(reversed(parts)))
    return paths


def template_context(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Nest the flat fact table into `profile` and `derived`, unknown values as Missing."""
    context: dict[str, Any] = {"profile": {}, "derived": {}}
    for path, value in facts.items():
        root, rest = ("derived", path.removeprefix("derived.")) if path.startswith("derived.") else ("profile", path)
        target = context[root]
        *parents, leaf = rest.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = Missing(path) if value is None or isinstance(value, Possible) else value
    return context


def render(template: Any, context: Mapping[str, Any]) -> str:
    return template.render(context).strip()
