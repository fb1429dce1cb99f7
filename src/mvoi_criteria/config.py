"""Engine settings that are municipal policy, not law: cut-offs and proportionality caps."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Literal

import attrs

from .errors import InputError, Problem
from .yamlio import DocumentError, read_document

__all__ = ["ConfigError", "EngineConfig", "load_config"]


class ConfigError(InputError):
    kind = "engine configuration"


class _Clash(ValueError):
    """Settings that are each fine but do not fit together (judged with all settings at once)."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _positive(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if not _is_number(value) or value <= 0:
        raise ValueError(f"{attribute.name} must be a positive number of euros, got {value!r}")


def _optional_positive(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value is not None:
        _positive(instance, attribute, value)


def _weight_cap(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if not _is_number(value) or not 1 <= value <= 100:
        raise ValueError(f"{attribute.name} must be a percentage from 1 to 100, got {value!r}")


def _count(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 20:
        raise ValueError(f"{attribute.name} must be a whole number from 0 to 20, got {value!r}")


def _optional_count(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value is not None:
        _count(instance, attribute, value)


def _whole(low: int, high: int) -> Any:
    def check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(f"{attribute.name} must be a whole number from {low} to {high}, got {value!r}")

    return check


def _ambition(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value not in AMBITIONS:
        raise ValueError(f"{attribute.name} must be one of {', '.join(AMBITIONS)}, got {value!r}")


AMBITIONS = ("basis", "significant", "ambitieus")


@attrs.frozen
class EngineConfig:
    """Defaults follow the common Dutch municipal model; Amsterdam's own cut-offs are not confirmed.

    Below `*_single_quote_below` a buyer asks one quote (enkelvoudig onderhands); below
    `*_invited_below` a few invited quotes (meervoudig onderhands); above that up to the EU
    threshold a national published procedure.
    """

    works_single_quote_below: float = attrs.field(default=150_000, validator=_positive)
    works_invited_below: float = attrs.field(default=1_500_000, validator=_positive)
    supplies_services_single_quote_below: float = attrs.field(default=50_000, validator=_positive)
    supplies_services_invited_below: float | None = attrs.field(default=None, validator=_optional_positive)
    max_inclusion_weight_percent: float = attrs.field(default=15, validator=_weight_cap)
    max_award_criteria_midden: int = attrs.field(default=1, validator=_count)
    default_ambition: Literal["basis", "significant", "ambitieus"] = attrs.field(
        default="significant", validator=_ambition
    )
    # Total burden per size band (rulebook `total_burden`): items a bidder must meet, documents to write.
    # Limits never shrink as the band grows, so a higher value never removes an eis nor lowers a level.
    max_pages_midden: int = attrs.field(default=2, validator=_whole(1, 20))
    max_items_klein: int = attrs.field(default=3, validator=_count)
    max_items_midden: int = attrs.field(default=8, validator=_count)
    max_items_groot: int = attrs.field(default=15, validator=_count)
    max_documents_klein: int | None = attrs.field(default=0, validator=_optional_count)
    max_documents_midden: int | None = attrs.field(default=None, validator=_optional_count)
    max_documents_groot: int | None = attrs.field(default=None, validator=_optional_count)
    # The one implementation plan (uitvoeringsplan) that gathers the contract clauses' deliverables.
    implementation_plan_max_pages: int = attrs.field(default=4, validator=_whole(1, 20))
    implementation_plan_deadline_days: int = attrs.field(default=30, validator=_whole(1, 365))

    def __attrs_post_init__(self) -> None:
        items = (self.max_items_klein, self.max_items_midden, self.max_items_groot)
        if list(items) != sorted(items):
            raise _Clash("max_items_klein <= max_items_midden <= max_items_groot must hold")
        documents = [float("inf") if d is None else d for d in self.documents_by_band().values()]
        if documents != sorted(documents):
            raise _Clash("max_documents_* must not shrink from klein to midden to groot (empty means no limit)")

    def items_by_band(self) -> dict[str, int]:
        return {"klein": self.max_items_klein, "midden": self.max_items_midden, "groot": self.max_items_groot}

    def documents_by_band(self) -> dict[str, int | None]:
        return {
            "klein": self.max_documents_klein,
            "midden": self.max_documents_midden,
            "groot": self.max_documents_groot,
        }

    def cutoffs(self, kind: str) -> tuple[float, float | None]:
        """(single-quote limit, invited-quote limit or None meaning 'up to the EU threshold')."""
        if kind == "werken":
            return self.works_single_quote_below, self.works_invited_below
        return self.supplies_services_single_quote_below, self.supplies_services_invited_below


def load_config(path: str | Path) -> EngineConfig:
    """Read settings from YAML; unknown keys and wrong types are errors naming the key."""
    source = str(path)
    try:
        document = read_document(path)
    except DocumentError as exc:
        raise ConfigError(source, [exc.problem]) from None
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(source, [Problem("$", "settings must be a mapping", 1)])
    known = [field.name for field in attrs.fields(EngineConfig)]
    problems = [
        Problem(f"$.{key}", f"unknown setting; known settings: {', '.join(known)}", document.line_of([key]))
        for key in data
        if key not in known
    ]
    for key in known:
        if key in data:
            try:
                attrs.validate(attrs.evolve(EngineConfig(), **{key: data[key]}))
            except _Clash:
                pass  # judged below, with all the settings together
            except ValueError as exc:
                problems.append(Problem(f"$.{key}", str(exc), document.line_of([key])))
    if problems:
        raise ConfigError(source, problems)
    try:
        return EngineConfig(**data)
    except ValueError as exc:  # settings that are each fine but clash
        raise ConfigError(source, [Problem("$", str(exc))]) from None
