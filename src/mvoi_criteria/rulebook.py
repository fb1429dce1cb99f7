"""The central rules, in one place: every pack proposes, these rules dispose.

Each rule has an id, its parameters (from `EngineConfig`), an enforcing side that changes the
candidates of `advise` and records a `RuleEvent`, and a checking side that lists the `Breach`es of a
finished advice. `advise` runs `enforce`; the re-check after `mvoi_criteria_adjust_advice` and the
buyer's choices run `breaches`, so all three paths refuse the same things. docs/rules.md is the table
of these rules (a test keeps it in step with `RULES`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from . import explain_rules
from .config import EngineConfig
from .derive import _BAND_OF_REGIME as BAND_OF_REGIME
from .derive import SIZE_BANDS, DerivedFacts
from .model import ask_rank
from .records import RuleEvent, Step
from .selection import Candidate

if TYPE_CHECKING:
    from .advice import Advice, AppliedCriterion, ImplementationPlan

__all__ = [
    "ASK_CAP",
    "AWARD_KINDS",
    "RULES",
    "RULE_IDS",
    "Breach",
    "RuleContext",
    "ask_cap",
    "breach_key",
    "breaches",
    "config_of",
    "counted_items",
    "cut_rank",
    "document_count",
    "enforce",
    "gather_plan",
]

# Highest ask level per size band; an unknown band is treated as the smallest until it is known.
ASK_CAP = {"klein": "visie", "midden": "concrete_invulling", "groot": "plan_van_aanpak", None: "visie"}
AWARD_KINDS = ("gunningscriterium", "selectiecriterium")
NOT_COUNTED = ("informatievraag",)  # context questions: never a knock-out, never an item
PRIORITIES = ("hoog", "normaal", "laag")
_KIND_RANK = {"eis": 0, "gunningscriterium": 1, "selectiecriterium": 1, "contractbepaling": 2}
EXISTING = "bestaand_contract"
NEW = "nieuwe_aanbesteding"


@attrs.frozen
class RuleContext:
    """What the rules read besides the candidates: derived facts, settings, the tender's situation."""

    derived: DerivedFacts
    config: EngineConfig
    situation: str | None = None

    @classmethod
    def of(cls, advice: Advice) -> RuleContext:
        return cls(advice.derived, config_of(advice), advice.profile.get("situation"))

    @property
    def possible_bands(self) -> tuple[str, ...]:
        """The size bands the tender may fall in: one when known, all when nothing is known."""
        if self.derived.size_band is not None:
            return (self.derived.size_band,)
        possible = {BAND_OF_REGIME[r] for r in self.derived.possible_regimes}
        return tuple(b for b in SIZE_BANDS if b in possible) or SIZE_BANDS


def config_of(advice: Advice) -> EngineConfig:
    """The settings an advice was made with (older advice lacks newer keys: their defaults hold)."""
    known = {f.name for f in attrs.fields(EngineConfig)}
    return EngineConfig(**{k: v for k, v in advice.provenance.config.items() if k in known})


@attrs.frozen
class Breach:
    """One central rule an advice breaks, with a buyer-readable message in Dutch and English."""

    rule: str
    criterion: str | None
    params: dict[str, Any] = attrs.field(factory=dict)

    def message(self, lang: str = "nl") -> str:
        return explain_rules.breach_sentence(self.rule, self.criterion, self.params, lang)

    @property
    def nl(self) -> str:
        return self.message("nl")

    @property
    def en(self) -> str:
        return self.message("en")


def ask_cap(derived: DerivedFacts) -> str:
    """The highest ask level proportionality allows: by size band, or by the smallest band the
    tender may fall in while the band is undecided, or visie when nothing is known."""
    return ASK_CAP[derived.size_band or derived.smallest_size_band]


def _questions(c: Candidate, extra: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*c.questions, *extra)))


def _fall_back(c: Candidate, event: RuleEvent, otherwise: str, questions: tuple[str, ...] = ()) -> Candidate:
    """Replace an award criterion that does not fit by the criterion's base form when that is an eis
    or contract clause (pack authors make the base the lightest form); otherwise give it the outcome
    `otherwise` (not_applied or undecided)."""
    base = c.criterion.base
    if base.kind not in AWARD_KINDS:
        return c.with_event(
            RuleEvent(event.rule, {**event.params, "fallback": base.kind}),
            questions=_questions(c, questions),  # the answer may bring the award form back
            variant=base,
            kind=base.kind,
            ask_level=base.ask_level,
            weight=base.weight,
            max_pages=base.max_pages,
            scaling=Step(None),
        )
    return c.with_event(event, outcome=otherwise, questions=_questions(c, questions))


def _live(c: Candidate) -> bool:
    return c.outcome != "not_applied"


def _chosen(c: Candidate) -> bool:
    """Applied and not cut as optional by the total burden: what goes into the tender documents."""
    return c.outcome == "applied" and not c.optional


class Rule:
    """A central rule: `enforce` changes candidates and records why; `breaches` checks an advice."""

    id: ClassVar[str]
    settings: ClassVar[tuple[str, ...]] = ()  # EngineConfig fields this rule reads

    def params(self, config: EngineConfig) -> dict[str, Any]:
        return {name: getattr(config, name) for name in self.settings}

    def enforce(self, candidates: list[Candidate], ctx: RuleContext) -> tuple[list[Candidate], list[RuleEvent]]:
        return candidates, []

    def breaches(self, advice: Advice, ctx: RuleContext) -> list[Breach]:
        return []


class ExistingContract(Rule):
    """A running contract is changed by agreement, not by competition: no selection or award criteria."""

    id = "existing_contract"

    def enforce(self, candidates, ctx):
        if ctx.situation == NEW:
            return candidates, []
        route = [RuleEvent(self.id, {"route": "aanvulling"})] if ctx.situation == EXISTING else []
        out = []
        for c in candidates:
            if not _live(c) or c.kind not in AWARD_KINDS:
                out.append(c)
            elif ctx.situation == EXISTING:
                out.append(_fall_back(c, RuleEvent(self.id, {"kind": c.kind}), "not_applied"))
            else:
                event = RuleEvent(self.id, {"kind": c.kind, "situation": None})
                out.append(_fall_back(c, event, "undecided", ("situation",)))
        return out, route

    def breaches(self, advice, ctx):
        if ctx.situation == NEW:
            return []
        return [
            Breach(self.id, c.id, {"kind": c.kind, "situation": ctx.situation})
            for c in advice.criteria
            if c.kind in AWARD_KINDS
        ]


class AwardPlacement(Rule):
    """One quote (enkelvoudig onderhands) leaves no room for selection or award criteria."""

    id = "award_placement"

    def enforce(self, candidates, ctx):
        band = ctx.derived.size_band
        out = []
        for c in candidates:
            if not _live(c) or c.kind not in AWARD_KINDS or band not in ("klein", None):
                out.append(c)
            elif band == "klein":
                out.append(_fall_back(c, RuleEvent(self.id, {"kind": c.kind, "band": band}), "not_applied"))
            else:
                event = RuleEvent(self.id, {"kind": c.kind, "band": None})
                out.append(_fall_back(c, event, "undecided", ("derived.size_band",)))
        return out, []

    def breaches(self, advice, ctx):
        band = ctx.derived.size_band
        if band not in ("klein", None):
            return []
        return [Breach(self.id, c.id, {"kind": c.kind, "band": band}) for c in advice.criteria if c.kind in AWARD_KINDS]


class AccessibilityUsers(Rule):
    """Accessibility criteria only make sense when natural persons use the result."""

    id = "accessibility_users"

    def enforce(self, candidates, ctx):
        people = ctx.derived.people_use_result
        out = []
        for c in candidates:
            if c.pack.theme != "toegankelijkheid" or not _live(c) or people is True:
                out.append(c)
            elif people is False:
                out.append(c.with_event(RuleEvent(self.id, {"used_by": "niemand"}), outcome="not_applied"))
            else:
                out.append(
                    c.with_event(
                        RuleEvent(self.id, {"used_by": None}), outcome="undecided", questions=_questions(c, ["used_by"])
                    )
                )
        return out, []

    def breaches(self, advice, ctx):
        if ctx.derived.people_use_result is True:
            return []
        return [Breach(self.id, c.id) for c in advice.criteria if c.theme == "toegankelijkheid"]


class AskLevelCap(Rule):
    """Visie for a small purchase (or an unknown size), concrete invulling below the EU threshold."""

    id = "ask_level_cap"

    def params(self, config):
        return {"caps": {band: ASK_CAP[band] for band in SIZE_BANDS}}

    def enforce(self, candidates, ctx):
        cap = ask_cap(ctx.derived)
        out = []
        for c in candidates:
            if _live(c) and ask_rank(c.ask_level) > ask_rank(cap):
                event = RuleEvent(self.id, {"band": ctx.derived.size_band, "before": c.ask_level, "after": cap})
                c = c.with_event(event, ask_level=cap)
            out.append(c)
        return out, []

    def breaches(self, advice, ctx):
        cap = ask_cap(ctx.derived)
        return [
            Breach(self.id, c.id, {"band": ctx.derived.size_band, "level": c.ask_level, "cap": cap})
            for c in advice.criteria
            if ask_rank(c.ask_level) > ask_rank(cap)
        ]


class PageCap(Rule):
    """Below the EU threshold a written answer is short."""

    id = "page_cap"
    settings = ("max_pages_midden",)

    def enforce(self, candidates, ctx):
        cap = ctx.config.max_pages_midden
        if ctx.derived.size_band != "midden":
            return candidates, []
        out = []
        for c in candidates:
            if _live(c) and c.max_pages and c.max_pages > cap:
                c = c.with_event(RuleEvent(self.id, {"before": c.max_pages, "after": cap}), max_pages=cap)
            out.append(c)
        return out, []

    def breaches(self, advice, ctx):
        cap = ctx.config.max_pages_midden
        if ctx.derived.size_band != "midden":
            return []
        found = [
            Breach(self.id, c.id, {"pages": c.max_pages, "cap": cap})
            for c in advice.criteria
            if c.max_pages and c.max_pages > cap
        ]
        plan = advice.implementation_plan
        if plan is not None and plan.max_pages > cap:
            found.append(Breach(self.id, None, {"pages": plan.max_pages, "cap": cap}))
        return found


def _award_rank(c: Candidate) -> tuple:
    return (-(c.weight or 0), -ask_rank(c.ask_level), c.criterion.id)


class AwardCountCap(Rule):
    """Invited and national procedures get at most a few light inclusion award criteria.

    The highest-weighted are kept. A lower one whose place depends on an undecided criterion becomes
    undecided too, so the outcome never flips when a question is answered.
    """

    id = "award_count_cap"
    settings = ("max_award_criteria_midden",)

    def enforce(self, candidates, ctx):
        if ctx.derived.size_band != "midden":
            return candidates, []
        limit = ctx.config.max_award_criteria_midden
        contenders = sorted((c for c in candidates if c.kind == "gunningscriterium" and _live(c)), key=_award_rank)
        verdict: dict[str, Candidate] = {}
        for position, c in enumerate(contenders):
            if position < limit or c.outcome != "applied":
                continue
            ahead = contenders[:limit]
            kept = tuple(x.criterion.id for x in ahead)
            event = RuleEvent(self.id, {"limit": limit, "kept": kept})
            if all(x.outcome == "applied" for x in ahead):
                verdict[c.criterion.id] = _fall_back(c, event, "not_applied")
            else:
                waiting = tuple(q for x in contenders[:position] for q in x.questions)
                verdict[c.criterion.id] = _fall_back(c, event, "undecided", waiting)
        return [verdict.get(c.criterion.id, c) for c in candidates], []

    def breaches(self, advice, ctx):
        limit = ctx.config.max_award_criteria_midden
        awards = [c.id for c in advice.criteria if c.kind == "gunningscriterium"]
        if ctx.derived.size_band != "midden" or len(awards) <= limit:
            return []
        return [Breach(self.id, cid, {"limit": limit, "count": len(awards)}) for cid in awards[limit:]]


def cut_rank(criterion: Any, pack_position: int, theme: str) -> tuple:
    """Where a criterion stands when items must go (first kept first), from pack data only, so the
    order is the same whatever the profile: legal baselines (accessibility eisen, art. 42), then the
    other eisen (the knock-out floor), then what concerns this contract (scope opdracht), then the
    rest; within each, the pack's `priority`, then award before contract clause, then the pack's own
    order, round-robin over the themes."""
    base = criterion.base.kind
    if criterion.eforms.accessibility:
        tier = 0
    elif base == "eis":
        tier = 1
    elif criterion.scope == "opdracht":
        tier = 2
    else:
        tier = 3
    return (
        tier,
        PRIORITIES.index(criterion.priority),
        _KIND_RANK.get(base, 3),
        pack_position,
        theme,
        criterion.id,
    )


def _rank(c: Candidate) -> tuple:
    position = next(i for i, x in enumerate(c.pack.criteria) if x.id == c.criterion.id)
    return cut_rank(c.criterion, position, c.pack.theme)


class OverlapMerge(Rule):
    """The same duty from two packs becomes one item that names both themes."""

    id = "overlap_merge"

    def enforce(self, candidates, ctx):
        by_id = {c.criterion.id: c for c in candidates}
        pairs = set()
        for c in candidates:
            for other in c.criterion.overlaps:
                if other in by_id and other != c.criterion.id:
                    pairs.add(tuple(sorted((c.criterion.id, other), key=lambda i: _rank(by_id[i]))))
        for first, second in sorted(pairs, key=lambda p: (_rank(by_id[p[0]]), _rank(by_id[p[1]]))):
            keep, drop = by_id[first], by_id[second]
            if not _live(keep) or not _live(drop):
                continue
            themes = tuple(dict.fromkeys((keep.pack.theme, drop.pack.theme)))
            if keep.outcome == "applied" and drop.outcome == "applied":
                by_id[second] = drop.with_event(
                    RuleEvent(self.id, {"kept": first, "themes": themes}), outcome="not_applied"
                )
                by_id[first] = keep.with_event(RuleEvent(self.id, {"merged": second, "themes": themes}))
            elif drop.outcome == "applied":  # the one kept is undecided: the other waits for it
                by_id[second] = drop.with_event(
                    RuleEvent(self.id, {"kept": first, "themes": themes}),
                    outcome="undecided",
                    questions=_questions(drop, keep.questions),
                )
        return [by_id[c.criterion.id] for c in candidates], []

    def breaches(self, advice, ctx):
        present = {c.id for c in advice.criteria}
        pairs = {tuple(sorted((c.id, o))) for c in advice.criteria for o in c.overlaps if o in present and o != c.id}
        return [Breach(self.id, second, {"kept": first}) for first, second in sorted(pairs)]


def counted_items(criteria: Iterable[Any]) -> list[Any]:
    """What a bidder must meet: eisen, contract clauses, award and selection criteria."""
    return [c for c in criteria if c.kind not in NOT_COUNTED]


def document_count(criteria: Iterable[Any], plan: Any = None) -> int:
    """Every ask level above none is a document to write; the contract clauses' deliverables together
    are one document, the implementation plan."""
    criteria = list(criteria)
    separate = sum(1 for c in criteria if c.ask_level is not None and c.kind != "contractbepaling")
    clauses = any(c.ask_level is not None and c.kind == "contractbepaling" for c in criteria)
    return separate + (1 if clauses or (plan is not None and plan.topics) else 0)


class TotalBurden(Rule):
    """Bounds what one advice asks of a bidder across all packs: items, and documents to write.

    Of the criteria that apply, those beyond the band's limit are cut in `cut_rank` order: they keep
    their outcome (they do apply) but are marked optional, left out of the chosen criteria and listed
    apart for the buyer to add back. Legal baselines are never cut (the law comes before policy).
    Undecided criteria take no place until they are decided; while the band is undecided, the limit
    of the smallest band it may fall in holds. Documents beyond the limit lose their ask level (the
    clause or eis stays, without a document); award criteria keep theirs (the award-count cap bounds them).
    """

    id = "total_burden"
    settings = (
        "max_items_klein",
        "max_items_midden",
        "max_items_groot",
        "max_documents_klein",
        "max_documents_midden",
        "max_documents_groot",
    )

    def enforce(self, candidates, ctx):
        limit = min(ctx.config.items_by_band()[b] for b in ctx.possible_bands)
        ranked = sorted((c for c in candidates if _chosen(c) and c.kind not in NOT_COUNTED), key=_rank)
        verdict: dict[str, Candidate] = {}
        kept = 0
        for c in ranked:
            if c.criterion.eforms.accessibility or kept < limit:
                kept += 1
                continue
            event = RuleEvent(self.id, {"band": ctx.derived.size_band, "max_items": limit})
            verdict[c.criterion.id] = c.with_event(event, optional=True)
        out = [verdict.get(c.criterion.id, c) for c in candidates]
        return self._documents(out, ctx), []

    def _documents(self, candidates: list[Candidate], ctx: RuleContext) -> list[Candidate]:
        limits = ctx.config.documents_by_band()
        limit = min((limits[b] for b in ctx.possible_bands if limits[b] is not None), default=None)
        if limit is None:
            return candidates
        kept = 0
        clauses_counted = False
        verdict: dict[str, Candidate] = {}
        for c in sorted((c for c in candidates if _chosen(c) and c.ask_level is not None), key=_rank):
            in_plan = c.kind == "contractbepaling"
            if c.kind in AWARD_KINDS or (in_plan and clauses_counted):
                kept += 0 if in_plan else 1
                continue
            if kept < limit:
                kept += 1
                clauses_counted = clauses_counted or in_plan
                continue
            event = RuleEvent(self.id, {"band": ctx.derived.size_band, "max_documents": limit, "before": c.ask_level})
            verdict[c.criterion.id] = c.with_event(event, ask_level=None, max_pages=None)
        return [verdict.get(c.criterion.id, c) for c in candidates]

    def breaches(self, advice, ctx):
        bands = ctx.possible_bands
        items, documents = ctx.config.items_by_band(), ctx.config.documents_by_band()
        found = []
        counted = counted_items(advice.criteria)
        baselines = sum(1 for c in counted if c.eforms.accessibility)
        limit = min(items[b] for b in bands)
        if len(counted) > max(limit, baselines):
            found.append(Breach(self.id, None, {"items": len(counted), "max_items": limit}))
        doc_limit = min((documents[b] for b in bands if documents[b] is not None), default=None)
        count = document_count(advice.criteria, advice.implementation_plan)
        if doc_limit is not None and count > doc_limit:
            found.append(Breach(self.id, None, {"documents": count, "max_documents": doc_limit}))
        return found


class WeightCap(Rule):
    """The inclusion award criteria together weigh at most the configured share of the award."""

    id = "weight_cap"
    settings = ("max_inclusion_weight_percent",)

    def enforce(self, candidates, ctx):
        cap = ctx.config.max_inclusion_weight_percent
        awards = [c for c in candidates if _chosen(c) and c.kind == "gunningscriterium" and c.weight]
        total = sum(c.weight for c in awards)
        if total <= cap:
            return candidates, []
        scaled = _apportion([c.weight for c in awards], math.floor(cap))
        changed = {
            c.criterion.id: c.with_event(RuleEvent(self.id, {"before": c.weight, "after": new, "cap": cap}), weight=new)
            for c, new in zip(awards, scaled, strict=True)
        }
        event = RuleEvent(self.id, {"before": total, "after": sum(scaled), "cap": cap})
        return [changed.get(c.criterion.id, c) for c in candidates], [event]

    def breaches(self, advice, ctx):
        cap = ctx.config.max_inclusion_weight_percent
        total = sum(c.weight or 0 for c in advice.criteria if c.kind == "gunningscriterium")
        return [Breach(self.id, None, {"total": total, "cap": cap})] if total > cap else []


def _apportion(weights: list[float], total: int) -> list[int]:
    """Largest-remainder rounding of proportional shares; every criterion keeps at least 1%."""
    if total < len(weights):
        total = len(weights)
    whole = sum(weights)
    shares = [w * total / whole for w in weights]
    result = [max(1, math.floor(s)) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - math.floor(shares[i])), i))
    i = 0
    while sum(result) < total:
        result[order[i % len(order)]] += 1
        i += 1
    while sum(result) > total:
        j = max(range(len(result)), key=lambda k: (result[k], -k))
        result[j] -= 1
    return result


class ImplementationPlanRule(Rule):
    """The contract clauses' "describe how you..." deliverables become one implementation plan: one
    document, a section per topic, one deadline (`gather_plan` builds it from the rendered clauses)."""

    id = "implementation_plan"
    settings = ("implementation_plan_max_pages", "implementation_plan_deadline_days")

    def enforce(self, candidates, ctx):
        days = ctx.config.implementation_plan_deadline_days
        out = [
            c.with_event(RuleEvent(self.id, {"deadline_days": days}))
            if _chosen(c) and c.kind == "contractbepaling" and c.ask_level is not None
            else c
            for c in candidates
        ]
        return out, []

    def breaches(self, advice, ctx):
        plan = advice.implementation_plan
        topics = {t.criterion for t in plan.topics} if plan is not None else set()
        present = {c.id for c in advice.criteria}
        found = [
            Breach(self.id, c.id)
            for c in advice.criteria
            if c.kind == "contractbepaling" and c.ask_level is not None and c.id not in topics
        ]
        found += [Breach(self.id, cid, {"missing": True}) for cid in sorted(topics - present)]
        return found


RULES: tuple[Rule, ...] = (
    ExistingContract(),
    AwardPlacement(),
    AccessibilityUsers(),
    AskLevelCap(),
    PageCap(),
    AwardCountCap(),
    OverlapMerge(),
    TotalBurden(),
    WeightCap(),
    ImplementationPlanRule(),
)
RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES)


def enforce(candidates: Sequence[Candidate], ctx: RuleContext) -> tuple[list[Candidate], list[RuleEvent]]:
    """Apply every rule in a fixed order; returns the candidates and the advice-level events."""
    items, events = list(candidates), []
    for rule in RULES:
        items, found = rule.enforce(items, ctx)
        events.extend(found)
    return items, events


def breach_key(breach: Breach) -> tuple[str, str | None]:
    """What identifies a breach across two states of an advice (its counts may differ)."""
    return (breach.rule, breach.criterion)


def breaches(advice: Advice) -> list[Breach]:
    """Every central rule the advice breaks (empty for an advice straight from `advise`)."""
    ctx = RuleContext.of(advice)
    return [b for rule in RULES for b in rule.breaches(advice, ctx)]


def gather_plan(
    criteria: Sequence[AppliedCriterion], ctx: RuleContext, previous: ImplementationPlan | None = None
) -> tuple[list[AppliedCriterion], ImplementationPlan | None]:
    """Move every applied contract clause's deliverable into the one implementation plan.

    The clause keeps its ask level (what the plan asks about it) and loses its own `submission`;
    topics of a previous plan are kept for clauses still in the advice, so a choice never loses one.
    """
    from .advice import ImplementationPlan, PlanTopic

    topics = {t.criterion: t for t in previous.topics} if previous is not None else {}
    out = []
    for c in criteria:
        if c.kind == "contractbepaling" and c.ask_level is not None:
            if c.id not in topics:
                topics[c.id] = PlanTopic(c.id, c.theme, c.title, c.ask_level, c.submission or c.title, c.max_pages or 1)
            c = attrs.evolve(c, submission=None)
        out.append(c)
    present = {c.id: c for c in out}
    ordered = tuple(attrs.evolve(topics[c.id], ask_level=present[c.id].ask_level) for c in out if c.id in topics)
    if not ordered:
        return out, None
    pages = min(sum(t.pages for t in ordered), ctx.config.implementation_plan_max_pages)
    if ctx.derived.size_band == "midden":
        pages = min(pages, ctx.config.max_pages_midden)
    return out, ImplementationPlan(ordered, pages, ctx.config.implementation_plan_deadline_days)
