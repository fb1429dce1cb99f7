"""Property tests: invariants of the domain that must hold for every profile (test packs and real packs)."""

from __future__ import annotations

import json

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mvoi_criteria import ProfileError, advice_to_json, advise, installed_packs, profile_from_dict
from mvoi_criteria.model import ask_rank
from mvoi_criteria.testing.conformance import (
    check_deterministic,
    check_monotone_in_value,
    check_unknowns_never_flip,
    profile_for,
)
from mvoi_criteria.testing.strategies import UNKNOWABLE_FIELDS, complete_profile_dicts, profile_dicts
from mvoi_criteria.validation import schema_problems

from .conftest import TEST_PACKS


def _pack_sets():
    from mvoi_criteria import pack_set_from_files

    sets = [("test", pack_set_from_files(TEST_PACKS))]
    real = installed_packs()
    if real.packs:
        sets.append(("installed", real))
    return sets


PACK_SETS = _pack_sets()
packs_param = pytest.mark.parametrize("packs", [p for _, p in PACK_SETS], ids=[n for n, _ in PACK_SETS])


@packs_param
@given(data=profile_dicts())
def test_advice_is_deterministic_and_valid_against_its_schema(packs, data):
    check_deterministic(packs, data)
    text = advice_to_json(advise(profile_for(packs, data), packs=packs))
    assert schema_problems("advice", json.loads(text)) == []


@packs_param
@given(data=complete_profile_dicts(), factor=st.sampled_from([1.5, 2, 5, 10, 100]))
def test_raising_the_value_never_lowers_an_ask_level_nor_removes_an_eis(packs, data, factor):
    check_monotone_in_value(packs, data, factor)


@packs_param
@given(data=complete_profile_dicts())
def test_a_tender_nobody_uses_gets_no_accessibility_eis(packs, data):
    advice = advise(profile_for(packs, {**data, "used_by": "niemand"}), packs=packs)
    assert not [c for c in advice.criteria if c.theme == "toegankelijkheid"]
    assert advice.accessibility.status == "n-inc"


@packs_param
@given(data=complete_profile_dicts())
def test_proportionality_caps_hold_for_every_profile(packs, data):
    advice = advise(profile_for(packs, data), packs=packs)
    band = advice.derived.size_band
    weights = sum(c.weight or 0 for c in advice.criteria)
    assert weights <= 15
    if band == "klein":
        # An informatievraag asks for context only (never scored, never an obligation): it may stay.
        assert all(c.kind in ("eis", "contractbepaling", "informatievraag") for c in advice.criteria)
        assert all(ask_rank(c.ask_level) <= 1 for c in advice.criteria)
    if band == "midden":
        assert len([c for c in advice.criteria if c.kind == "gunningscriterium"]) <= 1
        assert all(ask_rank(c.ask_level) <= 2 for c in advice.criteria)


@packs_param
@given(complete=complete_profile_dicts(), drop=st.sets(st.sampled_from(UNKNOWABLE_FIELDS), min_size=1))
def test_a_decided_outcome_never_changes_when_an_unknown_is_filled_in(packs, complete, drop):
    """Unknown fields lead to undecided, never to applied: whatever was decided with the field
    unknown stays decided the same way once the buyer fills it in."""
    check_unknowns_never_flip(packs, complete, drop)


@given(
    data=complete_profile_dicts(),
    bad=st.sets(st.sampled_from(["procurement_kind", "estimated_value_eur", "used_by", "duration_months"]), min_size=1),
)
def test_an_invalid_profile_is_rejected_with_all_its_errors(data, bad):
    broken = dict(data)
    wrong = {"procurement_kind": "diensen", "estimated_value_eur": -1, "used_by": "iedereen", "duration_months": 0}
    for field in bad:
        broken[field] = wrong[field]
    with pytest.raises(ProfileError) as caught:
        profile_from_dict(broken)
    assert {p.path for p in caught.value.problems} == {f"$.{f}" for f in bad}


@given(data=profile_dicts())
def test_every_generated_profile_is_valid(data):
    assume(data)
    assert schema_problems("tender-profile", data) == []
