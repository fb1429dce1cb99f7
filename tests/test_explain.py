"""explain.py words records as statements about the tender, in plain Dutch or English."""

from __future__ import annotations

import pytest

from mvoi_criteria.derive import FIELD_SPECS
from mvoi_criteria.explain import (
    explain_event,
    explain_notice,
    explain_question,
    explain_reason,
    explain_reasons,
    explain_step,
    explain_undecided_step,
    format_date,
)
from mvoi_criteria.records import Named, Notice, Reason, RuleEvent, Step
from mvoi_criteria.vocabulary import VOCABULARY, field_label, missing_terms

THRESHOLD = {"derived.eu_threshold_eur": 216000}


def test_every_field_a_condition_may_name_has_words():
    assert missing_terms() == []


@pytest.mark.parametrize("path", sorted(FIELD_SPECS))
def test_every_field_label_is_words_not_the_path(path):
    for lang in ("nl", "en"):
        label = field_label(path, lang)
        assert label and "_" not in label and not label.startswith(("derived", "personnel", "result"))


@pytest.mark.parametrize("path", sorted(p for p, s in FIELD_SPECS.items() if s.type == "boolean"))
def test_every_yes_no_field_says_yes_and_no_differently(path):
    yes = explain_reason(Reason(path, "eq", True, True, True))
    no = explain_reason(Reason(path, "eq", True, False, False))
    assert yes != no and "true" not in yes and "false" not in no


@pytest.mark.parametrize("path", sorted(p for p, s in FIELD_SPECS.items() if s.enum and s.type != "array"))
def test_every_value_of_a_field_with_values_reads_as_words(path):
    for value in FIELD_SPECS[path].enum:
        sentence = explain_reason(Reason(path, "eq", value, value, True))
        assert "_" not in sentence, sentence


def test_staff_at_municipal_sites_in_dutch_and_english():
    at_sites = Reason("personnel.at_municipal_sites", "eq", True, True, True)
    assert explain_reason(at_sites) == "Mensen van de opdrachtnemer werken op locaties van de gemeente"
    assert explain_reason(Reason("personnel.at_municipal_sites", "eq", True, False, False)) == (
        "Mensen van de opdrachtnemer werken niet op locaties van de gemeente"
    )
    assert explain_reason(at_sites, "en") == "The contractor's staff work at municipal sites"


def test_above_the_threshold_names_the_threshold_when_it_is_known():
    groot = Reason("derived.size_band", "eq", "groot", "groot", True)
    assert explain_reason(groot) == "De opdracht valt boven de Europese drempel"
    assert explain_reason(groot, context=THRESHOLD) == "De opdracht valt boven de Europese drempel van €\u00a0216.000"
    above = Reason("derived.above_eu_threshold", "eq", True, True, True)
    assert explain_reason(above, context=THRESHOLD) == "De opdracht valt boven de Europese drempel van €\u00a0216.000"
    assert explain_reason(above, "en", THRESHOLD) == "The contract is above the EU threshold of €216,000"


def test_an_unknown_fact_says_what_is_not_yet_known():
    unknown = Reason("used_by", "eq", "bewoners", None, None)
    assert explain_reason(unknown) == "Nog niet bekend: wie het resultaat gebruikt"
    assert explain_reason(unknown, "en") == "Not yet known: who uses the result"


def test_a_fact_known_to_lie_in_a_set_names_the_possibilities():
    decided = Reason("derived.size_band", "in", ("midden", "groot"), ("groot", "midden"), True, True)
    assert explain_reason(decided) == (
        "Omvang van de opdracht is nog niet precies bekend, maar is in elk geval groot of middelgroot"
    )
    open_ = Reason("derived.size_band", "eq", "groot", ("groot", "midden"), None, True)
    assert explain_reason(open_) == "Nog niet bekend: hoe groot de opdracht is (groot of middelgroot)"


def test_list_fields_speak_of_the_items_that_decided():
    groups = Reason("personnel.vulnerable_groups", "contains_any", ("jeugd", "ouderen"), ("jeugd",), True)
    assert explain_reason(groups) == "Mensen van de opdrachtnemer werken met jeugd"
    none = Reason("personnel.vulnerable_groups", "contains_any", ("jeugd", "wmo_clienten"), (), False)
    assert explain_reason(none) == "Mensen van de opdrachtnemer werken niet met jeugd of Wmo-cliënten"
    cpv = Reason("cpv_codes", "cpv_prefix", ("7961", "7962"), ("79620000-6", "90910000-9"), True)
    assert explain_reason(cpv) == "De opdracht heeft CPV-code 79620000-6"


def test_categories_are_a_list_field_like_any_other():
    liften = Reason("derived.categories", "contains", "liften", ("liften",), True)
    sentence = explain_reason(liften)
    assert sentence.startswith("De opdracht valt onder de categorie ")
    assert "liften" in sentence


def test_numbers_dates_and_money_are_written_the_dutch_way():
    assert explain_reason(Reason("estimated_value_eur", "gte", 50000, 80000000, True)) == (
        "De geraamde waarde is €\u00a080.000.000"
    )
    assert explain_reason(Reason("duration_months", "gte", 24, 48, True)) == "De looptijd is 48 maanden"
    assert explain_reason(Reason("publication_date", "exists", True, "2026-03-01", True)) == (
        "De aanbesteding wordt gepubliceerd op 1 maart 2026"
    )
    assert format_date("2026-03-01", "en") == "1 March 2026"


def test_a_named_condition_is_explained_by_its_reasons_each_once():
    on_site = Reason("personnel.at_municipal_sites", "eq", True, True, True)
    named = Named("personeel_op_locatie", True, (on_site, Reason("derived.personnel_deployed", "eq", True, True, True)))
    sentences = explain_reasons((named, on_site))
    assert sentences == (
        "Mensen van de opdrachtnemer werken op locaties van de gemeente",
        "De opdrachtnemer zet mensen in voor of bij de gemeente",
    )
    assert "personeel_op_locatie" not in explain_reason(named)


def test_a_scaling_step_gives_the_pack_note_and_the_facts():
    step = Step(1, "boven de EU-drempel een plan", (Reason("derived.size_band", "eq", "groot", "groot", True),))
    assert explain_step(step, context=THRESHOLD) == (
        "Aangepast aan deze opdracht: boven de EU-drempel een plan. "
        "De opdracht valt boven de Europese drempel van €\u00a0216.000."
    )
    assert explain_step(Step(None)) == "Basis."
    small = Step(None, None, (Reason("derived.size_band", "eq", "groot", "klein", False),))
    assert explain_step(small) == "Basis. De opdracht is klein."


def test_an_undecided_step_says_the_level_may_rise_and_what_is_missing():
    step = Step(0, None, (Reason("derived.size_band", "eq", "groot", None, None),))
    assert explain_undecided_step(step) == (
        "Het niveau kan nog hoger worden zodra dit bekend is. Nog niet bekend: hoe groot de opdracht is."
    )


def test_central_rule_events_are_worded_without_their_id():
    sentence = explain_event(
        RuleEvent("ask_level_cap", {"band": "klein", "before": "plan_van_aanpak", "after": "visie"})
    )
    assert "ask_level_cap" not in sentence and "_" not in sentence
    assert "no_such_rule" not in explain_event(RuleEvent("no_such_rule", {}))


def test_notices_are_dutch_sentences_and_plugin_text_stays_as_given():
    ambition = Notice("default_ambition", {"themes": ("representatie", "sociale_veiligheid"), "default": "basis"})
    assert explain_notice(ambition).startswith("Voor representatie en sociale veiligheid is geen ambitie gekozen.")
    period = Notice("threshold_period", {"date": "2029-02-01", "period": "2026-2027"})
    assert explain_notice(period).startswith("De drempeltabel heeft geen bedragen voor 1 februari 2029")
    assert "kapot" in explain_notice(Notice("pack_failed", {"plugin": "kapot"}))
    assert explain_notice("gecontroleerd door een plugin") == "gecontroleerd door een plugin"


def test_questions_are_asked_in_words():
    assert (
        explain_question("personnel.at_municipal_sites")
        == "Werken de mensen van de opdrachtnemer op locaties van de gemeente?"
    )
    assert explain_question("duration_months", "en") == "How many months does the contract run, including options?"


def test_vocabulary_has_english_for_every_label():
    assert all(term.label.en for term in VOCABULARY.values())


def test_buyer_choices_are_worded_with_their_motivation():
    from mvoi_criteria.advice import Choice
    from mvoi_criteria.explain import explain_choice

    assert explain_choice(Choice("x", "ask_level", "Lichte vraag", "visie")) == "vraag aan de inschrijver: visie"
    assert explain_choice(Choice("x", "weight", "Marktconsultatie", 7.5)) == "gewicht 7,5%"
    assert explain_choice(Choice("x", "add", "Past toch", None), with_motivation=True) == (
        "toch opnemen. Motivering: Past toch"
    )
    assert explain_choice(Choice("x", "deselect", "Raamovereenkomst", None), "en") == "leave out"


def test_the_explanations_example_in_the_embedding_guide_runs():
    import subprocess
    import sys
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "embedding.md").read_text(encoding="utf-8")
    block = page.split("## Explanations", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    result = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def _values(path):
    """A hypothesis strategy for one fact's possible values (None: unknown)."""
    from hypothesis import strategies as st

    spec = FIELD_SPECS[path]
    if spec.type == "array":
        items = st.sampled_from(spec.enum) if spec.enum else st.sampled_from(("79620000-6", "45313000-4"))
        return st.none() | st.lists(items, max_size=3).map(tuple)
    if spec.enum:
        return st.none() | st.sampled_from(spec.enum)
    return st.none() | {
        "boolean": st.booleans(),
        "integer": st.integers(0, 10**6),
        "number": st.integers(0, 10**8),
        "date": st.dates().map(lambda d: d.isoformat()),
    }.get(spec.type, st.sampled_from(("Wonen", "2026-2027")))


def _reasons():
    from hypothesis import strategies as st

    @st.composite
    def build(draw):
        path = draw(st.sampled_from(sorted(p for p in FIELD_SPECS if p not in ("title", "description"))))
        spec = FIELD_SPECS[path]
        actual = draw(_values(path))
        if spec.type == "array":
            op = "cpv_prefix" if path == "cpv_codes" else "contains_any"
            operand = ("7962", "4531") if path == "cpv_codes" else tuple(spec.enum or ("x",))
        else:
            op, operand = "eq", actual
        outcome = None if actual is None else draw(st.booleans())
        return Reason(path, op, operand, actual, outcome)

    return build()


def test_any_reason_reads_as_a_sentence_without_engine_notation():
    from hypothesis import given

    @given(_reasons())
    def check(reason):
        for lang in ("nl", "en"):
            sentence = explain_reason(reason, lang, THRESHOLD)
            assert sentence and sentence[0].isupper()
            assert "_" not in sentence  # no identifier (at_municipal_sites, size_band, wmo_clienten)
            assert not any(f"{root}." in sentence for root in ("derived", "personnel", "result", "ambition"))
            assert not any(word in sentence for word in (" holds", "None", "True", "False", "[", "]"))

    check()


def test_cpv_lists_no_code_matches_are_said_once():
    first = Reason("cpv_codes", "cpv_prefix", ("4521", "454"), ("79620000-6",), False)
    second = Reason("cpv_codes", "cpv_prefix", ("7122",), ("79620000-6",), False)
    kind = Reason("procurement_kind", "eq", "werken", "diensten", False)
    assert explain_reasons((kind, first, second)) == (
        "Het is een opdracht voor diensten",
        "Geen CPV-code van de opdracht valt onder 4521, 454 of 7122",
    )


def test_two_open_steps_waiting_for_the_same_answer_are_noted_once():
    from mvoi_criteria.advice import TraceEntry
    from mvoi_criteria.explain import explain_attention

    unknown = (Reason("derived.size_band", "eq", "groot", None, None),)
    entry = TraceEntry("x", "p", "representatie", "applied", "", (), None, (), (), (Step(0, None, unknown),) * 2)
    assert len(explain_attention(entry)) == 1
