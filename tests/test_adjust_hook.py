"""The adjust_advice hook: plugins may change an advice, but never against the central rules, and a
broken plugin never takes the advice down."""

from __future__ import annotations

import attrs

from mvoi_criteria import advise, hookimpl, pack_set_from_plugins
from mvoi_criteria.explain_rules import sentence

from .conftest import DATA, make_profile


class Registers:
    @staticmethod
    @hookimpl
    def mvoi_criteria_register_packs(register):
        for name in ("test_representatie.yaml", "test_toegankelijkheid.yaml"):
            register(DATA / name)


class AddsANote:
    @staticmethod
    @hookimpl
    def mvoi_criteria_adjust_advice(advice, profile):
        return attrs.evolve(advice, notes=(*advice.notes, f"checked by the note plugin for {profile.title}"))


class RaisesAskLevel:
    @staticmethod
    @hookimpl
    def mvoi_criteria_adjust_advice(advice, profile):
        themes = tuple(
            attrs.evolve(t, criteria=tuple(attrs.evolve(c, ask_level="plan_van_aanpak") for c in t.criteria))
            for t in advice.themes
        )
        return attrs.evolve(advice, themes=themes)


class ReturnsAString:
    @staticmethod
    @hookimpl
    def mvoi_criteria_adjust_advice(advice, profile):
        return "not an advice"


class Raises:
    @staticmethod
    @hookimpl
    def mvoi_criteria_adjust_advice(advice, profile):
        raise RuntimeError("boom")


def test_an_adjustment_is_kept_and_recorded_in_the_provenance():
    packs = pack_set_from_plugins([("pack", Registers), ("note", AddsANote)])
    advice = advise(make_profile(title="Schoonmaak"), packs=packs)
    assert advice.notes[-1] == "checked by the note plugin for Schoonmaak"
    assert advice.provenance.adjusted_by == ("AddsANote",)


def test_an_adjustment_against_proportionality_is_refused_and_recorded_as_an_event():
    packs = pack_set_from_plugins([("pack", Registers), ("greedy", RaisesAskLevel)])
    advice = advise(make_profile(estimated_value_eur=20_000), packs=packs)
    assert all(c.ask_level is None for c in advice.criteria)
    event = advice.events[-1]
    assert (event.rule, event.params["plugin"]) == ("adjust_refused", "RaisesAskLevel")
    assert any(b.startswith("ask_level_cap:") for b in event.params["breaches"])
    assert "RaisesAskLevel" in sentence(event, "nl") and "centrale regels" in sentence(event, "nl")
    assert advice.provenance.adjusted_by == ()


def test_a_hook_returning_something_else_than_an_advice_is_named_and_ignored():
    plain = advise(make_profile(), packs=pack_set_from_plugins([("pack", Registers)]))
    packs = pack_set_from_plugins([("pack", Registers), ("string", ReturnsAString), ("note", AddsANote)])
    advice = advise(make_profile(), packs=packs)
    failed = [e for e in advice.events if e.rule == "adjust_failed"]
    assert [e.params["plugin"] for e in failed] == ["ReturnsAString"]
    assert "str" in failed[0].params["problem"]
    assert advice.criteria == plain.criteria
    assert advice.provenance.adjusted_by == ("AddsANote",)


def test_a_hook_that_raises_is_named_and_ignored():
    plain = advise(make_profile(), packs=pack_set_from_plugins([("pack", Registers)]))
    advice = advise(make_profile(), packs=pack_set_from_plugins([("pack", Registers), ("raises", Raises)]))
    assert [(e.rule, e.params["plugin"]) for e in advice.events] == [("adjust_failed", "Raises")]
    assert "RuntimeError: boom" in advice.events[0].params["problem"]
    assert advice.criteria == plain.criteria


def test_the_plugin_manager_is_built_once_per_pack_set():
    packs = pack_set_from_plugins([("pack", Registers), ("note", AddsANote)])
    advise(make_profile(), packs=packs)
    assert packs.manager() is packs.manager()


def test_document_templates_reuse_the_managers_of_the_pack_set():
    from mvoi_criteria.render.templating import document_templates

    packs = pack_set_from_plugins([("pack", Registers), ("note", AddsANote)])
    document_templates(packs)
    first = packs.plugin_manager_of(1)
    document_templates(packs)
    assert packs.plugin_manager_of(1) is first
