"""Inference of profile facts and categories from CPV codes and Dutch words, always as assumptions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria.categories import category_ids
from mvoi_criteria.inference import (
    CpvCode,
    CpvProblem,
    apply_assumptions,
    check_digit,
    infer,
    infer_text,
    is_social_service,
    load_rules,
    parse_cpv,
    rule_set,
)
from mvoi_criteria.inference.infer import FACT_FIELDS
from mvoi_criteria.inference.rules import RulesError
from mvoi_criteria.profile import profile_from_dict
from mvoi_criteria.testing.strategies import profile_dicts
from mvoi_criteria.validation import schema

from .conftest import make_profile


def _words(text: str) -> list[tuple[str, str]]:
    return [(m.word, m.rule.id) for m in rule_set().match_words(text)]


@pytest.mark.parametrize("code", ["79620000-6", "90910000-9", "72000000-5", "48000000-8", "85312000-9", "45000000-7"])
def test_known_cpv_codes_have_a_valid_check_digit(code: str) -> None:
    parsed = parse_cpv(code)
    assert isinstance(parsed, CpvCode)
    assert check_digit(parsed.digits) == int(code[-1])


@pytest.mark.parametrize("code", ["09100000-0", "03300000-2", "51000000-9"])
def test_published_exceptions_to_the_check_digit_rule_are_accepted(code: str) -> None:
    assert isinstance(parse_cpv(code), CpvCode)


def test_a_wrong_check_digit_is_reported_with_the_expected_one() -> None:
    problem = parse_cpv("79620000-5")
    assert isinstance(problem, CpvProblem)
    assert "79620000-6" in problem.message and "controlecijfer" in problem.message


def test_a_code_without_check_digit_is_accepted_and_garbage_is_a_problem() -> None:
    assert parse_cpv("79620000") == CpvCode("79620000", None)
    assert isinstance(parse_cpv("7962"), CpvProblem)


def test_an_invalid_code_infers_nothing_and_is_reported() -> None:
    found = infer_text("Opdracht", None, ("79620000-5",))
    assert found.assumptions == ()
    assert [p.code for p in found.problems] == ["79620000-5"]


def test_social_services_come_from_the_eforms_list_including_subcodes() -> None:
    assert is_social_service(CpvCode("85312000"))
    assert is_social_service(CpvCode("92510000"))  # under 92500000, listed
    assert not is_social_service(CpvCode("79620000"))
    assert infer_text("x", None, ("85312000-9",)).value("social_services") is True
    assert infer_text("x", None, ("90910000-9",)).value("social_services") is False


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Schoonmaakdiensten stadsdeelkantoren", "schoonmaak"),
        ("Liftonderhoud", "liftonderhoud"),
        ("Liftinstallatie", "lift"),
        ("Koffieautomaten", "automaten"),
        ("Beveiligers", "beveiliging"),
        ("Boa-inzet", "boa"),
        ("Inhuur uitzendkrachten", "inhuur"),
        ("Nieuwe webapp", "app"),
        ("Trapliften", "traplift"),
        ("Armaturen", "verlichting"),
        ("Werkkleding", "kleding"),
        ("Jeugdhulp", "jeugdhulp"),
        ("Jongerenfestival", "jongeren"),
        ("Wmo-begeleiding", "wmo"),
        ("Foto's voor de website", "fotografie"),
        ("Fietstellingen", "telpunten"),
    ],
)
def test_word_forms_and_compounds_match(text: str, rule: str) -> None:
    assert rule in [r for _, r in _words(text)]


def test_young_people_as_an_audience_are_not_youth_care():
    assumed = infer_text("Jongerenfestival Noord", None, ())
    assert assumed.value("personnel.vulnerable_groups") == ["jeugd"]
    assert assumed.value("social_services") is None
    assert "jeugdhulp" not in (assumed.value("categories") or [])


@pytest.mark.parametrize(
    "text",
    [
        "Apparatuur voor de werkplaats",
        "Applaus",
        "Eventueel later",
        "Informatiebeveiliging",
        "Uitzending op tv",
        "Instelling van een voorstelling",
        "Fotokopieerapparaat",
        "Automatisering",
    ],
)
def test_false_hits_are_avoided(text: str) -> None:
    assert _words(text) == []


def test_the_longest_form_decides_within_a_compound() -> None:
    assert _words("koffieautomaten") == [("koffieautomaten", "automaten")]
    assert _words("videobewaking") == [("videobewaking", "beveiliging")]
    assert _words("parkeerautomaten") == [("parkeerautomaten", "parkeerautomaten")]


def test_each_assumption_names_its_source_and_asks_a_dutch_question() -> None:
    found = infer_text("Inhuur uitzendkrachten", None, ("79620000-6",))
    works = next(a for a in found.assumptions if a.field == "personnel.works_for_municipality")
    assert works.value is True
    assert "CPV-code 79620000-6" in works.source
    assert works.question.startswith("Klopt het dat") and works.question.endswith("?")
    # the code's own category is derived by the engine, so only the words' other categories are assumed
    assert [a.value for a in found.assumptions if a.field == "categories"] == []
    worded = infer_text("Inhuur uitzendkrachten", None, ())
    category = next(a for a in worded.assumptions if a.field == "categories")
    assert category.value == "uitzend_inhuur"
    assert 'woord "uitzendkrachten" (titel)' in category.source
    assert category.question == "Klopt het dat de opdracht gaat over uitzendkrachten en inhuur?"


def test_a_code_beats_a_word_and_disagreeing_words_leave_the_fact_unknown() -> None:
    assert infer_text("Koffieautomaten", None, ("79620000-6",)).value("procurement_kind") == "diensten"
    # catering (diensten) and koffie (leveringen) disagree: no assumption about the kind
    assert infer_text("Catering en koffie", None, ()).value("procurement_kind") is None


def test_words_about_people_in_a_supply_describe_its_users() -> None:
    worn = infer_text("Werkkleding voor handhavers", None, ())
    assert worn.value("personnel.works_for_municipality") is None
    assert infer_text("Handhavers in het Vondelpark", None, ()).value("personnel.in_public_space") is True
    products = infer_text("Schoonmaakmiddelen en beveiligingscamera's", None, ())
    assert products.value("procurement_kind") == "leveringen"
    assert products.value("personnel.works_for_municipality") is None
    assert products.categories == ()


def test_vulnerable_groups_add_up() -> None:
    assert infer_text("Jeugdhulp en Wmo", None, ()).value("personnel.vulnerable_groups") == ["jeugd", "wmo_clienten"]


def test_pure_supplies_carry_a_signal() -> None:
    assert "pure_supply" in infer_text("Levering strooizout", None, ()).signals
    assert "pure_supply" not in infer_text("Schoonmaak", None, ()).signals


def test_facts_the_buyer_gave_always_win() -> None:
    profile = make_profile(title="Inhuur uitzendkrachten", personnel={"works_for_municipality": False})
    found = infer(profile)
    assert "personnel.works_for_municipality" not in [a.field for a in found.assumptions]
    assert apply_assumptions(profile, found.assumptions).personnel.works_for_municipality is False


def test_assumptions_fill_only_unknown_facts() -> None:
    profile = make_profile(title="Schoonmaak stadsloket", personnel=None, used_by=None, procurement_kind=None)
    filled = apply_assumptions(profile, infer(profile).assumptions)
    assert filled.personnel.works_for_municipality is True
    assert filled.personnel.at_municipal_sites is True
    assert filled.procurement_kind == "diensten"
    assert filled.estimated_value_eur == profile.estimated_value_eur
    assert filled.used_by is None  # nothing suggests who uses the result


def test_rule_categories_are_the_fixed_vocabulary() -> None:
    assert tuple(schema("inference-rules")["$defs"]["category"]["enum"]) == category_ids()


def test_a_bad_rules_file_is_reported_with_its_line() -> None:
    text = 'version: "1"\ncpv: []\nwords:\n  - id: x\n    forms: [Lift]\n'
    with pytest.raises(RulesError) as caught:
        load_rules(text, "rules.yaml")
    assert "rules.yaml:5" in caught.value.report()


def test_staff_and_residents_named_together_means_both() -> None:
    assert infer_text("Website voor bewoners en medewerkers", None, ()).value("used_by") == "beide"
    assert infer_text("Nieuwe bewonersapp", None, ()).value("used_by") == "bewoners"
    assert infer_text("Burgerzaken balie", None, ()).value("used_by") is None


def test_lift_maintenance_is_a_service() -> None:
    found = infer_text("Liftonderhoud gemeentelijke panden", None, ())
    assert found.value("procurement_kind") == "diensten"
    assert found.categories == ("liften",)


_TITLE_WORDS = ["Inhuur", "uitzendkrachten", "schoonmaak", "beveiligers", "boa-inzet", "liftonderhoud",
                "koffieautomaten", "website", "jeugdhulp", "wmo", "werkkleding", "strooizout", "bewoners", "levering"]  # fmt: skip


@given(
    data=profile_dicts(),
    words=st.lists(st.sampled_from(_TITLE_WORDS), min_size=1, max_size=4),
    codes=st.lists(st.sampled_from(["79620000-6", "90910000-9", "85312000-9", "42416100-6", "34927100-2"]), max_size=2),
)
def test_an_assumption_never_replaces_what_the_buyer_gave(data, words, codes) -> None:
    data = {**data, "title": " ".join(words)}
    if codes and "cpv_codes" not in data:
        data["cpv_codes"] = codes
    profile = profile_from_dict(data)
    found = infer(profile)
    filled = apply_assumptions(profile, found.assumptions)
    for a in found.assumptions:
        if a.field != "categories":
            assert _value(profile, a.field) is None  # only unknown facts are assumed
    for field in FACT_FIELDS:
        if _value(profile, field) is not None:
            assert _value(filled, field) == _value(profile, field)
    if profile.categories is not None:
        assert filled.categories == profile.categories


def _value(profile, field):
    value = profile
    for part in field.split("."):
        value = getattr(value, part)
    return value
