"""The `mvoi-criteria triage` command: rank every tender of an inkoopkalender for inclusion.

Bad rows are reported on standard error with their row number and the run goes on; a file that cannot
be read at all exits 2 with the file and the problem, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .cli_errors import reports_bad_input
from .config import EngineConfig, load_config
from .plugins import installed_packs
from .triage import ROLES, Item, Triager, load_column_file, open_calendar, triage_items
from .triage.outputs import write_csv, write_html, write_table, write_xlsx

__all__ = ["triage"]

_BY_SUFFIX = {".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html"}


def _column_options(values: tuple[str, ...]) -> dict[str, list[str]]:
    columns: dict[str, list[str]] = {}
    for value in values:
        role, sep, header = value.partition("=")
        if not sep or role.strip() not in ROLES or not header.strip():
            raise click.BadParameter(
                f"'{value}': expected ROLE=HEADER with ROLE one of {', '.join(ROLES)}", param_hint="--column"
            )
        columns.setdefault(role.strip(), []).append(header.strip())
    return columns


def _with_progress(items: Iterator[Item], total: int | None) -> Iterator[Item]:
    """A progress bar on standard error for long runs, only when it is a terminal."""
    if not sys.stderr.isatty() or (total is not None and total < 500):
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("triage", total=total)
        for item in items:
            progress.advance(task)
            yield item


@click.command()
@click.argument("calendar", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "xlsx", "html"]),
    help="Output format (default: from the -o extension, else a table).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File to write (the format follows its extension when --format is missing).",
)
@click.option(
    "--column",
    "column_values",
    multiple=True,
    metavar="ROLE=HEADER",
    help=f"Which header holds a role ({', '.join(ROLES)}); repeatable.",
)
@click.option(
    "--columns",
    "columns_path",
    type=click.Path(dir_okay=False),
    help="YAML file 'columns: {role: [header, ...]}' with a directorate's headers.",
)
@click.option("--sheet", help="Excel: the sheet to triage (default: the first).")
@click.option("--no-infer", is_flag=True, help="Do not assume facts from the words and CPV codes of a row.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="YAML file with engine settings (cut-offs, weight cap).",
)
@reports_bad_input
def triage(
    calendar: str,
    fmt: str | None,
    output: str | None,
    column_values: tuple[str, ...],
    columns_path: str | None,
    sheet: str | None,
    no_infer: bool,
    config_path: str | None,
) -> None:
    """Triage the inkoopkalender CALENDAR (.csv or .xlsx): priority hoog/middel/laag with reasons, the
    themes that (may) apply, the expected highest ask, assumptions, questions and who should act."""
    fmt = fmt or (_BY_SUFFIX.get(Path(output).suffix.lower(), "table") if output else "table")
    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    overrides = load_column_file(columns_path) if columns_path else {}
    for role, headers in _column_options(column_values).items():
        overrides[role] = headers + overrides.get(role, [])
    config = load_config(config_path) if config_path else EngineConfig()
    triager = Triager(config=config, infer_facts=not no_infer)
    for failure in installed_packs().failures:
        click.echo(f"warning: pack '{failure.plugin}' left out: {'; '.join(failure.problems)}", err=True)
    with open_calendar(calendar, sheet) as source:
        items = _with_progress(triage_items(source, triager, overrides), source.total)
        if fmt == "table":
            if output:
                with Path(output).open("w", encoding="utf-8") as handle:
                    rows = write_table(items, handle, width=160)
            else:
                rows = write_table(items)
            count = len(rows)
        elif fmt == "csv":
            if output:
                with Path(output).open("w", encoding="utf-8-sig", newline="") as handle:
                    count = write_csv(items, handle, source.width)
            else:
                count = write_csv(items, sys.stdout, source.width)
        elif fmt == "xlsx":
            count = write_xlsx(items, Path(output), source, source.width)
        else:
            if output:
                count = len(write_html(items, Path(output), Path(calendar).name))
            else:
                from .triage.overview import render_overview

                rows = [i.triage for i in items if i.triage is not None]
                click.echo(render_overview(rows, Path(calendar).name), nl=False)
                count = len(rows)
    click.echo(f"{count} rows triaged" + (f"; written: {output}" if output else ""), err=True)
