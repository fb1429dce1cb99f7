"""Every problem with a request, in English (the CLI's wording) and in plain Dutch for buyers.

The English message is the library's own (`mvoi_criteria.errors.Problem`), so a tool sees the same
path and text as `mvoi-criteria validate`. The Dutch message is written here: jsonschema errors are
worded again from their keyword, and the buyer-choice refusals are matched by their fixed phrasing.
A message without a Dutch wording keeps the English text rather than a half translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from jsonschema.exceptions import ValidationError

from ..errors import Problem
from ..validation import schema_problems, validator
from ..yamlio import json_path

__all__ = ["LocalizedProblem", "dutch_schema_message", "localize", "localized_schema_problems"]


@attrs.frozen
class LocalizedProblem:
    """One problem at one JSON path, worded for both languages."""

    path: str
    en: str
    nl: str

    def message(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


def localized_schema_problems(name: str, data: Any, prefix: str = "") -> list[LocalizedProblem]:
    """The schema problems of `data` (same paths, order and English text as the CLI), with Dutch wording.

    `prefix` moves the paths under a member of the request body, e.g. ``$.profile``.
    """
    english = schema_problems(name, data)
    errors = sorted(validator(name).iter_errors(data), key=lambda e: (json_path(e.absolute_path), e.message))
    return [
        LocalizedProblem(_prefixed(p.path, prefix), p.message, dutch_schema_message(error))
        for p, error in zip(english, errors, strict=True)
    ]


def localize(problems: Sequence[Problem], prefix: str = "") -> list[LocalizedProblem]:
    """Library problems (buyer choices, eForms rules) with a Dutch wording where one is known."""
    return [LocalizedProblem(_prefixed(p.path, prefix), p.message, _dutch_message(p.message)) for p in problems]


def _prefixed(path: str, prefix: str) -> str:
    return prefix + path[1:] if prefix else path


def _value(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return repr(value) if isinstance(value, str) else str(value)


_TYPES_NL = {
    "string": "tekst",
    "number": "een getal",
    "integer": "een geheel getal",
    "boolean": "ja of nee (true/false)",
    "array": "een lijst",
    "object": "een groep velden",
    "null": "leeg (onbekend)",
}


def dutch_schema_message(error: ValidationError) -> str:
    keyword, expected, got = error.validator, error.validator_value, error.instance
    if keyword == "type":
        kinds = [expected] if isinstance(expected, str) else list(expected)
        return f"{_value(got)} is geen geldige waarde; verwacht: {' of '.join(_TYPES_NL.get(k, k) for k in kinds)}"
    if keyword == "enum":
        allowed = ", ".join("leeg (onbekend)" if v is None else repr(v) for v in expected)
        return f"{_value(got)} is geen toegestane keuze; kies uit: {allowed}"
    if keyword == "const":
        return f"{_value(got)} is niet toegestaan; de waarde moet {_value(expected)} zijn"
    if keyword == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return f"het veld '{missing[0] if missing else '?'}' ontbreekt; het is verplicht"
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(got) - set(allowed)) if isinstance(got, dict) else []
        return f"onbekend(e) veld(en) {', '.join(map(repr, extra))}; toegestaan zijn: {', '.join(allowed)}"
    if keyword == "minimum":
        return f"{_value(got)} is te klein; het minimum is {expected}"
    if keyword == "exclusiveMinimum":
        return f"{_value(got)} is te klein; de waarde moet groter zijn dan {expected}"
    if keyword == "maximum":
        return f"{_value(got)} is te groot; het maximum is {expected}"
    if keyword == "minLength":
        return "dit veld mag niet leeg zijn"
    if keyword == "pattern":
        return f"{_value(got)} heeft niet de juiste vorm"
    if keyword == "format" and expected == "date":
        return f"{_value(got)} is geen geldige datum; schrijf die als JJJJ-MM-DD"
    if keyword == "uniqueItems":
        return "in deze lijst staat een waarde twee keer"
    return f"ongeldige waarde ({error.message})"


def _sub(pattern: str, dutch: str | Callable[[re.Match[str]], str]) -> tuple[re.Pattern[str], Any]:
    return re.compile(pattern), dutch


# The fixed phrases of mvoi_criteria.choices and mvoi_criteria.eforms, worded for a buyer.
_PHRASES = [
    _sub(r"^criterion '([^']+)': (.*)$", lambda m: f"criterium '{m[1]}': {_dutch_message(m[2])}"),
    _sub(
        r"^a choice needs a motivation for the tender file; it is empty$", "geef een motivering voor het inkoopdossier"
    ),
    _sub(
        r"^no such criterion in this advice; did you mean '([^']+)'\?$",
        r"dit criterium staat niet in dit advies; bedoelt u '\1'?",
    ),
    _sub(r"^no such criterion in this advice$", "dit criterium staat niet in dit advies"),
    _sub(
        r"^is not applied in this advice; .*$",
        "dit criterium is in dit advies niet toegepast; u kunt alleen een criterium uit het advies aanpassen",
    ),
    _sub(
        r"^is undecided \(answer the open questions first\) in this advice; .*$",
        "dit criterium is nog onbeslist; beantwoord eerst de open vragen",
    ),
    _sub(r"^conflicts with an earlier choice .*$", "u maakte al een andere keuze voor dit criterium; kies één ding"),
    _sub(
        r"^this (\S+) asks the bidder for no document, so it has no ask level to change$",
        r"deze \1 vraagt de inschrijver om geen document; er is dus geen niveau om aan te passen",
    ),
    _sub(
        r"^ask level (\S+) is above (\S+), the most proportionality allows for (.*)$",
        lambda m: (
            f"het niveau {_level(m[1])} is hoger dan {_level(m[2])}, het hoogste dat past bij de omvang van deze opdracht"
        ),
    ),
    _sub(
        r"^the pack has no text for this \S+ that asks a (\S+); it offers: (.*)$",
        lambda m: f"voor het niveau {_level(m[1])} heeft dit criterium geen tekst; mogelijk: {_levels(m[2])}",
    ),
    _sub(
        r"^this leaves no accessibility requirement while people use the result; .*$",
        "zo blijft er geen toegankelijkheidseis over, terwijl mensen het resultaat gebruiken. Dat mag alleen met een "
        "goede rechtvaardiging (Aanbestedingswet art. 2.75): schrijf die in de motivering, of houd de eis",
    ),
    _sub(
        r"^the inclusion award criteria would weigh (\S+)% together, above the maximum of (\S+)% .*$",
        r"de gunningscriteria voor inclusie wegen samen \1%; dat is meer dan het maximum van \2%",
    ),
    _sub(
        r"^accessibility \(BT-754\) is still undecided: .*$",
        "het is nog niet bekend of mensen het resultaat gebruiken: beantwoord de vraag 'Wie gebruikt het resultaat?' "
        "en probeer het opnieuw",
    ),
    _sub(
        r"^the per-exa weights add up to (\S+); the SDK allows 100 ± (\S+): .*$",
        r"de wegingen tellen op tot \1%, niet tot 100%: pas de weging van de prijs aan",
    ),
    _sub(
        r"^weight still to be completed by the buyer, .*$",
        "deze weging moet u nog invullen, zodat alle wegingen samen 100% zijn",
    ),
    _sub(
        r"^award criteria are required: .*$",
        "er zijn geen gunningscriteria: vul ten minste de weging van de prijs in",
    ),
]


def _level(code: str) -> str:
    from ..labels import label

    return label(code, "nl")


def _levels(codes: str) -> str:
    return ", ".join(_level(c.strip()) for c in codes.split(",")) if codes.strip() != "no other level" else "geen"


def _dutch_message(message: str) -> str:
    for pattern, dutch in _PHRASES:
        match = pattern.match(message)
        if match:
            return dutch(match) if callable(dutch) else match.expand(dutch)
    return message
