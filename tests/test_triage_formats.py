"""Dutch amounts, quarters and unknowns as they appear in an inkoopkalender."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria.triage.formats import Quarter, ValueError_, When, is_unknown, parse_amount, parse_kind, parse_when


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("€ 6.000.000", 6_000_000),
        ("6.000.000", 6_000_000),
        ("1,5 mln", 1_500_000),
        ("1.5 mln", 1_500_000),
        ("ca. 200k", 200_000),
        ("circa 2,5 miljoen", 2_500_000),
        ("€ 75.000,-", 75_000),
        ("250.000 - 400.000", 400_000),
        ("tussen 1 en 2 mln", 2_000_000),
        ("tot 200k", 200_000),
        ("€ 1.234.567,89", 1_234_567.89),
        (12000, 12_000),
        (0, 0),
    ],
)
def test_dutch_amounts(text: object, amount: float) -> None:
    assert parse_amount(text) == pytest.approx(amount)


@pytest.mark.parametrize("text", ["N.n.b.", "n.n.b", "NNB", "onbekend", "Onbekend", "", "  ", None, "n.v.t.", "?", "-"])
def test_unknown_is_none_never_zero(text: object) -> None:
    assert is_unknown(text)
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["abc", "veel", "1,2,3 mln", True])
def test_a_bad_amount_says_what_was_expected(text: object) -> None:
    with pytest.raises(ValueError_, match="geen bedrag"):
        parse_amount(text)


@given(st.integers(min_value=1, max_value=10**9))
def test_every_amount_written_the_dutch_way_reads_back(amount: int) -> None:
    written = f"€ {amount:,}".replace(",", ".")
    assert parse_amount(written) == amount


@pytest.mark.parametrize(
    ("text", "quarter"),
    [
        ("Q1 2025", Quarter(2025, 1)),
        ("q4 2026", Quarter(2026, 4)),
        ("2025-Q3", Quarter(2025, 3)),
        ("2e kwartaal 2025", Quarter(2025, 2)),
        ("tweede kwartaal 2026", Quarter(2026, 2)),
        ("kwartaal 3 2025", Quarter(2025, 3)),
        ("maart 2026", Quarter(2026, 1)),
        ("15-11-2025", Quarter(2025, 4)),
        ("2025-05-01", Quarter(2025, 2)),
        (dt.datetime(2025, 9, 15), Quarter(2025, 3)),
    ],
)
def test_quarters_and_dates(text: object, quarter: Quarter) -> None:
    assert parse_when(text).quarter == quarter


def test_uncertain_planning_is_marked_not_guessed() -> None:
    assert parse_when("Onzeker (marge 2 of meer kwartalen)") == When(None, None, True)
    assert parse_when("Waarschijnlijk (marge 1 kwartaal)") == When(None, None, False)
    assert parse_when("Q3 2026 (onzeker, marge 2 kwartalen)") == When(Quarter(2026, 3), 2026, True)


def test_a_year_alone_is_a_year_and_blank_is_unknown() -> None:
    assert parse_when("2026") == When(None, 2026, False)
    assert parse_when("N.n.b.") == When()


def test_a_bad_date_says_what_was_expected() -> None:
    with pytest.raises(ValueError_, match="geen kwartaal of datum"):
        parse_when("volgend jaar")


def test_kinds() -> None:
    assert parse_kind("Dienst") == "diensten"
    assert parse_kind("Leveringen") == "leveringen"
    assert parse_kind("onbekend") is None
    with pytest.raises(ValueError_):
        parse_kind("inhuur")
