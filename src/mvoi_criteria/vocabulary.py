"""How to speak about each field a condition may name: labels, value labels and sentences.

Buyers read statements about their tender ("Mensen van de opdrachtnemer werken op locaties van de
gemeente"), never field paths. Every field in `derive.FIELD_SPECS` has a `Term` here (a test
guards it); `explain` builds sentences from these terms, `templates` uses the label for blanks.
Sentences may use `{value}` (the value in words) and `{threshold}` (" van € 216.000" when the EU
threshold is known, else empty).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .derive import FIELD_SPECS
from .labels import label as code_label
from .model import Text

__all__ = ["VOCABULARY", "Term", "field_label", "missing_terms", "question_text", "term", "value_label"]


@attrs.frozen
class Term:
    """One field in words.

    `label` is a short noun phrase ("looptijd in maanden"), `unknown` says what is not yet known
    ("wie het resultaat gebruikt"; defaults to the label). A yes/no field has `true`/`false`
    sentences; a field with values has `per_value` sentences or one `value` sentence; a list field
    has `each`/`each_not` sentences about one item. `question` is the English question (the Dutch
    one is the schema's `x-question`).
    """

    label: Text
    unknown: Text | None = None
    values: Mapping[object, Text] = attrs.field(factory=dict)
    true: Text | None = None
    false: Text | None = None
    value: Text | None = None
    per_value: Mapping[object, Text] = attrs.field(factory=dict)
    each: Text | None = None
    each_not: Text | None = None
    none: Text | None = None
    euro: bool = False
    date: bool = False
    question: str | None = None


def _t(nl: str, en: str) -> Text:
    return Text(nl, en)


_PEOPLE_NL = "Mensen van de opdrachtnemer"
_PEOPLE_EN = "The contractor's staff"


def _personnel(nl_yes: str, nl_no: str, nl_unknown: str, en_yes: str, en_no: str, en_unknown: str, q: str) -> Term:
    return Term(
        label=_t(f"mensen die {nl_yes}", f"staff who {en_yes}"),
        unknown=_t(nl_unknown, en_unknown),
        true=_t(f"{_PEOPLE_NL} {nl_yes}", f"{_PEOPLE_EN} {en_yes}"),
        false=_t(f"{_PEOPLE_NL} {nl_no}", f"{_PEOPLE_EN} {en_no}"),
        question=q,
    )


def _ambition(theme_nl: str, theme_en: str) -> Term:
    return Term(
        label=_t(f"ambitie voor {theme_nl}", f"ambition for {theme_en}"),
        values=_AMBITIONS,
        value=_t(
            f"De gekozen ambitie voor {theme_nl} is {{value}}", f"The ambition chosen for {theme_en} is {{value}}"
        ),
        question=f"Which ambition was chosen for {theme_en} (basis, significant, ambitieus)?",
    )


def _categories() -> dict[object, Text]:
    """Category labels from the core's category vocabulary, once it is installed."""
    try:
        from .categories import CATEGORIES  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return {}
    return {c.id: c.label for c in CATEGORIES}


def _category_term(label_nl: str, label_en: str) -> Term:
    return Term(
        label=_t(label_nl, label_en),
        unknown=_t("onder welke categorie de opdracht valt", "which category the purchase falls under"),
        values=_categories(),
        each=_t("De opdracht valt onder de categorie {value}", "The purchase falls under the category {value}"),
        each_not=_t(
            "De opdracht valt niet onder de categorie {value}", "The purchase does not fall under the category {value}"
        ),
        none=_t("De opdracht valt onder geen bekende categorie", "The purchase falls under no known category"),
        question="Which categories does the purchase fall under?",
    )


_AMBITIONS: dict[object, Text] = {
    "basis": _t("basis", "basic"),
    "significant": _t("significant", "significant"),
    "ambitieus": _t("ambitieus", "ambitious"),
}
_ABOVE = _t(
    "De opdracht valt boven de Europese drempel{threshold}", "The contract is above the EU threshold{threshold}"
)
_BELOW = _t(
    "De opdracht valt onder de Europese drempel{threshold}", "The contract is below the EU threshold{threshold}"
)

VOCABULARY: dict[str, Term] = {
    "title": Term(
        label=_t("titel van de opdracht", "title of the tender"),
        value=_t("De opdracht heet {value}", "The tender is called {value}"),
        question="What is the title of the tender?",
    ),
    "description": Term(
        label=_t("omschrijving van de opdracht", "description of the tender"),
        value=_t("De opdracht gaat over: {value}", "The tender is about: {value}"),
        question="What is being bought?",
    ),
    "procurement_kind": Term(
        label=_t("soort opdracht", "kind of contract"),
        unknown=_t("of het om werken, leveringen of diensten gaat", "whether it is works, supplies or services"),
        values={
            "werken": _t("werken", "works"),
            "leveringen": _t("leveringen", "supplies"),
            "diensten": _t("diensten", "services"),
        },
        value=_t("Het is een opdracht voor {value}", "The contract is for {value}"),
        question="Is this a contract for works, supplies or services?",
    ),
    "social_services": Term(
        label=_t("sociale of andere specifieke dienst", "social or other specific service"),
        unknown=_t(
            "of het een sociale of andere specifieke dienst is", "whether it is a social or other specific service"
        ),
        true=_t(
            "Het is een sociale of andere specifieke dienst (bijlage XIV)",
            "It is a social or other specific service (Annex XIV)",
        ),
        false=_t("Het is geen sociale of andere specifieke dienst", "It is not a social or other specific service"),
        question="Is this a social or other specific service (Annex XIV), such as care, youth care or reintegration?",
    ),
    "estimated_value_eur": Term(
        label=_t("geraamde waarde", "estimated value"),
        unknown=_t("de geraamde waarde van de opdracht", "the estimated value of the contract"),
        value=_t("De geraamde waarde is {value}", "The estimated value is {value}"),
        euro=True,
        question="What is the estimated contract value in euro, excluding VAT, over the whole term including options?",
    ),
    "duration_months": Term(
        label=_t("looptijd in maanden", "duration in months"),
        unknown=_t("de looptijd van het contract", "the duration of the contract"),
        value=_t("De looptijd is {value} maanden", "The contract runs for {value} months"),
        per_value={1: _t("De looptijd is 1 maand", "The contract runs for 1 month")},
        question="How many months does the contract run, including options?",
    ),
    "publication_date": Term(
        label=_t("publicatiedatum", "publication date"),
        unknown=_t("wanneer de aanbesteding wordt gepubliceerd", "when the tender is published"),
        value=_t("De aanbesteding wordt gepubliceerd op {value}", "The tender is published on {value}"),
        date=True,
        question="When is the tender (expected to be) published?",
    ),
    "cpv_codes": Term(
        label=_t("CPV-codes", "CPV codes"),
        unknown=_t("welke CPV-codes bij de opdracht horen", "which CPV codes belong to the tender"),
        each=_t("De opdracht heeft CPV-code {value}", "The tender has CPV code {value}"),
        each_not=_t(
            "Geen CPV-code van de opdracht valt onder {value}", "No CPV code of the tender falls under {value}"
        ),
        none=_t("De opdracht heeft geen CPV-codes", "The tender has no CPV codes"),
        question="Which CPV codes belong to the tender?",
    ),
    "directorate": Term(
        label=_t("directie", "directorate"),
        unknown=_t("welke directie opdrachtgever is", "which directorate commissions the tender"),
        value=_t("De opdrachtgever is de directie {value}", "The commissioning directorate is {value}"),
        question="Which directorate commissions the tender?",
    ),
    "framework_agreement": Term(
        label=_t("raamovereenkomst", "framework agreement"),
        unknown=_t("of de aanbesteding tot een raamovereenkomst leidt", "whether the tender leads to a framework"),
        true=_t("De aanbesteding leidt tot een raamovereenkomst", "The tender leads to a framework agreement"),
        false=_t("De aanbesteding leidt niet tot een raamovereenkomst", "The tender does not lead to a framework"),
        question="Does the tender lead to a framework agreement?",
    ),
    "situation": Term(
        label=_t("situatie", "situation"),
        unknown=_t(
            "of het om een nieuwe aanbesteding of een lopend contract gaat",
            "whether this is a new tender or a running contract",
        ),
        values={
            "nieuwe_aanbesteding": _t("nieuwe aanbesteding", "new tender"),
            "bestaand_contract": _t("lopend contract", "running contract"),
        },
        per_value={
            "nieuwe_aanbesteding": _t("Het gaat om een nieuwe aanbesteding", "This is a new tender"),
            "bestaand_contract": _t("Het gaat om een lopend contract", "This is a running contract"),
        },
        question="Is this a new tender or an existing contract?",
    ),
    "contract_end_date": Term(
        label=_t("einddatum van het lopende contract", "end date of the running contract"),
        unknown=_t("wanneer het lopende contract afloopt", "when the running contract ends"),
        value=_t("Het lopende contract loopt af op {value}", "The running contract ends on {value}"),
        date=True,
        question="When does the current contract end?",
    ),
    "remaining_value_eur": Term(
        label=_t("resterende waarde van het lopende contract", "remaining value of the running contract"),
        unknown=_t("de resterende waarde van het lopende contract", "the remaining value of the running contract"),
        value=_t(
            "De resterende waarde van het lopende contract is {value}",
            "The running contract's remaining value is {value}",
        ),
        euro=True,
        question="What is the remaining value of the running contract, in euro excluding VAT?",
    ),
    "used_by": Term(
        label=_t("gebruikers van het resultaat", "users of the result"),
        unknown=_t("wie het resultaat gebruikt", "who uses the result"),
        values={
            "medewerkers": _t("medewerkers", "staff"),
            "bewoners": _t("bewoners", "residents"),
            "beide": _t("medewerkers en bewoners", "staff and residents"),
            "niemand": _t("niemand", "nobody"),
        },
        per_value={
            "medewerkers": _t("Medewerkers van de gemeente gebruiken het resultaat", "Municipal staff use the result"),
            "bewoners": _t("Bewoners gebruiken het resultaat", "Residents use the result"),
            "beide": _t(
                "Medewerkers van de gemeente en bewoners gebruiken het resultaat",
                "Municipal staff and residents use the result",
            ),
            "niemand": _t("Niemand gebruikt het resultaat", "Nobody uses the result"),
        },
        question="Who uses the result: staff, residents, both or nobody?",
    ),
    "personnel.works_for_municipality": _personnel(
        "werken voor de gemeente of voor bewoners",
        "werken niet voor de gemeente of voor bewoners",
        "of mensen van de opdrachtnemer voor de gemeente of voor bewoners werken",
        "work for the municipality or for residents",
        "do not work for the municipality or for residents",
        "whether the contractor's staff work for the municipality or for residents",
        "Does the contractor deploy people who work for the municipality or for residents "
        "(such as temporary staff, cleaning, catering, security or care)?",
    ),
    "personnel.at_municipal_sites": _personnel(
        "werken op locaties van de gemeente",
        "werken niet op locaties van de gemeente",
        "of mensen van de opdrachtnemer op locaties van de gemeente werken",
        "work at municipal sites",
        "do not work at municipal sites",
        "whether the contractor's staff work at municipal sites",
        "Do the contractor's staff work at municipal sites?",
    ),
    "personnel.in_public_space": _personnel(
        "werken in de openbare ruimte",
        "werken niet in de openbare ruimte",
        "of mensen van de opdrachtnemer in de openbare ruimte werken",
        "work in public space",
        "do not work in public space",
        "whether the contractor's staff work in public space",
        "Do the contractor's staff work in public space?",
    ),
    "personnel.in_residents_homes": _personnel(
        "komen bij bewoners thuis",
        "komen niet bij bewoners thuis",
        "of mensen van de opdrachtnemer bij bewoners thuis komen",
        "visit residents at home",
        "do not visit residents at home",
        "whether the contractor's staff visit residents at home",
        "Do the contractor's staff visit residents at home?",
    ),
    "personnel.vulnerable_groups": Term(
        label=_t("kwetsbare groepen", "vulnerable groups"),
        unknown=_t(
            "of mensen van de opdrachtnemer met kwetsbare mensen werken",
            "whether the contractor's staff work with vulnerable people",
        ),
        values={
            "jeugd": _t("jeugd", "young people"),
            "ouderen": _t("ouderen", "older people"),
            "wmo_clienten": _t("Wmo-cliënten", "Wmo clients"),
        },
        each=_t(f"{_PEOPLE_NL} werken met {{value}}", f"{_PEOPLE_EN} work with {{value}}"),
        each_not=_t(f"{_PEOPLE_NL} werken niet met {{value}}", f"{_PEOPLE_EN} do not work with {{value}}"),
        none=_t(f"{_PEOPLE_NL} werken niet met kwetsbare mensen", f"{_PEOPLE_EN} do not work with vulnerable people"),
        question="Do the contractor's staff work with vulnerable people (young people, older people, Wmo clients)?",
    ),
    "result.physical": Term(
        label=_t("fysiek product of plek", "physical product or place"),
        unknown=_t(
            "of de opdracht een fysiek product of een plek oplevert",
            "whether the contract delivers a physical product or place",
        ),
        true=_t(
            "De opdracht levert een fysiek product of een plek op die mensen gebruiken",
            "The contract delivers a physical product or place that people use",
        ),
        false=_t(
            "De opdracht levert geen fysiek product of plek op die mensen gebruiken",
            "The contract delivers no physical product or place that people use",
        ),
        question="Does the contract deliver a physical product or a place that people use?",
    ),
    "result.digital": Term(
        label=_t("digitaal product of digitale dienst", "digital product or service"),
        unknown=_t(
            "of de opdracht een digitaal product of een digitale dienst oplevert",
            "whether the contract delivers a digital product or service",
        ),
        true=_t(
            "De opdracht levert een digitaal product of een digitale dienst op die mensen gebruiken",
            "The contract delivers a digital product or service that people use",
        ),
        false=_t(
            "De opdracht levert geen digitaal product of digitale dienst op die mensen gebruiken",
            "The contract delivers no digital product or service that people use",
        ),
        question="Does the contract deliver a digital product or service that people use?",
    ),
    "result.event_or_venue": Term(
        label=_t("evenement, bijeenkomst of locatie", "event, meeting or venue"),
        unknown=_t(
            "of het om een evenement, bijeenkomst of locatie gaat", "whether it concerns an event, meeting or venue"
        ),
        true=_t("Het gaat om een evenement, bijeenkomst of locatie", "It concerns an event, meeting or venue"),
        false=_t("Het gaat niet om een evenement, bijeenkomst of locatie", "It does not concern an event or venue"),
        question="Does it concern an event, meeting or venue?",
    ),
    "result.communication": Term(
        label=_t("communicatie", "communication"),
        unknown=_t("of de opdracht communicatie oplevert", "whether the contract delivers communication"),
        true=_t(
            "De opdracht levert communicatie op (drukwerk, fotografie, ontwerp of campagnes)",
            "The contract delivers communication (print, photography, design or campaigns)",
        ),
        false=_t("De opdracht levert geen communicatie op", "The contract delivers no communication"),
        question="Does the contract deliver communication (print, photography, design, campaigns)?",
    ),
    "ambition.representatie": _ambition("representatie", "representation"),
    "ambition.toegankelijkheid": _ambition("toegankelijkheid", "accessibility"),
    "ambition.sociale_veiligheid": _ambition("sociale veiligheid", "social safety"),
    "categories": _category_term("categorieën van de opdracht", "categories of the purchase"),
    "derived.categories": _category_term("categorieën van de opdracht", "categories of the purchase"),
    "derived.eu_threshold_eur": Term(
        label=_t("Europese drempel", "EU threshold"),
        unknown=_t("welke Europese drempel geldt", "which EU threshold applies"),
        value=_t("De Europese drempel is {value}", "The EU threshold is {value}"),
        euro=True,
        question="Which EU threshold applies? Fill in the kind of contract and the publication date.",
    ),
    "derived.threshold_period": Term(
        label=_t("periode van de drempelbedragen", "threshold period"),
        unknown=_t("welke drempelbedragen gelden", "which thresholds apply"),
        value=_t("De drempelbedragen voor {value} gelden", "The thresholds for {value} apply"),
        question="When is the tender published?",
    ),
    "derived.regime": Term(
        label=_t("procedure", "procedure"),
        unknown=_t("welke procedure geldt", "which procedure applies"),
        values={
            code: _t(code_label(code, "nl"), code_label(code, "en")) for code in FIELD_SPECS["derived.regime"].enum
        },
        per_value={
            "enkelvoudig_onderhands": _t(
                "De opdracht wordt enkelvoudig onderhands gegund (één offerte)",
                "The contract is awarded on a single quote",
            ),
            "meervoudig_onderhands": _t(
                "De opdracht wordt meervoudig onderhands gegund (enkele offertes)",
                "The contract is awarded after inviting a few quotes",
            ),
            "nationaal": _t("De opdracht wordt nationaal aanbesteed", "The contract is tendered nationally"),
            "europees": _t("De opdracht wordt Europees aanbesteed", "The contract is tendered across the EU"),
        },
        question="Which procedure applies? Fill in the estimated value, the kind of contract and the publication date.",
    ),
    "derived.size_band": Term(
        label=_t("omvang van de opdracht", "size of the contract"),
        unknown=_t("hoe groot de opdracht is", "how large the contract is"),
        values={
            "klein": _t("klein", "small"),
            "midden": _t("middelgroot", "medium"),
            "groot": _t("groot", "large"),
        },
        per_value={
            "klein": _t("De opdracht is klein", "The contract is small"),
            "midden": _t(
                "De opdracht is middelgroot en valt onder de Europese drempel{threshold}",
                "The contract is medium-sized and below the EU threshold{threshold}",
            ),
            "groot": _ABOVE,
        },
        question="How large is the contract? Fill in the estimated value, the kind of contract and the publication date.",
    ),
    "derived.above_eu_threshold": Term(
        label=_t("boven de Europese drempel", "above the EU threshold"),
        unknown=_t("of de opdracht boven de Europese drempel valt", "whether the contract is above the EU threshold"),
        true=_ABOVE,
        false=_BELOW,
        question="Is the contract above the EU threshold? Fill in value, kind of contract and publication date.",
    ),
    "derived.personnel_deployed": Term(
        label=_t("inzet van mensen", "deployment of staff"),
        unknown=_t(
            "of de opdrachtnemer mensen inzet voor of bij de gemeente",
            "whether the contractor deploys people for or at the municipality",
        ),
        true=_t(
            "De opdrachtnemer zet mensen in voor of bij de gemeente",
            "The contractor deploys people for or at the municipality",
        ),
        false=_t(
            "De opdrachtnemer zet geen mensen in voor of bij de gemeente",
            "The contractor deploys no people for or at the municipality",
        ),
        question="Does the contractor deploy people for or at the municipality?",
    ),
    "derived.works_with_vulnerable": Term(
        label=_t("werk met kwetsbare mensen", "work with vulnerable people"),
        unknown=_t(
            "of mensen van de opdrachtnemer met kwetsbare mensen werken",
            "whether the contractor's staff work with vulnerable people",
        ),
        true=_t(f"{_PEOPLE_NL} werken met kwetsbare mensen", f"{_PEOPLE_EN} work with vulnerable people"),
        false=_t(f"{_PEOPLE_NL} werken niet met kwetsbare mensen", f"{_PEOPLE_EN} do not work with vulnerable people"),
        question="Do the contractor's staff work with vulnerable people?",
    ),
    "derived.people_use_result": Term(
        label=_t("gebruik door mensen", "use by people"),
        unknown=_t("wie het resultaat gebruikt", "who uses the result"),
        true=_t("Mensen gebruiken het resultaat", "People use the result"),
        false=_t("Niemand gebruikt het resultaat", "Nobody uses the result"),
        question="Who uses the result: staff, residents, both or nobody?",
    ),
    "derived.inkoopkalender_priority": Term(
        label=_t("voorrang in de inkoopkalender", "priority in the procurement calendar"),
        unknown=_t(
            "of de opdrachtnemer mensen inzet voor of bij de gemeente",
            "whether the contractor deploys people for or at the municipality",
        ),
        true=_t(
            "De opdracht heeft voorrang in de inkoopkalender, omdat de opdrachtnemer mensen inzet",
            "The tender has priority in the procurement calendar, because the contractor deploys people",
        ),
        false=_t(
            "De opdracht heeft geen voorrang in de inkoopkalender",
            "The tender has no priority in the procurement calendar",
        ),
        question="Does the contractor deploy people for or at the municipality?",
    ),
}


def missing_terms() -> list[str]:
    """Fields conditions may name that have no words here (a test keeps this empty)."""
    return [path for path in FIELD_SPECS if path not in VOCABULARY]


def term(path: str) -> Term:
    """The words for a field; a field without a term gets a neutral label, never its path."""
    found = VOCABULARY.get(path)
    if found is not None:
        return found
    name = path.rsplit(".", 1)[-1].replace("_", " ")
    if path.startswith("ambition."):  # themes are open: a pack's own theme reads as its id in words
        return _ambition(name, name)
    return Term(label=_t(name, name))


def field_label(path: str, lang: str = "nl") -> str:
    """'duration_months' -> 'looptijd in maanden'."""
    return term(path).label.get(lang)


def value_label(path: str, value: object, lang: str = "nl") -> str:
    """A code in words ('midden' -> 'middelgroot'); values without a label are shown as they are."""
    found = term(path).values.get(value)  # type: ignore[call-overload]
    if found is not None:
        return found.get(lang)
    if isinstance(value, str):
        return code_label(value, lang)
    return str(value)


def question_text(path: str, lang: str = "nl") -> str:
    """The question to ask the buyer about a field, in Dutch (the schema's) or English."""
    spec = FIELD_SPECS.get(path)
    dutch = spec.question if spec else field_label(path, "nl")
    if lang == "en":
        return term(path).question or dutch
    return dutch
