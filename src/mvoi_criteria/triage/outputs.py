"""The four outputs of a triage: a terminal table, CSV, Excel that keeps the input intact, and a
self-contained HTML overview. CSV and Excel stream row by row; the table and the overview keep only
the short display fields of each row."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..labels import label
from .core import PRIORITIES, RowTriage
from .reading import Source
from .run import TRIAGE_HEADERS, Item, triage_values

__all__ = ["write_csv", "write_html", "write_table", "write_xlsx"]


def _width(items: list[Item]) -> int:
    return max((len(i.values) for i in items), default=0)


def _padded(values: Iterable[Any], width: int) -> list[Any]:
    values = list(values)
    return values + [None] * (width - len(values))


def write_csv(items: Iterator[Item], handle: IO[str], width: int, delimiter: str = ";") -> int:
    """Original cells, then the triage columns; ';' and a BOM-less UTF-8 stream (the caller opens it)."""
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
    count = 0
    for item in items:
        if item.header:
            writer.writerow(_padded(item.values, width) + list(TRIAGE_HEADERS))
        elif item.triage is not None:
            writer.writerow(_padded(item.values, width) + triage_values(item.triage))
            count += 1
        else:
            writer.writerow(item.values)
    return count


def write_xlsx(items: Iterator[Item], path: Path, source: Source, width: int) -> int:
    """A workbook with every original sheet, row, column and value in order; the triaged sheet gets the
    triage columns to the right of the original ones. Written in streaming (write-only) mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    count = 0
    others = source.workbook.worksheets if source.workbook is not None else []
    names = [ws.title for ws in others] or [source.sheet or "Inkoopkalender"]
    for name in names:
        sheet = workbook.create_sheet(title=name)
        if name != (source.sheet or names[0]):
            for values in source.workbook[name].iter_rows(values_only=True):
                sheet.append(list(values))
            continue
        for item in items:
            if item.header:
                bold = []
                for text in TRIAGE_HEADERS:
                    cell = WriteOnlyCell(sheet, value=text)
                    cell.font = Font(bold=True)
                    bold.append(cell)
                sheet.append(_padded(item.values, width) + bold)
            elif item.triage is not None:
                sheet.append(_padded(item.values, width) + triage_values(item.triage))
                count += 1
            else:
                sheet.append(list(item.values))
    workbook.save(path)
    return count


def _short(text: str | None, size: int) -> str:
    text = text or ""
    return text if len(text) <= size else text[: size - 1] + "…"


_STYLE = {"hoog": "bold red", "middel": "yellow", "laag": "green"}


def write_table(items: Iterator[Item], handle: IO[str] | None = None, *, width: int | None = None) -> list[RowTriage]:
    """A rich table for the terminal (or a text file), with the count per priority underneath."""
    from rich.console import Console
    from rich.table import Table

    rows = [i.triage for i in items if i.triage is not None]
    table = Table(title="Triage inkoopkalender", show_lines=False)
    for name in ("Rij", "Opdracht", "Directie", "Kwartaal", "Prioriteit", "Thema's", "Hoogste vraag", "Wie handelt"):
        table.add_column(name, overflow="fold")
    for r in rows:
        themes = ", ".join(label(t) for t in r.themes_apply)
        if r.themes_maybe:
            themes += (" · " if themes else "") + "mogelijk: " + ", ".join(label(t) for t in r.themes_maybe)
        table.add_row(
            str(r.row),
            _short(r.title, 48),
            _short(r.directorate, 24),
            r.quarter or "onbekend",
            f"[{_STYLE[r.priority]}]{r.priority}[/]",
            themes or "geen",
            label(r.ask_level) if r.ask_level else "-",
            _short(r.actor, 60),
        )
    console = Console(file=handle, width=width, highlight=False) if handle else Console(highlight=False, width=width)
    if handle is None and not console.is_terminal and width is None:
        console.width = 160  # piped: wide enough to read, no wrapping in every cell
    console.print(table)
    counts = Counter(r.priority for r in rows)
    console.print(" · ".join(f"{p}: {counts.get(p, 0)}" for p in PRIORITIES) + f" · rijen: {len(rows)}")
    return rows


def write_html(items: Iterator[Item], path: Path, source_name: str) -> list[RowTriage]:
    """One self-contained HTML file: a sortable table and charts of priorities per directorate and quarter."""
    from .overview import render_overview

    rows = [i.triage for i in items if i.triage is not None]
    path.write_text(render_overview(rows, source_name), encoding="utf-8")
    return rows
