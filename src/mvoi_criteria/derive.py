"""Facts derived once per profile (threshold, procedure regime, size band) and the flat fact table
that conditions read. Derived facts are three-valued like the profile: None means unknown."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .categories import categories_for_cpv, category_ids
from .config import EngineConfig
from .profile import TenderProfile
from .records import Notice
from .thresholds import THRESHOLD_TABLE_ID, ThresholdPeriod, periods_for
from .validation import schema

__all__ = ["FIELD_SPECS", "REGIMES", "SIZE_BANDS", "DerivedFacts", "FieldSpec", "derive", "fact_table", "field_spec"]

REGIMES = ("enkelvoudig_onderhands", "meervoudig_onderhands", "nationaal", "europees")
SIZE_BANDS = ("klein", "midden", "groot")
_BAND_OF_REGIME = {
    "enkelvoudig_onderhands": "klein",
    "meervoudig_onderhands": "midden",
    "nationaal": "midden",
    "europees": "groot",
}


@attrs.frozen
class DerivedFacts:
    """What the engine concludes from the profile before any pack is read."""

    eu_threshold_eur: int | None
    threshold_period: str | None
    threshold_table: str
    regime: str | None
    size_band: str | None
    above_eu_threshold: bool | None
    personnel_deployed: bool | None
    works_with_vulnerable: bool | None
    people_use_result: bool | None
    inkoopkalender_priority: bool | None
    categories: tuple[str, ...] | None = None
    ambition: dict[str, str] = attrs.field(factory=dict)
    possible_regimes: tuple[str, ...] = ()
    possible_thresholds: tuple[int, ...] = ()
    notes: tuple[Notice, ...] = ()

    @property
    def smallest_size_band(self) -> str | None:
        """The smallest size band the tender may fall in; None when nothing is known about its size.

        Proportionality caps at this band while the band itself is undecided, so a higher value
        never lowers a level.
        """
        if self.size_band is not None:
            return self.size_band
        bands = [_BAND_OF_REGIME[r] for r in self.possible_regimes]
        return min(bands, key=SIZE_BANDS.index) if bands else None


class Possible:
    """A derived fact that is not known yet but lies in a known set (e.g. midden or groot).

    Conditions decide a comparison when it comes out the same for every possible value.
    """

    __slots__ = ("values",)

    def __init__(self, values: Iterable[Any]) -> None:
        self.values = tuple(sorted(set(values), key=str))

    def __repr__(self) -> str:
        return f"one of {', '.join(map(str, self.values))}"


def derive(profile: TenderProfile, config: EngineConfig, themes: Sequence[str] = ()) -> DerivedFacts:
    """The facts of one profile. `themes` are the ids of the themes in use: each gets an ambition,
    the profile's choice or else the configured default (themes the profile names get one too)."""
    periods, note = periods_for(profile.publication_date)
    threshold_candidates = _thresholds(profile, periods)
    thresholds = _agree(threshold_candidates)
    regimes = _regimes(profile, periods, config)
    regime = _agree(regimes)
    personnel = _personnel_deployed(profile)
    groups = profile.personnel.vulnerable_groups
    vulnerable = None if groups is None else bool(groups)
    used_by = profile.used_by
    ambition, defaulted = {}, []
    for theme in (*themes, *(t for t in profile.ambition if t not in themes)):
        chosen = profile.ambition.get(theme)
        ambition[theme] = chosen or config.default_ambition
        if chosen is None:
            defaulted.append(theme)
    notes = []
    if note:  # the table has no period for the date: the nearest period was used
        notes.append(
            Notice("threshold_period", {"date": profile.publication_date.isoformat(), "period": periods[0].label})
        )
    if defaulted:
        notes.append(Notice("default_ambition", {"themes": tuple(defaulted), "default": config.default_ambition}))
    return DerivedFacts(
        eu_threshold_eur=thresholds,
        threshold_period=periods[0].label if len(periods) == 1 else None,
        threshold_table=THRESHOLD_TABLE_ID,
        regime=regime,
        size_band=_agree(_BAND_OF_REGIME.get(r) if r else None for r in regimes),
        above_eu_threshold=_agree(None if r is None else r == "europees" for r in regimes),
        personnel_deployed=personnel,
        works_with_vulnerable=vulnerable,
        people_use_result=None if used_by is None else used_by != "niemand",
        # The inkoopkalender's priority rule: the tender deploys personnel or touches their support.
        inkoopkalender_priority=personnel,
        categories=_categories(profile),
        ambition=ambition,
        possible_regimes=() if None in regimes else tuple(sorted(set(regimes), key=REGIMES.index)),
        possible_thresholds=() if None in threshold_candidates else tuple(sorted(set(threshold_candidates))),
        notes=tuple(notes),
    )


def _agree(values: Iterable[Any]) -> Any:
    """The single value all candidates share, else None (unknown)."""
    distinct = set(values)
    if len(distinct) == 1:
        return distinct.pop()
    return None


def _kind_variants(profile: TenderProfile) -> list[tuple[str, bool]]:
    """Every (kind, social) pair the profile allows; empty when the kind is unknown."""
    if profile.procurement_kind is None:
        return []
    if profile.procurement_kind != "diensten":
        return [(profile.procurement_kind, False)]
    if profile.social_services is None:
        return [("diensten", False), ("diensten", True)]
    return [("diensten", profile.social_services)]


def _thresholds(profile: TenderProfile, periods: tuple[ThresholdPeriod, ...]) -> list[int | None]:
    variants = _kind_variants(profile)
    if not variants:
        return [None]
    return [period.threshold(kind, social) for period in periods for kind, social in variants]


def _regimes(profile: TenderProfile, periods: tuple[ThresholdPeriod, ...], config: EngineConfig) -> list[str | None]:
    value = profile.estimated_value_eur
    variants = _kind_variants(profile)
    if value is None or not variants:
        return [None]
    return [
        regime_for(value, kind, period.threshold(kind, social), config)
        for period in periods
        for kind, social in variants
    ]


def regime_for(value: float, kind: str, threshold: float, config: EngineConfig) -> str:
    """The procedure a value calls for; cut-offs above the EU threshold are ignored."""
    if value >= threshold:
        return "europees"
    single, invited = config.cutoffs(kind)
    if value < single:
        return "enkelvoudig_onderhands"
    if invited is None or value < invited:
        return "meervoudig_onderhands"
    return "nationaal"


def _categories(profile: TenderProfile) -> tuple[str, ...] | None:
    """The buyer's categories together with those the CPV codes point to; unknown when neither is given."""
    if profile.categories is None and profile.cpv_codes is None:
        return None
    found = set(profile.categories or ()) | set(categories_for_cpv(profile.cpv_codes or ()))
    return tuple(c for c in category_ids() if c in found)


def _personnel_deployed(profile: TenderProfile) -> bool | None:
    p = profile.personnel
    flags = [p.works_for_municipality, p.at_municipal_sites, p.in_public_space, p.in_residents_homes]
    if p.vulnerable_groups is not None:
        flags.append(bool(p.vulnerable_groups))
    if any(flag is True for flag in flags):
        return True
    if all(flag is False for flag in flags):
        return False
    return None


# --- the flat fact table that conditions read -------------------------------------------------


@attrs.frozen
class FieldSpec:
    """A field conditions may name: its JSON type, allowed values and the question to ask when unknown."""

    path: str
    type: str
    enum: tuple[Any, ...] | None
    question: str


def _profile_specs() -> list[FieldSpec]:
    root = schema("tender-profile")
    specs = []

    def walk(properties: Mapping[str, Any], prefix: str) -> None:
        for name, spec in properties.items():
            if "$ref" in spec:
                spec = root["$defs"][spec["$ref"].rsplit("/", 1)[-1]]
            path = prefix + name
            kinds = spec.get("type", [])
            kinds = [kinds] if isinstance(kinds, str) else list(kinds)
            if "object" in kinds:
                walk(spec.get("properties", {}), path + ".")  # ambition.<theme> is open: see field_spec
                continue
            enum = spec.get("enum") or spec.get("items", {}).get("enum")
            main = next((k for k in kinds if k != "null"), "string")
            if spec.get("format") == "date":
                main = "date"
            specs.append(
                FieldSpec(
                    path,
                    main,
                    tuple(v for v in enum if v is not None) if enum else None,
                    spec.get("x-question", f"Wat is {path}?"),
                )
            )

    walk(root["properties"], "")
    return specs


_DERIVED_SPECS = [
    FieldSpec(
        "derived.eu_threshold_eur", "number", None, "Welke EU-drempel geldt? Vul soort opdracht en publicatiedatum in."
    ),
    FieldSpec("derived.threshold_period", "string", None, "Wanneer wordt de aanbesteding gepubliceerd?"),
    FieldSpec(
        "derived.regime",
        "string",
        REGIMES,
        "Welke procedure geldt? Vul de geraamde waarde, de soort opdracht en de publicatiedatum in.",
    ),
    FieldSpec(
        "derived.size_band",
        "string",
        SIZE_BANDS,
        "Hoe groot is de opdracht? Vul de geraamde waarde, de soort opdracht en de publicatiedatum in.",
    ),
    FieldSpec(
        "derived.above_eu_threshold",
        "boolean",
        None,
        "Ligt de opdracht boven de EU-drempel? Vul waarde, soort opdracht en publicatiedatum in.",
    ),
    FieldSpec("derived.personnel_deployed", "boolean", None, "Zet de opdrachtnemer mensen in voor of bij de gemeente?"),
    FieldSpec(
        "derived.works_with_vulnerable", "boolean", None, "Werken de mensen van de opdrachtnemer met kwetsbare mensen?"
    ),
    FieldSpec(
        "derived.people_use_result",
        "boolean",
        None,
        "Wie gebruikt het resultaat: medewerkers, bewoners, beide of niemand?",
    ),
    FieldSpec(
        "derived.inkoopkalender_priority", "boolean", None, "Zet de opdrachtnemer mensen in voor of bij de gemeente?"
    ),
    FieldSpec(
        "derived.categories",
        "array",
        category_ids(),
        "Onder welke soort inkoop valt de opdracht? Kies een of meer categorieën of vul de CPV-codes in.",
    ),
]

FIELD_SPECS: dict[str, FieldSpec] = {spec.path: spec for spec in _profile_specs() + _DERIVED_SPECS}

_AMBITION = schema("tender-profile")["$defs"]["ambition"]
_THEME_ID = re.compile(schema("tender-profile")["properties"]["ambition"]["propertyNames"]["pattern"])


def field_spec(path: str) -> FieldSpec | None:
    """The spec of a field a condition may name; `ambition.<theme>` exists for every theme id."""
    spec = FIELD_SPECS.get(path)
    theme = path.removeprefix("ambition.")
    if spec is None and path.startswith("ambition.") and _THEME_ID.fullmatch(theme):
        levels = tuple(v for v in _AMBITION["enum"] if v is not None)
        return FieldSpec(path, "string", levels, _AMBITION["x-question"])
    return spec


# Which profile fields a derived fact depends on: the questions to ask when it is unknown.
DERIVED_INPUTS: dict[str, tuple[str, ...]] = {
    "derived.eu_threshold_eur": ("procurement_kind", "social_services", "publication_date"),
    "derived.threshold_period": ("publication_date",),
    "derived.regime": ("estimated_value_eur", "procurement_kind", "social_services", "publication_date"),
    "derived.size_band": ("estimated_value_eur", "procurement_kind", "social_services", "publication_date"),
    "derived.above_eu_threshold": ("estimated_value_eur", "procurement_kind", "social_services", "publication_date"),
    "derived.personnel_deployed": (
        "personnel.works_for_municipality",
        "personnel.at_municipal_sites",
        "personnel.in_public_space",
        "personnel.in_residents_homes",
        "personnel.vulnerable_groups",
    ),
    "derived.works_with_vulnerable": ("personnel.vulnerable_groups",),
    "derived.people_use_result": ("used_by",),
    "derived.categories": ("categories", "cpv_codes"),
    "derived.inkoopkalender_priority": (
        "personnel.works_for_municipality",
        "personnel.at_municipal_sites",
        "personnel.in_public_space",
        "personnel.in_residents_homes",
        "personnel.vulnerable_groups",
    ),
}


def fact_table(profile: TenderProfile, derived: DerivedFacts) -> dict[str, Any]:
    """Every field a condition may name, mapped to its value (None when unknown)."""
    # Ambition is a policy choice with a configured default, never unknown.
    facts: dict[str, Any] = {f"ambition.{theme}": level for theme, level in derived.ambition.items()}
    for path, spec in FIELD_SPECS.items():
        if path.startswith("derived."):
            facts[path] = _derived_value(derived, path.removeprefix("derived."))
            continue
        value: Any = profile
        for part in path.split("."):
            value = getattr(value, part)
        if spec.type == "date" and value is not None:
            value = value.isoformat()
        facts[path] = value
    return facts


def _derived_value(derived: DerivedFacts, name: str) -> Any:
    """The derived fact, or the set it is known to lie in, or None."""
    value = getattr(derived, name)
    if value is not None or len(derived.possible_regimes) < 2:
        if name == "eu_threshold_eur" and value is None and len(derived.possible_thresholds) > 1:
            return Possible(derived.possible_thresholds)
        return value
    regimes = derived.possible_regimes
    if name == "regime":
        return Possible(regimes)
    if name == "size_band":
        return Possible(_BAND_OF_REGIME[r] for r in regimes)
    if name == "above_eu_threshold":
        return Possible(r == "europees" for r in regimes)
    if name == "eu_threshold_eur" and len(derived.possible_thresholds) > 1:
        return Possible(derived.possible_thresholds)
    return value


def unknown_inputs(path: str, profile_facts: Mapping[str, Any]) -> list[str]:
    """The profile fields the buyer should fill in to decide `path`."""
    if path not in DERIVED_INPUTS:
        return [path]
    wanted = [p for p in DERIVED_INPUTS[path] if profile_facts.get(p) is None]
    kind = profile_facts.get("procurement_kind")
    if kind is not None and kind != "diensten":  # only services have a separate social threshold
        wanted = [p for p in wanted if p != "social_services"]
    if isinstance(profile_facts.get("derived.eu_threshold_eur"), int):  # the threshold no longer depends on them
        wanted = [p for p in wanted if p not in ("publication_date", "social_services")]
    return wanted
