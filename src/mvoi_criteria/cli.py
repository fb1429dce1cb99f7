"""The `mvoi-criteria` command: advise, validate, packs, check. Exit 2 on bad input, never a traceback."""

from __future__ import annotations

import json
import sys

import click

from .advice import advice_to_json
from .cli_errors import EXIT_BAD_INPUT, reports_bad_input, warn_incomplete, warn_left_out
from .config import EngineConfig, load_config
from .engine import advise as build_advice
from .engine import library_version
from .output import STDOUT, choose_format, write_output
from .pack_check import render_problems
from .plugins import IncompleteAdviceError, installed_packs, pack_set_from_files
from .profile import load_profile
from .report import render_markdown, render_text

ADVICE_EXTENSIONS = {".txt": "text", ".json": "json", ".md": "markdown", ".markdown": "markdown"}


def _config(path: str | None) -> EngineConfig:
    return load_config(path) if path else EngineConfig()


def _warn_failures() -> None:
    pack_set = installed_packs()
    if pack_set.failures:
        warn_incomplete(IncompleteAdviceError(pack_set.failures), accepted=True)


ALLOW_INCOMPLETE_OPTION = click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Accept an advice although an installed pack was left out (recorded in the advice); "
    "without it such an advice exits 3 and nothing is written.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(library_version(), prog_name="mvoi-criteria")
def main() -> None:
    """Proportionate inclusion criteria for a tender: representatie, toegankelijkheid, sociale veiligheid."""


CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(),
    help="YAML file with engine settings (cut-offs, weight cap).",
)


@main.command()
@click.argument("profile", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    help="Output format; default: from the extension of -o (.txt, .json, .md), else text.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    help="Write to this file (atomically; never over an input) instead of standard output; '-' is standard output.",
)
@CONFIG_OPTION
@ALLOW_INCOMPLETE_OPTION
@click.option("--no-infer", is_flag=True, help="Do not assume unknown facts from the title, description or CPV codes.")
@reports_bad_input
def advise(
    profile: str, fmt: str | None, output: str | None, config_path: str | None, allow_incomplete: bool, no_infer: bool
) -> None:
    """Advise the inclusion criteria for the tender described in PROFILE (YAML or JSON).

    Exit status: 0 done, 2 bad input, 3 a pack was left out (see --allow-incomplete).
    """
    fmt = choose_format(output, fmt, ADVICE_EXTENSIONS, "text")
    config = _config(config_path)
    advice = build_advice(
        load_profile(profile), config=config, allow_incomplete=allow_incomplete, infer_facts=not no_infer
    )
    warn_left_out(advice)
    render = {"json": advice_to_json, "markdown": render_markdown, "text": render_text}[fmt]
    write_output(render(advice), output or STDOUT, inputs=(profile, config_path))
    if output and output != STDOUT:
        click.echo(f"written: {output}", err=True)


@main.command()
@click.argument("profile", type=click.Path())
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
    failures = [
        {"plugin": f.plugin, "distribution": f.distribution, "source": f.source, "problems": list(f.problems)}
        for f in pack_set.failures
    ]
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
@click.argument("pack_files", nargs=-1, required=True, type=click.Path())
def check(pack_files: tuple[str, ...]) -> None:
    """Validate and compile pack YAML files, scan them for demands of sensitive personal data, and render
    every clause text against sample profiles, reporting every problem with file and line (for pack authors).
    """
    pack_set = pack_set_from_files(pack_files)
    failed = bool(pack_set.failures)
    for pack in pack_set.packs:
        problems = render_problems(pack)
        if problems:
            failed = True
            click.echo(f"{pack.source}: clause texts fail to render for a sample profile", err=True)
            for problem in problems:
                click.echo(f"  {problem.format(pack.source)}", err=True)
        else:
            click.echo(f"{pack.source}: ok, pack '{pack.id}' {pack.version} with {len(pack.criteria)} criteria")
    for failure in pack_set.failures:
        click.echo(f"{failure.source}: invalid criteria pack", err=True)
        for problem in failure.problems:
            click.echo(f"  {problem}", err=True)
    if failed:
        sys.exit(EXIT_BAD_INPUT)


from .draft_cli import draft  # noqa: E402  (registered last: draft_cli is issue 4's module)

main.add_command(draft)
from .triage_cli import triage  # noqa: E402  (issue 11's module)

main.add_command(triage)

if __name__ == "__main__":  # pragma: no cover
    main()
