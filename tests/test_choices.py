"""Buyer choices: what is accepted and recorded, what is refused and why, and that choices round-trip."""

from __future__ import annotations

import json
from functools import partial

import pytest

from mvoi_criteria import (
    Choice,
    ChoiceError,
    advice_to_dict,
    advice_to_json,
    apply_choices,
    apply_choices_file,
    export_eforms,
    load_choices,
    render_markdown,
)
from mvoi_criteria.advice import advice_from_dict
from mvoi_criteria.choices import choices_from_data

from .fixtures.docs import docs_advice, docs_packs

# Ask-level choices take the pack's text for the new level, so they need the packs the advice came from.
apply_choices = partial(apply_choices, packs=docs_packs())
apply_choices_file = partial(apply_choices_file, packs=docs_packs())


def refusal(advice, *choices) -> str:
    with pytest.raises(ChoiceError) as info:
        apply_choices(advice, choices)
    return info.value.report()


# --- accepted choices are applied and recorded ----------------------------------------------------


def test_weight_choice_changes_the_weight_and_is_recorded_in_criterion_trace_and_advice():
    advice = apply_choices(
        docs_advice(), [Choice("doc-rep-werving", "weight", "Marktconsultatie wees uit dat 8% past", 8)]
    )
    criterion = advice.criterion("doc-rep-werving")
    assert criterion.weight == 8
    assert any("weight changed from 10% to 8%" in n and "Marktconsultatie" in n for n in criterion.notes)
    assert any("Marktconsultatie" in n for n in advice.trace_of("doc-rep-werving").notes)
    assert advice.choices == (Choice("doc-rep-werving", "weight", "Marktconsultatie wees uit dat 8% past", 8),)


def test_deselect_removes_the_criterion_and_marks_its_trace_not_applied():
    advice = apply_choices(
        docs_advice(), [Choice("doc-sv-meldpunt", "deselect", "Het meldpunt zit al in de raamovereenkomst")]
    )
    assert advice.criterion("doc-sv-meldpunt") is None
    trace = advice.trace_of("doc-sv-meldpunt")
    assert trace.outcome == "not_applied"
    assert any("deselected" in n and "raamovereenkomst" in n for n in trace.notes)


def test_lowering_an_ask_level_updates_the_criterion_and_the_theme_level():
    advice = apply_choices(docs_advice(), [Choice("doc-rep-werving", "ask_level", "Lichte vraag volstaat", "visie")])
    assert advice.criterion("doc-rep-werving").ask_level == "visie"
    theme = next(t for t in advice.themes if t.theme == "representatie")
    assert theme.ask_level == "visie"


def test_raising_an_ask_level_within_the_cap_is_allowed():
    advice = apply_choices(
        docs_advice(), [Choice("doc-sv-aanpak", "ask_level", "Kern van de opdracht", "plan_van_aanpak")]
    )
    assert advice.criterion("doc-sv-aanpak").ask_level == "plan_van_aanpak"


def test_weights_are_checked_together_so_one_can_rise_when_another_falls():
    advice = apply_choices(
        docs_advice(),
        [
            Choice("doc-rep-werving", "weight", "Zwaarder", 12),
            Choice("doc-sv-aanpak", "weight", "Lichter", 3),
        ],
    )
    assert (advice.criterion("doc-rep-werving").weight, advice.criterion("doc-sv-aanpak").weight) == (12, 3)


def test_deselecting_the_last_accessibility_requirement_with_a_justification_is_recorded_for_bt_755():
    justification = "Het portaal wordt binnen drie maanden vervangen door een gemeentelijk portaal."
    advice = apply_choices(docs_advice(), [Choice("doc-toeg-digitaal", "deselect", "Tijdelijk portaal", justification)])
    assert advice.accessibility.status == "n-inc-just"
    assert justification in advice.accessibility.statement
    access = export_eforms(advice, price_weight=85)["notice"]["ND-Lot"][0]["ND-LotProcurementScope"]
    assert access["ND-AccessibilityJustification"] == {"BT-754-Lot": "n-inc-just", "BT-755-Lot": {"NLD": justification}}


# --- refusals -------------------------------------------------------------------------------------


def test_unknown_criterion_is_refused_with_a_suggestion():
    report = refusal(docs_advice(), Choice("doc-rep-wervin", "deselect", "typo"))
    assert "$.choices[0].criterion" in report
    assert "criterion 'doc-rep-wervin': no such criterion" in report
    assert "did you mean 'doc-rep-werving'" in report


def test_a_criterion_that_is_not_applied_cannot_be_chosen_about():
    report = refusal(docs_advice(), Choice("doc-sv-kwetsbaar", "deselect", "niet nodig"))
    assert "criterion 'doc-sv-kwetsbaar': is not applied in this advice" in report


def test_empty_motivation_is_refused():
    report = refusal(docs_advice(), Choice("doc-rep-werving", "weight", "   ", 8))
    assert "$.choices[0].motivation" in report
    assert "needs a motivation" in report


def test_deselecting_the_last_accessibility_requirement_without_justification_is_refused():
    report = refusal(docs_advice(), Choice("doc-toeg-digitaal", "deselect", "Niet nodig"))
    assert "criterion 'doc-toeg-digitaal'" in report
    assert "no accessibility requirement while people use the result" in report
    assert "BT-755" in report


def test_deselecting_accessibility_is_free_when_nobody_uses_the_result_or_another_requirement_remains():
    both = docs_advice(result={"physical": True, "digital": True, "event_or_venue": False, "communication": False})
    advice = apply_choices(both, [Choice("doc-toeg-digitaal", "deselect", "Het portaal valt buiten de opdracht")])
    assert advice.accessibility.status == "inc"
    assert advice.accessibility.criteria == ("doc-toeg-fysiek",)


def test_raising_an_ask_level_above_the_cap_for_the_size_band_is_refused():
    midden = docs_advice(estimated_value_eur=100_000)
    report = refusal(midden, Choice("doc-sv-aanpak", "ask_level", "Meer vragen", "plan_van_aanpak"))
    assert "criterion 'doc-sv-aanpak'" in report
    assert "central rule ask_level_cap" in report and "at most specific measures (concrete invulling)" in report


def test_an_ask_level_on_a_requirement_without_one_is_refused():
    report = refusal(docs_advice(), Choice("doc-toeg-digitaal", "ask_level", "Visie erbij", "visie"))
    assert "asks the bidder for no document" in report


def test_weights_above_the_inclusion_cap_are_refused():
    report = refusal(docs_advice(), Choice("doc-rep-werving", "weight", "Inclusie is belangrijk", 14))
    assert "criterion 'doc-rep-werving'" in report
    assert "central rule weight_cap" in report and "(19%, at most 15%)" in report


def test_a_weight_on_a_criterion_that_is_not_an_award_criterion_is_refused():
    report = refusal(docs_advice(), Choice("doc-sv-meldpunt", "weight", "Meewegen", 5))
    assert "criterion 'doc-sv-meldpunt': only a gunningscriterium carries a weight" in report


def test_two_choices_of_one_action_on_one_criterion_are_refused():
    report = refusal(
        docs_advice(), Choice("doc-rep-werving", "weight", "a", 8), Choice("doc-rep-werving", "weight", "b", 9)
    )
    assert "$.choices[1].action" in report and "conflicts" in report


def test_every_refusal_is_reported_at_once():
    with pytest.raises(ChoiceError) as info:
        apply_choices(
            docs_advice(),
            [
                Choice("doc-onbekend", "deselect", "x"),
                Choice("doc-sv-meldpunt", "weight", "x", 5),
                Choice("doc-rep-werving", "weight", "", 8),
            ],
        )
    assert [p.path for p in info.value.problems] == [
        "$.choices[0].criterion",
        "$.choices[1].action",
        "$.choices[2].motivation",
    ]


# --- files, schema, round trip -------------------------------------------------------------------


def test_choices_file_schema_errors_are_all_reported_with_paths_and_lines(tmp_path):
    path = tmp_path / "keuzes.yaml"
    path.write_text(
        "choices:\n"
        "  - criterion: doc-rep-werving\n"
        "    action: weight\n"
        "    motivation: ''\n"
        "    value: hoog\n"
        "  - criterion: doc-sv-aanpak\n"
        "    action: schrappen\n"
        "    motivation: weg\n",
        encoding="utf-8",
    )
    with pytest.raises(ChoiceError) as info:
        load_choices(path)
    report = info.value.report()
    assert f"{path}:4: $.choices[0].motivation" in report
    assert f"{path}:5: $.choices[0].value" in report
    assert f"{path}:7: $.choices[1].action" in report


def test_a_refusal_from_a_file_points_at_the_line_of_the_choice(tmp_path):
    path = tmp_path / "keuzes.yaml"
    path.write_text(
        "choices:\n  - criterion: doc-rep-werving\n    action: weight\n    motivation: Zwaarder\n    value: 14\n",
        encoding="utf-8",
    )
    with pytest.raises(ChoiceError) as info:
        apply_choices_file(docs_advice(), path)
    assert f"{path}:5: $.choices[0].value: criterion 'doc-rep-werving'" in info.value.report()


def test_choices_round_trip_through_the_advice_json():
    choices = [
        Choice("doc-rep-werving", "weight", "Marktconsultatie", 8),
        Choice("doc-sv-aanpak", "ask_level", "Licht", "visie"),
        Choice("doc-sv-meldpunt", "deselect", "Al geregeld"),
    ]
    chosen = apply_choices(docs_advice(), choices)
    carried = json.loads(advice_to_json(chosen))["choices"]
    assert carried == [
        {"criterion": "doc-rep-werving", "action": "weight", "motivation": "Marktconsultatie", "value": 8},
        {"criterion": "doc-sv-aanpak", "action": "ask_level", "motivation": "Licht", "value": "visie"},
        {"criterion": "doc-sv-meldpunt", "action": "deselect", "motivation": "Al geregeld", "value": None},
    ]
    again = apply_choices(docs_advice(), choices_from_data({"choices": carried}))
    assert advice_to_json(again) == advice_to_json(chosen)
    assert advice_from_dict(advice_to_dict(chosen)) == chosen


def test_renderers_show_the_choice_and_its_motivation():
    chosen = apply_choices(
        docs_advice(),
        [
            Choice("doc-rep-werving", "weight", "Marktconsultatie wees uit dat 8% past", 8),
            Choice("doc-sv-meldpunt", "deselect", "Meldpunt zit al in de raamovereenkomst"),
        ],
    )
    markdown = render_markdown(chosen, packs=docs_packs())
    body, annex = markdown.split("## Bijlage: Verantwoording")
    assert "*Keuze inkoper:* gewicht 8%. Motivering: Marktconsultatie wees uit dat 8% past" in body
    assert "| G.1 | `doc-rep-werving` | gewicht 8% | Marktconsultatie wees uit dat 8% past |" in annex
    assert "| - | `doc-sv-meldpunt` | niet opnemen | Meldpunt zit al in de raamovereenkomst |" in annex
    assert "Meldpunt ongewenst gedrag" not in body


def test_a_changed_ask_level_takes_the_packs_text_for_that_level():
    advice = apply_choices(
        docs_advice(), [Choice("doc-sv-aanpak", "ask_level", "Kern van de opdracht", "plan_van_aanpak")]
    )
    chosen = advice.criterion("doc-sv-aanpak")
    assert chosen.text.nl.startswith("Beschrijf in een plan van aanpak met doelen per jaar")
    assert chosen.submission.nl == "Een plan van aanpak van maximaal 4 pagina's."
    assert (chosen.max_pages, chosen.weight) == (4, 5)


def test_an_ask_level_the_pack_has_no_text_for_is_refused_with_the_levels_it_offers():
    report = refusal(docs_advice(), Choice("doc-rep-werving", "ask_level", "Iets minder", "concrete_invulling"))
    assert "criterion 'doc-rep-werving'" in report
    assert (
        "no text for this gunningscriterium that asks a concrete_invulling; it offers: visie, plan_van_aanpak" in report
    )


def test_an_ask_level_choice_against_a_changed_pack_is_refused(tmp_path):
    from mvoi_criteria import pack_set_from_files

    from .fixtures.docs import DOCS_PACK_FILES

    changed = tmp_path / "docs_sociale_veiligheid.yaml"
    original = next(p for p in DOCS_PACK_FILES if p.name == "docs_sociale_veiligheid.yaml")
    changed.write_text(original.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    packs = pack_set_from_files([*(p for p in DOCS_PACK_FILES if p != original), changed])
    with pytest.raises(ChoiceError, match="has changed since this advice was made"):
        apply_choices(docs_advice(), [Choice("doc-sv-aanpak", "ask_level", "Licht", "visie")], packs=packs)
