"""The tender profile: what a buyer knows about one tender. None means unknown, never 'no'."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any, Literal

import attrs
import cattrs

from .errors import Problem, ProfileError
from .validation import schema_problems
from .yamlio import Document, DocumentError, load_document, read_text

__all__ = [
    "Ambition",
    "Personnel",
    "Result",
    "TenderProfile",
    "load_profile",
    "parse_profile",
    "profile_from_dict",
    "profile_to_dict",
]

ProcurementKind = Literal["werken", "leveringen", "diensten"]
UsedBy = Literal["medewerkers", "bewoners", "beide", "niemand"]
AmbitionLevel = Literal["basis", "significant", "ambitieus"]
VulnerableGroup = Literal["jeugd", "ouderen", "wmo_clienten"]
# Ambition per theme id from an ambition-web session. Themes are open (each pack declares its own), so
# the profile schema accepts any theme id and the engine checks it against the packs in use.
Ambition = dict[str, AmbitionLevel | None]


@attrs.frozen
class Personnel:
    """Where and with whom the supplier's people work on this contract."""

    works_for_municipality: bool | None = None
    at_municipal_sites: bool | None = None
    in_public_space: bool | None = None
    in_residents_homes: bool | None = None
    vulnerable_groups: tuple[VulnerableGroup, ...] | None = None


@attrs.frozen
class Result:
    """What the tender delivers that people use."""

    physical: bool | None = None
    digital: bool | None = None
    event_or_venue: bool | None = None
    communication: bool | None = None


@attrs.frozen
class TenderProfile:
    """One tender as the buyer describes it. Field meanings are in schemas/tender-profile.schema.json."""

    title: str
    description: str | None = None
    procurement_kind: ProcurementKind | None = None
    social_services: bool | None = None
    estimated_value_eur: float | None = None
    duration_months: int | None = None
    publication_date: dt.date | None = None
    cpv_codes: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    directorate: str | None = None
    framework_agreement: bool | None = None
    situation: Literal["nieuwe_aanbesteding", "bestaand_contract"] | None = None
    contract_end_date: dt.date | None = None  # running contract only
    remaining_value_eur: float | None = None  # running contract only; finite, >= 0
    used_by: UsedBy | None = None
    personnel: Personnel = attrs.field(factory=Personnel)
    result: Result = attrs.field(factory=Result)
    ambition: Ambition = attrs.field(factory=dict, hash=False)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))
    converter.register_unstructure_hook(dt.date, lambda value: value.isoformat())
    # The schema already checked numbers; keep 80000000 an int so the user's value is echoed unchanged.
    converter.register_structure_hook(float, lambda value, _: value)
    # The schema already checked theme ids and levels; keep them sorted so equal profiles compare equal.
    converter.register_structure_hook_func(
        lambda t: t == Ambition, lambda value, _: {} if value is None else dict(sorted(value.items()))
    )
    for nested in (Personnel, Result):
        base = converter.get_structure_hook(nested)
        converter.register_structure_hook(
            nested, lambda value, cls, _base=base: cls() if value is None else _base(value, cls)
        )
    return converter


converter = _make_converter()


def profile_from_dict(data: dict[str, Any], source: str | None = None) -> TenderProfile:
    """Validate plain data against the profile schema (all errors at once) and build the profile."""
    problems = schema_problems("tender-profile", data)
    if problems:
        raise ProfileError(source, problems)
    return _structure(data, source)


def parse_profile(text: str, source: str | None = None) -> TenderProfile:
    """Parse YAML or JSON text; errors carry line numbers."""
    try:
        document = load_document(text)
    except DocumentError as exc:
        raise ProfileError(source, [exc.problem]) from None
    return _from_document(document, source)


def load_profile(path: str | Path) -> TenderProfile:
    """Load a profile from a .yaml, .yml or .json file."""
    try:
        text = read_text(path)
    except DocumentError as exc:
        raise ProfileError(str(path), [exc.problem]) from None
    return parse_profile(text, str(path))


def _from_document(document: Document, source: str | None) -> TenderProfile:
    if not isinstance(document.data, dict):
        raise ProfileError(source, [Problem("$", "a tender profile must be a mapping of fields", 1)])
    problems = schema_problems("tender-profile", document)
    if problems:
        raise ProfileError(source, problems)
    return _structure(document.data, source)


def _structure(data: dict[str, Any], source: str | None) -> TenderProfile:
    remaining = data.get("remaining_value_eur")
    if isinstance(remaining, float) and not math.isfinite(remaining):
        raise ProfileError(source, [Problem("$.remaining_value_eur", f"must be a finite number, got {remaining!r}")])
    try:
        return converter.structure(data, TenderProfile)
    except (cattrs.BaseValidationError, ValueError) as exc:  # the schema should have caught it
        lines = cattrs.transform_error(exc) if isinstance(exc, cattrs.BaseValidationError) else [str(exc)]
        raise ProfileError(source, [Problem("$", line) for line in lines]) from None


def profile_to_dict(profile: TenderProfile) -> dict[str, Any]:
    """The profile as schema-valid plain data, leaving out unknown (None) fields."""
    return _drop_none(converter.unstructure(profile))


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        cleaned = {k: _drop_none(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in cleaned.items() if v != {}}
    if isinstance(value, (list, tuple)):
        return [_drop_none(v) for v in value]
    return value
