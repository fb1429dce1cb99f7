"""A calendar streamed through the triage: every row of the file, in order, with its triage when it
is a tender row. Rows above the header and blank rows pass through untouched."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ..errors import Problem
from .columns import ROLES, resolve_columns
from .core import RowTriage, Triager
from .reading import CalendarError, Source

__all__ = ["TRIAGE_HEADERS", "Item", "triage_items", "triage_values"]

TRIAGE_HEADERS = (
    "Triage: prioriteit",
    "Triage: redenen",
    "Triage: thema's van toepassing",
    "Triage: thema's mogelijk van toepassing",
    "Triage: hoogste vraag",
    "Triage: aannames",
    "Triage: vragen",
    "Triage: wie handelt",
    "Triage: kwartaal",
    "Triage: problemen",
)
_HEADER_SEARCH_ROWS = 20


@attrs.frozen
class Item:
    """One row of the file: its number and values, whether it is the header, and its triage."""

    number: int
    values: Sequence[Any]
    header: bool = False
    triage: RowTriage | None = None


def triage_items(
    source: Source,
    triager: Triager,
    overrides: Mapping[str, Sequence[str]] = {},
    on_problem: Callable[[int, str], None] | None = None,
) -> Iterator[Item]:
    """Every row of the source in order; the header is found among the first rows by its title column."""
    columns: dict[str, int] | None = None
    waiting: list[tuple[int, list[Any]]] = []
    for number, values in source.rows:
        if columns is None:
            found = resolve_columns(values, overrides)
            if "title" in found:
                columns = found
                yield from (Item(n, v) for n, v in waiting)
                yield Item(number, values, header=True)
                continue
            waiting.append((number, values))
            if len(waiting) >= _HEADER_SEARCH_ROWS:
                break
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            yield Item(number, values)
            continue
        cells = {role: values[i] if i < len(values) else None for role, i in columns.items()}
        result = triager.triage(number, cells)
        for problem in result.problems:
            (on_problem or _report)(number, problem)
        yield Item(number, values, triage=result)
    if columns is None:
        wanted = ", ".join(f'"{h}"' for h in ("Opdrachtomschrijving", "Omschrijving opdracht", "Titel"))
        raise CalendarError(
            str(source.path),
            [
                Problem(
                    "$",
                    f"no header row with a title column ({wanted}, ...) in the first {_HEADER_SEARCH_ROWS} rows; "
                    f"name it with --column title=HEADER (roles: {', '.join(ROLES)})",
                )
            ],
        )


def _report(number: int, problem: str) -> None:
    print(f"rij {number}: {problem}", file=sys.stderr)


def triage_values(result: RowTriage | None) -> list[Any]:
    """The triage columns of a row, as plain text in Dutch."""
    if result is None:
        return [None] * len(TRIAGE_HEADERS)
    from ..labels import label

    return [
        result.priority,
        "; ".join(result.reasons),
        ", ".join(label(t) for t in result.themes_apply),
        ", ".join(label(t) for t in result.themes_maybe),
        label(result.ask_level) if result.ask_level else "",
        " | ".join(f"{a.question} (bron: {a.source})" for a in result.assumptions),
        " | ".join(result.questions),
        result.actor,
        result.quarter or "",
        "; ".join(result.problems),
    ]
