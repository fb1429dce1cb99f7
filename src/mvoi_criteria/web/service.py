"""What the API and the page both do: check input, advise, apply choices, draft documents.

The packs are loaded once per process (`installed_packs` caches them); each request only validates,
evaluates and renders. Every refusal is a `BadRequest` with localized problems, never a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from ..advice import Advice, Choice
from ..choices import apply_choices, choices_from_data
from ..config import EngineConfig
from ..eforms import award_criteria_from_data, eforms_warnings, export_eforms, validate_eforms
from ..engine import advise
from ..errors import InputError, Problem
from ..plugins import PackSet, installed_packs
from ..profile import TenderProfile, profile_from_dict
from ..render import render_docx, render_markdown
from ..themes import check_ambition
from ..yamlio import json_path
from .messages import LocalizedProblem, localize, localized_schema_problems
from .problems import BadRequest

__all__ = ["DRAFT_FORMATS", "Document", "Engine"]

DRAFT_FORMATS: dict[str, tuple[str, str]] = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "eforms": ("application/json", "json"),
}


@attrs.frozen
class Document:
    """A drafted document: its bytes, media type and a file name for downloads."""

    content: bytes
    media_type: str
    filename: str
    warnings: tuple[LocalizedProblem, ...] = ()  # eForms: what the buyer still has to fill in


def parse_json(body: bytes) -> Any:
    """The request body as JSON, or a 422 naming what is wrong with it."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        reason = str(exc).split(":")[0] if isinstance(exc, ValueError) else "not UTF-8"
        raise BadRequest(
            "request",
            [
                LocalizedProblem(
                    "$",
                    f"the request body is not valid JSON ({reason})",
                    "de inhoud van het verzoek is geen geldige JSON",
                )
            ],
        ) from None
    too_large = _too_large_numbers(data)
    if too_large:
        raise BadRequest("request", too_large)
    return data


# I-JSON (RFC 7493): numbers a JavaScript client holds exactly; beyond, a number is a mistake, not a tender.
MAX_NUMBER = 2**53 - 1


def _too_large_numbers(node: Any, parts: tuple[str | int, ...] = ()) -> list[LocalizedProblem]:
    if isinstance(node, (int, float)) and not isinstance(node, bool):
        if abs(node) > MAX_NUMBER:
            return [
                LocalizedProblem(
                    json_path(parts),
                    f"number too large: at most {MAX_NUMBER} (I-JSON, RFC 7493)",
                    f"dit getal is te groot; het grootste toegestane getal is {MAX_NUMBER}",
                )
            ]
        return []
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _too_large_numbers(value, (*parts, str(key)))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in _too_large_numbers(value, (*parts, index))]
    return []


def _must_be_object(data: Any, path: str, what_en: str, what_nl: str) -> None:
    if not isinstance(data, Mapping):
        raise BadRequest(
            "request" if path == "$" else "tender-profile",
            [LocalizedProblem(path, f"{what_en} must be a JSON object", f"{what_nl} moet een JSON-object zijn")],
        )


@attrs.define
class Engine:
    """The library, set up once for the process: the pack set and the engine settings."""

    config: EngineConfig = attrs.field(factory=EngineConfig)
    packs: PackSet = attrs.field(factory=installed_packs)

    def profile(self, data: Any, prefix: str = "") -> TenderProfile:
        """A tender profile from request data; all schema problems at once, paths under `prefix`."""
        _must_be_object(data, f"${prefix[1:]}" if prefix else "$", "a tender profile", "een aanbestedingsprofiel")
        problems = localized_schema_problems("tender-profile", data, prefix)
        if problems:
            raise BadRequest("tender-profile", problems)
        try:
            profile = profile_from_dict(dict(data))
            # Themes are open: an ambition may only name a theme of the installed packs.
            check_ambition(profile, self.packs.packs, incomplete=bool(self.packs.failures))
            return profile
        except InputError as exc:
            raise BadRequest("tender-profile", localize(exc.problems, prefix)) from None

    def advise(self, profile: TenderProfile) -> Advice:
        return advise(profile, packs=self.packs, config=self.config)

    def choices(self, data: Any) -> tuple[Choice, ...]:
        """Choices given as a list (the `choices` member of a draft request)."""
        problems = localized_schema_problems("choices", {"choices": data})
        if problems:
            raise BadRequest("choices", problems)
        try:  # the schema passes a blank or invisible motivation or justification; the reader refuses it
            return choices_from_data({"choices": data})
        except InputError as exc:
            raise BadRequest("choices", localize(exc.problems)) from None

    def apply(self, advice: Advice, choices: tuple[Choice, ...]) -> Advice:
        if not choices:
            return advice
        try:
            return apply_choices(advice, choices, packs=self.packs)
        except InputError as exc:
            raise BadRequest("choices", localize(exc.problems)) from None

    def draft(
        self,
        advice: Advice,
        fmt: str,
        *,
        lang: str = "nl",
        price_weight: float | None = None,
        other_criteria: Any = None,
        accessibility_justification: str | None = None,
    ) -> Document:
        """The document in `fmt` (md, docx, eforms); an eForms export that breaks a rule is refused."""
        media_type, extension = DRAFT_FORMATS[fmt]
        filename = f"{_slug(str(advice.profile.get('title', 'advies')))}.{extension}"
        if fmt in ("md", "docx"):
            # The renderers refuse such text too, but only we know where in the request it came from.
            unsafe = _not_xml_text({"profile": advice.profile, "choices": [attrs.asdict(c) for c in advice.choices]})
            if unsafe:
                raise BadRequest("request", unsafe)
            try:
                if fmt == "md":
                    return Document(render_markdown(advice, lang=lang).encode("utf-8"), media_type, filename)
                return Document(render_docx(advice, lang=lang), media_type, filename)
            except InputError as exc:
                raise BadRequest("request", localize(exc.problems)) from None
        try:
            others = award_criteria_from_data(other_criteria, line_of=None) if other_criteria is not None else ()
        except InputError as exc:
            raise BadRequest("eforms", localize(exc.problems, "$.other_criteria")) from None
        try:
            export = export_eforms(
                advice,
                other_criteria=others,
                price_weight=price_weight,
                accessibility_justification=accessibility_justification,
                lang=lang,
            )
        except InputError as exc:
            raise BadRequest("eforms", localize(exc.problems, "$.profile")) from None
        violations: list[Problem] = validate_eforms(export)
        if violations:
            raise BadRequest("eforms", localize(violations))
        text = json.dumps(export, ensure_ascii=False, indent=2) + "\n"
        return Document(text.encode("utf-8"), media_type, filename, tuple(localize(eforms_warnings(export))))


# Documents cannot hold these characters (they are valid JSON, so the schema lets them through).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _not_xml_text(node: Any, parts: tuple[str | int, ...] = ()) -> list[LocalizedProblem]:
    """Every text in the request a Word document cannot contain (control characters), with its path."""
    if isinstance(node, str):
        if _NOT_XML.search(node):
            return [
                LocalizedProblem(
                    json_path(parts),
                    "text contains control characters, which a document cannot hold",
                    "deze tekst bevat onzichtbare stuurtekens die niet in een document passen; verwijder ze",
                )
            ]
        return []
    if isinstance(node, Mapping):
        return [p for key, value in node.items() for p in _not_xml_text(value, (*parts, str(key)))]
    if isinstance(node, (list, tuple)):
        return [p for index, value in enumerate(node) for p in _not_xml_text(value, (*parts, index))]
    return []


def _slug(title: str) -> str:
    """A safe ASCII file name from the tender's title."""
    kept = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in title.lower())
    slug = "-".join(part for part in kept.split("-") if part)[:60]
    return slug or "advies"
