"""Triage of an inkoopkalender: which tenders need attention for inclusion, why, and who acts.

`mvoi-criteria triage CALENDAR` reads a calendar (CSV or Excel), infers what each row's words and codes
suggest, runs the engine once per distinct combination of facts, and ranks each row hoog, middel or laag.
"""

from __future__ import annotations

from .columns import ROLES, load_column_file, resolve_columns
from .core import PRIORITIES, RowTriage, Triager
from .formats import Quarter, When, is_unknown, parse_amount, parse_kind, parse_when
from .reading import CalendarError, Source, open_calendar
from .run import TRIAGE_HEADERS, Item, triage_items, triage_values

__all__ = [
    "PRIORITIES",
    "ROLES",
    "TRIAGE_HEADERS",
    "CalendarError",
    "Item",
    "Quarter",
    "RowTriage",
    "Source",
    "Triager",
    "When",
    "is_unknown",
    "load_column_file",
    "open_calendar",
    "parse_amount",
    "parse_kind",
    "parse_when",
    "resolve_columns",
    "triage_items",
    "triage_values",
]
