"""The engine: traces, questions, proportionality and accessibility placement (with the test packs)."""

from __future__ import annotations

import json

import attrs

from mvoi_criteria import EngineConfig, advice_to_json, advise
from mvoi_criteria.records import Notice, Reason

from .conftest import make_profile

GROOT = 1_000_000
MIDDEN = 100_000
KLEIN = 20_000


def outcomes(advice):
    return {t.criterion: t.outcome for t in advice.trace}


def test_every_criterion_of_every_pack_is_traced(test_packs):
    advice = advise(make_profile(), packs=test_packs)
    assert [t.criterion for t in advice.trace] == [c.id for p in test_packs.packs for c in p.criteria]


def test_scaling_picks_the_step_for_the_size_and_renders_the_clause(test_packs):
    advice = advise(make_profile(estimated_value_eur=GROOT, title="Inhuur"), packs=test_packs)
    chosen = advice.criterion("t-rep-selectie")
    assert (chosen.kind, chosen.ask_level) == ("gunningscriterium", "plan_van_aanpak")
    assert chosen.text.nl.startswith('Selecteer de mensen voor "Inhuur"')
    assert chosen.text.en == 'Select the people for "Inhuur" on merit.'
    scaling = advice.trace_of("t-rep-selectie").scaling
    assert scaling.index is not None
    assert Reason("derived.size_band", "eq", "groot", "groot", True) in scaling.reasons


def test_unknown_template_value_shows_as_a_blank_to_fill(test_packs):
    rep = advise(make_profile(duration_months=None, estimated_value_eur=KLEIN), packs=test_packs).criterion(
        "t-rep-selectie"
    )
    assert "[in te vullen: looptijd in maanden]" in rep.text.nl


def test_single_quote_purchases_get_no_award_criteria_and_at_most_a_visie(test_packs):
    advice = advise(make_profile(estimated_value_eur=KLEIN, result={"digital": True}), packs=test_packs)
    assert outcomes(advice)["t-toe-wcag22"] == "not_applied"
    assert [e.rule for e in advice.trace_of("t-toe-wcag22").events] == ["award_placement"]
    assert all(c.ask_level in (None, "visie") for c in advice.criteria)
    assert all(c.kind not in ("gunningscriterium", "selectiecriterium") for c in advice.criteria)


def test_midden_keeps_one_award_criterion_and_caps_level_and_pages(test_packs):
    advice = advise(make_profile(estimated_value_eur=MIDDEN, result={"digital": True}), packs=test_packs)
    awards = [c for c in advice.criteria if c.kind == "gunningscriterium"]
    assert [c.id for c in awards] == ["t-toe-wcag22"]  # weight 10 outranks t-rep-selectie's 5
    fallback = advice.criterion("t-rep-selectie")  # falls back to its base form, a contract clause
    assert (fallback.kind, fallback.ask_level, fallback.weight) == ("contractbepaling", "visie", None)
    event = next(e for e in advice.trace_of("t-rep-selectie").events if e.rule == "award_count_cap")
    assert (event.rule, event.params["kept"], event.params["fallback"]) == (
        "award_count_cap",
        ("t-toe-wcag22",),
        "contractbepaling",
    )
    assert all(c.ask_level in (None, "visie", "concrete_invulling") for c in advice.criteria)
    assert all((c.max_pages or 0) <= 2 for c in advice.criteria)


def test_an_award_criterion_without_a_lighter_base_form_is_left_out_below_the_limit(test_packs):
    profile = make_profile(
        estimated_value_eur=MIDDEN,
        result={"digital": True},
        personnel={"works_for_municipality": True, "in_residents_homes": True},
    )
    advice = advise(profile, packs=test_packs)
    # t-sv-plan and t-toe-wcag22 tie on weight and (capped) level; the id decides, deterministically.
    assert outcomes(advice)["t-sv-plan"] == "applied"
    assert outcomes(advice)["t-toe-wcag22"] == "not_applied"  # its base form is an award criterion too


def test_midden_award_limit_is_configuration(test_packs):
    advice = advise(
        make_profile(estimated_value_eur=MIDDEN, result={"digital": True}),
        packs=test_packs,
        config=EngineConfig(max_award_criteria_midden=2),
    )
    assert {c.id for c in advice.criteria if c.kind == "gunningscriterium"} == {"t-toe-wcag22", "t-rep-selectie"}


def test_total_inclusion_weight_is_capped(test_packs):
    profile = make_profile(
        estimated_value_eur=GROOT,
        result={"digital": True},
        personnel={"works_for_municipality": True, "in_residents_homes": True},
    )
    advice = advise(profile, packs=test_packs)
    weights = {c.id: c.weight for c in advice.criteria if c.kind == "gunningscriterium"}
    assert sum(weights.values()) == 15
    assert weights == {"t-rep-selectie": 5, "t-toe-wcag22": 5, "t-sv-plan": 5}
    assert [(e.rule, e.params["before"], e.params["after"]) for e in advice.events] == [("weight_cap", 30, 15)]


def test_weight_cap_is_configuration(test_packs):
    profile = make_profile(estimated_value_eur=GROOT, result={"digital": True})
    advice = advise(profile, packs=test_packs, config=EngineConfig(max_inclusion_weight_percent=20))
    assert sum(c.weight for c in advice.criteria if c.weight) == 20


def test_unknown_fields_give_undecided_with_the_question_to_ask(test_packs):
    advice = advise(make_profile(result=None), packs=test_packs)
    assert outcomes(advice)["t-toe-digitaal"] == "undecided"
    question = next(q for q in advice.questions if q.field == "result.digital")
    assert "t-toe-digitaal" in question.criteria
    assert question.question.endswith("?")


def test_unknown_size_makes_award_criteria_undecided_and_asks_for_the_value(test_packs):
    advice = advise(make_profile(estimated_value_eur=None, result={"digital": True}), packs=test_packs)
    assert outcomes(advice)["t-toe-wcag22"] == "undecided"
    assert "estimated_value_eur" in {q.field for q in advice.questions}
    assert advice.criterion("t-sv-gedragscode") is None  # its own condition reads the value


def test_nobody_uses_it_means_no_accessibility_and_bt754_n_inc(test_packs):
    advice = advise(make_profile(used_by="niemand", result={"digital": True}), packs=test_packs)
    assert not [c for c in advice.criteria if c.theme == "toegankelijkheid"]
    assert advice.accessibility.status == "n-inc"


def test_people_use_it_and_a_baseline_eis_applies_gives_inc(test_packs):
    advice = advise(make_profile(result={"digital": True}), packs=test_packs)
    assert advice.accessibility.status == "inc"
    assert advice.accessibility.criteria == ("t-toe-digitaal",)


def test_people_use_it_without_any_baseline_requires_a_justification(test_packs):
    advice = advise(make_profile(result={"digital": False}), packs=test_packs)
    assert advice.accessibility.status == "n-inc-just"
    assert "BT-755" in advice.accessibility.statement


def test_unknown_users_leave_accessibility_undecided(test_packs):
    advice = advise(make_profile(used_by=None, result={"digital": True}), packs=test_packs)
    assert advice.accessibility.status == "undecided"
    assert outcomes(advice)["t-toe-digitaal"] == "undecided"
    assert "used_by" in {q.field for q in advice.questions}


def test_advice_carries_provenance(test_packs):
    advice = advise(make_profile(), packs=test_packs)
    prov = advice.provenance
    assert prov.library == "mvoi-criteria" and prov.library_version
    assert [(p.id, p.version, p.criteria) for p in prov.packs] == [
        ("test-rep", "1.0.0", 3),
        ("test-toe", "1.0.0", 2),
        ("test-sv", "1.0.0", 2),
    ]
    assert prov.threshold_period == "2026-2027"
    assert prov.config["max_inclusion_weight_percent"] == 15


def test_same_input_gives_byte_identical_json(test_packs):
    first = advice_to_json(advise(make_profile(), packs=test_packs))
    again = advice_to_json(advise(make_profile(), packs=test_packs))
    assert first == again


def test_theme_ask_level_is_the_highest_of_its_criteria(test_packs):
    advice = advise(make_profile(estimated_value_eur=GROOT), packs=test_packs)
    rep = next(t for t in advice.themes if t.theme == "representatie")
    assert rep.ask_level == "plan_van_aanpak"


def test_a_failed_pack_is_named_in_the_advice(test_packs):
    from mvoi_criteria.plugins import PackFailure

    broken = attrs.evolve(test_packs, failures=(PackFailure("kapot", "kapot.yaml", ("kapot.yaml:3: $.id: bad",)),))
    advice = advise(make_profile(), packs=broken, allow_incomplete=True)
    assert advice.provenance.pack_failures[0].plugin == "kapot"
    assert Notice("pack_failed", {"plugin": "kapot"}) in advice.notes


def test_advice_json_reads_back_into_an_equal_advice(test_packs):
    from mvoi_criteria.advice import advice_from_dict, advice_to_dict

    advice = advise(make_profile(estimated_value_eur=GROOT, result={"digital": True}), packs=test_packs)
    assert advice_from_dict(json.loads(advice_to_json(advice))) == advice
    assert advice_to_dict(advice_from_dict(advice_to_dict(advice))) == advice_to_dict(advice)


def test_questions_about_size_skip_fields_that_do_not_matter(test_packs):
    advice = advise(
        make_profile(
            procurement_kind="werken", social_services=None, estimated_value_eur=None, result={"digital": True}
        ),
        packs=test_packs,
    )
    asked = {q.field for q in advice.questions}
    assert "estimated_value_eur" in asked
    assert "social_services" not in asked


def test_scoring_lines_and_monitoring_indicators_are_filled_from_the_profile(test_packs):
    advice = advise(make_profile(estimated_value_eur=GROOT, title="Inhuur"), packs=test_packs)
    chosen = advice.criterion("t-rep-selectie")
    assert chosen.scoring[-1].nl == 'Concreet plan voor "Inhuur".'
    small = advise(make_profile(estimated_value_eur=KLEIN, duration_months=36), packs=test_packs).criterion(
        "t-rep-selectie"
    )
    assert small.monitoring.indicator.nl == "Beschrijving selectieproces, 36 maanden lang."
