"""Conditions compiled a second time, into closures that give only the three-valued outcome.

`Condition.evaluate` returns the outcome with the records that explain it; building those records
is most of its cost. Analysis over many tenders needs only the outcome, so this module turns the
same compiled condition tree into nested closures: Kleene logic that stops at the first deciding
part, specialised comparisons, and named conditions (`definitions`) evaluated once per profile and
shared by every criterion that refers to them. No source text is generated: the closures capture
the validated operands of the tree, so nothing from a pack file is ever compiled or executed as code.
The outcome always equals `Condition.evaluate(facts).value` (a property test checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .conditions import Condition, _All, _Always, _Any, _Compare, _Not, _Ref
from .derive import Possible

__all__ = ["Outcome", "ValueFunction", "value_function"]

Outcome = bool | None
Facts = Mapping[str, Any]
Memo = dict[int, Outcome]
ValueFunction = Callable[[Facts, Memo], Outcome]


def value_function(condition: Condition) -> ValueFunction:
    """A function of (facts, memo) giving the condition's outcome. Pass one fresh `memo` dict per
    profile: named conditions store their outcome there, so a shared one is evaluated once."""
    if isinstance(condition, _Always):
        return _always
    if isinstance(condition, _Ref):
        return _named(condition)
    if isinstance(condition, _Compare):
        return _comparison(condition)
    if isinstance(condition, _Not):
        return _negation(value_function(condition.part))
    if isinstance(condition, (_All, _Any)):
        parts = tuple(value_function(p) for p in condition.parts)
        return _conjunction(parts) if isinstance(condition, _All) else _disjunction(parts)
    raise TypeError(f"no fast form for condition type {type(condition).__name__}")


def _always(facts: Facts, memo: Memo) -> Outcome:
    return True


def _named(condition: _Ref) -> ValueFunction:
    inner = value_function(condition.part)
    key = id(condition.part)

    def named(facts: Facts, memo: Memo) -> Outcome:
        if key in memo:
            return memo[key]
        memo[key] = result = inner(facts, memo)
        return result

    return named


def _negation(inner: ValueFunction) -> ValueFunction:
    def negation(facts: Facts, memo: Memo) -> Outcome:
        result = inner(facts, memo)
        return None if result is None else not result

    return negation


def _conjunction(parts: tuple[ValueFunction, ...]) -> ValueFunction:
    def conjunction(facts: Facts, memo: Memo) -> Outcome:
        unknown = False
        for part in parts:
            result = part(facts, memo)
            if result is False:
                return False
            if result is None:
                unknown = True
        return None if unknown else True

    return conjunction


def _disjunction(parts: tuple[ValueFunction, ...]) -> ValueFunction:
    def disjunction(facts: Facts, memo: Memo) -> Outcome:
        unknown = False
        for part in parts:
            result = part(facts, memo)
            if result is True:
                return True
            if result is None:
                unknown = True
        return None if unknown else False

    return disjunction


def _test(op: str, operand: Any) -> Callable[[Any], bool]:
    """The comparison for one known value, specialised per operator."""
    if op == "eq":
        return lambda v: v == operand
    if op == "ne":
        return lambda v: v != operand
    if op in ("in", "not_in"):
        members = frozenset(operand) if all(isinstance(o, (str, int, float)) for o in operand) else tuple(operand)
        return (lambda v: v in members) if op == "in" else (lambda v: v not in members)
    if op == "gt":
        return lambda v: v > operand
    if op == "gte":
        return lambda v: v >= operand
    if op == "lt":
        return lambda v: v < operand
    if op == "lte":
        return lambda v: v <= operand
    if op == "contains":
        return lambda v: operand in v
    if op == "contains_any":
        wanted = frozenset(operand)
        return lambda v: not wanted.isdisjoint(v)
    if op == "cpv_prefix":
        prefixes = tuple(operand)
        return lambda v: any(code.startswith(prefixes) for code in v)
    raise ValueError(f"unknown operator {op!r}")


def _comparison(condition: _Compare) -> ValueFunction:
    field, operand = condition.field, condition.operand
    if condition.op == "exists":

        def exists(facts: Facts, memo: Memo) -> Outcome:
            value = facts.get(field)
            return (value is not None and type(value) is not Possible) == operand

        return exists
    test = _test(condition.op, operand)

    def comparison(facts: Facts, memo: Memo) -> Outcome:
        value = facts.get(field)
        if value is None:
            return None
        if type(value) is Possible:
            outcomes = {bool(test(v)) for v in value.values}
            return outcomes.pop() if len(outcomes) == 1 else None
        return bool(test(value))

    return comparison
