"""Render every clause text of a pack against representative profiles, for `mvoi-criteria check`.

Compilation proves a text parses and names known fields; only rendering proves it does not divide
by zero, read a missing key or grow past the sandbox's limits. A fixed set of profiles (every kind,
every size band, every answer unknown or known) keeps the check deterministic and fast.
"""

from __future__ import annotations

from typing import Any

from .config import EngineConfig
from .derive import derive, fact_table
from .errors import Problem
from .packs import Pack
from .profile import profile_from_dict
from .templates import RenderError, render, template_context
from .themes import ambition_themes
from .yamlio import Document, DocumentError, json_path, read_document

__all__ = ["SAMPLE_PROFILES", "render_problems"]

_ALL_TRUE = {
    "personnel": {
        "works_for_municipality": True,
        "at_municipal_sites": True,
        "in_public_space": True,
        "in_residents_homes": True,
        "vulnerable_groups": ["jeugd", "ouderen", "wmo_clienten"],
    },
    "result": {"physical": True, "digital": True, "event_or_venue": True, "communication": True},
}
_ALL_FALSE = {
    "personnel": {
        "works_for_municipality": False,
        "at_municipal_sites": False,
        "in_public_space": False,
        "in_residents_homes": False,
        "vulnerable_groups": [],
    },
    "result": {"physical": False, "digital": False, "event_or_venue": False, "communication": False},
}

# Placeholder key in a sample profile's ambition: the level goes to every theme the checked pack reads.
AMBITION_OF_EVERY_THEME = "*"

SAMPLE_PROFILES: tuple[dict[str, Any], ...] = (
    {"title": "Onbekende opdracht"},
    *(
        {
            "title": f"Voorbeeld {kind} {value}",
            "description": "Een voorbeeldopdracht.",
            "procurement_kind": kind,
            "social_services": kind == "diensten",
            "estimated_value_eur": value,
            "duration_months": 48,
            "publication_date": "2026-03-01",
            "cpv_codes": ["79620000-6", "90910000-9"],
            "directorate": "Voorbeeld",
            "framework_agreement": value > 1_000_000,
            "situation": "nieuwe_aanbesteding",
            "used_by": used_by,
            "ambition": {AMBITION_OF_EVERY_THEME: level},  # filled in per pack: themes are open
            **facts,
        }
        for kind in ("werken", "leveringen", "diensten")
        for value, used_by, level, facts in (
            (20_000, "niemand", "basis", _ALL_FALSE),
            (400_000, "bewoners", "significant", _ALL_TRUE),
            (12_000_000, "beide", "ambitieus", _ALL_TRUE),
        )
    ),
)


def _contexts(themes: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    config = EngineConfig()
    contexts = []
    for data in SAMPLE_PROFILES:
        level = (data.get("ambition") or {}).get(AMBITION_OF_EVERY_THEME)
        data = {**data, "ambition": {theme: level for theme in themes}} if level else data
        profile = profile_from_dict(data)
        contexts.append(template_context(fact_table(profile, derive(profile, config, themes))))
    return contexts


def _field_path(key: str, lang: str) -> tuple[str | int, ...]:
    if key == "monitoring":
        return ("monitoring", "indicator", lang)
    if key.startswith("scoring."):
        return ("scoring", int(key.split(".", 1)[1]), lang)
    return (key, lang)


def render_problems(pack: Pack) -> list[Problem]:
    """Every clause text that fails to render for a sample profile, with its path and line."""
    document: Document | None
    try:
        document = read_document(pack.source)
    except DocumentError:
        document = None
    problems: dict[tuple[str, str], Problem] = {}
    contexts = _contexts(ambition_themes([pack]))
    for index, criterion in enumerate(pack.criteria):
        for step, variant in enumerate(criterion.variants):
            for (key, lang), template in sorted(variant.templates.items()):
                field = _field_path(key, lang)
                at = _defined_at(document, index, step, str(field[0]))
                for context in contexts:
                    try:
                        render(template, context)
                    except RenderError as exc:
                        path = json_path((*at, *field))
                        line = document.line_of((*at, *field)) if document is not None else None
                        problems.setdefault((path, str(exc)), Problem(path, str(exc), line))
                        break
    return list(problems.values())


def _defined_at(document: Document | None, index: int, step: int, key: str) -> tuple[str | int, ...]:
    """Where a variant's text is written: in its scaling step when the step overrides it, else the base."""
    if step == 0 or document is None:
        return ("criteria", index)
    scaling = document.data["criteria"][index].get("scaling", [])
    overrides = step - 1 < len(scaling) and key in scaling[step - 1]
    return ("criteria", index, "scaling", step - 1) if overrides else ("criteria", index)
