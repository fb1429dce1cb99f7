"""Triage of one calendar row: facts from its cells, assumptions from its words, the real engine's
advice, and a priority with reasons.

The priority follows the note on the framework first: a tender that deploys personnel, or that touches
the support of staff, ranks hoog. Then the themes: when a theme applies or may apply, middel; else laag.
Machines, road salt, counting points and other supplies without people never rank hoog on their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import attrs

from ..config import EngineConfig
from ..derive import DerivedFacts, derive
from ..engine import advise
from ..inference import Assumption, apply_assumptions, infer
from ..inference.infer import category_label
from ..labels import label
from ..model import ask_rank
from ..plugins import PackSet, installed_packs
from ..profile import TenderProfile
from .columns import key_directorates
from .formats import ValueError_, When, is_unknown, parse_amount, parse_kind, parse_when

__all__ = ["PRIORITIES", "RowTriage", "Triager"]

PRIORITIES = ("hoog", "middel", "laag")

# Categories that are the support of staff whoever buys them, and those that are when a key supporting
# directorate (P&O, facilitair, vastgoed, communicatie) buys them for the organisation.
_STAFF_CATEGORIES = ("uitzend_inhuur", "werving_selectie", "arbodienstverlening", "werkkleding")
_SUPPORT_CATEGORIES = (
    "schoonmaak",
    "catering",
    "beveiliging_handhaving",
    "evenementen_locaties",
    "ict_software",
    "liften",
    "automaten",
    "meubilair",
    "communicatie_drukwerk",
    "fotografie_vormgeving",
    "klantcontact",
    "bouw_onderhoud",
)
_BUREAU = "Bureau Inclusie & Diversiteit"


@attrs.frozen
class RowTriage:
    """The triage of one calendar row, in words a manager reads."""

    row: int
    title: str
    directorate: str | None
    leadbuyer: str | None
    value_eur: float | None
    quarter: str | None
    priority: str
    reasons: tuple[str, ...]
    themes_apply: tuple[str, ...]
    themes_maybe: tuple[str, ...]
    ask_level: str | None
    assumptions: tuple[Assumption, ...]
    questions: tuple[str, ...]
    actor: str
    problems: tuple[str, ...] = ()


@attrs.frozen
class _Outcome:
    themes_apply: tuple[str, ...]
    themes_maybe: tuple[str, ...]
    ask_level: str | None
    questions: tuple[str, ...]


class Triager:
    """Triages rows one at a time; the engine runs once per distinct combination of facts."""

    def __init__(
        self, *, packs: PackSet | None = None, config: EngineConfig | None = None, infer_facts: bool = True
    ) -> None:
        self.packs = installed_packs() if packs is None else packs
        self.config = config or EngineConfig()
        self.infer_facts = infer_facts
        self._cache: OrderedDict[tuple[Any, ...], _Outcome] = OrderedDict()
        self._key_directorates = key_directorates()
        self.engine_runs = 0

    def triage(self, row: int, cells: Mapping[str, Any]) -> RowTriage:
        """Cells by role (title, value, publication, ...) to a triaged row; bad cells become problems."""
        problems: list[str] = []
        title = _text(cells.get("title"))
        if not title:
            problems.append("geen opdrachtomschrijving")
        value = _read(cells, "value", parse_amount, problems)
        kind = _read(cells, "kind", parse_kind, problems)
        when = _read(cells, "publication", parse_when, problems) or When()
        when = when.combine(_read(cells, "certainty", parse_when, problems) or When())
        codes = tuple(c for c in re.split(r"[\s,;/]+", _text(cells.get("cpv")) or "") if c)
        directorate = _text(cells.get("directorate"))
        profile = TenderProfile(
            title=title or "(geen omschrijving)",
            description=_text(cells.get("description")),
            procurement_kind=kind,
            estimated_value_eur=value,
            publication_date=_publication_date(when),
            cpv_codes=codes or None,
            directorate=directorate,
        )
        inference = infer(profile) if self.infer_facts else None
        assumptions = inference.assumptions if inference else ()
        problems += [p.message for p in inference.problems] if inference else []
        facts = apply_assumptions(profile, assumptions)
        derived = derive(facts, self.config)
        outcome = self._outcome(facts, derived)
        signals = inference.signals if inference else frozenset()
        categories = tuple(derived.categories or ())
        deployed = derived.personnel_deployed
        if (
            deployed is True
            and "pure_supply" in signals
            and derive(profile, self.config).personnel_deployed is not True
        ):
            deployed = None  # a supply of machines or goods: people inferred from words do not make it hoog
        priority, reasons = _priority(deployed, facts, categories, signals, outcome, self._key_directorate(directorate))
        if when.uncertain:
            reasons = (*reasons, "publicatiedatum onzeker (marge van twee kwartalen of meer)")
        return RowTriage(
            row=row,
            title=title or "",
            directorate=directorate,
            leadbuyer=_text(cells.get("leadbuyer")),
            value_eur=value,
            quarter=str(when.quarter) if when.quarter else (str(when.year) if when.year else None),
            priority=priority,
            reasons=reasons,
            themes_apply=outcome.themes_apply,
            themes_maybe=outcome.themes_maybe,
            ask_level=outcome.ask_level,
            assumptions=assumptions,
            questions=outcome.questions,
            actor=_actor(priority, directorate),
            problems=tuple(problems),
        )

    def _key_directorate(self, directorate: str | None) -> str | None:
        if not directorate:
            return None
        words = re.findall(r"[a-z&]+", directorate.lower())
        text = " ".join(words)
        for name, markers in self._key_directorates.items():
            if any((m in words) if " " not in m and len(m) <= 3 else (m in text) for m in markers):
                return name
        return None

    def _outcome(self, profile: TenderProfile, derived: DerivedFacts) -> _Outcome:
        """The engine's themes for these facts, cached: rows that differ only in wording or in a value
        within the same procedure share one engine run."""
        anonymous = attrs.evolve(profile, title="", description=None, directorate=None, estimated_value_eur=None)
        key = (anonymous, derived.regime, derived.possible_regimes)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        advice = advise(profile, packs=self.packs, config=self.config, infer_facts=False)
        self.engine_runs += 1
        applied = tuple(t.theme for t in advice.themes if t.criteria)
        maybe = tuple(
            sorted(
                {t.theme for t in advice.trace if t.outcome == "undecided" and t.theme not in applied},
                key=lambda theme: (
                    [x.theme for x in advice.themes].index(theme) if theme in [x.theme for x in advice.themes] else 99
                ),
            )
        )
        level = max((t.ask_level for t in advice.themes if t.ask_level), key=ask_rank, default=None)
        outcome = _Outcome(applied, maybe, level, tuple(q.question for q in advice.questions))
        self._cache[key] = outcome
        if len(self._cache) > 4096:
            self._cache.popitem(last=False)
        return outcome


def _given_deployed(profile: TenderProfile) -> bool:
    """Whether the buyer's own cells (not an assumption) say the supplier deploys people."""
    p = profile.personnel
    return any(
        f is True for f in (p.works_for_municipality, p.at_municipal_sites, p.in_public_space, p.in_residents_homes)
    )


def _text(value: Any) -> str | None:
    if is_unknown(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _read(cells: Mapping[str, Any], role: str, parse: Any, problems: list[str]) -> Any:
    if role not in cells:
        return None
    try:
        return parse(cells[role])
    except ValueError_ as exc:
        problems.append(str(exc))
        return None


def _publication_date(when: When) -> dt.date | None:
    """A date inside the planned quarter (or year); none when the planning may shift two quarters or more."""
    if when.uncertain:
        return None
    if when.quarter is not None:
        return when.quarter.first_day
    return dt.date(when.year, 7, 1) if when.year else None


def _priority(
    deployed: bool | None,
    profile: TenderProfile,
    categories: tuple[str, ...],
    signals: frozenset[str],
    outcome: _Outcome,
    key_directorate: str | None,
) -> tuple[str, tuple[str, ...]]:
    themes = ", ".join(label(t) for t in outcome.themes_apply)
    maybe = ", ".join(label(t) for t in outcome.themes_maybe)
    theme_reason = (
        f"thema's van toepassing: {themes}"
        if themes
        else (f"thema's mogelijk van toepassing: {maybe}" if maybe else None)
    )
    if deployed is not True and "pure_supply" in signals:
        reasons = ["levering zonder inzet van mensen: geen prioriteit volgens de regel van het handelingskader"]
        if outcome.themes_apply:
            return "middel", (*reasons, theme_reason)
        return "laag", tuple(reasons)
    if deployed is True:
        return "hoog", tuple(r for r in ("de opdrachtnemer zet mensen in voor de gemeente", theme_reason) if r)
    staff = [c for c in categories if c in _STAFF_CATEGORIES]
    if staff:
        return "hoog", tuple(
            r for r in (f"raakt de ondersteuning van medewerkers ({_labels(staff)})", theme_reason) if r
        )
    support = [c for c in categories if c in _SUPPORT_CATEGORIES]
    used_by_staff = profile.used_by in ("medewerkers", "beide")
    for_others = profile.used_by in ("bewoners", "niemand")
    if key_directorate and (used_by_staff or (support and not for_others)):
        what = _labels(support) if support else "gebruikt door medewerkers"
        return "hoog", tuple(
            r
            for r in (f"raakt de ondersteuning van medewerkers (directie {key_directorate}: {what})", theme_reason)
            if r
        )
    if outcome.themes_apply or outcome.themes_maybe:
        reasons = [theme_reason]
        if deployed is None:
            reasons.append("nog onbekend of de opdrachtnemer mensen inzet")
        return "middel", tuple(r for r in reasons if r)
    return "laag", ("geen thema van toepassing",)


def _labels(categories: list[str]) -> str:
    return ", ".join(category_label(c) for c in categories)


def _actor(priority: str, directorate: str | None) -> str:
    who = f"Directie {directorate}" if directorate else "De opdrachtgevende directie"
    if priority == "hoog":
        return f"{who} met het handelingskader; {_BUREAU} als vangnet"
    return f"{who} zelf, met het handelingskader"
