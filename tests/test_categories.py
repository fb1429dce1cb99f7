"""Categories: one vocabulary of kinds of purchase, from the buyer or from CPV codes."""

from __future__ import annotations

from mvoi_criteria import EngineConfig
from mvoi_criteria.categories import CATEGORIES, CPV_PREFIXES, categories_for_cpv, category_ids
from mvoi_criteria.derive import FIELD_SPECS, derive, unknown_inputs
from mvoi_criteria.validation import schema

from .conftest import make_profile


def test_the_profile_schema_offers_exactly_the_vocabulary():
    enum = schema("tender-profile")["properties"]["categories"]["items"]["enum"]
    assert tuple(enum) == category_ids()
    assert FIELD_SPECS["derived.categories"].enum == category_ids()


def test_every_cpv_prefix_names_known_categories_and_every_category_has_a_dutch_label():
    assert {c for targets in CPV_PREFIXES.values() for c in targets} <= set(category_ids())
    assert all(c.label.nl and c.label.en for c in CATEGORIES)
    assert all(prefix.isdigit() and 2 <= len(prefix) <= 8 for prefix in CPV_PREFIXES)


def test_cpv_codes_point_to_categories_whatever_their_check_digit():
    assert categories_for_cpv(["79620000-6"]) == ("uitzend_inhuur",)
    assert categories_for_cpv(["90911200"]) == ("schoonmaak",)
    assert categories_for_cpv(["42416100-6", "45313100-5"]) == ("liften",)
    assert categories_for_cpv(["45233140-2"]) == ("openbare_ruimte",)
    assert categories_for_cpv(["45316110-9"]) == ("openbare_verlichting", "openbare_ruimte")
    assert categories_for_cpv(["34993000-4"]) == ("openbare_verlichting",)
    assert categories_for_cpv(["03000000-1"]) == ()


def test_a_broad_code_points_to_no_narrow_category():
    assert "jeugdhulp" not in categories_for_cpv(["85312000-9"])


def derived_categories(**fields):
    return derive(make_profile(**fields), EngineConfig()).categories


def test_buyer_categories_and_cpv_categories_are_joined_in_vocabulary_order():
    assert derived_categories(categories=["liften"], cpv_codes=["90910000-9"]) == ("schoonmaak", "liften")


def test_categories_are_unknown_only_when_neither_categories_nor_cpv_codes_are_given():
    assert derived_categories() is None
    assert derived_categories(cpv_codes=[]) == ()
    assert derived_categories(categories=["catering"]) == ("catering",)


def test_an_unknown_category_asks_for_categories_or_cpv_codes():
    assert unknown_inputs("derived.categories", {}) == ["categories", "cpv_codes"]


def test_the_categories_document_lists_every_category_and_prefix():
    from .conftest import ROOT

    doc = (ROOT / "docs" / "categories.md").read_text(encoding="utf-8")
    for category in CATEGORIES:
        row = next(line for line in doc.splitlines() if line.startswith(f"| `{category.id}` |"))
        assert all(prefix in row for prefix, targets in CPV_PREFIXES.items() if category.id in targets)
