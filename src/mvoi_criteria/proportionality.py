"""Proportionality and legal placement, enforced centrally on every pack's candidates.

Packs propose; these rules dispose. Each change is written into the candidate's notes so the
trace shows why a criterion was lighter, left out or waiting for an answer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .config import EngineConfig
from .derive import DerivedFacts
from .model import ask_rank
from .selection import Candidate

__all__ = ["ASK_CAP", "AWARD_KINDS", "enforce"]

# Highest ask level per size band; an unknown band is treated as the smallest until it is known.
ASK_CAP = {"klein": "visie", "midden": "concrete_invulling", "groot": "plan_van_aanpak", None: "visie"}
AWARD_KINDS = ("gunningscriterium", "selectiecriterium")
MIDDEN_MAX_PAGES = 2


def enforce(
    candidates: Sequence[Candidate], derived: DerivedFacts, config: EngineConfig
) -> tuple[list[Candidate], list[str]]:
    """Apply every rule in a fixed order; returns the candidates and advice-level notes."""
    notes: list[str] = []
    items = list(candidates)
    items = [_placement_by_size(c, derived.size_band) for c in items]
    items = [_accessibility_users(c, derived.people_use_result) for c in items]
    items = [_cap_ask_level(c, derived) for c in items]
    if derived.size_band == "midden":
        items = _limit_awards_midden(items, config.max_award_criteria_midden)
    items, note = _cap_weights(items, config.max_inclusion_weight_percent)
    if note:
        notes.append(note)
    return items, notes


def _fall_back(c: Candidate, reason: str, otherwise: str, questions: tuple[str, ...] = ()) -> Candidate:
    """Replace an award criterion that does not fit by the criterion's base variant, when that is a
    requirement or contract clause; otherwise give it the outcome `otherwise` (not_applied or undecided).

    Pack authors make the base variant the lightest form of a criterion, so a smaller purchase still
    gets the clause instead of losing it.
    """
    base = c.criterion.base
    if base.kind not in AWARD_KINDS:
        return c.with_note(
            f"{reason}; the base form ({base.kind}) is used instead",
            variant=base,
            kind=base.kind,
            ask_level=base.ask_level,
            weight=base.weight,
            max_pages=base.max_pages,
            scaling="base level: " + reason,
        )
    return c.with_note(reason, outcome=otherwise, questions=tuple(dict.fromkeys((*c.questions, *questions))))


def _placement_by_size(c: Candidate, band: str | None) -> Candidate:
    """One quote (enkelvoudig onderhands) leaves no room for selection or award criteria."""
    if c.outcome == "not_applied" or c.kind not in AWARD_KINDS:
        return c
    if band == "klein":
        return _fall_back(
            c, f"proportionality: no {c.kind} in a single-quote purchase (enkelvoudig onderhands)", "not_applied"
        )
    if band is None:
        return _fall_back(
            c,
            f"proportionality: whether a {c.kind} fits depends on the size of the purchase, which is unknown",
            "undecided",
            ("derived.size_band",),
        )
    return c


def _accessibility_users(c: Candidate, people_use: bool | None) -> Candidate:
    """Accessibility criteria only make sense when natural persons use the result."""
    if c.pack.theme != "toegankelijkheid" or c.outcome == "not_applied" or people_use is True:
        return c
    if people_use is False:
        return c.with_note(
            "accessibility: the result is not for use by natural persons (used_by: niemand)", outcome="not_applied"
        )
    return c.with_note(
        "accessibility: depends on who uses the result, which is unknown",
        outcome="undecided",
        questions=tuple(dict.fromkeys((*c.questions, "used_by"))),
    )


def ask_cap(derived: DerivedFacts) -> str:
    """The highest ask level proportionality allows: by size band, or by the smallest band the
    tender may fall in while the band is undecided, or visie when nothing is known."""
    return ASK_CAP[derived.size_band or derived.smallest_size_band]


def _cap_ask_level(c: Candidate, derived: DerivedFacts) -> Candidate:
    if c.outcome == "not_applied":
        return c
    cap = ask_cap(derived)
    if ask_rank(c.ask_level) > ask_rank(cap):
        why = f"size band {derived.size_band}" if derived.size_band else "the size is not yet known"
        c = c.with_note(f"proportionality: ask level lowered from {c.ask_level} to {cap} ({why})", ask_level=cap)
    return cap_pages(c, derived)


def cap_pages(c: Candidate, derived: DerivedFacts) -> Candidate:
    """Below the EU threshold a submission is at most two pages."""
    if derived.size_band == "midden" and c.max_pages and c.max_pages > MIDDEN_MAX_PAGES:
        note = f"proportionality: page limit lowered from {c.max_pages} to {MIDDEN_MAX_PAGES} (size band midden)"
        return c.with_note(note, max_pages=MIDDEN_MAX_PAGES)
    return c


def _award_rank(c: Candidate) -> tuple:
    return (-(c.weight or 0), -ask_rank(c.ask_level), c.criterion.id)


def _limit_awards_midden(items: list[Candidate], limit: int) -> list[Candidate]:
    """Invited and national procedures get at most `limit` light inclusion award criteria.

    The highest-weighted are kept. A lower one whose place depends on an undecided criterion
    becomes undecided too, so the outcome never flips when a question is answered.
    """
    contenders = sorted(
        (c for c in items if c.kind == "gunningscriterium" and c.outcome != "not_applied"), key=_award_rank
    )
    verdict: dict[str, Candidate] = {}
    for position, c in enumerate(contenders):
        if position < limit or c.outcome != "applied":
            continue
        ahead = contenders[:position]
        kept = ", ".join(x.criterion.id for x in ahead[:limit])
        reason = f"proportionality: at most {limit} inclusion award criterion(s) below the EU threshold"
        if all(x.outcome == "applied" for x in ahead[:limit]):
            verdict[c.criterion.id] = _fall_back(c, f"{reason}; kept {kept}", "not_applied")
        else:
            waiting = tuple(dict.fromkeys(q for x in ahead for q in x.questions))
            verdict[c.criterion.id] = _fall_back(c, f"{reason}; depends on undecided {kept}", "undecided", waiting)
    return [verdict.get(c.criterion.id, c) for c in items]


def _cap_weights(items: list[Candidate], cap: float) -> tuple[list[Candidate], str | None]:
    """Scale the weights of applied award criteria down to the cap, as whole percentages."""
    awards = [c for c in items if c.outcome == "applied" and c.kind == "gunningscriterium" and c.weight]
    total = sum(c.weight for c in awards)
    if total <= cap:
        return items, None
    scaled = _apportion([c.weight for c in awards], math.floor(cap))
    changed = {}
    for c, new in zip(awards, scaled, strict=True):
        changed[c.criterion.id] = c.with_note(
            f"proportionality: weight scaled from {c.weight:g}% to {new}% to keep the total within {cap:g}%", weight=new
        )
    note = f"The suggested inclusion weights added up to {total:g}%; they were scaled to {sum(scaled)}% (cap {cap:g}%)."
    return [changed.get(c.criterion.id, c) for c in items], note


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
