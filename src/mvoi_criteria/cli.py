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
from .plugins import installed_packs, pack_set_from_files
from .privacy import scan_pack
from .profile import load_profile
from .report import render_markdown, render_text


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
    """Proportionate inclusion criteria for a tender: representatie, toegankelijkheid, sociale veiligheid."""


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
@reports_bad_input
def advise(profile: str, fmt: str, output: str | None, config_path: str | None, no_infer: bool) -> None:
    """Advise the inclusion criteria for the tender described in PROFILE (YAML or JSON)."""
    advice = build_advice(load_profile(profile), config=_config(config_path), infer_facts=not no_infer)
    _warn_failures()
    render = {"json": advice_to_json, "markdown": render_markdown, "text": render_text}[fmt]
    _write(render(advice), output)


@main.command()
@click.argument("profile", type=click.Path(dir_okay=False))
@reports_bad_input
def validate(profile: str) -> None:
    """Check PROFILE against the tender-profile schema and report every problem."""
    loaded = load_profile(profile)
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
@click.argument("pack_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check(pack_files: tuple[str, ...]) -> None:
    """Validate and compile pack YAML files, reporting every problem with file and line (for pack authors)."""
    pack_set = pack_set_from_files(pack_files)
    flagged = False
    for pack in pack_set.packs:
        findings = scan_pack(pack)
        if findings:
            flagged = True
            click.echo(f"{pack.source}: may ask for special-category personal data (GDPR art. 9):", err=True)
            for finding in findings:
                click.echo(f"  {finding.criterion} {finding.field}: {finding.sentence}", err=True)
        else:
            click.echo(f"{pack.source}: ok, pack '{pack.id}' {pack.version} with {len(pack.criteria)} criteria")
    for failure in pack_set.failures:
        click.echo(f"{failure.source}: invalid criteria pack", err=True)
        for problem in failure.problems:
            click.echo(f"  {problem}", err=True)
    if pack_set.failures or flagged:
        sys.exit(EXIT_BAD_INPUT)


from .draft_cli import draft  # noqa: E402  (registered last: draft_cli is issue 4's module)

main.add_command(draft)
from .triage_cli import triage  # noqa: E402  (issue 11's module)

main.add_command(triage)

if __name__ == "__main__":  # pragma: no cover
    main()
