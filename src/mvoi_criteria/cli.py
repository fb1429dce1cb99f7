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
from .pack_cli import check_packs, pack, pack_options, packs_for
from .plugins import IncompleteAdviceError, installed_packs
from .profile import load_profile
from .report import render_markdown, render_text
from .themes import check_ambition

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
    """Proportionate inclusion criteria for a tender, one theme per installed pack (`mvoi-criteria packs`)."""


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
@pack_options
@reports_bad_input
def advise(
    profile: str,
    fmt: str | None,
    output: str | None,
    config_path: str | None,
    allow_incomplete: bool,
    no_infer: bool,
    pack_files: tuple[str, ...],
    only_packs: bool,
) -> None:
    """Advise the inclusion criteria for the tender described in PROFILE (YAML or JSON).

    Exit status: 0 done, 2 bad input, 3 a pack was left out (see --allow-incomplete).
    """
    fmt = choose_format(output, fmt, ADVICE_EXTENSIONS, "text")
    config = _config(config_path)
    loaded = load_profile(profile)
    pack_set = packs_for(pack_files, only_packs)
    check_ambition(loaded, pack_set.packs, profile, incomplete=bool(pack_set.failures))
    advice = build_advice(
        loaded, packs=pack_set, config=config, allow_incomplete=allow_incomplete, infer_facts=not no_infer
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
    """Check PROFILE against the tender-profile schema and the installed themes; report every problem."""
    loaded = load_profile(profile)
    check_ambition(loaded, installed_packs().packs, profile, incomplete=bool(installed_packs().failures))
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
@click.argument("pack_files", nargs=-1, type=click.Path())
def check(pack_files: tuple[str, ...]) -> None:
    """Validate and compile pack YAML files (or, without files, every installed pack), scan them for demands
    of sensitive personal data, render every clause text against sample profiles, and name ids another
    installed pack already uses; every problem with file and line (for pack authors).
    """
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
from .serve_cli import serve  # noqa: E402  (issue 13: the HTTP service)

main.add_command(serve)

if __name__ == "__main__":  # pragma: no cover
    main()
