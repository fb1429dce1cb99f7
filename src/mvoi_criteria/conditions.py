"""Declarative conditions: compiled once from pack data, evaluated in three-valued logic.

A condition never executes text from a file. Unknown facts (None) make a comparison unknown;
`all` is false as soon as one part is false, `any` is true as soon as one part is true (Kleene logic).
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from .derive import FIELD_SPECS, FieldSpec, Possible, field_spec
from .errors import Problem
from .records import Named, Reason
from .yamlio import json_path

__all__ = ["ALWAYS", "Condition", "ConditionError", "Evaluation", "compile_condition", "compile_definitions"]

Path = tuple[str | int, ...]


@attrs.frozen
class Evaluation:
    """A three-valued result and the leaf comparisons (records, never prose) that decided it."""

    value: bool | None
    reasons: tuple[Reason | Named, ...]
    unknown_fields: tuple[str, ...] = ()


class Condition:
    """Base of compiled conditions."""

    fields: frozenset[str] = frozenset()

    def evaluate(self, facts: Mapping[str, Any]) -> Evaluation:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - abstract
        """Engine notation of the condition, for developers and tools; never shown to a buyer."""
        raise NotImplementedError


class _Always(Condition):
    def evaluate(self, facts: Mapping[str, Any]) -> Evaluation:
        return _ALWAYS_TRUE

    def describe(self) -> str:
        return "always"


ALWAYS: Condition = _Always()
_ALWAYS_TRUE = Evaluation(True, ())


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    if value is None:
        return "unknown"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _prefix_match(codes: Sequence[str], prefixes: Sequence[str]) -> bool:
    return any(code.startswith(prefix) for code in codes for prefix in prefixes)


# operator name -> (test(value, operand), words for describe, which field shapes it suits)
_OPS: dict[str, tuple[Callable[[Any, Any], bool], str, str]] = {
    "eq": (operator.eq, "=", "scalar"),
    "ne": (operator.ne, "≠", "scalar"),
    "in": (lambda v, o: v in o, "in", "scalar"),
    "not_in": (lambda v, o: v not in o, "not in", "scalar"),
    "gt": (operator.gt, ">", "number"),
    "gte": (operator.ge, "≥", "number"),
    "lt": (operator.lt, "<", "number"),
    "lte": (operator.le, "≤", "number"),
    "contains": (lambda v, o: o in v, "contains", "list"),
    "contains_any": (lambda v, o: any(x in v for x in o), "contains any of", "list"),
    "cpv_prefix": (_prefix_match, "has a CPV code starting with", "cpv"),
    "exists": (lambda v, o: (v is not None) == o, "is known:", "any"),
}


@attrs.frozen
class _Compare(Condition):
    field: str
    op: str
    operand: Any

    @property
    def fields(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset({self.field})

    def describe(self) -> str:
        return f"{self.field} {_OPS[self.op][1]} {_fmt(self.operand)}"

    def evaluate(self, facts: Mapping[str, Any]) -> Evaluation:
        value = facts.get(self.field)
        if self.op == "exists":
            known = value is not None and not isinstance(value, Possible)
            actual = value.values if isinstance(value, Possible) else _plain(value)
            result = known == self.operand
            return Evaluation(
                result, (Reason(self.field, self.op, self.operand, actual, result, not known and actual is not None),)
            )
        if value is None:
            return Evaluation(None, (Reason(self.field, self.op, self.operand, None, None),), (self.field,))
        test = _OPS[self.op][0]
        if isinstance(value, Possible):
            outcomes = {bool(test(v, self.operand)) for v in value.values}
            if len(outcomes) > 1:
                reason = Reason(self.field, self.op, self.operand, value.values, None, True)
                return Evaluation(None, (reason,), (self.field,))
            result = outcomes.pop()
            return Evaluation(result, (Reason(self.field, self.op, self.operand, value.values, result, True),))
        result = bool(test(value, self.operand))
        return Evaluation(result, (Reason(self.field, self.op, self.operand, _plain(value), result),))


def _plain(value: Any) -> Any:
    """Lists become tuples, so a record is hashable and reads back from JSON equal."""
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen
class _All(Condition):
    parts: tuple[Condition, ...]

    @property
    def fields(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset().union(*(p.fields for p in self.parts))

    def describe(self) -> str:
        return "all of (" + "; ".join(p.describe() for p in self.parts) + ")"

    def evaluate(self, facts: Mapping[str, Any]) -> Evaluation:
        results = [p.evaluate(facts) for p in self.parts]
        return _combine(results, decisive=False)


@attrs.frozen
class _Any(Condition):
    parts: tuple[Condition, ...]

    @property
    def fields(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset().union(*(p.fields for p in self.parts))

    def describe(self) -> str:
        return "any of (" + "; ".join(p.describe() for p in self.parts) + ")"

    def evaluate(self, facts: Mapping[str, Any]) -> Evaluation:
        results = [p.evaluate(facts) for p in self.parts]
        return _combine(results, decisive=True)


def _combine(results: list[Evaluation], decisive: bool) -> Evaluation:
    """Kleene all (decisive=False) or any (decisive=True): one decisive part settles it."""
    settling = [r for r in results if r.value is decisive]
    if settling:
        return Evaluation(decisive, tuple(x for r in settling for x in r.reasons))
    unknown = [r for r in results if r.value is None]
    if unknown:
        return Evaluation(
            None,
            tuple(x for r in unknown for x in r.reasons),
            tuple(dict.fromkeys(f for r in unknown for f in r.unknown_fields)),
        )
    return Evaluation(not decisive, tuple(x for r in results for x in r.reasons))


@attrs.frozen
class _Not(Condition):
    part: Condition

    @property
    def fields(self) -> frozenset[str]:  # type: ignore[override]
        return self.part.fields

    def describe(self) -> str:
        return f"not ({self.part.describe()})"

    def evaluate(self, facts: Mapping[str, Any]) -> Evaluation:
        inner = self.part.evaluate(facts)
        value = None if inner.value is None else not inner.value
        return Evaluation(value, inner.reasons, inner.unknown_fields)


@attrs.frozen
class _Ref(Condition):
    """A named condition from the pack's `definitions`; the trace shows its name."""

    name: str
    part: Condition = attrs.field(eq=False, repr=False)

    @property
    def fields(self) -> frozenset[str]:  # type: ignore[override]
        return self.part.fields

    def describe(self) -> str:
        return self.name

    def evaluate(self, facts: Mapping[str, Any]) -> Evaluation:
        inner = self.part.evaluate(facts)
        return Evaluation(inner.value, (Named(self.name, inner.value, inner.reasons),), inner.unknown_fields)


class ConditionError(Exception):
    """A condition in a pack is malformed; carries every problem with its path."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


Definitions = Mapping[str, Condition]


def compile_condition(data: Mapping[str, Any], at: Path = (), definitions: Definitions | None = None) -> Condition:
    """Turn condition data (already schema-valid) into a Condition, checking fields and operands.

    `definitions` are the pack's named conditions, already compiled (see `compile_definitions`).
    Raises ConditionError naming every unknown field, unknown name and ill-typed operand with its path.
    """
    problems: list[Problem] = []
    compiled = _compile(data, at, problems, definitions or {})
    if problems:
        raise ConditionError(problems)
    return compiled


def compile_definitions(data: Mapping[str, Any], at: Path = ("definitions",)) -> dict[str, Condition]:
    """Compile a pack's named conditions once, in any order; a name may use other names.

    Raises ConditionError for unknown names, for a name that refers to itself (directly or through
    others) and for every problem inside a definition.
    """
    problems: list[Problem] = []
    compiled: dict[str, Condition] = {}
    resolving: list[str] = []

    class _Resolver(Mapping[str, Condition]):
        """Compiles a definition the first time another condition refers to it."""

        def __getitem__(self, name: str) -> Condition:
            if name in compiled:
                return compiled[name]
            if name in resolving:
                cycle = " → ".join([*resolving[resolving.index(name) :], name])
                problems.append(Problem(json_path((*at, name)), f"named condition refers to itself: {cycle}"))
                return ALWAYS
            resolving.append(name)
            result = _Ref(name, _compile(data[name], (*at, name), problems, self))
            resolving.pop()
            compiled[name] = result
            return result

        def __contains__(self, name: object) -> bool:
            return name in data

        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter(data)

        def __len__(self) -> int:
            return len(data)

    resolver = _Resolver()
    for name in data:
        resolver[name]
    if problems:
        raise ConditionError(problems)
    return compiled


def _compile(data: Mapping[str, Any], at: Path, problems: list[Problem], definitions: Definitions) -> Condition:
    keys = set(data)
    combinators = keys & {"all", "any", "not", "field", "ref"}
    if len(combinators) != 1 or ("ref" in keys and len(keys) != 1):
        problems.append(
            Problem(json_path(at), "a condition needs exactly one of 'all', 'any', 'not', 'ref' or 'field'")
        )
        return ALWAYS
    if "ref" in keys:
        name = data["ref"]
        if name not in definitions:
            close = difflib.get_close_matches(name, list(definitions), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            known = f"; defined: {', '.join(sorted(definitions))}" if definitions and not close else ""
            problems.append(Problem(json_path((*at, "ref")), f"unknown named condition '{name}'{hint}{known}"))
            return ALWAYS
        return definitions[name]
    if "all" in keys or "any" in keys:
        name = "all" if "all" in keys else "any"
        parts = tuple(_compile(part, (*at, name, i), problems, definitions) for i, part in enumerate(data[name]))
        return _All(parts) if name == "all" else _Any(parts)
    if "not" in keys:
        return _Not(_compile(data["not"], (*at, "not"), problems, definitions))
    ops = sorted(keys - {"field"})
    if len(ops) != 1:
        problems.append(
            Problem(
                json_path(at),
                f"a comparison needs exactly one operator, got {ops or 'none'}; operators: {', '.join(_OPS)}",
            )
        )
        return ALWAYS
    field, op = data["field"], ops[0]
    spec = field_spec(field)
    if spec is None:
        close = difflib.get_close_matches(field, FIELD_SPECS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        problems.append(Problem(json_path((*at, "field")), f"unknown field '{field}'{hint}"))
        return ALWAYS
    message = _operand_problem(spec, op, data[op])
    if message:
        problems.append(Problem(json_path((*at, op)), message))
        return ALWAYS
    operand = tuple(data[op]) if isinstance(data[op], list) else data[op]
    return _Compare(field, op, operand)


def _operand_problem(spec: FieldSpec, op: str, operand: Any) -> str | None:
    shape = _OPS[op][2]
    is_list = spec.type == "array"
    if shape == "any":
        return None
    if shape == "cpv" and spec.path != "cpv_codes":
        return f"'cpv_prefix' works on cpv_codes only, not on {spec.path}"
    if shape == "list" and not is_list:
        return f"'{op}' works on lists; {spec.path} is a single {spec.type}"
    if shape in ("scalar", "number") and is_list:
        return f"'{op}' does not work on the list {spec.path}; use contains, contains_any or exists"
    if shape == "number" and spec.type not in ("number", "integer"):
        return f"'{op}' compares numbers; {spec.path} is a {spec.type}"
    values = operand if isinstance(operand, list) else [operand]
    for value in values:
        if spec.enum is not None and shape != "cpv" and value not in spec.enum:
            return f"{value!r} is not a possible value of {spec.path}; possible: {', '.join(map(str, spec.enum))}"
        if spec.type == "boolean" and not isinstance(value, bool):
            return f"{spec.path} is true or false, not {value!r}"
        if spec.type in ("number", "integer") and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return f"{spec.path} is a number, not {value!r}"
    return None
