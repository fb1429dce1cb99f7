"""Infer likely profile facts and categories from CPV codes and Dutch words, as assumptions.

An assumption is never the buyer's answer: it carries its source (the word or the code) and the
question that confirms it, and it is only made for a fact the profile leaves unknown. When two
sources disagree on a fact, a CPV code beats a word; codes or words that disagree among themselves
leave the fact unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import attrs

from ..categories import CATEGORIES as VOCABULARY
from ..categories import categories_for_cpv, category_ids
from ..profile import TenderProfile
from .cpv import CpvCode, CpvProblem, is_social_service, parse_cpv
from .rules import rule_set

__all__ = ["Assumption", "Inference", "apply_assumptions", "infer", "infer_text"]


# Fields whose value the inference may set, in the order assumptions are listed.
FACT_FIELDS: tuple[str, ...] = (
    "procurement_kind",
    "social_services",
    "used_by",
    "personnel.works_for_municipality",
    "personnel.at_municipal_sites",
    "personnel.in_public_space",
    "personnel.in_residents_homes",
    "personnel.vulnerable_groups",
    "result.physical",
    "result.digital",
    "result.event_or_venue",
    "result.communication",
)

_USED_BY = {
    "medewerkers": "medewerkers",
    "bewoners": "bewoners",
    "beide": "medewerkers én bewoners",
    "niemand": "niemand",
}
_GROUPS = {"jeugd": "jongeren", "ouderen": "ouderen", "wmo_clienten": "Wmo-cliënten"}
_STATEMENTS = {
    "personnel.works_for_municipality": "de opdrachtnemer mensen inzet die voor de gemeente of haar bewoners werken",
    "personnel.at_municipal_sites": "die mensen op locaties van de gemeente werken",
    "personnel.in_public_space": "die mensen in de openbare ruimte werken",
    "personnel.in_residents_homes": "die mensen bij bewoners thuis komen",
    "result.physical": "de opdracht een fysiek product of een plek oplevert die mensen gebruiken",
    "result.digital": "de opdracht een digitaal product of een digitale dienst oplevert die mensen gebruiken",
    "result.event_or_venue": "het om een evenement, bijeenkomst of locatie gaat",
    "result.communication": "de opdracht communicatie oplevert (drukwerk, beeld, ontwerp of campagnes)",
}


@attrs.frozen
class Assumption:
    """A fact inferred from a word or a CPV code; it holds until the buyer confirms or corrects it."""

    field: str
    value: Any
    source: str
    question: str


@attrs.frozen
class Inference:
    """What the words and codes of one tender suggest."""

    assumptions: tuple[Assumption, ...] = ()
    problems: tuple[CpvProblem, ...] = ()
    signals: frozenset[str] = frozenset()

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(a.value for a in self.assumptions if a.field == "categories")

    def value(self, field: str) -> Any:
        return next((a.value for a in self.assumptions if a.field == field), None)


def confirming_question(field: str, value: Any) -> str:
    """The Dutch yes/no question that confirms an assumed value (B1, no field names)."""
    if field == "procurement_kind":
        return f"Klopt het dat dit een opdracht voor {value} is?"
    if field == "social_services":
        if value:
            return "Klopt het dat dit een sociale of andere specifieke dienst is (bijlage XIV), zoals zorg, jeugdhulp of re-integratie?"
        return "Klopt het dat dit geen sociale of andere specifieke dienst is (bijlage XIV)?"
    if field == "used_by":
        if value == "niemand":
            return "Klopt het dat geen mensen het resultaat zelf gebruiken?"
        return f"Klopt het dat het resultaat wordt gebruikt door {_USED_BY[value]}?"
    if field == "personnel.vulnerable_groups":
        return f"Klopt het dat de mensen van de opdrachtnemer werken met {' en '.join(_GROUPS[g] for g in value)}?"
    if field == "categories":
        return f"Klopt het dat de opdracht gaat over {category_label(value)}?"
    statement = _STATEMENTS[field]
    return f"Klopt het dat {statement}?" if value else f"Klopt het dat niet {statement}?"


def category_label(category: str) -> str:
    """The Dutch label of a category from the vocabulary."""
    return _LABELS[category]


_LABELS = {c.id: c.label.nl for c in VOCABULARY}


@attrs.frozen
class _Vote:
    value: Any
    source: str
    from_code: bool


def infer(profile: TenderProfile) -> Inference:
    """Assumptions for every fact the profile leaves unknown that its title, description or CPV codes suggest."""
    found = infer_text(profile.title, profile.description, tuple(profile.cpv_codes or ()), profile.procurement_kind)
    kept = tuple(
        a
        for a in found.assumptions
        if (profile.categories is None if a.field == "categories" else _profile_value(profile, a.field) is None)
    )
    return attrs.evolve(found, assumptions=kept)


@lru_cache(maxsize=4096)
def infer_text(
    title: str | None, description: str | None, cpv_codes: tuple[str, ...] = (), kind: str | None = None
) -> Inference:
    """What the words and codes suggest, before any other answer of the buyer is taken into account.

    In a supply contract (the buyer's `kind`, the codes' kind, or the kind of the first word of the
    title that names a purchase, is leveringen) words about people describe who uses the goods
    ("werkkleding voor handhavers"), not the supplier's staff: they infer no personnel facts.
    """
    rules = rule_set()
    votes: dict[str, list[_Vote]] = {}
    categories: dict[str, list[str]] = {}
    signals: set[str] = set()
    problems: list[CpvProblem] = []
    codes: list[CpvCode] = []
    for text in cpv_codes:
        parsed = parse_cpv(text)
        if isinstance(parsed, CpvProblem):
            problems.append(parsed)
        else:
            codes.append(parsed)
    for code in codes:
        source = f"CPV-code {code}"
        facts: dict[str, Any] = {}
        for rule in rules.cpv_rules(code.digits):  # shortest first, so the longest prefix decides
            facts.update(rule.facts)
            signals.update(rule.signals)
        for field, value in facts.items():
            votes.setdefault(field, []).append(_Vote(value, source, True))
    kinds = {_vote.value for _vote in votes.get("procurement_kind", ())}
    if codes and not problems and kinds == {"diensten"}:
        social = [c for c in codes if is_social_service(c)]
        if social:
            source = f"CPV-code {social[0]} staat op de EU-lijst van sociale diensten"
            votes.setdefault("social_services", []).append(_Vote(True, source, True))
        else:
            source = "geen van de CPV-codes staat op de EU-lijst van sociale diensten"
            votes.setdefault("social_services", []).append(_Vote(False, source, True))
    object_kind = None
    for where, text in (("titel", title), ("omschrijving", description)):
        for match in rules.match_words(text or ""):
            if object_kind is None and where == "titel":
                object_kind = match.rule.facts.get("procurement_kind")
            source = f'woord "{match.word}" ({where})'
            for field, value in match.rule.facts.items():
                votes.setdefault(field, []).append(_Vote(value, source, False))
            if match.rule.category:
                categories.setdefault(match.rule.category, []).append(source)
            signals.update(match.rule.signals)
    code_kinds = {v.value for v in votes.get("procurement_kind", ()) if v.from_code}
    supply = code_kinds == {"leveringen"} or (not code_kinds and object_kind == "leveringen")
    if kind == "leveringen" or (kind is None and supply):
        for field in FACT_FIELDS:
            if field.startswith("personnel."):
                votes[field] = [v for v in votes.get(field, ()) if v.from_code]
    assumptions = [a for field in FACT_FIELDS if (a := _decide(field, votes.get(field, []))) is not None]
    # The codes' own categories are derived by the engine (derived.categories); only words add one.
    derived = set(categories_for_cpv(str(c) for c in codes))
    assumptions += [
        Assumption("categories", c, _sources(categories[c]), confirming_question("categories", c))
        for c in category_ids()
        if c in categories and c not in derived
    ]
    return Inference(tuple(assumptions), tuple(problems), frozenset(signals))


def _sources(sources: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(sources))


def _decide(field: str, votes: Sequence[_Vote]) -> Assumption | None:
    if not votes:
        return None
    if field == "personnel.vulnerable_groups":  # groups add up: "jeugd" and "wmo" mean both
        groups = sorted({g for v in votes for g in v.value})
        return Assumption(field, groups, _sources(v.source for v in votes), confirming_question(field, groups))
    strongest = [v for v in votes if v.from_code] or list(votes)
    values = {_key(v.value) for v in strongest}
    if field == "used_by" and values == {"medewerkers", "bewoners"}:  # one word for each: both use it
        return Assumption(field, "beide", _sources(v.source for v in strongest), confirming_question(field, "beide"))
    if len(values) != 1:
        return None
    value = strongest[0].value
    return Assumption(field, value, _sources(v.source for v in strongest), confirming_question(field, value))


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _profile_value(profile: TenderProfile, field: str) -> Any:
    value: Any = profile
    for part in field.split("."):
        value = getattr(value, part)
    return value


def apply_assumptions(profile: TenderProfile, assumptions: Iterable[Assumption]) -> TenderProfile:
    """The profile with each assumed fact filled in where the buyer left it unknown; given facts stay."""
    top: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    categories: list[str] = []
    for a in assumptions:
        if a.field == "categories":
            categories.append(a.value)
        elif _profile_value(profile, a.field) is None:
            head, _, tail = a.field.partition(".")
            value = tuple(a.value) if isinstance(a.value, list) else a.value
            if tail:
                nested.setdefault(head, {})[tail] = value
            else:
                top[head] = value
    for head, values in nested.items():
        top[head] = attrs.evolve(getattr(profile, head), **values)
    if categories and profile.categories is None:
        top["categories"] = tuple(categories)
    return attrs.evolve(profile, **top) if top else profile
