"""The `mvoi-criteria` command: advise, validate, packs, check. Exit 2 on bad input, never a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .advice import advice_to_json
from .cli_errors import EXIT_BAD_INPUT, reports_bad_input
from .config import EngineConfig, load_config
from .engine import advise as build_advice
from .engine import library_version
from .pack_cli import check_packs, pack, pack_options, packs_for
from .plugins import installed_packs
from .profile import load_profile
from .report import render_markdown, render_text
from .themes import check_ambition


def _config(path: str | None) -> EngineConfig:
    return load_config(path) if path else EngineConfig()


def _warn_failures() -> None:
    for failure in installed_packs().failures:
        click.echo(f"warning: pack '{failure.plugin}' left out:", err=True)
        for problem in failure.problems:
            click.echo(f"  {problem}", err=True)


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"written: {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(library_version(), prog_name="mvoi-criteria")
def main() -> None:
    """Proportionate inclusion criteria for a tender, one theme per installed pack (`mvoi-criteria packs`)."""


CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="YAML file with engine settings (cut-offs, weight cap).",
)


@main.command()
@click.argument("profile", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@CONFIG_OPTION
@click.option("--no-infer", is_flag=True, help="Do not assume unknown facts from the title, description or CPV codes.")
@pack_options
@reports_bad_input
def advise(
    profile: str,
    fmt: str,
    output: str | None,
    config_path: str | None,
    no_infer: bool,
    pack_files: tuple[str, ...],
    only_packs: bool,
) -> None:
    """Advise the inclusion criteria for the tender described in PROFILE (YAML or JSON)."""
    loaded = load_profile(profile)
    pack_set = packs_for(pack_files, only_packs)
    check_ambition(loaded, pack_set.packs, profile)
    advice = build_advice(loaded, packs=pack_set, config=_config(config_path), infer_facts=not no_infer)
    _warn_failures()
    render = {"json": advice_to_json, "markdown": render_markdown, "text": render_text}[fmt]
    _write(render(advice), output)


@main.command()
@click.argument("profile", type=click.Path(dir_okay=False))
@reports_bad_input
def validate(profile: str) -> None:
    """Check PROFILE against the tender-profile schema and the installed themes; report every problem."""
    loaded = load_profile(profile)
    check_ambition(loaded, installed_packs().packs, profile)
    click.echo(f"{profile}: valid tender profile '{loaded.title}'")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the listing as JSON.")
def packs(as_json: bool) -> None:
    """List the installed criteria packs with their version and number of criteria."""
    pack_set = installed_packs()
    rows = [
        {
            "id": p.id,
            "theme": p.theme,
            "version": p.version,
            "distribution": p.distribution,
            "distribution_version": p.distribution_version,
            "criteria": len(p.criteria),
            "source": p.source,
        }
        for p in pack_set.packs
    ]
    failures = [{"plugin": f.plugin, "source": f.source, "problems": list(f.problems)} for f in pack_set.failures]
    if as_json:
        click.echo(json.dumps({"packs": rows, "failures": failures}, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no criteria packs installed")
    for row in rows:
        click.echo(
            f"{row['id']:<20} {row['theme']:<20} {row['version']:<10} {row['criteria']:>3} criteria  ({row['distribution'] or '-'} {row['distribution_version'] or ''})"
        )
    _warn_failures()


@main.command()
@click.argument("pack_files", nargs=-1, type=click.Path(dir_okay=False))
def check(pack_files: tuple[str, ...]) -> None:
    """Validate and compile pack YAML files (or, without files, every installed pack), reporting every
    problem with file and line: schema, fields, ids reused across packs, GDPR art. 9 findings."""
    good, bad = check_packs(pack_files)
    for line in good:
        click.echo(line)
    for line in bad:
        click.echo(line, err=True)
    if bad:
        sys.exit(EXIT_BAD_INPUT)


from .draft_cli import draft  # noqa: E402  (registered last: draft_cli is issue 4's module)

main.add_command(draft)
main.add_command(pack)
from .triage_cli import triage  # noqa: E402  (issue 11's module)

main.add_command(triage)

if __name__ == "__main__":  # pragma: no cover
    main()
