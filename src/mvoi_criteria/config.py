"""Engine settings that are municipal policy, not law: cut-offs and proportionality caps."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import attrs
import cattrs

from .errors import InputError, Problem
from .yamlio import YamlSyntaxError, load_document

__all__ = ["ConfigError", "EngineConfig", "load_config"]


class ConfigError(InputError):
    kind = "engine configuration"


def _positive(instance: Any, attribute: attrs.Attribute, value: float) -> None:
    if value <= 0:
        raise ValueError(f"{attribute.name} must be positive, got {value!r}")


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
    supplies_services_invited_below: float | None = attrs.field(default=None)
    max_inclusion_weight_percent: float = attrs.field(default=15, validator=_positive)
    max_award_criteria_midden: int = attrs.field(default=1, validator=attrs.validators.ge(0))
    default_ambition: Literal["basis", "significant", "ambitieus"] = attrs.field(
        default="significant", validator=attrs.validators.in_(("basis", "significant", "ambitieus"))
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
        document = load_document(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(source, [Problem("$", f"cannot read file: {exc.strerror or exc}")]) from None
    except YamlSyntaxError as exc:
        raise ConfigError(source, [exc.problem]) from None
    data = document.data or {}
    if not isinstance(data, dict):
        raise ConfigError(source, [Problem("$", "settings must be a mapping", 1)])
    try:
        return cattrs.Converter(forbid_extra_keys=True).structure(data, EngineConfig)
    except cattrs.BaseValidationError as exc:
        raise ConfigError(source, [Problem("$", line) for line in cattrs.transform_error(exc)]) from None
    except ValueError as exc:
        raise ConfigError(source, [Problem("$", str(exc))]) from None
