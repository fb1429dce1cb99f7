"""Thresholds, procedure regimes and size bands derived from a profile."""

from __future__ import annotations

import pytest

from mvoi_criteria import EngineConfig
from mvoi_criteria.derive import derive
from mvoi_criteria.records import Notice

from .conftest import make_profile


@pytest.mark.parametrize(
    ("date", "kind", "threshold"),
    [
        ("2025-06-01", "diensten", 221_000),
        ("2026-01-01", "diensten", 216_000),
        ("2025-12-31", "werken", 5_538_000),
        ("2027-12-31", "werken", 5_404_000),
        ("2026-03-01", "leveringen", 216_000),
    ],
)
def test_threshold_is_chosen_by_publication_date(date, kind, threshold):
    derived = derive(make_profile(publication_date=date, procurement_kind=kind), EngineConfig())
    assert derived.eu_threshold_eur == threshold


def test_social_services_have_their_own_threshold():
    derived = derive(make_profile(social_services=True, estimated_value_eur=500_000), EngineConfig())
    assert derived.eu_threshold_eur == 750_000
    assert derived.regime == "meervoudig_onderhands"


@pytest.mark.parametrize(
    ("kind", "value", "regime", "band"),
    [
        ("diensten", 49_999, "enkelvoudig_onderhands", "klein"),
        ("diensten", 50_000, "meervoudig_onderhands", "midden"),
        ("diensten", 215_999, "meervoudig_onderhands", "midden"),
        ("diensten", 216_000, "europees", "groot"),
        ("werken", 149_999, "enkelvoudig_onderhands", "klein"),
        ("werken", 150_000, "meervoudig_onderhands", "midden"),
        ("werken", 1_500_000, "nationaal", "midden"),
        ("werken", 5_404_000, "europees", "groot"),
    ],
)
def test_regime_follows_the_default_municipal_model(kind, value, regime, band):
    derived = derive(make_profile(procurement_kind=kind, estimated_value_eur=value), EngineConfig())
    assert (derived.regime, derived.size_band) == (regime, band)


def test_cut_offs_are_configuration():
    config = EngineConfig(supplies_services_single_quote_below=30_000, supplies_services_invited_below=100_000)
    assert derive(make_profile(estimated_value_eur=40_000), config).regime == "meervoudig_onderhands"
    assert derive(make_profile(estimated_value_eur=150_000), config).regime == "nationaal"


def test_unknown_date_decides_when_all_periods_agree():
    derived = derive(make_profile(publication_date=None, estimated_value_eur=80_000_000), EngineConfig())
    assert derived.regime == "europees"
    assert derived.eu_threshold_eur is None  # 221k and 216k differ


def test_unknown_date_leaves_regime_unknown_when_periods_disagree():
    derived = derive(make_profile(publication_date=None, estimated_value_eur=218_000), EngineConfig())
    assert derived.regime is None and derived.size_band is None


def test_unknown_value_leaves_size_unknown():
    derived = derive(make_profile(estimated_value_eur=None), EngineConfig())
    assert (derived.regime, derived.size_band, derived.above_eu_threshold) == (None, None, None)


def test_date_outside_the_table_uses_the_nearest_period_and_says_so():
    derived = derive(make_profile(publication_date="2029-02-01"), EngineConfig())
    assert derived.threshold_period == "2026-2027"
    assert Notice("threshold_period", {"date": "2029-02-01", "period": "2026-2027"}) in derived.notes


def test_personnel_deployed_is_three_valued():
    unknown = {"works_for_municipality": False}
    assert derive(make_profile(personnel=unknown), EngineConfig()).personnel_deployed is None
    nobody = {
        "works_for_municipality": False,
        "at_municipal_sites": False,
        "in_public_space": False,
        "in_residents_homes": False,
        "vulnerable_groups": [],
    }
    assert derive(make_profile(personnel=nobody), EngineConfig()).personnel_deployed is False
    assert derive(make_profile(personnel={"in_public_space": True}), EngineConfig()).personnel_deployed is True


def test_missing_ambition_takes_the_configured_default_and_says_so():
    themes = ("representatie", "toegankelijkheid", "sociale_veiligheid")
    derived = derive(
        make_profile(ambition={"representatie": "ambitieus"}), EngineConfig(default_ambition="basis"), themes
    )
    assert derived.ambition == {
        "representatie": "ambitieus",
        "toegankelijkheid": "basis",
        "sociale_veiligheid": "basis",
    }
    assert Notice("default_ambition", {"themes": ("toegankelijkheid", "sociale_veiligheid"), "default": "basis"}) in (
        derived.notes
    )


def test_default_ambition_must_be_a_level():
    with pytest.raises(ValueError, match="default_ambition"):
        EngineConfig(default_ambition="hoog")


def test_an_undecided_band_still_knows_which_bands_are_possible():
    derived = derive(make_profile(social_services=None, estimated_value_eur=300_000), EngineConfig())
    assert derived.size_band is None
    assert derived.possible_regimes == ("meervoudig_onderhands", "europees")
    assert derived.smallest_size_band == "midden"


def test_a_comparison_holding_for_every_possible_band_is_decided():
    from mvoi_criteria.conditions import compile_condition
    from mvoi_criteria.derive import fact_table

    profile = make_profile(social_services=None, estimated_value_eur=300_000)
    facts = fact_table(profile, derive(profile, EngineConfig()))
    assert compile_condition({"field": "derived.size_band", "in": ["midden", "groot"]}).evaluate(facts).value is True
    assert compile_condition({"field": "derived.size_band", "eq": "klein"}).evaluate(facts).value is False
    undecided = compile_condition({"field": "derived.size_band", "eq": "groot"}).evaluate(facts)
    assert undecided.value is None and undecided.unknown_fields == ("derived.size_band",)
    assert compile_condition({"field": "derived.size_band", "exists": True}).evaluate(facts).value is False
