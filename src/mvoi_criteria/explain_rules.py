"""Plain Dutch (B1) and English sentences for the central rules: what a rule changed (a RuleEvent)
and what an advice breaks (a Breach). The only place that words the rulebook; `explain` calls it.

Terms of art stay Dutch in English too (eis, gunningscriterium, contractbepaling).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .records import RuleEvent

__all__ = ["EVENT_SENTENCES", "breach_sentence", "sentence"]

_LEVEL = {
    "nl": {
        "visie": "een visie",
        "concrete_invulling": "een concrete invulling",
        "plan_van_aanpak": "een plan van aanpak",
        None: "geen document",
    },
    "en": {
        "visie": "a vision (visie)",
        "concrete_invulling": "specific measures (concrete invulling)",
        "plan_van_aanpak": "a plan of approach (plan van aanpak)",
        None: "no document",
    },
}
_BAND = {
    "nl": {
        "klein": "de opdracht klein is",
        "midden": "de opdracht onder de Europese drempel blijft",
        "groot": "de opdracht boven de Europese drempel valt",
        None: "de omvang van de opdracht nog niet bekend is",
    },
    "en": {
        "klein": "the contract is small",
        "midden": "the contract stays below the EU threshold",
        "groot": "the contract is above the EU threshold",
        None: "the size of the contract is not yet known",
    },
}
_THEME = {
    "nl": {
        "representatie": "representatie",
        "toegankelijkheid": "toegankelijkheid",
        "sociale_veiligheid": "sociale veiligheid",
    },
    "en": {
        "representatie": "representation",
        "toegankelijkheid": "accessibility",
        "sociale_veiligheid": "social safety",
    },
}

Wording = Callable[[Mapping[str, Any], str], str]


def _level(value: Any, lang: str) -> str:
    return _LEVEL[lang].get(value, str(value))


def _band(value: Any, lang: str) -> str:
    return _BAND[lang].get(value, str(value))


def _themes(values: Any, lang: str) -> str:
    names = [_THEME[lang].get(t, str(t)) for t in values or ()]
    joiner = " en " if lang == "nl" else " and "
    return joiner.join(names)


def _fallback(p: Mapping[str, Any], lang: str) -> str:
    if not p.get("fallback"):
        return ""
    return f" Er is een {p['fallback']} van gemaakt." if lang == "nl" else f" It became a {p['fallback']} instead."


def _existing(p, lang):
    if p.get("route"):
        if lang == "nl":
            return (
                "Dit contract loopt al: het advies is een voorstel om de overeenkomst aan te vullen, in overleg met "
                "de leverancier, zonder gunnings- of selectiecriteria."
            )
        return (
            "This contract is already running: the advice is a proposal to supplement the agreement with the "
            "supplier, without award or selection criteria."
        )
    if p.get("situation", "bestaand_contract") is None:
        if lang == "nl":
            return (
                "Of er een gunningscriterium past, hangt af van de vraag of het om een nieuwe aanbesteding gaat."
                + _fallback(p, lang)
            )
        return "Whether an award criterion fits depends on whether this is a new tender." + _fallback(p, lang)
    if lang == "nl":
        return (
            f"Een lopend contract krijgt geen {p.get('kind', 'gunningscriterium')}: u spreekt wijzigingen af met de leverancier."
            + _fallback(p, lang)
        )
    return (
        f"A running contract gets no {p.get('kind', 'gunningscriterium')}: changes are agreed with the supplier."
        + _fallback(p, lang)
    )


def _award(p, lang):
    if p.get("band") is None:
        if lang == "nl":
            return (
                f"Of een {p['kind']} past, hangt af van de omvang van de opdracht; die is nog niet bekend."
                + _fallback(p, lang)
            )
        return f"Whether a {p['kind']} fits depends on the size of the contract, which is not yet known." + _fallback(
            p, lang
        )
    if lang == "nl":
        return f"Bij één offerte (enkelvoudig onderhands) past geen {p['kind']}." + _fallback(p, lang)
    return f"A single-quote purchase (enkelvoudig onderhands) has no {p['kind']}." + _fallback(p, lang)


def _accessibility(p, lang):
    if p.get("used_by") is None:
        if lang == "nl":
            return "Of dit nodig is, hangt af van wie het resultaat gebruikt; dat is nog niet bekend."
        return "Whether this is needed depends on who uses the result, which is not yet known."
    if lang == "nl":
        return "Het resultaat is niet bedoeld voor gebruik door mensen, dus toegankelijkheidseisen zijn niet nodig."
    return "The result is not meant for use by people, so accessibility requirements are not needed."


def _ask(p, lang):
    if lang == "nl":
        return f"De vraag is verlaagd naar {_level(p['after'], lang)} omdat {_band(p.get('band'), lang)}."
    return f"The request was lowered to {_level(p['after'], lang)} because {_band(p.get('band'), lang)}."


def _pages(p, lang):
    if lang == "nl":
        return f"Het antwoord mag hoogstens {p['after']} bladzijden zijn (eerst {p['before']}), omdat de opdracht onder de Europese drempel blijft."
    return f"The answer may be at most {p['after']} pages (was {p['before']}), because the contract stays below the EU threshold."


def _award_count(p, lang):
    kept = ", ".join(p.get("kept", ()))
    if lang == "nl":
        return (
            f"Onder de Europese drempel zijn hoogstens {p['limit']} gunningscriteria voor inclusie zinvol; gekozen is {kept}."
            + _fallback(p, lang)
        )
    return (
        f"Below the EU threshold at most {p['limit']} inclusion award criteria make sense; kept: {kept}."
        + _fallback(p, lang)
    )


def _overlap(p, lang):
    themes = _themes(p.get("themes"), lang)
    if "merged" in p:
        if lang == "nl":
            return f"Dit onderdeel dekt ook {p['merged']}; het geldt voor {themes}."
        return f"This item also covers {p['merged']}; it serves {themes}."
    if lang == "nl":
        return f"Dezelfde plicht staat al in {p['kept']}; dat onderdeel geldt voor {themes}."
    return f"The same duty is already in {p['kept']}, which serves {themes}."


def _burden(p, lang):
    if "max_documents" in p:
        if p["max_documents"] == 0:
            return (
                "De leverancier hoeft hiervoor niets te schrijven, omdat de opdracht klein is."
                if lang == "nl"
                else "The supplier need not write anything for this, because the contract is small."
            )
        if lang == "nl":
            return f"De leverancier schrijft hoogstens {p['max_documents']} documenten; daarom vraagt dit geen document meer."
        return f"The supplier writes at most {p['max_documents']} documents, so this no longer asks for one."
    if lang == "nl":
        return (
            f"Deze opdracht vraagt hoogstens {p['max_items']} onderdelen van de leverancier omdat "
            f"{_band(p.get('band'), lang)}; dit onderdeel is daarom optioneel. U kunt het weer toevoegen."
        )
    return (
        f"This contract asks at most {p['max_items']} items of the supplier because {_band(p.get('band'), lang)}; "
        "this item is therefore optional. You can add it back."
    )


def _weight(p, lang):
    if lang == "nl":
        return f"Het gewicht is {p['after']:g}% (voorgesteld {p['before']:g}%), zodat inclusie samen hoogstens {p['cap']:g}% weegt."
    return f"The weight is {p['after']:g}% (suggested {p['before']:g}%), so inclusion weighs at most {p['cap']:g}% together."


def _plan(p, lang):
    if lang == "nl":
        return f"De beschrijving hoort in het ene uitvoeringsplan, dat de leverancier binnen {p['deadline_days']} dagen na de gunning inlevert."
    return f"The description goes into the one implementation plan, due within {p['deadline_days']} days of the award."


def _adjust_refused(p, lang):
    if lang == "nl":
        return (
            f"De aanpassing van plug-in {p['plugin']} is niet overgenomen, omdat die tegen de centrale regels ingaat."
        )
    return f"The adjustment by plugin {p['plugin']} was not taken over, because it goes against the central rules."


def _adjust_failed(p, lang):
    if lang == "nl":
        return f"Plug-in {p['plugin']} kon het advies niet aanpassen ({p['problem']}); het advies is zonder die aanpassing gemaakt."
    return f"Plugin {p['plugin']} could not adjust the advice ({p['problem']}); the advice was made without it."


EVENT_SENTENCES: dict[str, Wording] = {
    "existing_contract": _existing,
    "award_placement": _award,
    "accessibility_users": _accessibility,
    "ask_level_cap": _ask,
    "page_cap": _pages,
    "award_count_cap": _award_count,
    "overlap_merge": _overlap,
    "total_burden": _burden,
    "weight_cap": _weight,
    "implementation_plan": _plan,
    "adjust_refused": _adjust_refused,
    "adjust_failed": _adjust_failed,
}


def sentence(event: RuleEvent, lang: str = "nl") -> str:
    """The plain sentence for what a central rule changed, in Dutch (default) or English."""
    lang = "en" if lang == "en" else "nl"
    wording = EVENT_SENTENCES.get(event.rule)
    if wording is None:
        return "Een centrale regel heeft dit aangepast." if lang == "nl" else "A central rule changed this."
    return wording(event.params, lang)


_BREACH_NL = {
    "existing_contract": "een lopend contract (of een situatie die nog niet bekend is) krijgt geen gunnings- of selectiecriterium",
    "award_placement": "bij één offerte of een onbekende omvang past geen gunnings- of selectiecriterium",
    "accessibility_users": "toegankelijkheid hoort er alleen bij als mensen het resultaat gebruiken",
    "ask_level_cap": "de vraag is zwaarder dan past bij de omvang van de opdracht",
    "page_cap": "het antwoord is langer dan past onder de Europese drempel",
    "award_count_cap": "er zijn meer gunningscriteria voor inclusie dan past onder de Europese drempel",
    "overlap_merge": "dezelfde plicht staat er twee keer in",
    "total_burden": "het advies vraagt meer van de leverancier dan past bij de omvang van de opdracht",
    "weight_cap": "de gunningscriteria voor inclusie wegen samen te zwaar",
    "implementation_plan": "een beschrijving hoort in het ene uitvoeringsplan, niet in een los document",
}
_BREACH_EN = {
    "existing_contract": "a running contract (or a situation not yet known) gets no award or selection criterion",
    "award_placement": "a single-quote purchase or one of unknown size has no award or selection criterion",
    "accessibility_users": "accessibility belongs only where people use the result",
    "ask_level_cap": "the request is heavier than the size of the contract allows",
    "page_cap": "the answer is longer than allowed below the EU threshold",
    "award_count_cap": "there are more inclusion award criteria than allowed below the EU threshold",
    "overlap_merge": "the same duty appears twice",
    "total_burden": "the advice asks more of the supplier than the size of the contract allows",
    "weight_cap": "the inclusion award criteria weigh too much together",
    "implementation_plan": "a description belongs in the one implementation plan, not in a separate document",
}


def _details(params: Mapping[str, Any], lang: str) -> str:
    nl = lang == "nl"
    if "max_items" in params:
        return (
            f" ({params['items']} onderdelen, hoogstens {params['max_items']})"
            if nl
            else f" ({params['items']} items, at most {params['max_items']})"
        )
    if "max_documents" in params:
        return (
            f" ({params['documents']} documenten, hoogstens {params['max_documents']})"
            if nl
            else f" ({params['documents']} documents, at most {params['max_documents']})"
        )
    if "cap" in params and "level" in params:
        return (
            f" ({_level(params['level'], lang)}; hoogstens {_level(params['cap'], lang)})"
            if nl
            else f" ({_level(params['level'], lang)}; at most {_level(params['cap'], lang)})"
        )
    if "total" in params:
        return (
            f" ({params['total']:g}%, hoogstens {params['cap']:g}%)"
            if nl
            else f" ({params['total']:g}%, at most {params['cap']:g}%)"
        )
    if "pages" in params:
        return (
            f" ({params['pages']} bladzijden, hoogstens {params['cap']})"
            if nl
            else f" ({params['pages']} pages, at most {params['cap']})"
        )
    if "count" in params:
        return (
            f" ({params['count']}, hoogstens {params['limit']})"
            if nl
            else f" ({params['count']}, at most {params['limit']})"
        )
    if "kept" in params:
        return f" ({params['kept']})"
    return ""


def breach_sentence(rule: str, criterion: str | None, params: Mapping[str, Any], lang: str = "nl") -> str:
    """Why an advice (after an adjustment or a buyer's choice) breaks a central rule, in one line."""
    lang = "en" if lang == "en" else "nl"
    table = _BREACH_EN if lang == "en" else _BREACH_NL
    text = table.get(rule, rule) + _details(params, lang)
    text = text[0].upper() + text[1:]
    return f"{criterion}: {text}" if criterion else text
