"""Dutch and English formatting by Babel: money, percentages, numbers, lists and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria.formatting import format_date, format_euro, format_list, format_number, format_percent
from mvoi_criteria.templates import Missing, compile_template, render

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        (80_000_000, "nl", f"€{NBSP}80.000.000"),
        (900_000.5, "nl", f"€{NBSP}900.000,50"),
        (215_000, "en", "€215,000"),
        (0.5, "en", "€0.50"),
    ],
)
def test_euro(value, lang, text):
    assert format_euro(value, lang) == text


def test_cents_are_never_lost():
    assert format_euro(900_000.5) != f"€{NBSP}900.000"


@pytest.mark.parametrize(
    ("value", "lang", "text"), [(10, "nl", "10%"), (7.5, "nl", "7,5%"), (7.5, "en", "7.5%"), (None, "nl", "-")]
)
def test_percent(value, lang, text):
    assert format_percent(value, lang) == text


def test_numbers_lists_and_dates():
    assert format_number(1234.5) == "1.234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_list(["a", "b", "c"]) == "a, b en c"
    assert format_list(["a", "b"], "en") == "a and b"
    assert format_list([]) == ""
    assert format_date(dt.date(2026, 3, 1)) == "1 maart 2026"
    assert format_date("2026-03-01", "en") == "1 March 2026"


def test_values_that_are_not_numbers_stay_visible():
    missing = Missing("estimated_value_eur")
    assert format_euro(missing) == str(missing)
    assert format_list(missing) == str(missing)
    assert format_euro(float("inf")) == "inf"


def test_clause_filters_use_babel():
    template = compile_template("{{ profile.estimated_value_eur | euro }} / {{ 7.5 | procent }}")
    assert render(template, {"profile": {"estimated_value_eur": 900_000.5}}) == f"€{NBSP}900.000,50 / 7,5%"


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_euro_keeps_every_cent(value):
    text = format_euro(value).removeprefix("€" + NBSP).replace(".", "").replace(",", ".")
    assert float(text) == pytest.approx(float(value))
