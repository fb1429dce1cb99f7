"""Write examples/inkoopkalender.xlsx from examples/inkoopkalender.csv (run from the repository root).

The workbook mixes what real calendars hold: amounts as numbers with a euro format next to amounts as
Dutch text, a real date next to quarters in words, a title row above the header, and a second sheet
with notes that a triage must carry over untouched.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).parent
FIXED = dt.datetime(2025, 1, 6, 9, 0)  # fixed document properties: no machine time in the example


def _cell(column: str, value: str) -> object:
    if column == "Schatting contractwaarde" and re.fullmatch(r"€ [\d.]+", value):
        return int(value[2:].replace(".", ""))  # a number, shown with a euro format
    if column == "Publicatiedatum" and value == "Q3 2025":
        return dt.datetime(2025, 9, 15)  # a real date among the quarters
    return value or None


def main() -> None:
    with (HERE / "inkoopkalender.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Inkoopkalender"
    header = rows[2]
    for index, values in enumerate(rows):
        if index < 2:
            sheet.append([v or None for v in values[:1]])
        elif index == 2:
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        else:
            sheet.append([_cell(column, value) for column, value in zip(header, values, strict=True)])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, int):
                    cell.number_format = "€ #,##0"
                elif isinstance(cell.value, dt.datetime):
                    cell.number_format = "dd-mm-yyyy"
    notes = workbook.create_sheet("Toelichting")
    notes.append(["Deze kalender is een verzonnen voorbeeld in de vorm van een Amsterdamse inkoopkalender."])
    notes.append(["N.n.b. en onbekend betekenen: nog niet bekend."])
    workbook.properties.created = workbook.properties.modified = FIXED
    workbook.save(HERE / "inkoopkalender.xlsx")


if __name__ == "__main__":
    main()
