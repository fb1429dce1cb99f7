"""The fast value functions decide every condition exactly as the explaining evaluator does."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria import installed_packs
from mvoi_criteria.conditions import compile_condition, compile_definitions
from mvoi_criteria.derive import FIELD_SPECS, Possible
from mvoi_criteria.fastcond import value_function
from mvoi_criteria.plugins import pack_set_from_files

from .conftest import TEST_PACKS

CONDITIONS = [
    condition
    for packs in (installed_packs(), pack_set_from_files(TEST_PACKS))
    for pack in packs.packs
    for criterion in pack.criteria
    for condition in (criterion.applies_when, *(step.when for step in criterion.scaling))
]


def _value(spec) -> st.SearchStrategy[Any]:
    if spec.type == "array":
        choices = list(spec.enum or ("79620000-6", "90910000-9", "42416100-6", "34993000-4"))
        return st.lists(st.sampled_from(choices), max_size=3, unique=True)
    if spec.enum:
        single = st.sampled_from(list(spec.enum))
        undecided = st.lists(st.sampled_from(list(spec.enum)), min_size=2, max_size=3, unique=True).map(Possible)
        return st.one_of(single, undecided) if spec.path.startswith("derived.") else single
    if spec.type == "boolean":
        return st.booleans()
    if spec.type in ("number", "integer"):
        return st.sampled_from([0, 1, 12, 24, 36, 50_000, 216_000, 221_000, 750_000, 5_404_000])
    if spec.type == "date":
        return st.sampled_from(["2025-06-01", "2026-01-01"])
    return st.text(max_size=5)


FACTS = st.fixed_dictionaries(
    {}, optional={path: st.one_of(st.none(), _value(spec)) for path, spec in FIELD_SPECS.items()}
)


def test_every_pack_has_conditions_to_compare():
    assert len(CONDITIONS) > 100


@given(FACTS)
def test_fast_outcome_equals_the_explained_outcome_for_every_pack_condition(facts):
    for condition in CONDITIONS:
        assert value_function(condition)(facts, {}) == condition.evaluate(facts).value


def test_a_named_condition_is_evaluated_once_per_profile():
    calls = []

    class Counting(dict):
        def get(self, key, default=None):
            calls.append(key)
            return super().get(key, default)

    definitions = compile_definitions({"groot": {"field": "derived.size_band", "eq": "groot"}})
    both = compile_condition({"all": [{"ref": "groot"}, {"not": {"ref": "groot"}}]}, definitions=definitions)
    memo: dict = {}
    assert value_function(both)(Counting({"derived.size_band": "groot"}), memo) is False
    assert calls == ["derived.size_band"]


def test_kleene_logic_stops_at_the_first_deciding_part():
    seen = []

    class Recording(dict):
        def get(self, key, default=None):
            seen.append(key)
            return super().get(key, default)

    condition = compile_condition(
        {"all": [{"field": "used_by", "eq": "niemand"}, {"field": "result.digital", "eq": True}]}
    )
    assert value_function(condition)(Recording({"used_by": "bewoners"}), {}) is False
    assert seen == ["used_by"]
