"""Advice for many tenders at once: streamed, with bounded memory, in full or as outcomes only.

Analysts run the library over every published tender to see where inclusion criteria are used and
where they are missed. `advise_many` yields one result per profile as it goes, so memory does not
grow with the input. With `outcomes_only=True` it skips what analysis does not need (clause texts,
explanations, provenance) and evaluates conditions with `fastcond`, but decides exactly as
`advise` does: the same scaling steps and the same central rules (a test checks the outcomes agree).
Outcomes depend only on the facts conditions and central rules read (the fact table: size band, not the
exact value; categories, not the CPV codes themselves), so profiles with the same facts, common in a
notice feed, are decided once; the cache is bounded.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from .advice import Advice
from .config import EngineConfig
from .derive import FIELD_SPECS, DerivedFacts, Possible, derive, fact_table
from .engine import advise
from .fastcond import ValueFunction, value_function
from .inference import apply_assumptions, infer
from .packs import Criterion, Pack
from .plugins import IncompleteAdviceError, PackSet, installed_packs
from .profile import TenderProfile
from .rulebook import RuleContext, enforce
from .selection import Candidate
from .themes import ambition_themes

__all__ = ["Outcomes", "advise_many"]

_OUTCOME = {True: "applied", False: "not_applied", None: "undecided"}
CACHE_SIZE = 65_536


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
    infer_facts: bool = True,
    allow_incomplete: bool = False,
) -> Iterator[Advice] | Iterator[Outcomes]:
    """Yield the advice (or only the outcomes) for each profile in turn, in input order.

    `infer_facts` works as in `advise`: unknown facts are assumed from the title, description and CPV codes.
    Like `advise`, raises IncompleteAdviceError when a pack was left out, unless `allow_incomplete`.
    """
    pack_set = installed_packs() if packs is None else packs
    config = config or EngineConfig()
    if pack_set.failures and not allow_incomplete:
        raise IncompleteAdviceError(pack_set.failures)
    if not outcomes_only:
        return (
            advise(profile, packs=pack_set, config=config, infer_facts=infer_facts, allow_incomplete=allow_incomplete)
            for profile in profiles
        )
    plan = _Plan(pack_set, config, infer_facts)
    return (plan.outcomes(i, profile) for i, profile in enumerate(profiles))


@attrs.frozen
class _Compiled:
    pack: Pack
    criterion: Criterion
    applies: ValueFunction
    steps: tuple[ValueFunction, ...]


class _Plan:
    """Every criterion of the pack set with its conditions compiled to value functions, once."""

    def __init__(self, pack_set: PackSet, config: EngineConfig, infer_facts: bool = True) -> None:
        self.config = config
        self.infer_facts = infer_facts
        self.themes = ambition_themes(pack_set.packs)
        self.criteria = tuple(
            _Compiled(pack, c, value_function(c.applies_when), tuple(value_function(s.when) for s in c.scaling))
            for pack in pack_set.packs
            for c in pack.criteria
        )
        read = {
            f
            for c in self.criteria
            for cond in (c.criterion.applies_when, *(s.when for s in c.criterion.scaling))
            for f in cond.fields
        }
        # The central rules read derived facts (size band, who uses the result), so all of them are kept.
        # the central rules also read the situation (a running contract takes its own route)
        self.fields = tuple(sorted(read | {f for f in FIELD_SPECS if f.startswith("derived.")} | {"situation"}))
        self.cache: OrderedDict[tuple, tuple[Mapping[str, str], Mapping[str, tuple[str, str | None]]]] = OrderedDict()

    def outcomes(self, index: int, given: TenderProfile) -> Outcomes:
        profile = apply_assumptions(given, infer(given).assumptions) if self.infer_facts else given
        derived = derive(profile, self.config, self.themes)
        facts = fact_table(profile, derived)
        key = facts_key(facts, derived, self.fields)
        decided = self.cache.get(key)
        if decided is None:
            decided = self.cache[key] = self.decide(facts, derived)
            if len(self.cache) > CACHE_SIZE:
                self.cache.popitem(last=False)
        return Outcomes(index, given.title, *decided)

    def decide(
        self, facts: Mapping[str, Any], derived: DerivedFacts
    ) -> tuple[Mapping[str, str], Mapping[str, tuple[str, str | None]]]:
        memo: dict[int, Any] = {}
        outcome = {}
        candidates = []
        for c in self.criteria:
            applies = c.applies(facts, memo)
            outcome[c.criterion.id] = _OUTCOME[applies]
            if applies is not False:  # central rules never bring back a criterion that does not apply
                candidates.append(_candidate(c, applies, facts, memo))
        candidates, _ = enforce(candidates, RuleContext(derived, self.config, facts.get("situation")))
        outcome.update((c.criterion.id, c.outcome) for c in candidates)
        applied = {
            c.criterion.id: (c.kind, c.ask_level) for c in candidates if c.outcome == "applied" and not c.optional
        }
        return outcome, applied


def facts_key(facts: Mapping[str, Any], derived: DerivedFacts, fields: Iterable[str]) -> tuple:
    """Everything an outcome can depend on, as a hashable value: the facts that conditions and central
    rules read (undecided facts by their possible values) and the regimes a tender of unknown size may
    fall in."""
    values = (facts[f] for f in fields)
    return (*(("possible", v.values) if isinstance(v, Possible) else v for v in values), derived.possible_regimes)


def _candidate(c: _Compiled, outcome: bool | None, facts: Mapping[str, Any], memo: dict[int, Any]) -> Candidate:
    """What `selection.select` decides for a criterion that applies or may apply, without the records
    that explain it."""
    variant = c.criterion.base
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
