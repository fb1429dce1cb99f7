"""Clause texts are Jinja templates in a sandbox: they can read profile facts, never run code."""

from __future__ import annotations

import difflib
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .derive import FIELD_SPECS, Possible
from .formatting import format_date, format_euro, format_list, format_number, format_percent

__all__ = ["LazyTemplates", "Missing", "TemplateError", "compile_template", "render", "template_context"]

_ROOTS = ("profile", "derived")


class TemplateError(Exception):
    """A clause template cannot be parsed or names a field that does not exist."""


class Missing:
    """An unknown profile fact in a clause: renders as a visible blank for the buyer to fill in."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __str__(self) -> str:
        return f"[in te vullen: {self.path}]"

    def __bool__(self) -> bool:
        return False


_env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
_env.filters.update(euro=format_euro, lijst=format_list, procent=format_percent, getal=format_number, datum=format_date)


# One compiled template per distinct source in the process: a scaling step that keeps its base text
# shares the base's compiled template instead of compiling the same text again.
_compiled: dict[str, Any] = {}
_compile_lock = threading.Lock()


def compile_template(source: str) -> Any:
    """Parse and check a template once; raise TemplateError naming an unknown field."""
    template = _compiled.get(source)
    if template is None:
        with _compile_lock:
            template = _compiled.get(source)
            if template is None:
                template = _compiled[source] = _compile(source)
    return template


def _compile(source: str) -> Any:
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
    return _env.from_string(tree)  # the parsed tree: the source is parsed once, not twice


class LazyTemplates(Mapping[tuple[str, str], Any]):
    """Clause templates of a pack that was fully checked before (it came from the pack cache):
    each compiles the first time it renders, since most criteria never render for a given profile."""

    __slots__ = ("_compiled", "_sources")

    def __init__(self, sources: Mapping[tuple[str, str], str]) -> None:
        self._sources = dict(sources)
        self._compiled: dict[tuple[str, str], Any] = {}

    def get(self, key: tuple[str, str], default: Any = None) -> Any:
        template = self._compiled.get(key)  # the render path: one lookup once compiled
        if template is None:
            source = self._sources.get(key)
            if source is None:
                return default
            template = self._compiled[key] = compile_template(source)
        return template

    def __getitem__(self, key: tuple[str, str]) -> Any:
        template = self.get(key)
        if template is None:
            raise KeyError(key)
        return template

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


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
