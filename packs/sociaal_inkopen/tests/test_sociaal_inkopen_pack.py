"""Checks of the sociaal_inkopen pack that example cases cannot show one by one.

Made by `mvoi-criteria pack new` (the generic checks) and extended for this pack:
- the staffing framework example gets Social Return reported to Bureau Social Return; a small catering does not;
- Social Return asks 2% instead of 5% where the contract has little labour;
- nothing of Social Return below the threshold, whatever else is known;
- raising the value never lowers an ask level or drops a criterion; filling in an unknown never flips an outcome;
- no text asks for data on individuals; every text has English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria import advise, installed_packs, load_profile, pack_set_from_files, profile_from_dict
from mvoi_criteria.eforms import field_values
from mvoi_criteria.plugins import pack_set_of
from mvoi_criteria.testing.conformance import (
    check_deterministic,
    check_english_texts,
    check_monotone_in_value,
    check_pack_texts,
    check_unknowns_never_flip,
)
from mvoi_criteria.testing.strategies import UNKNOWABLE_FIELDS, complete_profile_dicts

ROOT = Path(__file__).parent.parent
PACK_FILES = sorted((ROOT / "src" / "mvoi_pack_sociaal_inkopen").glob("*.yaml"))
PACKS = pack_set_from_files(PACK_FILES)
THEMES = sorted({pack.theme for pack in PACKS.packs})
EXAMPLES = ROOT.parent.parent / "examples"


def test_the_pack_loads():
    assert PACKS.packs and not PACKS.failures, PACKS.failures


def test_no_text_asks_for_special_category_data():
    check_pack_texts(PACKS)


def test_every_text_has_english():
    for pack in PACKS.packs:
        check_english_texts(pack)


def test_award_scales_have_at_least_three_levels_and_a_modest_weight():
    for criterion in PACKS.packs[0].criteria:
        for variant in criterion.variants:
            if variant.kind == "gunningscriterium":
                assert len(variant.scoring) >= 3, criterion.id
                assert variant.weight <= 10, criterion.id


def _advice(**fields: Any):
    profile = {
        "title": "Test",
        "procurement_kind": "diensten",
        "social_services": False,
        "estimated_value_eur": 1_000_000,
        "publication_date": "2026-09-01",
        "cpv_codes": ["79620000-6"],
        "situation": "nieuwe_aanbesteding",
        "used_by": "medewerkers",
        "personnel": {"works_for_municipality": True, "at_municipal_sites": True},
        **fields,
    }
    return advise(profile_from_dict(profile), packs=PACKS)


def test_the_staffing_framework_example_gets_social_return_reported_to_bureau_social_return():
    profile = load_profile(EXAMPLES / "uitzendkrachten.yaml")  # names the other themes' ambitions: judge with them
    criterion = advise(profile, packs=_with_the_other_installed_packs()).criterion("si-social-return")
    assert criterion is not None and criterion.kind == "contractbepaling"
    assert criterion.monitoring.report_to == "bureau_social_return"
    assert "5%" in criterion.text.nl


def test_a_small_catering_gets_no_social_return_only_the_invitation():
    advice = _advice(estimated_value_eur=15_000, cpv_codes=["55520000-1"])
    assert [c.id for c in advice.criteria] == ["si-sociale-onderneming-uitnodigen"]


def test_little_labour_lowers_the_share_to_two_percent():
    supplies = _advice(procurement_kind="leveringen", cpv_codes=["39130000-2"]).criterion("si-social-return")
    assert "2%" in supplies.text.nl and "5%" not in supplies.text.nl
    assert "2%" in supplies.text.en


@given(
    value=st.integers(0, 215_999),
    kind=st.sampled_from(["diensten", "leveringen"]),
    cpv=st.sampled_from(["79620000-6", "90910000-9", "55520000-1", "48000000-8"]),
    ambition=st.sampled_from(["basis", "significant", "ambitieus"]),
)
def test_nothing_of_social_return_below_the_threshold(value, kind, cpv, ambition):
    advice = _advice(
        estimated_value_eur=value, procurement_kind=kind, cpv_codes=[cpv], ambition={"sociaal_inkopen": ambition}
    )
    outcomes = {t.criterion: t.outcome for t in advice.trace}
    assert outcomes["si-social-return"] == "not_applied"
    assert outcomes["si-social-return-aanbod"] == "not_applied"


@given(profile=complete_profile_dicts(themes=THEMES))
def test_the_advice_is_deterministic(profile):
    check_deterministic(PACKS, profile)


@given(profile=complete_profile_dicts(themes=THEMES), factor=st.sampled_from([2, 10, 100]))
def test_a_higher_value_never_lowers_a_level(profile, factor):
    check_monotone_in_value(PACKS, profile, factor)


@given(
    complete=complete_profile_dicts(themes=THEMES),
    drop=st.sets(st.sampled_from(UNKNOWABLE_FIELDS), min_size=1),
)
def test_filling_in_an_unknown_never_flips_a_decided_outcome(complete, drop):
    check_unknowns_never_flip(PACKS, complete, drop)


def _with_the_other_installed_packs():
    others = [p for p in installed_packs().packs if p.id != "sociaal_inkopen"]
    return pack_set_of([*others, *PACKS.packs])


def test_documents_eforms_and_provenance_show_the_fourth_theme():
    from mvoi_criteria import export_eforms, render_markdown

    advice = advise(load_profile(EXAMPLES / "uitzendkrachten.yaml"), packs=_with_the_other_installed_packs())
    assert "sociaal_inkopen" in [p.id for p in advice.provenance.packs]
    assert "Thema: Sociaal inkopen" in render_markdown(advice)
    export = export_eforms(advice, price_weight=85)
    assert "opp" in list(field_values(export, "BT-775-Lot"))
    (description,) = field_values(export, "BT-777-Lot")
    assert "Sociaal inkopen: Social Return bij deze opdracht" in description["NLD"]


def test_a_reserved_contract_fills_bt_71_with_res_ws():
    from mvoi_criteria import export_eforms

    advice = _advice(estimated_value_eur=150_000, cpv_codes=["90910000-9"])
    assert advice.criterion("si-voorbehouden-opdracht").eforms.bt_71 == "res-ws"
    assert "res-ws" in list(field_values(export_eforms(advice, price_weight=90), "BT-71-Lot"))
