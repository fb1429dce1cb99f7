"""Engine settings that are municipal policy, not law: cut-offs and proportionality caps."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import attrs
import cattrs
from cattrs.v import format_exception

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
    # Total burden per size band (rulebook `total_burden`): items a bidder must meet, documents to write.
    # Limits never shrink as the band grows, so a higher value never removes an eis nor lowers a level.
    max_pages_midden: int = attrs.field(default=2, validator=attrs.validators.ge(1))
    max_items_klein: int = attrs.field(default=3, validator=attrs.validators.ge(0))
    max_items_midden: int = attrs.field(default=8, validator=attrs.validators.ge(0))
    max_items_groot: int = attrs.field(default=15, validator=attrs.validators.ge(0))
    max_documents_klein: int | None = attrs.field(
        default=0, validator=attrs.validators.optional(attrs.validators.ge(0))
    )
    max_documents_midden: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(0))
    )
    max_documents_groot: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(0))
    )
    # The one implementation plan (uitvoeringsplan) that gathers the contract clauses' deliverables.
    implementation_plan_max_pages: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    implementation_plan_deadline_days: int = attrs.field(default=30, validator=attrs.validators.ge(1))

    def __attrs_post_init__(self) -> None:
        items = (self.max_items_klein, self.max_items_midden, self.max_items_groot)
        if list(items) != sorted(items):
            raise ValueError("max_items_klein <= max_items_midden <= max_items_groot must hold")
        documents = [float("inf") if d is None else d for d in self.documents_by_band().values()]
        if documents != sorted(documents):
            raise ValueError("max_documents_* must not shrink from klein to midden to groot (empty means no limit)")

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


def _format_exception(exc: BaseException, type_: Any) -> str:
    """Our own checks (e.g. limits that shrink as the band grows) say what is wrong; keep their words."""
    if type(exc) is ValueError and str(exc):
        return str(exc)
    return format_exception(exc, type_)


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
        lines = cattrs.transform_error(exc, format_exception=_format_exception)
        raise ConfigError(source, [Problem("$", line) for line in lines]) from None
    except ValueError as exc:
        raise ConfigError(source, [Problem("$", str(exc))]) from None
