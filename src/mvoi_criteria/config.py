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
            except ValueError as exc:
                problems.append(Problem(f"$.{key}", str(exc), document.line_of([key])))
    if problems:
        raise ConfigError(source, problems)
    try:
        return EngineConfig(**data)
    except ValueError as exc:  # settings that are each fine but clash
        raise ConfigError(source, [Problem("$", str(exc))]) from None
