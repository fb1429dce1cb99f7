"""Dutch and English display names for the domain's codes, shared by every renderer.

Theme names are not here: themes are open, and each pack header names its own (Advice.theme_label).
"""

from __future__ import annotations

__all__ = ["label"]

_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "eis": "Eis",
        "gunningscriterium": "Gunningscriterium",
        "contractbepaling": "Contractbepaling",
        "selectiecriterium": "Selectiecriterium",
        "informatievraag": "Informatievraag",
        "visie": "visie",
        "concrete_invulling": "concrete invulling",
        "plan_van_aanpak": "plan van aanpak",
        "enkelvoudig_onderhands": "enkelvoudig onderhands",
        "meervoudig_onderhands": "meervoudig onderhands",
        "nationaal": "nationaal",
        "europees": "Europees",
        "applied": "toegepast",
        "not_applied": "niet toegepast",
        "undecided": "onbeslist",
        "eenmalig": "eenmalig",
        "per_kwartaal": "per kwartaal",
        "halfjaarlijks": "halfjaarlijks",
        "jaarlijks": "jaarlijks",
        "bij_incident": "bij elk incident",
        "bij_oplevering": "bij oplevering",
        "contractmanager": "contractmanager",
        "bureau_social_return": "Bureau Social Return",
        "opdrachtgever": "opdrachtgever",
        "toezichthouder": "toezichthouder",
    },
    "en": {
        "eis": "Requirement",
        "gunningscriterium": "Award criterion",
        "contractbepaling": "Contract clause",
        "selectiecriterium": "Selection criterion",
        "informatievraag": "Information request",
        "visie": "vision",
        "concrete_invulling": "specific measures",
        "plan_van_aanpak": "plan of approach",
        "enkelvoudig_onderhands": "single quote",
        "meervoudig_onderhands": "invited quotes",
        "nationaal": "national procedure",
        "europees": "European procedure",
        "applied": "applied",
        "not_applied": "not applied",
        "undecided": "undecided",
        "eenmalig": "once",
        "per_kwartaal": "quarterly",
        "halfjaarlijks": "every six months",
        "jaarlijks": "yearly",
        "bij_incident": "at every incident",
        "bij_oplevering": "on delivery",
        "contractmanager": "contract manager",
        "bureau_social_return": "Bureau Social Return",
        "opdrachtgever": "commissioning party",
        "toezichthouder": "supervisor",
    },
}


def label(code: str | None, lang: str = "nl") -> str:
    """Display name of a code; unknown codes are shown as they are."""
    if code is None:
        return "-"
    return _LABELS.get(lang, _LABELS["nl"]).get(code, code)
