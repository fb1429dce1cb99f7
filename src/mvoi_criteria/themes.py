"""Open themes: each pack declares its theme in its header; the core keeps no list of its own.

The themes of an advice are those of the packs in use, ordered by the header's `order` (default 100),
then by id, so the same packs always give the same order whatever the installation order. A theme's
header (labels, eForms codes, order) comes from the theme's own pack (pack id = theme id), else the first
pack by pack id that declares one; a pack that only names the theme id, or declares it differently, joins it. A profile's `ambition` may name only these themes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .errors import Problem, ProfileError
from .model import Text, Theme

if TYPE_CHECKING:
    from .packs import Pack
    from .profile import TenderProfile

__all__ = ["ambition_problems", "ambition_themes", "check_ambition", "theme_sort_key", "themes_of"]


def _fallback(theme_id: str) -> Theme:
    """A theme no pack declares a header for: its id, readable, is its name."""
    name = theme_id.replace("_", " ").capitalize()
    return Theme(theme_id, Text(name, name))


def theme_sort_key(pack: Pack) -> tuple[int, str]:
    """Where a pack's theme stands in the theme order, from its own header (for ranking criteria)."""
    theme = pack.theme_info or _fallback(pack.theme)
    return theme.sort_key


def themes_of(packs: Iterable[Pack]) -> tuple[Theme, ...]:
    """The themes of these packs, in advice order (order, then id).

    A theme's header comes from its own pack (the pack whose id is the theme id) when that pack declares
    one, else from the first pack, by pack id, that does; another pack's differing header is ignored
    (the pack still joins the theme), so no plugin can relabel or drop a theme's own pack.
    """
    packs = list(packs)
    chosen: dict[str, Theme] = {}
    for pack in sorted(packs, key=lambda p: (p.id != p.theme, p.id, p.source)):
        if pack.theme_info is not None:
            chosen.setdefault(pack.theme, pack.theme_info)
    for pack in packs:
        chosen.setdefault(pack.theme, _fallback(pack.theme))
    return tuple(sorted(chosen.values(), key=lambda t: t.sort_key))


def ambition_themes(packs: Iterable[Pack]) -> tuple[str, ...]:
    """The theme ids that get an ambition: the themes in use, then any other theme a condition reads
    (`ambition.<id>`), so that such a condition sees the configured default instead of an unknown."""
    packs = list(packs)
    ids = [t.id for t in themes_of(packs)]
    for pack in packs:
        for criterion in pack.criteria:
            for condition in (criterion.applies_when, *(step.when for step in criterion.scaling)):
                for field in sorted(condition.fields):
                    theme = field.removeprefix("ambition.")
                    if field.startswith("ambition.") and theme not in ids:
                        ids.append(theme)
    return tuple(ids)


def ambition_problems(profile: TenderProfile, packs: Iterable[Pack]) -> list[Problem]:
    """One problem per ambition the profile sets for a theme that no pack in use serves."""
    installed = [t.id for t in themes_of(packs)]
    listing = ", ".join(installed) or "none"
    return [
        Problem(f"$.ambition.{theme}", f"unknown theme '{theme}'; installed themes: {listing}")
        for theme in sorted(profile.ambition)
        if theme not in installed
    ]


def check_ambition(
    profile: TenderProfile, packs: Iterable[Pack], source: str | None = None, *, incomplete: bool = False
) -> None:
    """Raise ProfileError when the profile's ambition names a theme no pack in use serves. With
    `incomplete` (a pack was left out, so its theme may be missing) an unknown theme is let through."""
    if incomplete:
        return
    problems = ambition_problems(profile, packs)
    if problems:
        raise ProfileError(source, problems)
