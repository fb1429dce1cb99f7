"""Advice for many tenders at once: streamed, with bounded memory, in full or as outcomes only.

Analysts run the library over every published tender to see where inclusion criteria are used and
where they are missed. `advise_many` yields one result per profile as it goes, so memory does not
grow with the input. With `outcomes_only=True` it skips what analysis does not need (clause texts,
explanations, provenance) and evaluates conditions with `fastcond`, but decides exactly as
`advise` does: the same scaling steps and the same central rules (a test checks the outcomes agree).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from .advice import Advice
from .config import EngineConfig
from .derive import derive, fact_table
from .engine import advise
from .fastcond import ValueFunction, value_function
from .packs import Criterion, Pack
from .plugins import PackSet, installed_packs
from .profile import TenderProfile
from .proportionality import enforce
from .selection import Candidate

__all__ = ["Outcomes", "advise_many"]

_OUTCOME = {True: "applied", False: "not_applied", None: "undecided"}


@attrs.frozen
class Outcomes:
    """Per criterion id: applied, not_applied or undecided; and the kind and ask level of the applied ones."""

    index: int
    title: str
    outcome: Mapping[str, str]
    applied: Mapping[str, tuple[str, str | None]]


def advise_many(
    profiles: Iterable[TenderProfile],
    *,
    packs: PackSet | None = None,
    config: EngineConfig | None = None,
    outcomes_only: bool = False,
) -> Iterator[Advice] | Iterator[Outcomes]:
    """Yield the advice (or only the outcomes) for each profile in turn, in input order."""
    pack_set = installed_packs() if packs is None else packs
    config = config or EngineConfig()
    if not outcomes_only:
        return (advise(profile, packs=pack_set, config=config) for profile in profiles)
    plan = _Plan(pack_set)
    return (plan.outcomes(i, profile, config) for i, profile in enumerate(profiles))


@attrs.frozen
class _Compiled:
    pack: Pack
    criterion: Criterion
    applies: ValueFunction
    steps: tuple[ValueFunction, ...]


class _Plan:
    """Every criterion of the pack set with its conditions compiled to value functions, once."""

    def __init__(self, pack_set: PackSet) -> None:
        self.criteria = tuple(
            _Compiled(pack, c, value_function(c.applies_when), tuple(value_function(s.when) for s in c.scaling))
            for pack in pack_set.packs
            for c in pack.criteria
        )

    def outcomes(self, index: int, profile: TenderProfile, config: EngineConfig) -> Outcomes:
        derived = derive(profile, config)
        facts = fact_table(profile, derived)
        memo: dict[int, Any] = {}
        candidates = [_candidate(c, facts, memo) for c in self.criteria]
        candidates, _ = enforce(candidates, derived, config)
        return Outcomes(
            index=index,
            title=profile.title,
            outcome={c.criterion.id: c.outcome for c in candidates},
            applied={c.criterion.id: (c.kind, c.ask_level) for c in candidates if c.outcome == "applied"},
        )


def _candidate(c: _Compiled, facts: Mapping[str, Any], memo: dict[int, Any]) -> Candidate:
    """What `selection.select` decides, without the records that explain it."""
    outcome = c.applies(facts, memo)
    variant = c.criterion.base
    if outcome is not False:
        for step, when in zip(c.criterion.scaling, c.steps, strict=True):
            if when(facts, memo) is True:
                variant = step.variant
                break
    return Candidate(
        pack=c.pack,
        criterion=c.criterion,
        outcome=_OUTCOME[outcome],
        reasons=(),
        questions=(),
        variant=variant,
        scaling=None,
        kind=variant.kind,
        ask_level=variant.ask_level,
        weight=variant.weight,
        max_pages=variant.max_pages,
    )
