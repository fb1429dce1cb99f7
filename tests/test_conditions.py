"""Declarative conditions: three-valued evaluation and compile-time checks."""

from __future__ import annotations

import pytest

from mvoi_criteria.conditions import ConditionError, compile_condition
from mvoi_criteria.records import Reason

SMALL = {"field": "derived.size_band", "eq": "klein"}
STAFF = {"field": "personnel.works_for_municipality", "eq": True}


def evaluate(condition, **facts):
    return compile_condition(condition).evaluate(facts)


def test_comparison_on_unknown_field_is_undecided_and_names_it():
    result = evaluate(SMALL)
    assert result.value is None
    assert result.unknown_fields == ("derived.size_band",)


def test_all_is_false_as_soon_as_one_part_is_false_even_with_unknowns():
    result = evaluate({"all": [SMALL, STAFF]}, **{"personnel.works_for_municipality": False})
    assert result.value is False
    assert result.reasons == (Reason("personnel.works_for_municipality", "eq", True, False, False),)


def test_all_with_an_unknown_and_no_false_part_is_undecided():
    result = evaluate({"all": [SMALL, STAFF]}, **{"personnel.works_for_municipality": True})
    assert result.value is None


def test_any_is_true_as_soon_as_one_part_is_true():
    assert evaluate({"any": [SMALL, STAFF]}, **{"personnel.works_for_municipality": True}).value is True


def test_not_keeps_unknown_unknown():
    assert evaluate({"not": SMALL}).value is None
    assert evaluate({"not": SMALL}, **{"derived.size_band": "groot"}).value is True


def test_exists_is_always_decided():
    assert evaluate({"field": "estimated_value_eur", "exists": True}).value is False
    assert evaluate({"field": "estimated_value_eur", "exists": True}, estimated_value_eur=0).value is True


@pytest.mark.parametrize(
    ("condition", "facts", "expected"),
    [
        ({"field": "estimated_value_eur", "gte": 100}, {"estimated_value_eur": 100}, True),
        ({"field": "estimated_value_eur", "lt": 100}, {"estimated_value_eur": 100}, False),
        ({"field": "cpv_codes", "cpv_prefix": ["7962"]}, {"cpv_codes": ("79620000-6",)}, True),
        ({"field": "cpv_codes", "cpv_prefix": ["7962"]}, {"cpv_codes": ()}, False),
        (
            {"field": "personnel.vulnerable_groups", "contains": "jeugd"},
            {"personnel.vulnerable_groups": ("jeugd",)},
            True,
        ),
        (
            {"field": "personnel.vulnerable_groups", "contains_any": ["jeugd", "ouderen"]},
            {"personnel.vulnerable_groups": ()},
            False,
        ),
        ({"field": "used_by", "in": ["bewoners", "beide"]}, {"used_by": "beide"}, True),
        ({"field": "used_by", "not_in": ["niemand"]}, {"used_by": "niemand"}, False),
        ({"field": "used_by", "ne": "niemand"}, {"used_by": "bewoners"}, True),
    ],
)
def test_operators(condition, facts, expected):
    assert evaluate(condition, **facts).value is expected


def test_unknown_field_is_named_with_a_suggestion():
    with pytest.raises(ConditionError) as caught:
        compile_condition({"all": [{"field": "derived.size_bnd", "eq": "klein"}]}, ("criteria", 0, "applies_when"))
    problem = caught.value.problems[0]
    assert problem.path == "$.criteria[0].applies_when.all[0].field"
    assert "derived.size_band" in problem.message


def test_value_outside_the_fields_enum_is_an_error():
    with pytest.raises(ConditionError, match=r"'huge' is not a possible value of derived.size_band"):
        compile_condition({"field": "derived.size_band", "eq": "huge"})


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"field": "used_by", "gt": 3}, "compares numbers"),
        ({"field": "cpv_codes", "eq": "x"}, "does not work on the list"),
        ({"field": "used_by", "contains": "x"}, "works on lists"),
        ({"field": "used_by", "cpv_prefix": ["79"]}, "cpv_codes only"),
        ({"field": "framework_agreement", "eq": "ja"}, "true or false"),
        ({"field": "used_by", "eq": "bewoners", "ne": "niemand"}, "exactly one operator"),
        ({"all": [SMALL], "field": "used_by"}, "exactly one of"),
    ],
)
def test_ill_typed_conditions_are_rejected(condition, message):
    with pytest.raises(ConditionError, match=message):
        compile_condition(condition)


def test_describe_reads_as_the_rule():
    assert compile_condition({"any": [SMALL, {"not": STAFF}]}).describe() == (
        "any of (derived.size_band = klein; not (personnel.works_for_municipality = true))"
    )


# --- named conditions -----------------------------------------------------------------------------

from mvoi_criteria.conditions import compile_definitions  # noqa: E402


def test_a_named_condition_is_compiled_once_and_shows_its_name():
    definitions = compile_definitions({"klein": SMALL, "klein_met_personeel": {"all": [{"ref": "klein"}, STAFF]}})
    condition = compile_condition({"ref": "klein_met_personeel"}, definitions=definitions)
    assert condition.describe() == "klein_met_personeel"
    assert definitions["klein_met_personeel"].part.parts[0] is definitions["klein"]
    facts = {"derived.size_band": "klein", "personnel.works_for_municipality": True}
    assert condition.evaluate(facts).value is True
    assert condition.fields == {"derived.size_band", "personnel.works_for_municipality"}


def test_an_unknown_name_is_an_error_with_a_suggestion():
    definitions = compile_definitions({"personeel_op_locatie": STAFF})
    with pytest.raises(ConditionError) as caught:
        compile_condition({"ref": "personeel_op_lokatie"}, ("applies_when",), definitions)
    (problem,) = caught.value.problems
    assert problem.path == "$.applies_when.ref"
    assert "did you mean 'personeel_op_locatie'" in problem.message


def test_a_name_that_refers_to_itself_is_refused():
    with pytest.raises(ConditionError) as caught:
        compile_definitions({"a": {"any": [{"ref": "b"}, SMALL]}, "b": {"not": {"ref": "a"}}})
    assert any("refers to itself: a → b → a" in p.message for p in caught.value.problems)


def test_a_reference_has_no_other_keys():
    with pytest.raises(ConditionError):
        compile_condition(
            {"ref": "a", "field": "used_by", "eq": "niemand"}, definitions=compile_definitions({"a": SMALL})
        )
