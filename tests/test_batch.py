"""advise_many: streamed advice for many profiles; outcomes only decide exactly as advise does."""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import given, settings

from mvoi_criteria import batch, installed_packs, load_profile, profile_from_dict
from mvoi_criteria.advice import advice_to_json
from mvoi_criteria.batch import advise_many
from mvoi_criteria.engine import advise
from mvoi_criteria.testing.strategies import profile_dicts
from mvoi_criteria.yamlio import load_document

from .conftest import ROOT


def _case_profiles():
    examples = [load_profile(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    cases = [
        profile_from_dict(load_document(Path(p).read_text(encoding="utf-8")).data["profile"])
        for p in sorted(ROOT.glob("packs/*/cases/*.case.yaml"))
    ]
    return examples + cases


def _expected(advice):
    outcome = {t.criterion: t.outcome for t in advice.trace}
    applied = {c.id: (c.kind, c.ask_level) for c in advice.criteria}
    return outcome, applied


def test_outcomes_only_agree_with_advise_for_every_example_and_case():
    profiles = _case_profiles()
    packs = installed_packs()
    for profile, result in zip(profiles, advise_many(profiles, packs=packs, outcomes_only=True), strict=True):
        assert (dict(result.outcome), dict(result.applied)) == _expected(advise(profile, packs=packs)), profile.title


@settings(max_examples=60)
@given(profile_dicts())
def test_outcomes_only_agree_with_advise_for_generated_profiles(data):
    profile = profile_from_dict(data)
    (result,) = advise_many([profile], outcomes_only=True)
    assert (dict(result.outcome), dict(result.applied)) == _expected(advise(profile))


def test_full_advice_is_byte_identical_to_advise_and_in_input_order():
    profiles = _case_profiles()[:5]
    streamed = [advice_to_json(a) for a in advise_many(profiles)]
    assert streamed == [advice_to_json(advise(p)) for p in profiles]


def test_profiles_are_consumed_one_at_a_time():
    pulled = []

    def profiles():
        for profile in _case_profiles()[:3]:
            pulled.append(profile.title)
            yield profile

    results = advise_many(profiles(), outcomes_only=True)
    assert pulled == []
    first = next(results)
    assert pulled == [first.title]


def test_profiles_with_the_same_facts_are_decided_once_but_keep_their_own_title(monkeypatch):
    profile = load_profile(ROOT / "examples" / "uitzendkrachten.yaml")
    twin = attrs.evolve(profile, title="Een andere titel", description="Andere tekst")
    decided = []
    original = batch._Plan.decide

    def counting(self, facts, derived):
        decided.append(facts["estimated_value_eur"])
        return original(self, facts, derived)

    monkeypatch.setattr(batch._Plan, "decide", counting)
    first, second = advise_many([profile, twin], outcomes_only=True)
    assert decided == [profile.estimated_value_eur]
    assert (first.title, second.title) == (profile.title, "Een andere titel")
    assert first.outcome == second.outcome
