"""Deciding one criterion for one profile: applies, scaling step, and the reasons for both."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .packs import Criterion, Pack, Variant
from .records import Named, Reason, RuleEvent, Step

__all__ = ["Candidate", "select"]


@attrs.frozen
class Candidate:
    """A criterion on its way into the advice; the rulebook may change it (`with_event`)."""

    pack: Pack
    criterion: Criterion
    outcome: str  # applied | not_applied | undecided
    reasons: tuple[Reason | Named, ...]
    questions: tuple[str, ...]
    variant: Variant
    scaling: Step | None
    kind: str
    ask_level: str | None
    weight: float | None
    max_pages: int | None
    undecided_steps: tuple[Step, ...] = ()
    events: tuple[RuleEvent, ...] = ()  # the central rules (rulebook) that changed this candidate
    optional: bool = False  # applies, but cut by the total burden: listed apart, for the buyer to add back

    def with_event(self, event: RuleEvent, **changes: Any) -> Candidate:
        return attrs.evolve(self, events=(*self.events, event), **changes)


def select(pack: Pack, criterion: Criterion, facts: Mapping[str, Any]) -> Candidate:
    """Evaluate applies_when, then take the first scaling step that holds (else the base values).

    A scaling step that is undecided is skipped, and its fields are asked as questions, because
    filling them in may raise the level; the lower level is the proportionate default meanwhile.
    """
    applies = criterion.applies_when.evaluate(facts)
    outcome = {True: "applied", False: "not_applied", None: "undecided"}[applies.value]
    variant, scaling, questions = criterion.base, None, list(applies.unknown_fields)
    undecided: list[Step] = []
    if applies.value is not False and criterion.scaling:
        declined: list[Reason | Named] = []
        for index, step in enumerate(criterion.scaling):
            result = step.when.evaluate(facts)
            if result.value is True:
                variant = step.variant
                scaling = Step(index, step.note, result.reasons)
                break
            if result.value is None:
                questions.extend(result.unknown_fields)
                undecided.append(Step(index, step.note, result.reasons))
            else:
                declined.extend(result.reasons)
        else:
            scaling = Step(None, None, tuple(dict.fromkeys(declined)))
    return Candidate(
        pack=pack,
        criterion=criterion,
        outcome=outcome,
        reasons=applies.reasons,
        questions=tuple(dict.fromkeys(questions)),
        variant=variant,
        scaling=scaling,
        kind=variant.kind,
        ask_level=variant.ask_level,
        weight=variant.weight,
        max_pages=variant.max_pages,
        undecided_steps=tuple(undecided),
    )
