"""eForms export: fields filled from the advice, and every eForms rule checked, positive and negative."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest

import mvoi_criteria
from mvoi_criteria import AwardCriterion, EformsError, export_eforms, validate_eforms
from mvoi_criteria.eforms import award_criteria_from_data, eforms_warnings, load_award_criteria

from .fixtures.docs import docs_advice

NO_SOCIAL_RESULT = {"physical": False, "digital": False, "event_or_venue": False, "communication": False}
NO_PERSONNEL = {
    "works_for_municipality": False,
    "at_municipal_sites": False,
    "in_public_space": False,
    "in_residents_homes": False,
    "vulnerable_groups": [],
}


# The pinned SDK subset next to the repository (../shared/eforms-sdk); the shipped copy where it is absent.
SHIPPED = Path(mvoi_criteria.__file__).parent / "eforms_sdk"
SDK = next(
    (
        p
        for p in (Path(__file__).resolve().parents[2] / "shared" / "eforms-sdk", Path("/work/shared/eforms-sdk"))
        if p.exists()
    ),
    None,
)


@pytest.fixture
def valid() -> dict:
    """A complete export: inclusion 15%, price 60%, quality 25%."""
    export = export_eforms(docs_advice(), price_weight=60, other_criteria=[AwardCriterion("Kwaliteit", "quality", 25)])
    assert validate_eforms(export) == []
    assert eforms_warnings(export) == []
    return export


def lot(export: dict) -> dict:
    return export["notice"]["ND-Lot"][0]


def scope(export: dict) -> dict:
    return lot(export)["ND-LotProcurementScope"]


def criteria(export: dict) -> list[dict]:
    return lot(export)["ND-LotTenderingTerms"]["ND-AwardingTerms"]["ND-LotAwardCriteria"]["ND-LotAwardCriterion"]


def weight(criterion: dict) -> dict:
    return criterion["ND-LotAwardCriterionParameters"]["ND-LotAwardWeightCriterionParameter"]


def paths(export: dict) -> list[str]:
    return [p.path for p in validate_eforms(export)]


AT = "$.notice.ND-Lot[0]"
CRITERIA = f"{AT}.ND-LotTenderingTerms.ND-AwardingTerms.ND-LotAwardCriteria"
SCOPE = f"{AT}.ND-LotProcurementScope"


# --- export ----------------------------------------------------------------------------------------


def test_social_criteria_give_soc_obj_with_sibling_social_objective_nodes(valid):
    (strategic,) = scope(valid)["ND-StrategicProcurementType"]
    assert strategic["BT-06-Lot"] == "soc-obj"
    assert "BT-775-Lot" not in strategic  # a sibling node in the SDK, not nested in BT-06
    assert [n["BT-775-Lot"] for n in scope(valid)["ND-LotSocialObjectiveType"]] == [
        "acc-all",
        "et-eq",
        "opp",
        "work-cond",
    ]
    assert "Sociale veiligheid: Meldpunt ongewenst gedrag; Aanpak sociale veiligheid" in strategic["BT-777-Lot"]["NLD"]


def test_inclusion_award_criteria_are_quality_with_percent_weights_and_a_description(valid):
    social = criteria(valid)[:2]
    assert valid["mvoi-criteria"]["awardCriterionSources"][:2] == ["doc-rep-werving", "doc-sv-aanpak"]
    assert [(c["BT-539-Lot"], weight(c)["BT-541-Lot-WeightNumber"], weight(c)["BT-5421-Lot"]) for c in social] == [
        ("quality", 10, "per-exa"),
        ("quality", 5, "per-exa"),
    ]
    assert all(c["BT-540-Lot"]["NLD"] for c in criteria(valid))


def test_price_criterion_has_bt_540_next_to_bt_539(valid):
    price = next(c for c in criteria(valid) if c["BT-539-Lot"] == "price")
    assert price["BT-734-Lot"] == {"NLD": "Prijs"}
    assert price["BT-540-Lot"]["NLD"]
    assert weight(price) == {"BT-541-Lot-WeightNumber": 60, "BT-5421-Lot": "per-exa"}


def test_weighting_in_words_is_absent_when_weights_are_numbers(valid):
    assert "BT-543-Lot" not in lot(valid)["ND-LotTenderingTerms"]["ND-AwardingTerms"]["ND-LotAwardCriteria"]


def test_texts_carry_language_ids_and_fall_back_to_dutch_per_text():
    export = export_eforms(docs_advice(), price_weight=85, lang="en")
    assert "lang" not in export
    names = [c["BT-734-Lot"] for c in criteria(export)]
    assert {"ENG": "Inclusive recruitment"} in names and {"ENG": "Price"} in names
    assert any("NLD" in c["BT-540-Lot"] for c in criteria(export))  # a clause without English stays Dutch


def test_every_key_is_a_node_or_field_of_the_sdk():
    fields = SDK / "fields" / "fields.json" if SDK else SHIPPED / "fields.json"
    sdk = json.loads(fields.read_text(encoding="utf-8"))
    known = {f["id"] for f in sdk["fields"]} | {n["id"] for n in sdk["xmlStructure"]}
    multilingual = {f["id"] for f in sdk["fields"] if f["type"] == "text-multilingual"}

    def keys(value, parent=None):
        if isinstance(value, dict):
            for key, child in value.items():
                if parent in multilingual:
                    assert key in ("NLD", "ENG")
                    continue
                assert key in known, key
                yield key
                yield from keys(child, key)
        elif isinstance(value, list):
            for child in value:
                yield from keys(child, parent)

    export = export_eforms(docs_advice(), price_weight=85)
    assert "BT-540-Lot" in set(keys(export["notice"]))


def test_reserved_participation_is_none_unless_a_criterion_asks_for_it(valid):
    reserved = lot(valid)["ND-LotTenderingTerms"]["ND-LotReservedParticipation"]["ND-LotReservedProcurement"]
    assert reserved == [{"BT-71-Lot": "none"}]
    advice = docs_advice()
    themes = tuple(
        attrs.evolve(
            t, criteria=tuple(attrs.evolve(c, eforms=attrs.evolve(c.eforms, bt_71="res-ws")) for c in t.criteria)
        )
        for t in advice.themes
    )
    export = export_eforms(attrs.evolve(advice, themes=themes), price_weight=85)
    reserved = lot(export)["ND-LotTenderingTerms"]["ND-LotReservedParticipation"]["ND-LotReservedProcurement"]
    assert reserved == [{"BT-71-Lot": "res-ws"}]
    assert validate_eforms(export) == []


def test_information_questions_stay_out_of_eforms():
    advice = docs_advice()
    themes = tuple(
        attrs.evolve(t, criteria=tuple(attrs.evolve(c, kind="informatievraag") for c in t.criteria))
        for t in advice.themes
    )
    export = export_eforms(attrs.evolve(advice, themes=themes), price_weight=100)
    assert scope(export)["ND-StrategicProcurementType"] == [{"BT-06-Lot": "none"}]
    assert [c["BT-539-Lot"] for c in criteria(export)] == ["price"]


def test_without_a_price_weight_the_export_is_valid_with_price_to_complete():
    export = export_eforms(docs_advice())
    assert validate_eforms(export) == []
    (warning,) = eforms_warnings(export)
    price = criteria(export)[-1]
    assert price["BT-539-Lot"] == "price" and "ND-LotAwardCriterionParameters" not in price
    assert warning.path == export["mvoi-criteria"]["toComplete"][0]
    assert "still to be completed" in warning.message


def test_accessibility_included_gives_inc_without_justification(valid):
    assert scope(valid)["ND-AccessibilityJustification"] == {"BT-754-Lot": "inc"}


def test_result_not_for_people_gives_n_inc():
    export = export_eforms(docs_advice(used_by="niemand"), price_weight=85)
    assert scope(export)["ND-AccessibilityJustification"] == {"BT-754-Lot": "n-inc"}


def test_undecided_accessibility_is_refused_naming_the_file():
    with pytest.raises(EformsError) as info:
        export_eforms(docs_advice(used_by=None), price_weight=85, source="profiel.yaml")
    assert "profiel.yaml: $.used_by" in info.value.report()
    assert "Inhuur testpersoneel" not in info.value.report()


def test_n_inc_just_takes_the_justification_given_to_the_export():
    advice = docs_advice(result=NO_SOCIAL_RESULT)
    assert advice.accessibility.status == "n-inc-just"
    assert f"{SCOPE}.ND-AccessibilityJustification.BT-755-Lot" in paths(export_eforms(advice, price_weight=85))
    export = export_eforms(advice, price_weight=85, accessibility_justification="Alleen telefonische dienstverlening.")
    assert scope(export)["ND-AccessibilityJustification"]["BT-755-Lot"] == {
        "NLD": "Alleen telefonische dienstverlening."
    }
    assert validate_eforms(export) == []


def test_no_social_criteria_give_bt_06_none_without_description():
    advice = docs_advice(
        personnel=NO_PERSONNEL, used_by="niemand", result=NO_SOCIAL_RESULT, estimated_value_eur=100_000
    )
    export = export_eforms(advice, price_weight=100)
    assert scope(export)["ND-StrategicProcurementType"] == [{"BT-06-Lot": "none"}]
    assert "ND-LotSocialObjectiveType" not in scope(export)
    assert validate_eforms(export) == []


def test_other_criteria_can_be_given_as_plain_mappings():
    export = export_eforms(docs_advice(), other_criteria=[{"name": "Prijs", "type": "price", "weight": 85}])
    assert validate_eforms(export) == [] and eforms_warnings(export) == []


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


def test_unknown_keys_and_misplaced_fields_are_named(valid):
    lot(valid)["BT-06"] = "soc-obj"
    scope(valid)["BT-539-Lot"] = "price"
    assert set(paths(valid)) == {f"{AT}.BT-06", f"{SCOPE}.BT-539-Lot"}


def test_codes_must_be_in_the_sdk_codelists(valid):
    scope(valid)["ND-StrategicProcurementType"][0]["BT-06-Lot"] = "social"
    scope(valid)["ND-LotSocialObjectiveType"][1]["BT-775-Lot"] = "social-safety"
    criteria(valid)[2]["BT-539-Lot"] = "kwaliteit"
    assert {
        f"{SCOPE}.ND-StrategicProcurementType[0].BT-06-Lot",
        f"{SCOPE}.ND-LotSocialObjectiveType[1].BT-775-Lot",
        f"{CRITERIA}.ND-LotAwardCriterion[2].BT-539-Lot",
    } <= set(paths(valid))


def test_repeatable_nodes_are_lists_and_single_nodes_are_not(valid):
    scope(valid)["ND-LotSocialObjectiveType"] = {"BT-775-Lot": "opp"}
    assert f"{SCOPE}.ND-LotSocialObjectiveType" in paths(valid)


def test_bt_777_is_required_when_bt_06_is_not_none(valid):
    del scope(valid)["ND-StrategicProcurementType"][0]["BT-777-Lot"]
    assert paths(valid) == [f"{SCOPE}.ND-StrategicProcurementType[0].BT-777-Lot"]


def test_bt_777_must_be_absent_when_bt_06_is_none(valid):
    scope(valid)["ND-StrategicProcurementType"] = [{"BT-06-Lot": "none", "BT-777-Lot": {"NLD": "Iets"}}]
    del scope(valid)["ND-LotSocialObjectiveType"]
    assert paths(valid) == [f"{SCOPE}.ND-StrategicProcurementType[0].BT-777-Lot"]


def test_bt_775_needs_soc_obj(valid):
    scope(valid)["ND-StrategicProcurementType"] = [{"BT-06-Lot": "env-imp", "BT-777-Lot": {"NLD": "Milieu"}}]
    assert paths(valid) == [f"{SCOPE}.ND-LotSocialObjectiveType"]


def test_bt_755_is_required_iff_bt_754_is_n_inc_just(valid):
    access = scope(valid)["ND-AccessibilityJustification"]
    access["BT-754-Lot"] = "n-inc-just"
    assert paths(valid) == [f"{SCOPE}.ND-AccessibilityJustification.BT-755-Lot"]
    access["BT-755-Lot"] = {"NLD": "Reden"}
    assert paths(valid) == []
    access["BT-754-Lot"] = "inc"
    assert paths(valid) == [f"{SCOPE}.ND-AccessibilityJustification.BT-755-Lot"]


def test_bt_540_is_mandatory_with_bt_539(valid):
    del criteria(valid)[3]["BT-540-Lot"]
    assert set(paths(valid)) == {
        f"{CRITERIA}.ND-LotAwardCriterion[3].BT-540-Lot",
        f"{CRITERIA}.ND-LotAwardCriterion[3].BT-734-Lot",
        f"{CRITERIA}.ND-LotAwardCriterion[3].ND-LotAwardCriterionParameters",
    }


def test_lengths_come_from_the_sdk(valid):
    criteria(valid)[3]["BT-734-Lot"] = {"NLD": "x" * 401}
    assert paths(valid) == [f"{CRITERIA}.ND-LotAwardCriterion[3].BT-734-Lot.NLD"]
    assert "at most 400" in validate_eforms(valid)[0].message


def test_text_needs_a_language_id(valid):
    criteria(valid)[3]["BT-734-Lot"] = "Kwaliteit"
    assert paths(valid) == [f"{CRITERIA}.ND-LotAwardCriterion[3].BT-734-Lot"]


def test_bt_5421_is_required_with_a_weight_and_in_the_codelist(valid):
    del weight(criteria(valid)[1])["BT-5421-Lot"]
    weight(criteria(valid)[2])["BT-5421-Lot"] = "percent"
    assert set(paths(valid)) == {
        f"{CRITERIA}.ND-LotAwardCriterion[1].ND-LotAwardCriterionParameters.ND-LotAwardWeightCriterionParameter.BT-5421-Lot",
        f"{CRITERIA}.ND-LotAwardCriterion[2].ND-LotAwardCriterionParameters.ND-LotAwardWeightCriterionParameter.BT-5421-Lot",
    }


def test_weighting_in_words_is_forbidden_next_to_numbers(valid):
    lot(valid)["ND-LotTenderingTerms"]["ND-AwardingTerms"]["ND-LotAwardCriteria"]["BT-543-Lot"] = {"NLD": "Weging"}
    assert paths(valid) == [f"{CRITERIA}.BT-543-Lot"]


def test_bt_71_is_mandatory_in_a_contract_notice(valid):
    del lot(valid)["ND-LotTenderingTerms"]["ND-LotReservedParticipation"]
    (problem,) = validate_eforms(valid)
    assert problem.path == AT and "BT-71-Lot" in problem.message and "notice type 16" in problem.message


def test_percent_weights_may_differ_from_100_by_one_per_criterion():
    assert validate_eforms(export_eforms(docs_advice(), price_weight=84.9)) == []  # 99.9: within the SDK's tolerance
    assert validate_eforms(export_eforms(docs_advice(), price_weight=87)) == []  # 102 with 3 criteria: 100 ± 3
    problems = validate_eforms(export_eforms(docs_advice(), price_weight=60))
    assert [p.path for p in problems] == [f"{CRITERIA}.ND-LotAwardCriterion"]
    assert "add up to 75; the SDK allows 100 ± 3" in problems[0].message


def test_decimal_weights_are_added_exactly():
    others = [
        AwardCriterion("Prijs", "price", 28.3),
        AwardCriterion("Plan", "quality", 28.3),
        AwardCriterion("Team", "quality", 28.4),
    ]
    assert validate_eforms(export_eforms(docs_advice(), other_criteria=others)) == []


@pytest.mark.skipif(SDK is None, reason="the pinned eForms SDK folder ../shared/eforms-sdk is not on this machine")
def test_the_shipped_sdk_subset_is_what_the_refresh_script_builds(tmp_path):
    import runpy

    refresh = runpy.run_path(str(Path(__file__).parent.parent / "scripts" / "refresh_eforms_sdk.py"))["refresh"]
    refresh(SDK, tmp_path)
    shipped = SHIPPED
    for name in ("fields.json", "codelists.json", "ATTRIBUTION.md"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (shipped / name).read_text(encoding="utf-8")
    assert "CC BY 4.0" in (shipped / "ATTRIBUTION.md").read_text(encoding="utf-8")


def test_the_example_in_the_eforms_docs_is_a_valid_complete_export():
    page = (Path(__file__).parent.parent / "docs" / "eforms.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```json\n(.*?)```", page, flags=re.S)
    example = json.loads(block)
    assert validate_eforms(example) == [] and eforms_warnings(example) == []
    real = export_eforms(docs_advice(), price_weight=85)
    assert example.keys() == real.keys() and example["sdk"] == real["sdk"]


def test_social_services_are_announced_in_a_light_regime_notice():
    assert export_eforms(docs_advice(), price_weight=85)["sdk"]["noticeType"] == "16"
    light = export_eforms(docs_advice(social_services=True), price_weight=85)
    assert light["sdk"]["noticeType"] == "20"
    assert validate_eforms(light) == []
    del lot(light)["ND-LotTenderingTerms"]["ND-LotReservedParticipation"]
    assert "mandatory in notice type 20" in validate_eforms(light)[0].message


def test_a_running_contract_gets_no_notice_but_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from mvoi_criteria.cli import main

    from .conftest import ROOT

    profile = ROOT / "examples" / "schoonmaak-bestaand-contract.yaml"
    result = CliRunner().invoke(main, ["draft", str(profile), "--format", "eforms", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert "running contract" in result.output and "$.situation" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.json").exists()
