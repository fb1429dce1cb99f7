"""Clause texts are Jinja templates in a sandbox: they can read profile facts, never run code.

The sandbox also bounds what a text can cost: no loops, macros or includes; no number, width or
repetition that could build a huge string; and every rendered text is cut off with a RenderError
past MAX_OUTPUT_CHARS. A text that fails to render raises RenderError naming its pack and criterion,
so the engine can leave that pack out like one that fails to load.
"""

from __future__ import annotations

import difflib
import functools
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .derive import FIELD_SPECS, Possible, field_spec
from .formatting import format_date, format_euro, format_list, format_number, format_percent
from .vocabulary import field_label

__all__ = [
    "MAX_OUTPUT_CHARS",
    "ClauseTemplate",
    "LazyTemplates",
    "Missing",
    "RenderError",
    "TemplateError",
    "compile_template",
    "render",
    "template_context",
]

_ROOTS = ("profile", "derived")
MAX_OUTPUT_CHARS = 20_000
"""Longest rendered clause text; real clauses are under 3,000 characters."""
_MAX_ARGUMENT = 1_000
_MAX_EXPONENT_BITS = 4_096
_STATEMENTS_REFUSED = (
    nodes.For,
    nodes.Macro,
    nodes.CallBlock,
    nodes.Include,
    nodes.Import,
    nodes.FromImport,
    nodes.Extends,
    nodes.Block,
)
_WIDE_FORMAT = re.compile(r"[0-9]{5,}|%[^a-z%]*\*")


class TemplateError(Exception):
    """A clause template cannot be parsed or names a field that does not exist."""


class RenderError(Exception):
    """A clause text failed to render: the sandbox refused it, it raised, or its output is too large."""

    def __init__(self, message: str, pack: str | None = None, criterion: str | None = None) -> None:
        self.pack, self.criterion = pack, criterion
        where = f"criterion '{criterion}': " if criterion else ""
        super().__init__(f"{where}{message}")


class Missing:
    """An unknown profile fact in a clause: renders as a visible blank, named in words, for the buyer."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __str__(self) -> str:
        return f"[in te vullen: {field_label(self.path)}]"

    def __bool__(self) -> bool:
        return False


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 1


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise SecurityError("format widths above 9999 or taken from arguments are not allowed")


def _check_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _MAX_ARGUMENT:
            raise SecurityError(f"number argument {value} is above the limit of {_MAX_ARGUMENT}")


def _check_join(pieces: list[Any]) -> None:
    if sum(len(str(piece)) for piece in pieces) > MAX_OUTPUT_CHARS:
        raise SecurityError(f"joined text would be longer than {MAX_OUTPUT_CHARS} characters")


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str):
        hits = text.count(str(old)) if str(old) else len(text) + 1
        if len(text) + hits * len(str(new)) > MAX_OUTPUT_CHARS:
            raise SecurityError(f"replaced text would be longer than {MAX_OUTPUT_CHARS} characters")


def _bounded_filter(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """A built-in filter guarded against arguments that would build a huge result."""

    # Filters marked pass_context / pass_environment get that object first; keep the mark and skip it.
    passed = 1 if hasattr(function, "jinja_pass_arg") else 0

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        head, value, rest = args[:passed], args[passed], args[passed + 1 :]
        _check_arguments(rest, kwargs)
        if name == "format":
            _check_format(value)
        elif name == "join":
            value = list(value)
            _check_join(value)
        elif name == "replace" and len(rest) >= 2:
            _check_replace(value, rest[0], rest[1])
        return function(*head, value, *rest, **kwargs)

    return guarded


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with arithmetic and calls that cannot exhaust memory or time."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if (
                    isinstance(sequence, (str, list, tuple))
                    and isinstance(count, int)
                    and len(sequence) * count > MAX_OUTPUT_CHARS
                ):
                    raise SecurityError(f"repetition would be longer than {MAX_OUTPUT_CHARS}")
        elif operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            if abs(right) > _MAX_ARGUMENT or abs(int(left)).bit_length() * abs(right) > _MAX_EXPONENT_BITS:
                raise SecurityError("power too large")
        elif operator == "%":
            _check_format(left)
        elif operator == "+" and _size(left) + _size(right) > MAX_OUTPUT_CHARS:
            raise SecurityError(f"joined text would be longer than {MAX_OUTPUT_CHARS} characters")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        name, owner = getattr(__obj, "__name__", ""), getattr(__obj, "__self__", None)
        _check_arguments(args, kwargs)
        if name in ("format", "format_map"):
            _check_format(owner)
        elif name == "join" and args:
            args = (list(args[0]), *args[1:])
            _check_join(args[0])
        elif name == "replace" and len(args) >= 2:
            _check_replace(owner, args[0], args[1])
        return super().call(__context, __obj, *args, **kwargs)


_env = _BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
_env.filters = {name: _bounded_filter(function, name) for name, function in _env.filters.items()}
_env.filters.update(euro=format_euro, lijst=format_list, procent=format_percent, getal=format_number, datum=format_date)


class ClauseTemplate:
    """A compiled clause text and where it comes from, so a render failure can name its pack."""

    __slots__ = ("criterion", "pack", "template")

    def __init__(self, template: Any, pack: str | None, criterion: str | None) -> None:
        self.template, self.pack, self.criterion = template, pack, criterion


# One compiled Jinja template per distinct source in the process: a scaling step that keeps its base
# text shares the base's compiled template instead of compiling the same text again.
_compiled: dict[str, Any] = {}
_compile_lock = threading.Lock()


def compile_template(source: str, *, pack: str | None = None, criterion: str | None = None) -> ClauseTemplate:
    """Parse and check a template once; raise TemplateError naming an unknown field or filter."""
    template = _compiled.get(source)
    if template is None:
        with _compile_lock:
            template = _compiled.get(source)
            if template is None:
                template = _compiled[source] = _compile(source)
    return ClauseTemplate(template, pack, criterion)


def _compile(source: str) -> Any:
    try:
        tree = _env.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error on its line {exc.lineno}: {exc.message}") from None
    for node in tree.find_all(_STATEMENTS_REFUSED):
        tag = type(node).__name__.lower()
        raise TemplateError(
            f"'{tag}' is not allowed in a clause text (line {node.lineno}); use {{{{ }}}} and {{% if %}} only"
        )
    for name in sorted({n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"} - set(_ROOTS)):
        raise TemplateError(f"unknown name '{name}' in template; use profile.<field> or derived.<field>")
    for node in tree.find_all(nodes.Const):
        if isinstance(node.value, int) and not isinstance(node.value, bool) and abs(node.value) > _MAX_ARGUMENT:
            raise TemplateError(f"number {node.value} on line {node.lineno} is above the limit of {_MAX_ARGUMENT}")
    for path in _attribute_paths(tree):
        if path.split(".", 1)[0] == "derived" or path.startswith("profile."):
            field = path.removeprefix("profile.")
            if field_spec(field) is None and not any(f.startswith(field + ".") for f in FIELD_SPECS):
                close = difflib.get_close_matches(field, FIELD_SPECS, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise TemplateError(f"template uses unknown field '{path}'{hint}")
    try:
        return _env.from_string(tree)  # the parsed tree: the source is parsed once, not twice
    except JinjaError as exc:  # such as a filter that does not exist
        line = getattr(exc, "lineno", None)
        raise TemplateError(f"template error on its line {line}: {exc.message}") from None


class LazyTemplates(Mapping[tuple[str, str], ClauseTemplate]):
    """Clause templates of a pack that was fully checked before (it came from the pack cache):
    each compiles the first time it renders, since most criteria never render for a given profile."""

    __slots__ = ("_compiled", "_sources", "criterion", "pack")

    def __init__(self, sources: Mapping[tuple[str, str], str], pack: str | None, criterion: str | None) -> None:
        self._sources = dict(sources)
        self._compiled: dict[tuple[str, str], ClauseTemplate] = {}
        self.pack, self.criterion = pack, criterion

    def get(self, key: tuple[str, str], default: Any = None) -> Any:
        template = self._compiled.get(key)  # the render path: one lookup once compiled
        if template is None:
            source = self._sources.get(key)
            if source is None:
                return default
            template = self._compiled[key] = compile_template(source, pack=self.pack, criterion=self.criterion)
        return template

    def __getitem__(self, key: tuple[str, str]) -> ClauseTemplate:
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


def render(template: ClauseTemplate, context: Mapping[str, Any]) -> str:
    """The clause text for one profile; RenderError (naming pack and criterion) on any failure."""
    pieces: list[str] = []
    length = 0
    try:
        for piece in template.template.generate(context):
            length += len(piece)
            if length > MAX_OUTPUT_CHARS:
                raise SecurityError(f"rendered text is longer than the limit of {MAX_OUTPUT_CHARS} characters")
            pieces.append(piece)
    except SecurityError as exc:
        raise RenderError(f"the sandbox refused the clause text: {exc}", template.pack, template.criterion) from None
    except Exception as exc:  # any failure of a pack's text is that pack's failure, never a crash
        message = " ".join(str(exc).split())
        raise RenderError(
            f"clause text failed to render: {type(exc).__name__}: {message}", template.pack, template.criterion
        ) from None
    return "".join(pieces).strip()
