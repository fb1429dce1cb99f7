"""Loading and validating tender profiles."""

from __future__ import annotations

import datetime as dt

import pytest

from mvoi_criteria import ProfileError, load_profile, parse_profile
from mvoi_criteria.profile import profile_to_dict

from .conftest import ROOT


def test_bundled_example_loads_with_its_values():
    profile = load_profile(ROOT / "examples" / "uitzendkrachten.yaml")
    assert profile.estimated_value_eur == 80_000_000
    assert profile.publication_date == dt.date(2026, 9, 1)
    assert profile.personnel.works_for_municipality is True
    assert profile.personnel.vulnerable_groups == ()


def test_every_error_is_reported_at_once_with_path_and_line():
    text = "title: X\nprocurement_kind: diensen\nestimated_value_eur: -5\npersonnel:\n  in_homes: true\n"
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "p.yaml")
    problems = {p.path: p for p in caught.value.problems}
    assert set(problems) == {"$.procurement_kind", "$.estimated_value_eur", "$.personnel"}
    assert problems["$.procurement_kind"].line == 2
    assert "diensten" in problems["$.procurement_kind"].message
    assert "in_homes" in problems["$.personnel"].message
    assert "p.yaml:3: $.estimated_value_eur" in caught.value.report()


def test_yaml_syntax_error_names_the_line():
    with pytest.raises(ProfileError) as caught:
        parse_profile("title: X\npersonnel: [unclosed\n", "bad.yaml")
    assert caught.value.problems[0].line is not None
    assert "not valid YAML" in caught.value.problems[0].message


def test_missing_title_is_an_error():
    with pytest.raises(ProfileError, match=r"\$: 'title' is a required property"):
        parse_profile("procurement_kind: werken\n")


def test_a_non_mapping_profile_is_rejected():
    with pytest.raises(ProfileError, match="mapping"):
        parse_profile("- a\n- b\n")


def test_unreadable_file_is_a_profile_error(tmp_path):
    with pytest.raises(ProfileError, match="cannot read file"):
        load_profile(tmp_path / "missing.yaml")


def test_unknown_fields_stay_unknown_and_values_round_trip_unchanged():
    text = "title: X\nestimated_value_eur: 80000000\ncpv_codes: ['79620000-6']\nresult: {digital: true}\n"
    profile = parse_profile(text)
    assert profile.procurement_kind is None
    assert profile.result.physical is None
    assert profile_to_dict(profile) == {
        "title": "X",
        "estimated_value_eur": 80000000,
        "cpv_codes": ["79620000-6"],
        "result": {"digital": True},
    }
    assert isinstance(profile_to_dict(profile)["estimated_value_eur"], int)


def test_explicit_null_means_unknown():
    profile = parse_profile("title: X\nused_by: null\npersonnel: null\n")
    assert profile.used_by is None
    assert profile.personnel.works_for_municipality is None


def test_bad_date_is_rejected():
    with pytest.raises(ProfileError, match="publication_date"):
        parse_profile("title: X\npublication_date: 2026-13-45\n")


def test_problems_come_in_line_order_and_suggest_a_close_field_name():
    text = "title: X\nused_by: iedereen\npersonnel:\n  in_homes: true\nestimated_value_eur: veel\n"
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "p.yaml")
    assert [p.line for p in caught.value.problems] == [2, 3, 5]
    assert "'in_homes' (did you mean 'in_residents_homes'?)" in caught.value.problems[1].message
