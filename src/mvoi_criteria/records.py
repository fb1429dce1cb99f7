"""Explanations as data: what evaluation, scaling and the central rules record about a decision.

Evaluation never writes prose. These records are cheap, frozen and equal for equal inputs (so the
advice stays deterministic); `explain` turns them into plain Dutch or English, and the JSON advice
keeps them as they are, for tools and for the tender file.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Named", "Notice", "Reason", "RuleEvent", "Step", "freeze"]


def freeze(value: Any) -> Any:
    """Lists become tuples (also inside dicts), so a record built from JSON equals the original."""
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    return value


@attrs.frozen
class Reason:
    """One comparison that decided (part of) a condition.

    `actual` is the fact's value (a tuple for a list field, or a tuple of the possible values while
    a derived fact is undecided, with `possible=True`); `outcome` is True, False or None (unknown).
    Built on every evaluation, so it has no converters: conditions hand in tuples, never lists.
    """

    field: str
    op: str
    operand: Any
    actual: Any
    outcome: bool | None
    possible: bool = False


@attrs.frozen
class Named:
    """A named condition from a pack's `definitions`, with the reasons that decided it."""

    name: str
    outcome: bool | None
    reasons: tuple[Reason | Named, ...] = ()


@attrs.frozen
class Step:
    """The scaling step that set a criterion's level: its position (None for the base form), the
    pack's own note on it, and the reasons its condition held."""

    index: int | None
    note: str | None = None
    reasons: tuple[Reason | Named, ...] = ()


@attrs.frozen
class RuleEvent:
    """A central rule (see `rulebook`) that changed a criterion or the advice, with its parameters,
    e.g. ``RuleEvent("ask_level_cap", {"band": "klein", "before": "plan_van_aanpak", "after": "visie"})``."""

    rule: str
    params: dict[str, Any] = attrs.field(factory=dict, converter=freeze)


@attrs.frozen
class Notice:
    """Something the buyer should know about the whole advice, e.g. ``Notice("default_ambition",
    {"themes": ("representatie",), "default": "basis"})``; `explain` words it."""

    topic: str
    params: dict[str, Any] = attrs.field(factory=dict, converter=freeze)
