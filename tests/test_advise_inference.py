"""`advise` assumes unknown facts from words and codes, lists them, and can be told not to."""

from __future__ import annotations

import json

from click.testing import CliRunner

from mvoi_criteria import advice_to_json, advise, profile_from_dict
from mvoi_criteria.advice import advice_from_dict
from mvoi_criteria.cli import main
from mvoi_criteria.engine import restate
from mvoi_criteria.report import render_markdown, render_text
from mvoi_criteria.validation import schema_problems

TITLE_ONLY = {"title": "Inhuur uitzendkrachten en schoonmaak stadsloket", "cpv_codes": ["79620000-6"]}


def test_assumptions_are_listed_and_the_profile_keeps_only_the_buyers_answers(test_packs) -> None:
    advice = advise(profile_from_dict(TITLE_ONLY), packs=test_packs)
    fields = {a.field for a in advice.assumptions}
    assert {"procurement_kind", "personnel.works_for_municipality", "personnel.at_municipal_sites"} <= fields
    assert advice.profile == TITLE_ONLY  # nothing assumed passes as the buyer's answer
    assert advice.derived.personnel_deployed is True


def test_inference_can_be_turned_off(test_packs) -> None:
    advice = advise(profile_from_dict(TITLE_ONLY), packs=test_packs, infer_facts=False)
    assert advice.assumptions == ()
    assert advice.derived.personnel_deployed is None


def test_an_invalid_cpv_code_is_noted_and_not_used(test_packs) -> None:
    advice = advise(profile_from_dict({"title": "Opdracht", "cpv_codes": ["79620000-5"]}), packs=test_packs)
    assert advice.assumptions == ()
    assert any(isinstance(note, str) and "onjuist controlecijfer" in note for note in advice.notes)


def test_advice_with_assumptions_is_valid_json_and_round_trips(test_packs) -> None:
    advice = advise(profile_from_dict(TITLE_ONLY), packs=test_packs)
    data = json.loads(advice_to_json(advice))
    assert schema_problems("advice", data) == []
    assert advice_to_json(advice_from_dict(data)) == advice_to_json(advice)


def test_summaries_show_the_confirming_question_and_source_in_dutch(test_packs) -> None:
    advice = advise(profile_from_dict(TITLE_ONLY), packs=test_packs)
    text = render_text(advice)
    assert "Aannames (bevestig of corrigeer):" in text
    assert "Klopt het dat de opdrachtnemer mensen inzet" in text
    assert "bron: CPV-code 79620000-6" in text
    assert "personnel." not in text.split("Aannames")[1].split("\n\n")[0]
    assert "## Aannames" in render_markdown(advice)


def test_restating_a_criterion_keeps_the_assumed_facts(test_packs) -> None:
    # a new tender of known size: an unknown situation or size leaves it undecided (rulebook: total burden)
    known = {"situation": "nieuwe_aanbesteding", "estimated_value_eur": 900000, "publication_date": "2026-03-01"}
    advice = advise(profile_from_dict({**TITLE_ONLY, **known}), packs=test_packs)
    applied = advice.criterion("t-rep-selectie")  # applies only because personnel deployment is assumed
    pack = test_packs.by_id(applied.pack)
    criterion = next(c for c in pack.criteria if c.id == applied.id)
    assert restate(advice, applied.id, criterion.variants[0], test_packs).id == applied.id


def test_the_cli_turns_inference_off_with_no_infer(tmp_path) -> None:
    path = tmp_path / "profiel.yaml"
    path.write_text("title: Inhuur uitzendkrachten\n", encoding="utf-8")
    on = CliRunner().invoke(main, ["advise", str(path), "--format", "json"])
    off = CliRunner().invoke(main, ["advise", str(path), "--format", "json", "--no-infer"])
    assert on.exit_code == 0 and off.exit_code == 0, on.output + off.output
    assert json.loads(on.stdout)["assumptions"]
    assert json.loads(off.stdout)["assumptions"] == []


def test_a_category_from_a_word_reaches_the_derived_categories(test_packs) -> None:
    advice = advise(profile_from_dict({"title": "Liftonderhoud stadhuis"}), packs=test_packs)
    assert "liften" in advice.derived.categories
    assert "categories" not in advice.profile
    off = advise(profile_from_dict({"title": "Liftonderhoud stadhuis"}), packs=test_packs, infer_facts=False)
    assert off.derived.categories is None
