"""Reading an inkoopkalender row by row: CSV in any delimiter and encoding, or an Excel workbook.

Rows stream from the file (openpyxl read-only mode; csv reader over an open file), so a calendar of
any length is read in bounded memory. Row numbers are the spreadsheet's: the first line is row 1.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from ..errors import InputError, Problem

__all__ = ["CalendarError", "Source", "open_calendar"]


class CalendarError(InputError):
    kind = "inkoopkalender"


@attrs.define
class Source:
    """An open calendar: its rows (number, values) and what an output needs to mirror it."""

    path: Path
    kind: str  # "csv" or "xlsx"
    rows: Iterator[tuple[int, list[Any]]]
    sheet: str | None = None
    delimiter: str = ";"
    encoding: str = "utf-8"
    workbook: Any = None  # the read-only workbook, so an Excel output can copy the other sheets
    width: int = 0  # the widest row: triage columns go to its right
    total: int | None = None  # number of rows, for the progress bar


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as UTF-8, else Windows-1252."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(";,\t|", key=first.count)


@contextmanager
def open_calendar(path: str | Path, sheet: str | None = None) -> Iterator[Source]:
    """Open a .csv (or .txt) or .xlsx calendar; any other file is refused with a clear message."""
    path = Path(path)
    if not path.is_file():
        raise CalendarError(str(path), [Problem("$", "file not found")])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        with _open_xlsx(path, sheet) as source:
            yield source
    elif suffix in (".csv", ".txt", ".tsv"):
        with _open_csv(path) as source:
            yield source
    else:
        raise CalendarError(str(path), [Problem("$", f"unknown file type '{suffix}'; use .csv or .xlsx")])


@contextmanager
def _open_csv(path: Path) -> Iterator[Source]:
    encoding = _encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = _delimiter(handle.read(64 * 1024))
        handle.seek(0)
        width = total = 0
        try:
            for values in csv.reader(handle, delimiter=delimiter):  # a first streaming pass: the widest row
                width, total = max(width, len(values)), total + 1
        except csv.Error:
            pass  # reported with its row by the second pass
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)

        def rows() -> Iterator[tuple[int, list[Any]]]:
            try:
                yield from enumerate(reader, start=1)
            except csv.Error as exc:
                raise CalendarError(str(path), [Problem(f"row {reader.line_num}", str(exc))]) from None

        yield Source(path, "csv", rows(), delimiter=delimiter, encoding=encoding, width=width, total=total)


@contextmanager
def _open_xlsx(path: Path, sheet: str | None) -> Iterator[Source]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise CalendarError(str(path), [Problem("$", f"not a readable Excel workbook ({exc})")]) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise CalendarError(
                str(path), [Problem("$", f"no sheet '{sheet}'; sheets: {', '.join(workbook.sheetnames)}")]
            )
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]

        def rows() -> Iterator[tuple[int, list[Any]]]:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                yield number, list(values)

        yield Source(
            path,
            "xlsx",
            rows(),
            sheet=worksheet.title,
            workbook=workbook,
            width=worksheet.max_column or 0,
            total=worksheet.max_row,
        )
    finally:
        workbook.close()
