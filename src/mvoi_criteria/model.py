"""Small value types shared by packs and advice."""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = [
    "ASK_LEVELS",
    "DEFAULT_THEME_ORDER",
    "EformsCodes",
    "Monitoring",
    "ScoringLevel",
    "Text",
    "Theme",
    "ask_rank",
]

Kind = Literal["eis", "gunningscriterium", "contractbepaling", "selectiecriterium", "informatievraag"]
AskLevel = Literal["visie", "concrete_invulling", "plan_van_aanpak"]

ASK_LEVELS: tuple[str, ...] = ("visie", "concrete_invulling", "plan_van_aanpak")
# Themes are open: each pack declares its own (see Theme). A theme without `order` sorts after the
# ones that give it, then by id, so the order of the advice never depends on installation order.
DEFAULT_THEME_ORDER = 100


def ask_rank(level: str | None) -> int:
    """Burden on the bidder: none (0) < visie (1) < concrete invulling (2) < plan van aanpak (3)."""
    return 0 if level is None else ASK_LEVELS.index(level) + 1


@attrs.frozen
class Text:
    """Dutch text, with an English rendering where the pack provides one."""

    nl: str
    en: str | None = None

    def get(self, lang: str) -> str:
        return (self.en if lang == "en" else None) or self.nl


@attrs.frozen
class ScoringLevel:
    score: float
    nl: str
    en: str | None = None


@attrs.frozen
class Monitoring:
    """What the contract manager checks, how often and who receives the report."""

    indicator: Text
    frequency: str
    report_to: str


@attrs.frozen
class EformsCodes:
    """A criterion's eForms codes: social objectives (BT-775), the accessibility baseline (BT-754 inc) and a
    reserved participation it asks for (BT-71, e.g. ``res-ws`` for sheltered workshops and social firms)."""

    bt_775: tuple[str, ...] = ()
    accessibility: bool = False
    bt_71: str | None = None


@attrs.frozen
class Theme:
    """A theme as a pack header declares it: its id, its Dutch and English name, the eForms BT-775
    social objectives its criteria may map to, and its place in the advice (lower `order` first)."""

    id: str
    label: Text
    bt_775: tuple[str, ...] = ()
    order: int = DEFAULT_THEME_ORDER

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.order, self.id)
