"""`mvoi-criteria triage`: reading calendars, column mapping, bad rows, priorities and the four outputs."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from mvoi_criteria.cli import main
from mvoi_criteria.triage import (
    TRIAGE_HEADERS,
    Triager,
    open_calendar,
    resolve_columns,
    triage_items,
)
from mvoi_criteria.triage.columns import load_column_file
from mvoi_criteria.triage.reading import CalendarError

ROOT = Path(__file__).parent.parent
EXAMPLE_CSV = ROOT / "examples" / "inkoopkalender.csv"
EXAMPLE_XLSX = ROOT / "examples" / "inkoopkalender.xlsx"

HEADER = "Opdrachtomschrijving;Directie;Schatting contractwaarde;Waarschijnlijkheid publicatiedatum;CPV\n"


@pytest.fixture(scope="module")
def triager() -> Triager:
    return Triager()


def _triage(path: Path, triager: Triager, **overrides: list[str]) -> list:
    problems: list[tuple[int, str]] = []
    with open_calendar(path) as source:
        items = list(triage_items(source, triager, overrides, on_problem=lambda n, p: problems.append((n, p))))
    return [i.triage for i in items if i.triage is not None], problems


def _run(*args: str) -> object:
    return CliRunner().invoke(main, ["triage", *args])


def test_default_headers_and_variants_map_to_roles() -> None:
    header = [
        "Nr",
        "Opdrachtomschrijving",
        "Lead buyer",
        "DIRECTIE",
        "Geraamde waarde",
        "Waarschijnlijkheid publicatiedatum",
        "CPV-codes",
    ]
    assert resolve_columns(header) == {
        "title": 1,
        "leadbuyer": 2,
        "directorate": 3,
        "value": 4,
        "certainty": 5,
        "cpv": 6,
    }


def test_a_directorates_own_headers_win(tmp_path: Path) -> None:
    config = tmp_path / "kolommen.yaml"
    config.write_text("columns:\n  title: Wat kopen we\n  value: [Budget]\n", encoding="utf-8")
    overrides = load_column_file(config)
    assert resolve_columns(["Wat kopen we", "Budget", "Opdracht"], overrides) == {"title": 0, "value": 1}


def test_a_column_file_with_an_unknown_role_names_its_line(tmp_path: Path) -> None:
    config = tmp_path / "kolommen.yaml"
    config.write_text("columns:\n  title: Titel\n  bedrag: Budget\n", encoding="utf-8")
    with pytest.raises(CalendarError) as caught:
        load_column_file(config)
    assert f"{config}:3" in caught.value.report()


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_in_any_delimiter_and_encoding(tmp_path: Path, triager: Triager, delimiter: str, encoding: str) -> None:
    path = tmp_path / "kalender.csv"
    rows = [
        ["Opdrachtomschrijving", "Directie", "Schatting contractwaarde"],
        ["Schoonmaak stadsdeelkantoor Zuidoost", "Facilitair Bureau", "€ 1.500.000"],
        ["Wmo-cliënten: huishoudelijke hulp", "Zorg", "N.n.b."],
    ]
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    results, problems = _triage(path, triager)
    assert problems == []
    assert [r.title for r in results] == [rows[1][0], rows[2][0]]
    assert results[0].value_eur == 1_500_000
    assert results[1].value_eur is None


def test_a_bad_row_is_reported_with_its_number_and_the_run_goes_on(tmp_path: Path, triager: Triager) -> None:
    path = tmp_path / "kalender.csv"
    path.write_text(
        HEADER
        + "Schoonmaak;Facilitair;veel geld;Q1 2025;\n"
        + "Beveiliging;Facilitair;1 mln;ooit;79710000-5\n"
        + "Catering;Facilitair;2 mln;Q2 2025;\n",
        encoding="utf-8",
    )
    results, problems = _triage(path, triager)
    assert [r.row for r in results] == [2, 3, 4]
    assert [n for n, _ in problems] == [2, 3, 3]
    assert "geen bedrag" in problems[0][1]
    assert "geen kwartaal of datum" in problems[1][1]
    assert "controlecijfer" in problems[2][1]
    assert results[0].value_eur is None  # unknown, never zero
    assert results[2].problems == ()


def test_rows_above_the_header_and_blank_rows_are_kept_but_not_triaged(triager: Triager) -> None:
    with open_calendar(EXAMPLE_CSV) as source:
        items = list(triage_items(source, triager, on_problem=lambda n, p: None))
    assert [i.number for i in items][:3] == [1, 2, 3]
    assert items[2].header
    assert items[0].triage is None and items[1].triage is None


def test_a_calendar_without_a_title_column_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "kalender.csv"
    path.write_text("Wat;Wie\nSchoonmaak;Facilitair\n", encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 2
    assert "--column title=" in result.stderr
    ok = _run(str(path), "--column", "title=Wat", "--column", "directorate=Wie", "--format", "csv")
    assert ok.exit_code == 0, ok.output
    assert "Facilitair" in ok.stdout


def test_missing_file_and_wrong_type_exit_2(tmp_path: Path) -> None:
    assert _run(str(tmp_path / "nergens.csv")).exit_code == 2
    other = tmp_path / "kalender.pdf"
    other.write_text("x", encoding="utf-8")
    result = _run(str(other))
    assert result.exit_code == 2 and "use .csv or .xlsx" in result.stderr
    assert "Traceback" not in result.output


def test_the_priority_rule_on_the_example(triager: Triager) -> None:
    results, _ = _triage(EXAMPLE_CSV, triager)
    by_title = {r.title: r for r in results}
    for title in (
        "Inhuur uitzendkrachten en gedetacheerden",
        "Schoonmaakdiensten stadsloketten en kantoren",
        "Beveiliging en receptie Stadhuis",
        "Inzet boa's parkeerhandhaving",
        "Catering bedrijfsrestaurants",
        "Jeugdhulp ambulante begeleiding",
        "Koffieautomaten kantoorlocaties",
        "Onderhoud liften gemeentelijke panden",
    ):
        assert by_title[title].priority == "hoog", (title, by_title[title].reasons)
        assert "Bureau Inclusie & Diversiteit" in by_title[title].actor
    for title in ("Levering strooizout", "Telpunten fietsers"):
        assert by_title[title].priority == "laag", (title, by_title[title].reasons)
    for title in ("Levering strooizout", "Telpunten fietsers", "Maaimachines en veegmachines", "Kantoorartikelen"):
        assert by_title[title].priority != "hoog", (title, by_title[title].reasons)
        assert "zelf" in by_title[title].actor


def test_a_row_carries_its_themes_ask_level_assumptions_and_questions(triager: Triager) -> None:
    results, _ = _triage(EXAMPLE_CSV, triager)
    row = next(r for r in results if r.title.startswith("Inhuur uitzendkrachten"))
    assert "representatie" in row.themes_apply and "sociale_veiligheid" in row.themes_apply
    assert row.ask_level is not None
    assert any(a.field == "personnel.works_for_municipality" for a in row.assumptions)
    assert all(a.question.startswith("Klopt het dat") for a in row.assumptions)
    assert row.quarter == "Q1 2025"


def test_facts_inferred_are_assumptions_and_can_be_turned_off() -> None:
    results, _ = _triage(EXAMPLE_CSV, Triager(infer_facts=False))
    assert all(r.assumptions == () for r in results)


def test_the_engine_runs_once_per_distinct_combination_of_facts(tmp_path: Path) -> None:
    path = tmp_path / "kalender.csv"
    rows = "".join(f"Schoonmaak locatie {i};Facilitair;{100_000 + i};Q1 2026;\n" for i in range(60))
    path.write_text(HEADER + rows, encoding="utf-8")
    triager = Triager()
    results, _ = _triage(path, triager)
    assert len(results) == 60
    assert triager.engine_runs == 1


def _cells(path: Path) -> dict[str, list[list[object]]]:
    workbook = load_workbook(path, read_only=True)
    try:
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}
    finally:
        workbook.close()


def test_excel_output_keeps_every_original_cell_in_order(tmp_path: Path) -> None:
    output = tmp_path / "triage.xlsx"
    result = _run(str(EXAMPLE_XLSX), "-o", str(output))
    assert result.exit_code == 0, result.output
    before, after = _cells(EXAMPLE_XLSX), _cells(output)
    assert list(after) == list(before)  # every sheet, in order
    width = max(len(r) for r in before["Inkoopkalender"])
    for name, rows in before.items():
        assert len(after[name]) == len(rows)
        for index, row in enumerate(rows):
            kept = after[name][index][: len(row)]
            assert kept + [None] * (len(row) - len(kept)) == row, (name, index + 1)
    header = after["Inkoopkalender"][2]
    assert tuple(header[width:]) == TRIAGE_HEADERS
    assert after["Inkoopkalender"][3][width] == "hoog"


def test_excel_output_from_csv_keeps_the_rows(tmp_path: Path) -> None:
    output = tmp_path / "triage.xlsx"
    assert _run(str(EXAMPLE_CSV), "--format", "xlsx", "-o", str(output)).exit_code == 0
    with EXAMPLE_CSV.open(encoding="utf-8") as handle:
        original = list(csv.reader(handle, delimiter=";"))
    rows = (
        _cells(output)["Inkoopkalender"] if "Inkoopkalender" in _cells(output) else next(iter(_cells(output).values()))
    )
    assert [[("" if v is None else v) for v in r[: len(o)]] for r, o in zip(rows, original, strict=True)] == original


def test_csv_output_adds_the_triage_columns(tmp_path: Path) -> None:
    output = tmp_path / "triage.csv"
    assert _run(str(EXAMPLE_CSV), "-o", str(output)).exit_code == 0
    rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert tuple(rows[2][8:]) == TRIAGE_HEADERS
    assert {r[8] for r in rows[3:]} <= {"hoog", "middel", "laag"}


def test_table_output_counts_the_priorities() -> None:
    result = _run(str(EXAMPLE_CSV))
    assert result.exit_code == 0
    assert "Triage inkoopkalender" in result.stdout
    assert "hoog:" in result.stdout and "laag:" in result.stdout
    assert "rij 29: 'abc' is geen bedrag" in result.stderr


def test_html_output_is_one_accessible_offline_file(tmp_path: Path) -> None:
    output = tmp_path / "overzicht.html"
    assert _run(str(EXAMPLE_CSV), "-o", str(output)).exit_code == 0
    html = output.read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    assert "<caption>" in html and '<th scope="col">' in html
    assert html.count("<svg") == 2 and "Prioriteit per directie" in html and "Prioriteit per kwartaal" in html
    assert "<desc" in html  # the charts in words for screen readers
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")  # nothing fetched from outside
    assert "https://" not in html
    assert "<script>" in html and "aria-sort" in html
    assert "&lt;" not in "Inzet boa's" and "Inzet boa&#39;s parkeerhandhaving" in html  # escaped, not raw


def test_the_format_follows_the_extension_and_xlsx_needs_a_file(tmp_path: Path) -> None:
    assert _run(str(EXAMPLE_CSV), "--format", "xlsx").exit_code == 2
    copy = tmp_path / "kalender.CSV"
    shutil.copy(EXAMPLE_CSV, copy)
    result = _run(str(copy), "-o", str(tmp_path / "uit.html"))
    assert result.exit_code == 0 and (tmp_path / "uit.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_another_sheet_is_chosen_by_name(tmp_path: Path) -> None:
    result = _run(str(EXAMPLE_XLSX), "--sheet", "Toelichting")
    assert result.exit_code == 2 and "title column" in result.stderr  # the notes sheet has no calendar
    missing = _run(str(EXAMPLE_XLSX), "--sheet", "Blad9")
    assert missing.exit_code == 2 and "no sheet 'Blad9'" in missing.stderr
