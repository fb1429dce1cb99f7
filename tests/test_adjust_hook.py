"""The adjust_advice hook: plugins may change an advice, but never against the central rules."""

from __future__ import annotations

import attrs

from mvoi_criteria import advise, hookimpl, pack_set_from_plugins

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


def test_an_adjustment_is_kept_and_recorded_in_the_provenance():
    packs = pack_set_from_plugins([("pack", Registers), ("note", AddsANote)])
    advice = advise(make_profile(title="Schoonmaak"), packs=packs)
    assert advice.notes[-1] == "checked by the note plugin for Schoonmaak"
    assert advice.provenance.adjusted_by == ("AddsANote",)


def test_an_adjustment_against_proportionality_is_refused_and_noted():
    packs = pack_set_from_plugins([("pack", Registers), ("greedy", RaisesAskLevel)])
    advice = advise(make_profile(estimated_value_eur=20_000), packs=packs)
    assert all(c.ask_level in (None, "visie") for c in advice.criteria)
    assert "RaisesAskLevel tried to adjust the advice against the central rules" in advice.notes[-1]
    assert advice.provenance.adjusted_by == ()
