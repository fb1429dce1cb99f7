"""The advice: chosen criteria per theme, the trace of every criterion, and its provenance.

Everything here is plain frozen data so that the JSON form is byte-identical for the same input.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

import attrs
import cattrs
import orjson

from .derive import DerivedFacts
from .inference import Assumption
from .model import EformsCodes, Monitoring, ScoringLevel, Text

__all__ = [
    "ADVICE_SCHEMA_VERSION",
    "Accessibility",
    "Advice",
    "AppliedCriterion",
    "Choice",
    "PackInfo",
    "Provenance",
    "Question",
    "ThemeAdvice",
    "TraceEntry",
    "advice_to_dict",
    "advice_to_json",
]

ADVICE_SCHEMA_VERSION = 1
Outcome = Literal["applied", "not_applied", "undecided"]


@attrs.frozen
class AppliedCriterion:
    """A criterion as it goes into the tender documents, rendered for this profile."""

    id: str
    pack: str
    theme: str
    title: Text
    kind: str
    ask_level: str | None
    status: str
    owner: str
    scope: str
    text: Text
    verification: Text
    legal_basis: tuple[str, ...]
    eforms: EformsCodes
    rationale: Text
    weight: float | None = None
    submission: Text | None = None
    max_pages: int | None = None
    scoring: tuple[ScoringLevel, ...] = ()
    monitoring: Monitoring | None = None
    references: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@attrs.frozen
class TraceEntry:
    """Why one criterion of an installed pack was applied, not applied, or left undecided."""

    criterion: str
    pack: str
    theme: str
    outcome: Outcome
    condition: str
    reasons: tuple[str, ...]
    scaling: str | None = None
    questions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@attrs.frozen
class Question:
    """A profile field the buyer should fill in, and the criteria that wait for it."""

    field: str
    question: str
    criteria: tuple[str, ...]


@attrs.frozen
class ThemeAdvice:
    """One theme of the packs in use; `label` is the name its pack header gives it."""

    theme: str
    packs: tuple[str, ...]
    ask_level: str | None
    criteria: tuple[AppliedCriterion, ...]
    label: Text | None = None


@attrs.frozen
class Accessibility:
    """BT-754: `inc` (accessibility in the eisen), `n-inc` (not for natural persons), `n-inc-just`
    (people use it but no requirement: a justification is needed, BT-755), or `undecided`."""

    status: Literal["inc", "n-inc", "n-inc-just", "undecided"]
    statement: str
    criteria: tuple[str, ...] = ()


@attrs.frozen
class Choice:
    """A buyer's change to the advice, with the motivation the tender file needs."""

    criterion: str
    action: Literal["deselect", "ask_level", "weight"]
    motivation: str
    value: str | float | None = None


@attrs.frozen
class PackInfo:
    id: str
    theme: str
    version: str
    sha256: str
    criteria: int
    distribution: str | None = None
    distribution_version: str | None = None


@attrs.frozen
class PackFailureInfo:
    plugin: str
    source: str | None
    problems: tuple[str, ...]


@attrs.frozen
class Provenance:
    """What produced the advice, so a decision can be explained and reproduced."""

    library: str
    library_version: str
    packs: tuple[PackInfo, ...]
    pack_failures: tuple[PackFailureInfo, ...]
    threshold_table: str
    threshold_period: str | None
    config: dict[str, Any]
    adjusted_by: tuple[str, ...] = ()


@attrs.frozen
class Advice:
    """The structured, explained advice for one tender profile."""

    profile: dict[str, Any]
    derived: DerivedFacts
    themes: tuple[ThemeAdvice, ...]
    accessibility: Accessibility
    questions: tuple[Question, ...]
    trace: tuple[TraceEntry, ...]
    notes: tuple[str, ...]
    provenance: Provenance
    choices: tuple[Choice, ...] = ()
    schema_version: int = ADVICE_SCHEMA_VERSION
    assumptions: tuple[Assumption, ...] = ()  # facts inferred from words and codes, never the buyer's answers

    @property
    def criteria(self) -> tuple[AppliedCriterion, ...]:
        return tuple(c for theme in self.themes for c in theme.criteria)

    def criterion(self, criterion_id: str) -> AppliedCriterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def trace_of(self, criterion_id: str) -> TraceEntry | None:
        return next((t for t in self.trace if t.criterion == criterion_id), None)

    def theme_label(self, theme: str, lang: str = "nl") -> str:
        """A theme's name as its pack header gives it (themes are open; the core knows no names)."""
        found = next((t.label for t in self.themes if t.theme == theme and t.label is not None), None)
        return theme if found is None else found.get(lang)


_converter = cattrs.Converter()
# A choice's value is a level name or a weight; JSON already tells them apart.
_converter.register_structure_hook(str | float | None, lambda value, _: value)


def advice_to_dict(advice: Advice) -> dict[str, Any]:
    return _converter.unstructure(advice)


def advice_from_dict(data: dict[str, Any]) -> Advice:
    return _converter.structure(data, Advice)


def advice_to_json(advice: Advice) -> str:
    """Deterministic JSON: fixed key order from the model, no timestamps, trailing newline."""
    return dumps(advice_to_dict(advice))


def dumps(data: Any) -> str:
    """JSON with two-space indent and UTF-8 text, byte for byte as ``json.dumps(data, ensure_ascii=False,
    indent=2)`` writes it, plus a newline. orjson makes it fast; it writes strings exactly as the standard
    library does, but some floats differently (1.5e-7 for 1.5e-07, 0.00006 for 6e-05), so the standard
    library writes any output that holds such a float, or that orjson cannot write at all."""
    try:
        fast = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # a lone surrogate, or an integer beyond 64 bits
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if any(float.__repr__(f) != orjson.dumps(f).decode() for f in _floats(data)):
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return fast.decode("utf-8") + "\n"


def _floats(data: Any) -> Iterator[float]:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, float):
            yield value
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
