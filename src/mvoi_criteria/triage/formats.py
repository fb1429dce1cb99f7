"""Dutch values as they appear in an inkoopkalender: amounts, quarters and dates, and 'unknown'.

"N.n.b.", "onbekend" and blanks mean unknown (None), never zero. Numbers are read with Babel's Dutch
rules ("6.000.000", "1,5"); only the shorthand around them ("ca.", "mln", "200k") is handled here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import attrs
from babel.dates import get_month_names
from babel.numbers import NumberFormatError, parse_decimal

__all__ = ["Quarter", "ValueError_", "When", "is_unknown", "parse_amount", "parse_kind", "parse_when"]


class ValueError_(ValueError):
    """A cell that cannot be read; the message says what was expected."""


_UNKNOWN = {
    "",
    "nnb",
    "nb",
    "onbekend",
    "nognietbekend",
    "nietbekend",
    "nvt",
    "tbd",
    "pm",
    "?",
    "-",
    "–",
    "x",
    "nader te bepalen",
    "ntb",
}


def is_unknown(value: object) -> bool:
    """Blank, "N.n.b.", "onbekend", "n.v.t.", "?" and the like."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    squeezed = re.sub(r"[\s.]", "", value.strip().lower())
    return squeezed in _UNKNOWN or value.strip().lower() in _UNKNOWN


_MULTIPLIERS = {
    "k": 1_000,
    "duizend": 1_000,
    "dzd": 1_000,
    "m": 1_000_000,
    "mln": 1_000_000,
    "mio": 1_000_000,
    "miljoen": 1_000_000,
    "mld": 1_000_000_000,
    "miljard": 1_000_000_000,
}
_NOISE = re.compile(
    r"(?i)\b(ca|circa|ongeveer|plm|maximaal|max|ruim|bijna|excl|incl|ex|btw|per jaar|eur|euro)\b\.?|[€~±≈]"
)
_AMOUNT = re.compile(
    r"^(?P<number>\d[\d.,\s]*?)\s*(?P<unit>k|duizend|dzd|mln|mio|miljoen|mld|miljard|m)?\.?$", re.IGNORECASE
)


def parse_amount(value: object) -> float | None:
    """An amount in euro: "€ 6.000.000", "1,5 mln", "ca. 200k", "250.000 - 400.000" (the upper end)."""
    if is_unknown(value):
        return None
    if isinstance(value, bool):
        raise ValueError_(f"{value!r} is geen bedrag")
    if isinstance(value, int | float | Decimal):
        if value < 0:
            raise ValueError_(f"{value} is negatief; verwacht een bedrag van 0 of meer")
        return float(value)
    text = re.sub(r",-+$|,=$", "", str(value).strip())  # "€ 75.000,-"
    text = re.sub(r"(?i)^\s*tussen\s+(.+?)\s+en\s+", r"\1 - ", text)  # "tussen 1 en 2 mln"
    text = re.sub(r"(?i)^\s*tot\s+", "", text)  # "tot 200k": up to
    text = _NOISE.sub(" ", text).strip().strip("-").strip()
    parts = [p.strip() for p in re.split(r"\s+(?:-|–|tot)\s+|\s*[–]\s*", text) if p.strip()]
    if not parts:
        return None if is_unknown(text) else _fail(value)
    unit = re.search(r"(?i)[a-z]+\.?$", parts[-1])
    if unit and len(parts) > 1:
        parts = [p if re.search(r"[a-z]", p, re.I) else f"{p} {unit[0]}" for p in parts]
    return max(_one_amount(p, value) for p in parts)


def _one_amount(text: str, original: object) -> float:
    match = _AMOUNT.match(text.replace(" ", "") if not re.search(r"[a-z]", text, re.I) else text)
    if match is None:
        _fail(original)
    number = match["number"].replace(" ", "")
    unit = (match["unit"] or "").lower()
    try:
        parsed = parse_decimal(number, locale="nl", strict=True)
    except NumberFormatError:
        if re.fullmatch(r"\d+\.\d{1,2}", number):  # "1.5 mln": a decimal point, not a thousands separator
            parsed = Decimal(number)
        else:
            _fail(original)
    return float(parsed * _MULTIPLIERS.get(unit, 1))


def _fail(original: object) -> None:
    raise ValueError_(f"'{original}' is geen bedrag (verwacht bijvoorbeeld € 6.000.000, 1,5 mln of ca. 200k)")


@attrs.frozen
class Quarter:
    year: int
    number: int

    def __str__(self) -> str:
        return f"Q{self.number} {self.year}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)


_ORDINALS = {
    "eerste": 1,
    "tweede": 2,
    "derde": 3,
    "vierde": 4,
    "1e": 1,
    "2e": 2,
    "3e": 3,
    "4e": 4,
    "1ste": 1,
    "2de": 2,
    "3de": 3,
    "4de": 4,
}
_MONTHS = {name.lower(): number for number, name in get_month_names("wide", locale="nl").items()} | {
    name.lower().rstrip("."): number for number, name in get_month_names("abbreviated", locale="nl").items()
}
_UNCERTAIN = re.compile(r"(?i)onzeker|marge\s*(?:van\s*)?(?:[2-9]|twee|drie|vier)")


@attrs.frozen
class When:
    """A planned publication: the quarter (or only the year) and whether it may shift two quarters or more."""

    quarter: Quarter | None = None
    year: int | None = None
    uncertain: bool = False

    def combine(self, other: When) -> When:
        return When(self.quarter or other.quarter, self.year or other.year, self.uncertain or other.uncertain)


def parse_when(value: object) -> When:
    """Reads "Q1 2025", "2025-Q3", "2e kwartaal 2025", "tweede kwartaal 2025", "maart 2025", "15-03-2025",
    "2025-03-15", "2026" and spreadsheet dates; "Onzeker (marge 2 of meer kwartalen)" marks it uncertain."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return When(Quarter.of(value), value.year)
    if is_unknown(value):
        return When()
    text = str(value).strip().lower()
    uncertain = bool(_UNCERTAIN.search(text))
    quarter = _quarter(text)
    year_match = re.search(r"\b(20\d\d)\b", text)
    year = quarter.year if quarter else (int(year_match[1]) if year_match else None)
    if year is None and not uncertain and not re.search(r"(?i)zeker|waarschijnlijk|marge", text):
        raise ValueError_(f"'{value}' is geen kwartaal of datum (verwacht bijvoorbeeld Q1 2025 of 2e kwartaal 2025)")
    return When(quarter, year, uncertain)


def _quarter(text: str) -> Quarter | None:
    year_match = re.search(r"\b(20\d\d)\b", text)
    if m := re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](20\d\d)\b", text):
        return Quarter.of(dt.date(int(m[3]), int(m[2]), int(m[1])))
    if m := re.search(r"\b(20\d\d)-(\d\d)-(\d\d)\b", text):
        return Quarter.of(dt.date(int(m[1]), int(m[2]), int(m[3])))
    if year_match is None:
        return None
    year = int(year_match[1])
    if m := re.search(r"\b[qk]\s*([1-4])\b", text):
        return Quarter(year, int(m[1]))
    if m := re.search(r"\b(eerste|tweede|derde|vierde|[1-4]e|[1-4]ste|[1-4]de)\s+kwartaal\b", text):
        return Quarter(year, _ORDINALS[m[1]])
    if m := re.search(r"\bkwartaal\s*([1-4])\b", text):
        return Quarter(year, int(m[1]))
    for name, number in _MONTHS.items():
        if re.search(rf"\b{re.escape(name)}\b", text):
            return Quarter.of(dt.date(year, number, 1))
    return None


_KINDS = {
    "dienst": "diensten",
    "diensten": "diensten",
    "levering": "leveringen",
    "leveringen": "leveringen",
    "werk": "werken",
    "werken": "werken",
}


def parse_kind(value: object) -> str | None:
    """Diensten, leveringen or werken ("Dienst", "Levering", "Werk" too)."""
    if is_unknown(value):
        return None
    kind = _KINDS.get(str(value).strip().lower())
    if kind is None:
        raise ValueError_(f"'{value}' is geen soort opdracht (verwacht diensten, leveringen of werken)")
    return kind
