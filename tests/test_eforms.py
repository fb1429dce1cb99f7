"""eForms export: fields filled from the advice, and every eForms rule checked, positive and negative."""

from __future__ import annotations

import copy

import pytest

from mvoi_criteria import AwardCriterion, EformsError, export_eforms, validate_eforms
from mvoi_criteria.eforms import award_criteria_from_data, load_award_criteria

from .fixtures.docs import docs_advice

NO_SOCIAL_RESULT = {"physical": False, "digital": False, "event_or_venue": False, "communication": False}
NO_PERSONNEL = {
    "works_for_municipality": False,
    "at_municipal_sites": False,
    "in_public_space": False,
    "in_residents_homes": False,
    "vulnerable_groups": [],
}


@pytest.fixture
def valid() -> dict:
    """A complete export: inclusion 15%, price 60%, quality 25%."""
    export = export_eforms(docs_advice(), price_weight=60, other_criteria=[AwardCriterion("Kwaliteit", "quality", 25)])
    assert validate_eforms(export) == []
    return export


def paths(export: dict) -> list[str]:
    return [p.path for p in validate_eforms(export)]


# --- export ----------------------------------------------------------------------------------------


def test_social_criteria_give_soc_obj_with_the_pack_codes_and_a_description(valid):
    (strategic,) = valid["lot"]["strategic_procurement"]
    assert strategic["BT-06"] == "soc-obj"
    assert strategic["BT-775"] == ["acc-all", "et-eq", "opp", "work-cond"]
    assert "Sociale veiligheid: Meldpunt ongewenst gedrag; Aanpak sociale veiligheid" in strategic["BT-777"]


def test_inclusion_award_criteria_are_quality_with_percent_weights(valid):
    criteria = valid["lot"]["award_criteria"]
    social = [c for c in criteria if "mvoi_criterion" in c]
    assert [(c["mvoi_criterion"], c["BT-539"], c["BT-541"], c["BT-5421"]) for c in social] == [
        ("doc-rep-werving", "quality", 10, "per-exa"),
        ("doc-sv-aanpak", "quality", 5, "per-exa"),
    ]
    assert {"BT-539": "price", "BT-734": "Prijs", "BT-541": 60, "BT-5421": "per-exa"} in criteria
    assert valid["lot"]["BT-543"].startswith("Weging: Inclusieve werving 10%")


def test_accessibility_included_gives_inc_without_justification(valid):
    assert valid["lot"]["BT-754"] == "inc"
    assert "BT-755" not in valid["lot"]


def test_result_not_for_people_gives_n_inc():
    export = export_eforms(docs_advice(used_by="niemand"), price_weight=85)
    assert export["lot"]["BT-754"] == "n-inc"
    assert "BT-755" not in export["lot"]


def test_undecided_accessibility_is_refused_asking_for_used_by():
    with pytest.raises(EformsError) as info:
        export_eforms(docs_advice(used_by=None), price_weight=85)
    assert "$.used_by" in info.value.report()
    assert "fill in 'used_by'" in info.value.report()


def test_n_inc_just_takes_the_justification_given_to_the_export():
    advice = docs_advice(result=NO_SOCIAL_RESULT)
    assert advice.accessibility.status == "n-inc-just"
    without = export_eforms(advice, price_weight=85)
    assert "$.lot.BT-755" in paths(without)
    export = export_eforms(advice, price_weight=85, accessibility_justification="Alleen telefonische dienstverlening.")
    assert export["lot"]["BT-755"] == "Alleen telefonische dienstverlening."
    assert validate_eforms(export) == []


def test_no_social_criteria_give_bt_06_none_without_description():
    advice = docs_advice(
        personnel=NO_PERSONNEL, used_by="niemand", result=NO_SOCIAL_RESULT, estimated_value_eur=100_000
    )
    export = export_eforms(advice, price_weight=100)
    assert export["lot"]["strategic_procurement"] == [{"BT-06": "none"}]
    assert validate_eforms(export) == []


def test_other_criteria_can_be_given_as_plain_mappings():
    export = export_eforms(docs_advice(), other_criteria=[{"name": "Prijs", "type": "price", "weight": 85}])
    assert validate_eforms(export) == []


def test_other_criteria_file_problems_are_all_reported_with_lines(tmp_path):
    path = tmp_path / "criteria.yaml"
    path.write_text(
        "- name: Prijs\n  type: prijs\n  weight: 60\n- name: ''\n  type: quality\n  weight: 0\n  kleur: rood\n",
        encoding="utf-8",
    )
    with pytest.raises(EformsError) as info:
        load_award_criteria(path)
    report = info.value.report()
    assert f"{path}:2: $[0].type" in report
    assert f"{path}:4: $[1].name" in report
    assert f"{path}:6: $[1].weight" in report
    assert f"{path}:7: $[1].kleur" in report


def test_other_criteria_accept_a_mapping_with_criteria():
    assert award_criteria_from_data({"criteria": [{"name": "Prijs", "type": "price", "weight": 60}]}) == (
        AwardCriterion("Prijs", "price", 60),
    )


# --- validation rules, each negative ---------------------------------------------------------------


def test_bt_06_code_must_be_in_the_codelist(valid):
    valid["lot"]["strategic_procurement"][0]["BT-06"] = "social"
    assert "$.lot.strategic_procurement[0].BT-06" in paths(valid)


def test_bt_777_is_required_when_bt_06_is_not_none(valid):
    del valid["lot"]["strategic_procurement"][0]["BT-777"]
    assert paths(valid) == ["$.lot.strategic_procurement[0].BT-777"]


def test_bt_777_must_be_absent_when_bt_06_is_none(valid):
    valid["lot"]["strategic_procurement"] = [{"BT-06": "none", "BT-777": "Iets"}]
    assert paths(valid) == ["$.lot.strategic_procurement[0].BT-777"]


def test_bt_06_none_cannot_be_combined(valid):
    valid["lot"]["strategic_procurement"].append({"BT-06": "none"})
    assert "$.lot.strategic_procurement" in paths(valid)


def test_bt_775_codes_must_be_in_the_codelist(valid):
    valid["lot"]["strategic_procurement"][0]["BT-775"] = ["work-cond", "social-safety"]
    assert paths(valid) == ["$.lot.strategic_procurement[0].BT-775[1]"]


def test_bt_775_only_with_soc_obj(valid):
    valid["lot"]["strategic_procurement"] = [{"BT-06": "env-imp", "BT-777": "Milieu", "BT-775": ["work-cond"]}]
    assert paths(valid) == ["$.lot.strategic_procurement[0].BT-775"]


def test_bt_754_code_must_be_in_the_codelist(valid):
    valid["lot"]["BT-754"] = "undecided"
    assert paths(valid) == ["$.lot.BT-754"]


def test_bt_755_is_required_iff_bt_754_is_n_inc_just(valid):
    justified = copy.deepcopy(valid)
    justified["lot"]["BT-754"] = "n-inc-just"
    assert paths(justified) == ["$.lot.BT-755"]
    justified["lot"]["BT-755"] = "Reden"
    assert paths(justified) == []
    valid["lot"]["BT-755"] = "Reden"
    assert paths(valid) == ["$.lot.BT-755"]


def test_bt_539_code_must_be_in_the_codelist(valid):
    valid["lot"]["award_criteria"][2]["BT-539"] = "kwaliteit"
    assert paths(valid) == ["$.lot.award_criteria[2].BT-539"]


def test_social_award_criteria_must_be_quality(valid):
    valid["lot"]["award_criteria"][0]["BT-539"] = "cost"
    assert paths(valid) == ["$.lot.award_criteria[0].BT-539"]


def test_bt_734_name_is_required(valid):
    valid["lot"]["award_criteria"][3]["BT-734"] = " "
    assert paths(valid) == ["$.lot.award_criteria[3].BT-734"]


def test_bt_5421_code_must_be_in_the_codelist(valid):
    for criterion in valid["lot"]["award_criteria"]:
        criterion["BT-5421"] = "percent"
    assert "$.lot.award_criteria[0].BT-5421" in paths(valid)


def test_bt_5421_is_required_with_a_weight(valid):
    del valid["lot"]["award_criteria"][1]["BT-5421"]
    assert paths(valid) == ["$.lot.award_criteria[1].BT-5421"]


def test_percent_weights_must_add_up_to_exactly_100():
    short = export_eforms(docs_advice(), price_weight=60)
    problems = validate_eforms(short)
    assert [p.path for p in problems] == ["$.lot.award_criteria"]
    assert "add up to 75, not 100" in problems[0].message
    near = export_eforms(docs_advice(), price_weight=84.9)
    assert "add up to 99.9, not 100" in validate_eforms(near)[0].message


def test_decimal_weights_that_add_up_to_100_are_exact():
    others = [
        AwardCriterion("Prijs", "price", 28.3),
        AwardCriterion("Plan", "quality", 28.3),
        AwardCriterion("Team", "quality", 28.4),
    ]
    assert validate_eforms(export_eforms(docs_advice(), other_criteria=others)) == []


def test_inclusion_weights_alone_are_flagged_until_the_buyer_adds_price():
    export = export_eforms(docs_advice())
    assert "add the price and other award criteria" in validate_eforms(export)[0].message


def test_bt_543_is_required_when_a_criterion_has_no_weight(valid):
    for criterion in valid["lot"]["award_criteria"]:
        criterion.pop("BT-541")
        criterion.pop("BT-5421")
    assert paths(valid) == []  # the export describes the weighting in words
    del valid["lot"]["BT-543"]
    assert paths(valid) == ["$.lot.BT-543"]
