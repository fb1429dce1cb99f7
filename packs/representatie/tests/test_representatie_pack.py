"""Properties of the representatie pack that example cases cannot show one by one.

- Raising the tender value, all else equal, never lowers a criterion's ask level and never removes it.
- No text could be read as a demand to register or report special-category personal data (GDPR art. 9).
- Every text that a buyer or bidder reads has an English rendering.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria import pack_set_from_files, profile_from_dict
from mvoi_criteria.engine import advise
from mvoi_criteria.model import ask_rank
from mvoi_criteria.testing.conformance import (
    check_english_texts,
    check_monotone_in_value,
    check_pack_texts,
    check_unknowns_never_flip,
)
from mvoi_criteria.testing.strategies import UNKNOWABLE_FIELDS, VALUE_LADDER, complete_profile_dicts
from mvoi_criteria.yamlio import load_document

PACK_FILE = Path(__file__).parent.parent / "src" / "mvoi_pack_representatie" / "pack.yaml"
PACKS = pack_set_from_files([PACK_FILE])

CPV = [
    "79620000-6",
    "79610000-3",
    "79635000-4",
    "90910000-9",
    "79713000-5",
    "85311300-5",
    "79311000-7",
    "79411000-8",
    "79341000-6",
    "79961000-8",
    "79810000-5",
    "22462000-6",
    "79952000-2",
    "45233140-2",
    "34927100-2",
    "48000000-8",
]
maybe_bool = st.sampled_from([True, False, None])


@st.composite
def profiles(draw: Any) -> dict[str, Any]:
    return {
        "title": "Eigenschapstest",
        "procurement_kind": draw(st.sampled_from(["werken", "leveringen", "diensten", None])),
        "social_services": draw(maybe_bool),
        "duration_months": draw(st.sampled_from([6, 12, 24, 48, None])),
        "publication_date": draw(st.sampled_from(["2025-06-01", "2026-06-01", None])),
        "cpv_codes": draw(st.one_of(st.none(), st.lists(st.sampled_from(CPV), max_size=2, unique=True))),
        "framework_agreement": draw(maybe_bool),
        "used_by": draw(st.sampled_from(["medewerkers", "bewoners", "beide", "niemand", None])),
        "personnel": {
            "works_for_municipality": draw(maybe_bool),
            "at_municipal_sites": draw(maybe_bool),
            "in_public_space": draw(maybe_bool),
            "in_residents_homes": draw(maybe_bool),
            "vulnerable_groups": draw(st.sampled_from([None, [], ["jeugd"], ["ouderen", "wmo_clienten"]])),
        },
        "result": {
            "communication": draw(maybe_bool),
            "event_or_venue": draw(maybe_bool),
        },
        "ambition": {"representatie": draw(st.sampled_from(["basis", "significant", "ambitieus", None]))},
    }


def _outcomes(profile: dict[str, Any], value: float) -> tuple[str | None, dict[str, tuple[str, Any]]]:
    advice = advise(profile_from_dict({**profile, "estimated_value_eur": value}), packs=PACKS)
    applied = {c.id: c for c in advice.criteria}
    optional = {o.criterion.id for o in advice.optional}  # applies, but cut by the total burden
    outcomes = {t.criterion: ("optional" if t.criterion in optional else t.outcome) for t in advice.trace}
    return advice.derived.size_band, {cid: (outcome, applied.get(cid)) for cid, outcome in outcomes.items()}


VALUES = VALUE_LADDER


@given(profiles(), st.integers(0, len(VALUES) - 2), st.integers(1, len(VALUES) - 1))
def test_raising_the_value_never_lowers_the_ask_or_removes_a_criterion(profile, low, step):
    high = min(low + step, len(VALUES) - 1)
    (_, before), (band, after) = _outcomes(profile, VALUES[low]), _outcomes(profile, VALUES[high])
    for cid, (outcome, applied) in before.items():
        if outcome != "applied":
            continue
        later_outcome, later = after[cid]
        if band is None:
            # A value between two possible EU thresholds (e.g. social_services unknown) leaves the size band
            # unknown; the core then caps the ask at visie and makes award criteria undecided. Only removal counts.
            assert later_outcome != "not_applied", f"{cid} applied at {VALUES[low]} but not_applied at {VALUES[high]}"
            continue
        assert later_outcome == "applied", f"{cid} applied at {VALUES[low]} but {later_outcome} at {VALUES[high]}"
        assert ask_rank(later.ask_level) >= ask_rank(applied.ask_level), (
            f"{cid}: {applied.ask_level} at {VALUES[low]} but {later.ask_level} at {VALUES[high]}"
        )
        if applied.kind == "eis":
            assert later.kind == "eis", f"{cid}: eis at {VALUES[low]} became {later.kind} at {VALUES[high]}"


# Words that, next to a verb of registering or reporting, would ask for special-category data.
SENSITIVE = r"(etnici|afkomst|migratieachtergrond|religi|geloof|levensovertuiging|seksuele geaardheid|handicap|beperking|gezondheid|ethnic|religio|belief|sexual orientation|disabilit|health|origin)"


def _strings(node: Any, path: str = "$"):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def test_no_text_names_special_category_data():
    data = load_document(PACK_FILE.read_text(encoding="utf-8")).data
    hits = [(p, m.group(0)) for p, s in _strings(data) for m in re.finditer(SENSITIVE, s, re.IGNORECASE)]
    assert not hits, hits


def test_every_reader_facing_text_has_english():
    check_english_texts(pack_set_from_files([PACK_FILE]).packs[0])


@pytest.mark.parametrize("criterion", [c.id for c in PACKS.packs[0].criteria])
def test_award_scales_have_at_least_three_levels(criterion):
    c = next(x for x in PACKS.packs[0].criteria if x.id == criterion)
    for v in c.variants:
        if v.kind == "gunningscriterium":
            assert len(v.scoring) >= 3, criterion
            assert v.weight <= 10, criterion


# --- the core's conformance checks, run on this pack alone --------------------------------------


def test_core_privacy_scan_finds_nothing():
    check_pack_texts(PACKS)


@given(data=complete_profile_dicts(), factor=st.sampled_from([1.5, 2, 5, 10, 100]))
def test_core_monotone_check(data, factor):
    check_monotone_in_value(PACKS, data, factor)


@given(complete=complete_profile_dicts(), drop=st.sets(st.sampled_from(UNKNOWABLE_FIELDS), min_size=1))
def test_filling_in_an_unknown_never_flips_a_decided_outcome(complete, drop):
    check_unknowns_never_flip(PACKS, complete, drop)
