"""The `mvoi-criteria draft` command: tender-document sections (Markdown, Word) or the eForms export.

Bad input exits 2 with the file, the path in it and the problem, never a traceback; so do eForms
rule violations, which are listed one per line. An advice with a pack left out exits 3 unless
--allow-incomplete is given. The output is written atomically and never over one of the inputs.
"""

from __future__ import annotations

import json
import math
import sys
import warnings

import click

from .choices import apply_choices_file, visible
from .cli_errors import EXIT_BAD_INPUT, option_error, reports_bad_input, warn_left_out
from .config import EngineConfig, load_config
from .eforms import AwardCriterion, eforms_warnings, export_eforms, load_award_criteria, validate_eforms
from .engine import advise
from .output import choose_format, write_output
from .pack_cli import pack_options, packs_for
from .profile import load_profile
from .render import render_docx, render_markdown
from .render.templating import TemplateHookWarning
from .themes import check_ambition

__all__ = ["DRAFT_EXTENSIONS", "draft"]

DRAFT_EXTENSIONS = {".md": "md", ".markdown": "md", ".docx": "docx", ".json": "eforms"}


@click.command()
@click.argument("profile", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "eforms"]),
    help="Markdown or Word tender-document sections, or the eForms fields as JSON; "
    "default: from the extension of -o (.md, .docx, .json).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(allow_dash=True),
    help="File to write (atomically, never over an input); '-' is standard output.",
)
@click.option(
    "--choices",
    "choices_path",
    type=click.Path(),
    help="YAML/JSON file with the buyer's choices (schemas/choices.schema.json).",
)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Language of the document; texts without English stay Dutch.",
)
@click.option(
    "--price-weight",
    type=float,
    help="eForms: weight in percent of the price criterion; without it the price weight is left to complete.",
)
@click.option(
    "--other-criteria",
    "other_path",
    type=click.Path(),
    help="eForms: YAML/JSON list of further award criteria {name, type: price|cost|quality, weight}.",
)
@click.option(
    "--accessibility-justification",
    "justification",
    help="eForms: BT-755, why accessibility is not in the requirements although people use the result.",
)
@click.option(
    "--template",
    "template_path",
    type=click.Path(dir_okay=False),
    help="docx: a house template (.docx) whose styles, page setup, headers and footers the document uses.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(),
    help="YAML file with engine settings (cut-offs, weight cap).",
)
@click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Accept an advice although an installed pack was left out (the document says so); "
    "without it such an advice exits 3 and nothing is written.",
)
@pack_options
@reports_bad_input
def draft(
    profile: str,
    fmt: str,
    output: str,
    choices_path: str | None,
    lang: str,
    price_weight: float | None,
    other_path: str | None,
    justification: str | None,
    config_path: str | None,
    allow_incomplete: bool,
    template_path: str | None,
    pack_files: tuple[str, ...] = (),
    only_packs: bool = False,
) -> None:
    """Draft tender-document sections for PROFILE: Eisen, Gunningscriteria, Contractbepalingen and the
    annex Verantwoording (md, docx), or the eForms fields (eforms, exit 2 on any eForms rule violation).

    Exit status: 0 written, 2 bad input, 3 a pack was left out (see --allow-incomplete)."""
    fmt = choose_format(output, fmt, DRAFT_EXTENSIONS, "md")
    if price_weight is not None and not (math.isfinite(price_weight) and 0 <= price_weight <= 100):
        raise option_error("--price-weight", f"must be a percentage from 0 to 100, got {price_weight}")
    if justification is not None and not visible(justification):
        raise option_error("--accessibility-justification", "the justification (BT-755) is empty or invisible")
    inputs = (profile, choices_path, other_path, config_path, template_path)
    if fmt != "eforms" and (price_weight is not None or other_path or justification):
        raise click.UsageError(
            "--price-weight, --other-criteria and --accessibility-justification only apply to --format eforms"
        )
    if template_path and fmt != "docx":
        raise click.UsageError("--template only applies to --format docx")
    config = load_config(config_path) if config_path else EngineConfig()
    loaded = load_profile(profile)
    pack_set = packs_for(pack_files, only_packs)
    check_ambition(loaded, pack_set.packs, profile, incomplete=bool(pack_set.failures))
    advice = advise(loaded, packs=pack_set, config=config, allow_incomplete=allow_incomplete)
    warn_left_out(advice)
    if choices_path:
        advice = apply_choices_file(advice, choices_path)
    if fmt in ("md", "docx"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TemplateHookWarning)
            if fmt == "md":
                write_output(render_markdown(advice, lang=lang), output, inputs)
            else:
                write_output(render_docx(advice, lang=lang, template=template_path), output, inputs)
        for warning in caught:
            click.echo(f"warning: {warning.message}", err=True)
    else:
        others: tuple[AwardCriterion, ...] = load_award_criteria(other_path) if other_path else ()
        export = export_eforms(
            advice,
            other_criteria=others,
            price_weight=price_weight,
            accessibility_justification=justification,
            lang=lang,
            source=profile,
        )
        violations = validate_eforms(export)
        if violations:
            click.echo(f"{profile}: the eForms export breaks {len(violations)} rule(s); nothing written", err=True)
            for problem in violations:
                click.echo(f"  {problem.path}: {problem.message}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        for problem in eforms_warnings(export):
            click.echo(f"warning: {profile}: {problem.path}: {problem.message}", err=True)
        write_output(json.dumps(export, ensure_ascii=False, indent=2, allow_nan=False) + "\n", output, inputs)
    if output != "-":
        click.echo(f"written: {output}", err=True)
