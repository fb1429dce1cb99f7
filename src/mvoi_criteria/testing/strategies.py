"""Hypothesis strategies for tender profiles, for this library's tests and for pack authors.

`profile_dicts()` draws schema-valid plain data in which any field may be unknown (left out);
`complete_profile_dicts()` draws profiles with every field known. `bad_document_texts()`,
`bad_choices_texts()` and `mutated_pack_texts()` draw hostile input for fuzzing the readers and the
command line: odd numbers, tags, aliases, merge keys, control characters, wrong shapes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

__all__ = [
    "CPV_SAMPLES",
    "HOSTILE_SCALARS",
    "HOSTILE_TEMPLATES",
    "UNKNOWABLE_FIELDS",
    "VALUE_LADDER",
    "bad_choices_texts",
    "bad_document_texts",
    "complete_profile_dicts",
    "mutated_pack_texts",
    "profile_dicts",
]

# CPV codes that matter to the packs (staffing, cleaning, security, care, IT, events, works, supplies).
CPV_SAMPLES = (
    "79620000-6",
    "79610000-3",
    "90910000-9",
    "79710000-4",
    "85310000-5",
    "85312000-9",
    "72000000-5",
    "48000000-8",
    "79950000-8",
    "55110000-4",
    "45000000-7",
    "45233000-9",
    "42416100-6",
    "39110000-6",
    "42960000-4",
    "18110000-3",
    "34110000-1",
    "79340000-9",
    "73100000-3",
    "79310000-0",
    "30190000-7",
    "34928500-3",
    "15800000-6",
    "09310000-5",
)

# Facts about the tender a buyer may not know yet. Ambition is not among them: it is a policy choice
# with a configured default (EngineConfig.default_ambition), never an unknown.
UNKNOWABLE_FIELDS = (
    "procurement_kind",
    "social_services",
    "estimated_value_eur",
    "duration_months",
    "publication_date",
    "cpv_codes",
    "framework_agreement",
    "situation",
    "used_by",
    "personnel",
    "result",
)

# Values around every cut-off and threshold of the default model, smallest first: for tests that
# raise a tender's value step by step.
VALUE_LADDER = (
    10_000,
    49_000,
    60_000,
    140_000,
    200_000,
    230_000,
    700_000,
    800_000,
    1_400_000,
    3_000_000,
    6_000_000,
    80_000_000,
)

_values = st.one_of(
    st.integers(min_value=0, max_value=120_000_000),
    st.sampled_from(
        [
            0,
            49_999,
            50_000,
            149_999,
            150_000,
            215_999,
            216_000,
            221_000,
            749_999,
            750_000,
            1_499_999,
            1_500_000,
            5_404_000,
            5_538_000,
        ]
    ),
)
# Profile texts are printable: control characters and lone surrogates are refused by the readers.
_texts = st.characters(blacklist_categories=("Cc", "Cs"))
_dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31)).map(dt.date.isoformat)


def _fields(optional: bool, themes: Sequence[str]) -> dict[str, st.SearchStrategy[Any]]:
    return {
        "description": st.text(_texts, min_size=1, max_size=40),
        "procurement_kind": st.sampled_from(["werken", "leveringen", "diensten"]),
        "social_services": st.booleans(),
        "estimated_value_eur": _values,
        "duration_months": st.integers(min_value=1, max_value=120),
        "publication_date": _dates,
        "cpv_codes": st.lists(st.sampled_from(CPV_SAMPLES), max_size=3, unique=True),
        "directorate": st.sampled_from(
            ["Concern Inkoop", "Stadswerken", "Sociaal Domein", "Verkeer en Openbare Ruimte"]
        ),
        "framework_agreement": st.booleans(),
        "situation": st.sampled_from(["nieuwe_aanbesteding", "bestaand_contract"]),
        "used_by": st.sampled_from(["medewerkers", "bewoners", "beide", "niemand"]),
        "personnel": _group(
            {
                "works_for_municipality": st.booleans(),
                "at_municipal_sites": st.booleans(),
                "in_public_space": st.booleans(),
                "in_residents_homes": st.booleans(),
                "vulnerable_groups": st.lists(st.sampled_from(["jeugd", "ouderen", "wmo_clienten"]), unique=True),
            },
            optional,
        ),
        "result": _group(
            {
                "physical": st.booleans(),
                "digital": st.booleans(),
                "event_or_venue": st.booleans(),
                "communication": st.booleans(),
            },
            optional,
        ),
        "ambition": _group({t: st.sampled_from(["basis", "significant", "ambitieus"]) for t in themes}, optional),
    }


def _themes(themes: Sequence[str] | None) -> tuple[str, ...]:
    """The given theme ids, or those of the installed packs (themes are open: packs declare them)."""
    if themes is not None:
        return tuple(themes)
    from ..plugins import installed_packs
    from ..themes import themes_of

    return tuple(t.id for t in themes_of(installed_packs().packs))


def _group(fields: dict[str, st.SearchStrategy[Any]], optional: bool) -> st.SearchStrategy[dict[str, Any]]:
    if optional:
        return st.fixed_dictionaries({}, optional=fields)
    return st.fixed_dictionaries(fields)


def profile_dicts(themes: Sequence[str] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Schema-valid profiles where any field may be left out (unknown). Ambition is drawn for the
    given theme ids, by default those of the installed packs."""
    return st.fixed_dictionaries(
        {"title": st.text(_texts, min_size=1, max_size=30)}, optional=_fields(True, _themes(themes))
    )


def complete_profile_dicts(themes: Sequence[str] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Schema-valid profiles with every field known (ambition for every given or installed theme)."""
    return st.fixed_dictionaries({"title": st.text(_texts, min_size=1, max_size=30), **_fields(False, _themes(themes))})


# --- hostile input, for fuzzing readers and the command line ------------------------------------

HOSTILE_SCALARS = (
    ".inf",
    "-.inf",
    ".nan",
    "1e400",
    "-1",
    "0",
    "1.5",
    "9" * 40,
    "0x10",
    "~",
    "''",
    '"\\u200b"',
    '"a\\u0001b"',
    '"a\\ud800"',
    "!!python/tuple [1, 2]",
    "!!binary aGVsbG8=",
    "!custom x",
    "&anchor {a: *anchor}",
    "{<<: {a: 1}}",
    "[[[[[[[[]]]]]]]]",
    "{a: [1, {b: 2}]}",
    "yes",
    "2026-13-45",
    "'" + "x" * 300 + "'",
)
HOSTILE_TEMPLATES = (
    "{{ 1/0 }}",
    "{{ profile['titel'] }}",
    "{% include 'x' %}",
    "{{ ''.__class__.__mro__ }}",
    "{{ 'x' * 10**10 }}",
    "{{ profile.title | nosuchfilter }}",
    "{{ profile.title | center(999) * 999 }}",
    "{{ (10**100)**100 }}",
    "{{ '%99999999s' % 1 }}",
    "{% for a in profile.cpv_codes %}x{% endfor %}",
    "{{ profile.title",
    "{{ profile.estimated_value_eur | euro }}",
)
_KEYS = ("title", "estimated_value_eur", "duration_months", "cpv_codes", "personnel", "result", "ambition", "used_by")
_RAW = ("&a", "*a", "*b", "<<: ", "!!python/object:os.system", "\x00", "\t", "{", "[", ": :", "- -", "%YAML 1.1")


def _line(key: str, value: str) -> str:
    return f"{key}: {value}"


def bad_document_texts() -> st.SearchStrategy[str]:
    """YAML texts of profiles with hostile values, shapes and raw syntax spliced in."""
    lines = st.lists(
        st.tuples(st.sampled_from(_KEYS), st.one_of(st.sampled_from(HOSTILE_SCALARS), st.text(max_size=8))).map(
            lambda pair: _line(*pair)
        ),
        min_size=1,
        max_size=6,
    )
    raw = st.lists(st.sampled_from(_RAW), max_size=3).map(" ".join)
    return st.tuples(lines, raw).map(lambda parts: "title: x\n" + "\n".join(parts[0]) + "\n" + parts[1] + "\n")


def bad_choices_texts() -> st.SearchStrategy[str]:
    """Choices files with hostile criteria, actions, motivations and values."""
    choice = st.fixed_dictionaries(
        {
            "criterion": st.sampled_from(["rep-werving-selectie", "onbekend", "1", "!!python/tuple [1]", "&a [*a]"]),
            "action": st.sampled_from(["deselect", "ask_level", "weight", "verwijder", "~"]),
            "motivation": st.sampled_from(['"\\u200b"', "'  '", "Past niet.", "~", "[1, 2]", '"a\\u0001b"']),
            "value": st.sampled_from((*HOSTILE_SCALARS, "visie", "plan_van_aanpak", "5", "Omdat het niet nodig is.")),
        }
    ).map(lambda c: "  - {" + ", ".join(f"{k}: {v}" for k, v in c.items()) + "}")
    return st.lists(choice, max_size=4).map(lambda items: "choices:\n" + "\n".join(items) + "\n")


def mutated_pack_texts(text: str) -> st.SearchStrategy[str]:
    """A pack's text with one line's value replaced by a hostile scalar or clause template."""
    lines = text.splitlines()
    candidates = [i for i, line in enumerate(lines) if ": " in line]

    def mutate(index: int, value: str) -> str:
        head = lines[index].split(": ", 1)[0]
        changed = [*lines[:index], f"{head}: {value}", *lines[index + 1 :]]
        return "\n".join(changed) + "\n"

    templates = st.sampled_from(HOSTILE_TEMPLATES).map(lambda t: "'" + t.replace("'", "''") + "'")
    return st.builds(mutate, st.sampled_from(candidates), st.one_of(st.sampled_from(HOSTILE_SCALARS), templates))
