"""One rulebook, three paths: `advise` never produces a breach of a central rule, and a change that
would breach one is refused both when a plugin's adjust hook makes it and when a buyer chooses it.

The change is generated as a buyer choice (raise an ask level, raise a weight, add an optional
criterion back, leave one out); the adjust hook makes the very same change to the advice, so both
paths see the same result and must agree: refused when `rulebook.breaches` finds something, kept
otherwise.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from mvoi_criteria import advise, hookimpl, installed_packs, pack_set_from_plugins, profile_from_dict
from mvoi_criteria.advice import Choice
from mvoi_criteria.choices import _apply, _no_lines
from mvoi_criteria.config import EngineConfig
from mvoi_criteria.engine import levels_offered
from mvoi_criteria.errors import ChoiceError
from mvoi_criteria.rulebook import breaches, counted_items
from mvoi_criteria.testing.strategies import complete_profile_dicts, profile_dicts

INSTALLED = installed_packs()
pytestmark = pytest.mark.skipif(not INSTALLED.packs, reason="the theme packs are not installed")


class Registers:
    @staticmethod
    @hookimpl
    def mvoi_criteria_register_packs(register):
        for pack in INSTALLED.packs:
            register(pack.source)


class Changer:
    """Makes whatever change the running example sets (None: no change)."""

    def __init__(self) -> None:
        self.change = None

    @hookimpl
    def mvoi_criteria_adjust_advice(self, advice, profile):
        return None if self.change is None else self.change(advice)


CHANGER = Changer()
PACKS = pack_set_from_plugins([("packs", Registers)])
WITH_CHANGER = pack_set_from_plugins([("packs", Registers), ("changer", CHANGER)])


def _choices_for(advice, packs):
    """Every structurally valid single choice on this advice (the rulebook decides the rest)."""
    options = []
    for c in advice.criteria:
        levels = levels_offered(advice, c.id, packs)
        if isinstance(levels, dict):
            options += [Choice(c.id, "ask_level", "Zwaarder", level) for level in levels if level != c.ask_level]
        if c.kind == "gunningscriterium":
            options += [Choice(c.id, "weight", "Zwaarder", w) for w in (1, 20, 60)]
        if not c.eforms.accessibility:
            options.append(Choice(c.id, "deselect", "Niet nodig"))
    options += [Choice(o.criterion.id, "add", "Toch nodig") for o in advice.optional]
    return options


@given(data=profile_dicts())
def test_advise_never_produces_a_breach(data):
    assert breaches(advise(profile_from_dict(data), packs=INSTALLED)) == []


@given(
    data=complete_profile_dicts(),
    action=st.sampled_from(["ask_level", "weight", "add", "deselect"]),
    pick=st.integers(min_value=0, max_value=10_000),
)
def test_adjust_hook_and_choices_refuse_the_same_breaches(data, action, pick):
    profile = profile_from_dict(data)
    advice = advise(profile, packs=PACKS)
    assert breaches(advice) == []
    options = [c for c in _choices_for(advice, PACKS) if c.action == action]
    assume(options)
    choice = options[pick % len(options)]
    changed = _apply(advice, (choice,), None, _no_lines, PACKS, check_rules=False)
    found = breaches(changed)
    event(f"{choice.action}: {'breach' if found else 'allowed'}")

    # The buyer's path.
    if found:
        with pytest.raises(ChoiceError) as refused:
            _apply(advice, (choice,), None, _no_lines, PACKS)
        assert any(f"central rule {b.rule}" in refused.value.report() for b in found)
    else:
        _apply(advice, (choice,), None, _no_lines, PACKS)

    # The plugin's path: the same change through the adjust hook.
    CHANGER.change = lambda _advice: changed
    try:
        adjusted = advise(profile, packs=WITH_CHANGER)
    finally:
        CHANGER.change = None
    if found:
        assert adjusted.criteria == advice.criteria
        refusal = adjusted.events[-1]
        assert (refusal.rule, refusal.params["plugin"]) == ("adjust_refused", "Changer")
        assert {b.split(":")[0] for b in refusal.params["breaches"]} == {b.rule for b in found}
    else:
        assert adjusted.provenance.adjusted_by == ("Changer",)
        assert adjusted.criteria == changed.criteria


@given(data=complete_profile_dicts())
def test_the_total_burden_holds_for_every_profile(data):
    """Per size band at most so many items (legal baselines excepted) and, for a single quote, no
    document to write; every cut item is listed as optional with its reason."""
    advice = advise(profile_from_dict(data), packs=INSTALLED)
    band = advice.derived.size_band
    assume(band is not None)
    items = counted_items(advice.criteria)
    baselines = [c for c in items if c.eforms.accessibility]
    assert len(items) <= max(EngineConfig().items_by_band()[band], len(baselines))
    if band == "klein":
        assert all(c.ask_level is None for c in advice.criteria)
        assert advice.implementation_plan is None
    cut = {
        t.criterion
        for t in advice.trace
        if t.outcome == "applied" and any(e.rule == "total_burden" and "max_items" in e.params for e in t.events)
    }
    assert cut == {o.criterion.id for o in advice.optional}
    assert not cut & {c.id for c in advice.criteria}
