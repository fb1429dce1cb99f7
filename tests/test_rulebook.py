"""The rulebook: one place for the central rules, the total burden across packs, the implementation
plan, overlapping duties and the route for a running contract."""

from __future__ import annotations

import re

import attrs
import pytest

from mvoi_criteria import advise, installed_packs, load_profile, profile_from_dict
from mvoi_criteria.advice import Choice, advice_to_json
from mvoi_criteria.choices import apply_choices
from mvoi_criteria.config import ConfigError, EngineConfig
from mvoi_criteria.errors import ChoiceError
from mvoi_criteria.explain_rules import EVENT_SENTENCES, sentence
from mvoi_criteria.rulebook import RULE_IDS, RULES, breaches, counted_items, document_count
from mvoi_criteria.validation import schema_problems

from .conftest import ROOT

EXAMPLES = ROOT / "examples"
PACKS = installed_packs()
needs_packs = pytest.mark.skipif(not PACKS.packs, reason="the theme packs are not installed")


def _advice(name: str, **config):
    return advise(load_profile(EXAMPLES / name), packs=PACKS, config=EngineConfig(**config))


# --- the done-when figures ------------------------------------------------------------------------


@needs_packs
def test_a_small_one_day_catering_asks_at_most_three_items_and_no_document():
    advice = _advice("catering-personeelsfeest.yaml")
    assert advice.derived.size_band == "klein"
    assert len(counted_items(advice.criteria)) <= 3
    assert document_count(advice.criteria, advice.implementation_plan) == 0
    assert all(c.ask_level is None and c.submission is None for c in advice.criteria)
    assert advice.implementation_plan is None
    assert all(o.reason.rule == "total_burden" for o in advice.optional)
    assert breaches(advice) == []


@needs_packs
def test_the_staffing_framework_asks_at_most_fifteen_items_and_one_implementation_plan():
    advice = _advice("uitzendkrachten.yaml")
    assert advice.derived.size_band == "groot"
    assert len(counted_items(advice.criteria)) <= 15
    plan = advice.implementation_plan
    assert plan is not None and len(plan.topics) >= 2
    clauses = [c for c in advice.criteria if c.kind == "contractbepaling" and c.ask_level is not None]
    assert {t.criterion for t in plan.topics} == {c.id for c in clauses}
    assert all(c.submission is None for c in clauses), "no clause keeps a separate document"
    separate = [c for c in advice.criteria if c.ask_level is not None and c.kind != "contractbepaling"]
    assert document_count(advice.criteria, plan) == len(separate) + 1
    assert breaches(advice) == []


@needs_packs
def test_overlapping_duties_from_two_packs_become_one_item_that_names_both_themes():
    advice = _advice("uitzendkrachten.yaml")
    ids = {c.id for c in advice.criteria}
    assert "rep-discriminatieverzoeken" in ids and "sv-vangnet-bij-gemeente" not in ids
    kept = advice.criterion("rep-discriminatieverzoeken")
    merged = next(e for e in kept.events if e.rule == "overlap_merge")
    assert merged.params["themes"] == ("representatie", "sociale_veiligheid")
    dropped = advice.trace_of("sv-vangnet-bij-gemeente")
    assert (dropped.outcome, dropped.events[-1].rule) == ("not_applied", "overlap_merge")


# --- the total burden -------------------------------------------------------------------------------


@needs_packs
def test_the_item_limit_is_configuration_per_size_band():
    advice = _advice("uitzendkrachten.yaml", max_items_groot=10)
    assert len(counted_items(advice.criteria)) == 10
    assert breaches(advice) == []


def test_limits_that_shrink_as_the_band_grows_are_refused():
    with pytest.raises(ValueError, match="max_items_klein <= max_items_midden <= max_items_groot"):
        EngineConfig(max_items_klein=9, max_items_midden=8)
    with pytest.raises(ValueError, match="must not shrink"):
        EngineConfig(max_documents_klein=None, max_documents_midden=2)


def test_a_config_file_with_shrinking_limits_names_the_problem(tmp_path):
    from mvoi_criteria.config import load_config

    path = tmp_path / "config.yaml"
    path.write_text("max_items_groot: 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max_items_klein <= max_items_midden <= max_items_groot"):
        load_config(path)


@needs_packs
def test_a_cut_item_can_be_added_back_in_place_of_another():
    advice = _advice("uitzendkrachten.yaml", max_items_groot=8)
    optional = advice.optional[0].criterion.id
    with pytest.raises(ChoiceError, match="central rule total_burden"):
        apply_choices(advice, [Choice(optional, "add", "De locatie vraagt hierom")], packs=PACKS)
    swap = next(c.id for c in advice.criteria if not c.eforms.accessibility)
    chosen = apply_choices(
        advice,
        [Choice(swap, "deselect", "Niet nodig op deze locatie"), Choice(optional, "add", "Wel nodig")],
        packs=PACKS,
    )
    assert chosen.criterion(optional) is not None and chosen.criterion(swap) is None
    assert optional not in {o.criterion.id for o in chosen.optional}
    assert chosen.trace_of(optional).outcome == "applied"
    assert breaches(chosen) == []


@needs_packs
def test_adding_a_criterion_that_is_not_optional_is_refused():
    advice = _advice("uitzendkrachten.yaml")
    with pytest.raises(ChoiceError, match="already in this advice"):
        apply_choices(advice, [Choice("rep-werving-selectie", "add", "Graag")], packs=PACKS)


@needs_packs
def test_an_added_contract_clause_joins_the_one_implementation_plan():
    advice = _advice("uitzendkrachten.yaml", max_items_groot=8)
    cut = next(o.criterion for o in advice.optional if o.criterion.kind == "contractbepaling" and o.criterion.ask_level)
    keep_out = next(c for c in advice.criteria if c.kind == "contractbepaling")
    chosen = apply_choices(
        advice,
        [Choice(keep_out.id, "deselect", "Minder belangrijk"), Choice(cut.id, "add", "Belangrijk voor ons")],
        packs=PACKS,
    )
    topics = {t.criterion for t in chosen.implementation_plan.topics}
    assert cut.id in topics and keep_out.id not in topics
    assert chosen.criterion(cut.id).submission is None
    assert breaches(chosen) == []


# --- a running contract --------------------------------------------------------------------------------


@needs_packs
def test_a_running_contract_gets_no_award_or_selection_criterion():
    advice = _advice("schoonmaak-bestaand-contract.yaml")
    assert advice.criteria, "its duties are proposed as an amendment"
    assert not [c for c in advice.criteria if c.kind in ("gunningscriterium", "selectiecriterium")]
    assert ("existing_contract", {"route": "aanvulling"}) in [(e.rule, e.params) for e in advice.events]
    left_out = [t for t in advice.trace if any(e.rule == "existing_contract" for e in t.events)]
    assert left_out and all(
        t.outcome == "not_applied" or t.criterion in {c.id for c in advice.criteria} for t in left_out
    )


def test_an_unknown_situation_leaves_award_criteria_undecided_and_asks_it(test_packs):
    from .conftest import make_profile

    advice = advise(make_profile(situation=None), packs=test_packs)
    assert not [c for c in advice.criteria if c.kind == "gunningscriterium"]
    assert "situation" in {q.field for q in advice.questions}


def test_remaining_value_and_end_date_are_profile_fields():
    profile = profile_from_dict(
        {"title": "x", "situation": "bestaand_contract", "contract_end_date": "2028-03-31", "remaining_value_eur": 0}
    )
    assert (str(profile.contract_end_date), profile.remaining_value_eur) == ("2028-03-31", 0)
    assert schema_problems("tender-profile", {"title": "x", "remaining_value_eur": -5})


@needs_packs
def test_the_draft_of_a_running_contract_is_an_amendment_proposal():
    from mvoi_criteria.render import render_docx, render_markdown

    advice = _advice("schoonmaak-bestaand-contract.yaml")
    text = render_markdown(advice, packs=PACKS)
    assert text.startswith("# Voorstel aanvulling op de overeenkomst")
    assert "2.163a" in text and "2.163g" in text
    text = text.replace("\u00a0", " ")  # Babel writes a no-break space after the euro sign
    assert "€ 216.000" in text or "€ 221.000" in text  # the de-minimis limit: the EU threshold here
    assert "prijs" in text and ("gesprek" in text and "proef" in text)
    assert "Gunningscriteria" not in text and "inschrijving" not in text.split("## Voorgestelde afspraken")[0]
    english = render_markdown(advice, lang="en", packs=PACKS)
    assert english.startswith("# Proposal to supplement the agreement")
    import io

    import docx

    document = docx.Document(io.BytesIO(render_docx(advice, packs=PACKS)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert headings[0].startswith("Voorstel aanvulling op de overeenkomst")
    assert "Mag dit contract zo worden gewijzigd?" in headings


@needs_packs
def test_the_de_minimis_limit_is_ten_percent_of_a_small_services_contract():
    from mvoi_criteria.render.amendment import de_minimis_limit

    advice = advise(
        profile_from_dict(
            {
                "title": "Kleine schoonmaak",
                "procurement_kind": "diensten",
                "estimated_value_eur": 400_000,
                "situation": "bestaand_contract",
            }
        ),
        packs=PACKS,
    )
    assert de_minimis_limit(advice) == 40_000


# --- the rulebook is one table ---------------------------------------------------------------------------


def _docs_table() -> dict[str, set[str]]:
    rows = {}
    for line in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `([a-z_]+)` \| ([^|]*) \|", line)
        if match:
            rows[match.group(1)] = set(re.findall(r"`([a-z_]+)`", match.group(2)))
    return rows


def test_docs_list_every_rule_with_its_parameters_in_order():
    table = _docs_table()
    assert list(table) == list(RULE_IDS)
    for rule in RULES:
        assert table[rule.id] == set(rule.params(EngineConfig())), rule.id


def test_every_rule_and_hook_event_has_a_dutch_and_english_sentence():
    assert set(RULE_IDS) <= set(EVENT_SENTENCES)
    for rule in RULES:
        for breach_lang in ("nl", "en"):
            from mvoi_criteria.explain_rules import breach_sentence

            assert rule.id not in breach_sentence(rule.id, None, {}, breach_lang)


def test_the_ask_level_sentence_is_plain_dutch():
    from mvoi_criteria.records import RuleEvent

    event = RuleEvent("ask_level_cap", {"band": "klein", "before": "plan_van_aanpak", "after": "visie"})
    assert sentence(event) == "De vraag is verlaagd naar een visie omdat de opdracht klein is."
    assert sentence(event, "en") == "The request was lowered to a vision (visie) because the contract is small."


@needs_packs
@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_advice_is_free_of_breaches_and_valid(name):
    import json

    from mvoi_criteria.advice import advice_from_dict

    advice = _advice(name)
    assert breaches(advice) == []
    text = advice_to_json(advice)
    assert schema_problems("advice", json.loads(text)) == []
    assert advice_to_json(advice_from_dict(json.loads(text))) == text  # plan, optional, events round-trip


def test_a_breach_reads_as_a_sentence_in_both_languages():
    from mvoi_criteria.rulebook import Breach

    breach = Breach("total_burden", None, {"items": 5, "max_items": 3})
    assert (
        breach.nl
        == "Het advies vraagt meer van de leverancier dan past bij de omvang van de opdracht (5 onderdelen, hoogstens 3)"
    )
    assert "(5 items, at most 3)" in breach.en
    assert attrs.evolve(breach, criterion="x").nl.startswith("x: ")


# --- housekeeping ------------------------------------------------------------------------------------------


def test_the_library_version_is_looked_up_once_per_process(monkeypatch):
    from importlib import metadata

    from mvoi_criteria import engine

    calls = []
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: calls.append(name) or real(name))
    engine.library_version.cache_clear()
    try:
        first = engine.library_version()
        assert engine.library_version() == first
        assert calls == ["mvoi-criteria"]
    finally:
        engine.library_version.cache_clear()
