"""The advice JSON keeps the explanation records: schema-valid, deterministic, and it reads back
into an equal Advice (cattrs), records and all."""

from __future__ import annotations

import json

import attrs
import pytest

from mvoi_criteria import advice_to_json, advise, load_profile
from mvoi_criteria.advice import advice_from_dict, advice_to_dict
from mvoi_criteria.records import Named, Notice, Reason, RuleEvent, Step
from mvoi_criteria.validation import schema_problems

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_advice_round_trips_with_its_records(path):
    advice = advise(load_profile(path))
    data = json.loads(advice_to_json(advice))
    assert schema_problems("advice", data) == []
    assert advice_from_dict(data) == advice
    assert advice_to_json(advise(load_profile(path))) == advice_to_json(advice)


def test_trace_reasons_are_records_never_prose():
    advice = advise(load_profile(ROOT / "examples" / "uitzendkrachten.yaml"))
    for entry in advice.trace:
        assert all(isinstance(r, (Reason, Named)) for r in entry.reasons)
        assert entry.scaling is None or isinstance(entry.scaling, Step)
    assert any(entry.scaling is not None and entry.scaling.index is not None for entry in advice.trace)


def test_named_conditions_undecided_steps_events_and_notices_read_back_equal():
    advice = advise(load_profile(ROOT / "examples" / "uitzendkrachten.yaml"))
    on_site = Reason("personnel.at_municipal_sites", "eq", True, True, True)
    codes = Reason("cpv_codes", "cpv_prefix", ("7961", "7962"), ("79620000-6",), True)
    possible = Reason("derived.size_band", "in", ("midden", "groot"), ("groot", "midden"), True, True)
    entry = attrs.evolve(
        advice.trace[0],
        reasons=(Named("personeel_op_locatie", True, (on_site, Named("inner", True, (codes,)))), possible),
        scaling=Step(1, "een noot", (possible,)),
        undecided_steps=(Step(2, None, (Reason("used_by", "eq", "bewoners", None, None),)),),
        events=(RuleEvent("ask_level_cap", {"band": "klein", "levels": ["visie"]}),),
    )
    changed = attrs.evolve(
        advice,
        trace=(entry, *advice.trace[1:]),
        notes=(Notice("default_ambition", {"themes": ["representatie"], "default": "basis"}), "vrije tekst"),
    )
    data = json.loads(json.dumps(advice_to_dict(changed)))
    assert schema_problems("advice", data) == []
    assert advice_from_dict(data) == changed
