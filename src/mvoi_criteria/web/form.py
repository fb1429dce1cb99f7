"""The buyers' form, generated from the tender-profile schema, and its answers turned back into a profile.

Each schema property becomes one field: a Dutch label (here), the schema's own `x-question` as help
text, and "Weet ik niet" as an answer of its own for every optional field, which leaves the field out
of the profile (unknown, never "no"). A new schema property shows up in the form without code, with
its English key as label until it gets a Dutch one (a test guards that every property has one).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Literal

import attrs

from ..categories import CATEGORIES
from ..plugins import installed_packs
from ..themes import themes_of
from ..validation import schema
from .messages import LocalizedProblem
from .service import MAX_NUMBER

__all__ = ["UNKNOWN", "Field", "Group", "anchor", "form_groups", "form_values", "profile_data"]

UNKNOWN = "Weet ik niet"
Kind = Literal["text", "textarea", "number", "integer", "date", "list", "choice", "multichoice"]

LABELS: dict[str, str] = {
    "title": "Titel van de aanbesteding",
    "description": "Wat wordt er ingekocht",
    "procurement_kind": "Soort opdracht",
    "social_services": "Sociale of andere specifieke dienst",
    "estimated_value_eur": "Geraamde opdrachtwaarde in euro",
    "duration_months": "Looptijd in maanden",
    "publication_date": "Geplande publicatiedatum",
    "cpv_codes": "CPV-codes",
    "categories": "Soort inkoop",
    "directorate": "Directie",
    "framework_agreement": "Raamovereenkomst",
    "situation": "Nieuwe aanbesteding of bestaand contract",
    "contract_end_date": "Einddatum van het lopende contract",
    "remaining_value_eur": "Resterende waarde van het lopende contract (euro, excl. btw)",
    "used_by": "Wie gebruikt het resultaat",
    "personnel": "De mensen van de opdrachtnemer",
    "personnel.works_for_municipality": "Werken voor de gemeente of haar bewoners",
    "personnel.at_municipal_sites": "Op locaties van de gemeente",
    "personnel.in_public_space": "In de openbare ruimte",
    "personnel.in_residents_homes": "Bij bewoners thuis",
    "personnel.vulnerable_groups": "Met kwetsbare mensen",
    "result": "Wat de opdracht oplevert",
    "result.physical": "Een fysiek product of een plek",
    "result.digital": "Een digitaal product of een digitale dienst",
    "result.event_or_venue": "Een evenement, bijeenkomst of locatie",
    "result.communication": "Communicatie",
    "ambition": "Ambitie per thema",
}

VALUE_LABELS: dict[str, str] = {
    "werken": "Werken",
    "leveringen": "Leveringen",
    "diensten": "Diensten",
    "nieuwe_aanbesteding": "Nieuwe aanbesteding",
    "bestaand_contract": "Bestaand contract",
    "medewerkers": "Medewerkers van de gemeente",
    "bewoners": "Bewoners",
    "beide": "Medewerkers en bewoners",
    "niemand": "Niemand: er gebruiken geen mensen het resultaat",
    "basis": "Basis",
    "significant": "Significant",
    "ambitieus": "Ambitieus",
    "jeugd": "Jeugd",
    "ouderen": "Ouderen",
    "wmo_clienten": "Wmo-cliënten",
    "true": "Ja",
    "false": "Nee",
    **{c.id: c.label.nl[:1].upper() + c.label.nl[1:] for c in CATEGORIES},
}

# A list answer is "yes, these", "none of these" or "Weet ik niet"; the words depend on the question.
MULTI_WORDS: dict[str, tuple[str, str, str]] = {
    "personnel.vulnerable_groups": ("Ja, met de groepen hieronder", "Met wie?", "Nee, met geen van deze groepen"),
}
DEFAULT_MULTI_WORDS = ("Ja, namelijk", "Welke?", "Geen van deze")

# Extra help where a typed answer needs a format; the question itself comes from the schema.
FORMAT_HINTS: dict[str, str] = {
    "estimated_value_eur": "Exclusief btw, bijvoorbeeld 80000000 of 80.000.000.",
    "duration_months": "Een heel getal, bijvoorbeeld 48.",
    "publication_date": "Een datum, bijvoorbeeld 2026-09-01.",
    "cpv_codes": "Acht cijfers, eventueel met controlecijfer; meerdere codes scheiden met een komma.",
}

_TEXTAREAS = {"description"}


@attrs.frozen
class Option:
    value: str
    label: str


@attrs.frozen
class Field:
    """One question of the form: a schema property with its Dutch label and help."""

    name: str  # dotted path in the profile, also the form field name
    kind: Kind
    label: str
    question: str | None
    hint: str | None
    required: bool
    options: tuple[Option, ...] = ()

    @property
    def words(self) -> tuple[str, str, str]:
        """For a list answer: the labels of yes, of the list's legend and of none."""
        return MULTI_WORDS.get(self.name, DEFAULT_MULTI_WORDS)

    @property
    def id(self) -> str:
        return anchor(self.name)

    @property
    def json_path(self) -> str:
        return "$." + self.name


@attrs.frozen
class Group:
    """A set of fields shown in one fieldset: the top-level ones, or one nested object."""

    name: str | None
    legend: str
    description: str | None
    fields: tuple[Field, ...]


def anchor(name: str) -> str:
    """The HTML id of a field's first control, from its dotted name; links in errors and questions use it."""
    return "veld-" + re.sub(r"[^a-z0-9_]+", "-", name.lower())


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return {**root["$defs"][ref.removeprefix("#/$defs/")], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _field(name: str, node: dict[str, Any], required: bool) -> Field:
    types = node.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    question = node.get("x-question")
    hint = FORMAT_HINTS.get(name.rsplit(".", 1)[-1])
    kind: Kind
    options: tuple[Option, ...] = ()
    if "enum" in node:
        kind = "choice"
        options = tuple(Option(v, VALUE_LABELS.get(v, v)) for v in node["enum"] if v is not None)
    elif "boolean" in types:
        kind = "choice"
        options = (Option("true", "Ja"), Option("false", "Nee"))
    elif "array" in types and "enum" in node.get("items", {}):
        kind = "multichoice"
        options = tuple(Option(v, VALUE_LABELS.get(v, v)) for v in node["items"]["enum"])
    elif "array" in types:
        kind = "list"
    elif "integer" in types:
        kind = "integer"
    elif "number" in types:
        kind = "number"
    elif node.get("format") == "date":
        kind = "date"
    else:
        kind = "textarea" if name in _TEXTAREAS else "text"
    return Field(name, kind, LABELS.get(name, name), question, hint, required, options)


@cache
def form_groups() -> tuple[Group, ...]:
    """The form's fieldsets, in the schema's order: the tender itself first, then each nested object."""
    root = schema("tender-profile")
    required = set(root.get("required", []))
    top: list[Field] = []
    nested: list[Group] = []
    for name, raw in root["properties"].items():
        node = _resolve(raw, root)
        if "properties" in node:
            fields = tuple(
                _field(f"{name}.{sub}", _resolve(child, root), False) for sub, child in node["properties"].items()
            )
            nested.append(Group(name, LABELS.get(name, name), None, fields))
        elif isinstance(node.get("additionalProperties"), dict):
            # Themes are open: one question per installed theme, named as its pack header names it.
            child = _resolve(node["additionalProperties"], root)
            fields = tuple(
                attrs.evolve(_field(f"{name}.{theme.id}", child, False), label=theme.label.nl)
                for theme in themes_of(installed_packs().packs)
            )
            nested.append(Group(name, LABELS.get(name, name), None, fields))
        else:
            top.append(_field(name, node, name in required))
    return (Group(None, "De aanbesteding", None, tuple(top)), *nested)


def _fields() -> list[Field]:
    return [f for group in form_groups() for f in group.fields]


# --- answers -> profile -------------------------------------------------------------------------

FormData = Mapping[str, Sequence[str]]


def _first(form: FormData, key: str) -> str:
    values = form.get(key) or [""]
    return values[0].strip()


def _number(text: str, integer: bool) -> int | float | None:
    """A number as a Dutch buyer writes it: 80.000.000, 80000000, € 1,5 of 80 000 000."""
    cleaned = text.replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return None
    if integer:
        return int(value) if value.is_integer() else None
    return int(value) if value.is_integer() else value


def _problem(field: Field, nl: str, en: str) -> LocalizedProblem:
    return LocalizedProblem(field.json_path, en, nl)


def profile_data(form: FormData) -> tuple[dict[str, Any], list[LocalizedProblem]]:
    """The profile the answers describe, and what the buyer must correct before it can be checked.

    "Weet ik niet" (or an empty optional field) leaves the field out: the engine treats it as unknown.
    """
    data: dict[str, Any] = {}
    problems: list[LocalizedProblem] = []
    for field in _fields():
        value, problem = _answer(field, form)
        if problem:
            problems.append(problem)
        elif value is not None:
            head, _, tail = field.name.partition(".")
            if tail:
                data.setdefault(head, {})[tail] = value
            else:
                data[head] = value
    return data, problems


def _answer(field: Field, form: FormData) -> tuple[Any, LocalizedProblem | None]:
    text = _first(form, field.name)
    unknown = bool(_first(form, field.name + ".onbekend"))
    if field.kind == "choice":
        if text in ("", "onbekend"):
            return None, None
        if text in ("true", "false"):
            return text == "true", None
        return text, None
    if field.kind == "multichoice":
        chosen = [v for v in form.get(field.name + ".keuze", []) if v]
        if text == "nee":
            if chosen:
                return None, _problem(
                    field,
                    f"u koos '{field.words[2]}' maar vinkte ook iets aan; kies één van beide",
                    "none was chosen, but some items were ticked",
                )
            return [], None
        if chosen:  # ticked items mean yes, even when the radio button was left at Weet ik niet
            return chosen, None
        if text == "ja":
            return None, _problem(
                field,
                f"kies er ten minste één, of kies '{field.words[2]}' of Weet ik niet",
                "choose at least one, or none or unknown",
            )
        return None, None
    if field.required and not text:
        return None, _problem(field, "dit veld is verplicht", f"{field.name} is required")
    if unknown and text:
        return None, _problem(
            field, "vul iets in of kies Weet ik niet, niet allebei", "give a value or choose unknown, not both"
        )
    if unknown or not text:
        return None, None
    if field.kind in ("number", "integer"):
        number = _number(text, field.kind == "integer")
        if number is None:
            example = "48" if field.kind == "integer" else "80000000"
            return None, _problem(
                field,
                f"vul een {'heel ' if field.kind == 'integer' else ''}getal in, bijvoorbeeld {example}",
                "not a number",
            )
        return number, None
    if field.kind == "list":
        return [part for part in re.split(r"[\s,;]+", text) if part], None
    return text, None


# --- profile -> answers (to show a profile in the form again) -----------------------------------


def form_values(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """The form answers that give this profile: the inverse of `profile_data` for valid profiles."""
    values: dict[str, list[str]] = {}
    for field in _fields():
        head, _, tail = field.name.partition(".")
        container = data.get(head) if tail else data
        value = container.get(tail or head) if isinstance(container, Mapping) else None
        if value is None:
            continue
        if field.kind == "multichoice":
            values[field.name] = ["ja" if value else "nee"]
            values[field.name + ".keuze"] = [str(v) for v in value]
        elif isinstance(value, bool):
            values[field.name] = ["true" if value else "false"]
        elif isinstance(value, list):
            values[field.name] = [", ".join(str(v) for v in value)]
        else:
            values[field.name] = [str(value)]
    return values
