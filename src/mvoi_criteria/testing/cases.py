"""Example tenders with expected outcomes, run as tests (like Semgrep's ruleid/ok annotations).

A case file `*.case.yaml`:

    description: Why this case matters.
    profile: {title: ..., ...}          # a tender profile, inline
    packs: [representatie]              # optional: only these pack ids (default: every installed pack)
    infer: true                         # optional: assume unknown facts from words and codes (default: off,
                                        # so a case checks the packs against exactly the facts it states)
    expect:
      applied:                          # criterion id -> expected properties (all optional)
        rep-werving-selectie: {kind: gunningscriterium, ask_level: plan_van_aanpak}
      not_applied: [rep-beeldtaal]
      undecided: [rep-talent]
      optional: [rep-jaarevaluatie]     # applies, but cut by the total burden (listed apart, may be added back)
      questions: [estimated_value_eur]  # fields the advice must ask for
      accessibility: inc                # BT-754 status
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..advice import Advice
from ..engine import advise
from ..errors import InputError, Problem
from ..explain import explain_attention, explain_why, sentences
from ..plugins import PackSet, installed_packs
from ..profile import profile_from_dict
from ..yamlio import load_document

__all__ = ["Case", "CaseError", "check_case", "load_case"]

_APPLIED_KEYS = ("kind", "ask_level", "weight", "max_pages")


class CaseError(InputError):
    kind = "example case"


@attrs.frozen
class Case:
    source: str
    description: str
    profile: Mapping[str, Any]
    packs: tuple[str, ...] | None
    expect: Mapping[str, Any]
    infer: bool = False


def load_case(path: str | Path) -> Case:
    source = str(path)
    data = load_document(Path(path).read_text(encoding="utf-8")).data
    allowed = {"description", "profile", "packs", "expect", "infer"}
    if not isinstance(data, dict) or "profile" not in data or "expect" not in data:
        raise CaseError(source, [Problem("$", "a case needs 'profile' and 'expect'")])
    extra = sorted(set(data) - allowed)
    if extra:
        raise CaseError(source, [Problem("$", f"unknown keys {extra}; allowed: {sorted(allowed)}")])
    unknown = sorted(
        set(data["expect"]) - {"applied", "not_applied", "undecided", "optional", "questions", "accessibility"}
    )
    if unknown:
        raise CaseError(source, [Problem("$.expect", f"unknown keys {unknown}")])
    packs = tuple(data["packs"]) if data.get("packs") else None
    return Case(source, data.get("description", ""), data["profile"], packs, data["expect"], bool(data.get("infer")))


def _pack_set(case: Case, pack_set: PackSet | None) -> PackSet:
    pack_set = pack_set or installed_packs()
    if case.packs is None:
        return pack_set
    missing = sorted(set(case.packs) - {p.id for p in pack_set.packs})
    if missing:
        raise CaseError(case.source, [Problem("$.packs", f"pack(s) not installed: {missing}")])
    return attrs.evolve(pack_set, packs=tuple(p for p in pack_set.packs if p.id in case.packs))


def check_case(case: Case, pack_set: PackSet | None = None) -> tuple[Advice, list[str]]:
    """Run the case; return the advice and every mismatch (empty when the case passes)."""
    packs = _pack_set(case, pack_set)
    profile = profile_from_dict(dict(case.profile), f"{case.source}:profile")
    advice = advise(profile, packs=packs, infer_facts=case.infer)
    outcomes = {t.criterion: t for t in advice.trace}
    known = set(outcomes)
    failures: list[str] = []
    expect = case.expect

    def trace_hint(cid: str) -> str:
        t = outcomes[cid]
        why = sentences((*explain_why(t), *explain_attention(t), *t.notes))
        return f" (outcome {t.outcome}, condition {t.condition}: {why})"

    for cid, props in (expect.get("applied") or {}).items():
        if cid not in known:
            failures.append(f"applied: no installed criterion '{cid}'")
            continue
        applied = advice.criterion(cid)
        if applied is None:
            failures.append(f"expected {cid} applied{trace_hint(cid)}")
            continue
        for key, want in (props or {}).items():
            if key not in _APPLIED_KEYS:
                failures.append(f"applied.{cid}: unknown property '{key}'; use {', '.join(_APPLIED_KEYS)}")
            elif getattr(applied, key) != want:
                failures.append(f"{cid}: expected {key} {want!r}, got {getattr(applied, key)!r}")
    for outcome in ("not_applied", "undecided"):
        for cid in expect.get(outcome) or []:
            if cid not in known:
                failures.append(f"{outcome}: no installed criterion '{cid}'")
            elif outcomes[cid].outcome != outcome:
                failures.append(f"expected {cid} {outcome}{trace_hint(cid)}")
    optional = {o.criterion.id for o in advice.optional}
    for cid in expect.get("optional") or []:
        if cid not in known:
            failures.append(f"optional: no installed criterion '{cid}'")
        elif cid not in optional:
            failures.append(f"expected {cid} optional (cut by the total burden){trace_hint(cid)}")
    # An assumption drawn from a word or a code is asked too: as the question that confirms it.
    asked = {q.field for q in advice.questions} | {a.field for a in advice.assumptions}
    for field in expect.get("questions") or []:
        if field not in asked:
            failures.append(f"expected a question about '{field}'; asked: {sorted(asked) or 'nothing'}")
    if "accessibility" in expect and advice.accessibility.status != expect["accessibility"]:
        failures.append(f"expected accessibility {expect['accessibility']!r}, got {advice.accessibility.status!r}")
    return advice, failures
