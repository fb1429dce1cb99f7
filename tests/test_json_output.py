"""Advice JSON is written fast (orjson) and byte for byte as the standard library writes it."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria import advise, load_profile
from mvoi_criteria.advice import advice_to_dict, advice_to_json, dumps

from .conftest import ROOT


def reference(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_every_example_advice_is_byte_identical_to_the_standard_library():
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        advice = advise(load_profile(path))
        assert advice_to_json(advice) == reference(advice_to_dict(advice)), path.name


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_any_json_value_is_written_as_the_standard_library_writes_it(value):
    assert dumps(value) == reference(value)
