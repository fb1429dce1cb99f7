"""Numbers, money, percentages, lists and dates as a Dutch (or British English) reader expects them.

Babel's CLDR data does the formatting, so separators, symbols and "en"/"and" follow the locale
instead of hand-written rules; every renderer (text, Markdown, Word, templates) goes through here.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.lists import format_list as _babel_list
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as _babel_percent

__all__ = ["LOCALES", "format_date", "format_euro", "format_list", "format_number", "format_percent", "locale_of"]

LOCALES: dict[str, str] = {"nl": "nl_NL", "en": "en_GB"}


def locale_of(lang: str) -> str:
    """The Babel locale for a document language: nl -> nl_NL, en -> en_GB."""
    return LOCALES.get(lang, LOCALES["nl"])


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and math.isfinite(value)


def format_euro(value: Any, lang: str = "nl") -> str:
    """80000000 -> '€ 80.000.000', 900000.5 -> '€ 900.000,50'; cents are shown only when there are any.

    Anything that is not a finite number (an unknown value, a Missing marker) is shown as it is.
    """
    if not _is_number(value):
        return str(value)
    locale = locale_of(lang)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    if Decimal(str(value)) == Decimal(str(value)).to_integral_value():
        pattern = pattern.replace(".00", "")
        return format_currency(value, "EUR", format=pattern, locale=locale, currency_digits=False)
    return format_currency(value, "EUR", format=pattern, locale=locale)


def format_percent(value: Any, lang: str = "nl") -> str:
    """A value in percent: 10 -> '10%', 7.5 -> '7,5%' (Dutch) or '7.5%' (English); None -> '-'."""
    if value is None:
        return "-"
    if not _is_number(value):
        return str(value)
    return _babel_percent(Decimal(str(value)) / 100, format="#,##0.##%", locale=locale_of(lang))


def format_number(value: Any, lang: str = "nl") -> str:
    """1234.5 -> '1.234,5' (Dutch) or '1,234.5' (English)."""
    if not _is_number(value):
        return str(value)
    return format_decimal(value, locale=locale_of(lang))


def format_list(values: Any, lang: str = "nl") -> str:
    """['a', 'b', 'c'] -> 'a, b en c' (Dutch) or 'a, b and c' (English); a single value is shown as it is."""
    if values is None:
        return ""
    if isinstance(values, str) or not isinstance(values, Iterable):
        return str(values)  # also an unknown-value marker, which stays visible
    items = [str(v) for v in values]
    return _babel_list(items, locale=locale_of(lang)) if items else ""


def format_date(value: Any, lang: str = "nl") -> str:
    """2026-03-01 -> '1 maart 2026' (Dutch) or '1 March 2026' (English); text that is no date stays as it is."""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, datetime.date):
        return str(value)
    return _babel_date(value, format="long", locale=locale_of(lang))
