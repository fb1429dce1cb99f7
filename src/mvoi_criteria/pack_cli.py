"""The pack kit on the command line: `pack new` scaffolds a pack distribution, and `--pack FILE.yaml`
lets `advise` and `draft` preview pack files that are not installed (yet).

A theme owner never writes Python: the scaffold's `__init__.py` is one fixed line (see kit.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

import click

from .cli_errors import reports_bad_input
from .errors import InputError, PackError, Problem
from .packs import Pack, load_pack
from .plugins import PackSet, installed_packs, pack_set_from_files, pack_set_of
from .yamlio import YamlSyntaxError, load_document

__all__ = ["SCAFFOLD_FILES", "KitError", "check_packs", "pack", "pack_options", "packs_for", "scaffold"]

_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

# scaffold template -> path in the new distribution ({package} and {name} filled in)
SCAFFOLD_FILES: dict[str, str] = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "__init__.py.tmpl": "src/{package}/__init__.py",
    "pack.yaml.tmpl": "src/{package}/pack.yaml",
    "case.yaml.tmpl": "cases/voorbeeld.case.yaml",
    "profile.yaml.tmpl": "voorbeeld-profiel.yaml",
    "test_pack.py.tmpl": "tests/test_{name}_pack.py",
}


class KitError(InputError):
    kind = "pack name"


def scaffold(name: str, parent: Path, *, label_nl: str | None = None, label_en: str | None = None) -> Path:
    """Write a new pack distribution `parent/name` and return its folder. Never overwrites anything."""
    target = parent / name
    if not _NAME.fullmatch(name):
        raise KitError(
            name,
            [Problem("$", "a pack name is lower-case letters and digits, words joined by '_' (e.g. sociaal_inkopen)")],
        )
    if target.exists():
        raise KitError(
            str(target), [Problem("$", "already exists; choose another name or folder, nothing was written")]
        )
    readable = name.replace("_", " ").capitalize()
    values = {
        "name": name,
        "dist": name.replace("_", "-"),
        "package": f"mvoi_pack_{name}",
        "prefix": name.replace("_", "-"),
        "label_nl": label_nl or readable,
        "label_en": label_en or readable,
        "owner": "Eigenaar van het thema",
    }
    source = files(__package__) / "scaffold"
    try:
        target.mkdir(parents=True)
        for template, path in SCAFFOLD_FILES.items():
            out = target / path.format(**values)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(Template(source.joinpath(template).read_text(encoding="utf-8")).substitute(values), "utf-8")
    except OSError as exc:
        raise KitError(str(target), [Problem("$", f"cannot write the new pack: {exc.strerror or exc}")]) from None
    return target


@click.group()
def pack() -> None:
    """Tools for theme owners who write a criteria pack."""


@pack.command("new")
@click.argument("name")
@click.option("--label-nl", help="Dutch name of the theme (default: from NAME).")
@click.option("--label-en", help="English name of the theme (default: from NAME).")
@reports_bad_input
def new(name: str, label_nl: str | None, label_en: str | None) -> None:
    """Make a new pack distribution in the folder NAME: pack YAML, example case, test, pyproject."""
    target = scaffold(name, Path.cwd(), label_nl=label_nl, label_en=label_en)
    click.echo(f"made {target}/ with pack file {target}/src/mvoi_pack_{name}/pack.yaml")
    click.echo(f"next: mvoi-criteria check {name}/src/mvoi_pack_{name}/pack.yaml, then pip install ./{name}")


def pack_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--pack FILE.yaml` (repeatable) and `--only-packs`, for commands that build an advice."""
    command = click.option(
        "--only-packs",
        is_flag=True,
        help="Use only the --pack files, not the installed packs.",
    )(command)
    return click.option(
        "--pack",
        "pack_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Preview a pack YAML file that is not installed (repeatable); it replaces an installed pack with its id.",
    )(command)


def packs_for(pack_files: Sequence[str], only: bool = False) -> PackSet:
    """The installed packs with the given files next to them (a file replaces the installed pack with
    its id), or only the files. A file that is not a valid pack, or reuses an installed criterion id,
    is an error naming the file, line and field, never a silent omission."""
    if only and not pack_files:
        raise click.UsageError("--only-packs needs at least one --pack FILE.yaml")
    if not pack_files:
        return installed_packs()
    previews = [load_pack(path) for path in pack_files]  # raises PackError with file, line and path
    if only:
        combined = pack_set_of(previews)
    else:
        installed = installed_packs()
        replaced = {p.id for p in previews}
        kept = [p for p in installed.packs if p.id not in replaced]
        combined = pack_set_of([*kept, *previews], installed.failures, installed.plugins)
    for preview in previews:
        if not any(p is preview for p in combined.packs):
            failure = next(f for f in combined.failures if f.source == preview.source)
            raise PackError(preview.source, [Problem("$", problem) for problem in failure.problems])
    return combined


# --- check: pack files, or the installed packs -------------------------------------------------


def _finding_line(pack: Pack, finding: Any) -> int | None:
    """The line in the pack file of a privacy finding (`base.text.en`, `scaling[1].monitoring`, ...)."""
    line = getattr(finding, "line", None)
    if line is not None:
        return line
    try:
        document = load_document(Path(pack.source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return None
    criteria = document.data.get("criteria", []) if isinstance(document.data, dict) else []
    index = next((i for i, c in enumerate(criteria) if isinstance(c, dict) and c.get("id") == finding.criterion), None)
    if index is None:
        return None
    where, _, rest = finding.field.partition(".")
    name, _, lang = rest.partition(".")
    inner = {"monitoring": ("monitoring", "indicator"), "scoring": ("scoring",)}.get(name, (name,))
    tail = (*inner, lang or "nl") if name != "scoring" else inner
    base: tuple[str | int, ...] = ("criteria", index)
    step = re.fullmatch(r"scaling\[(\d+)\]", where)
    if step:
        step_parts = (*base, "scaling", int(step.group(1)))
        steps = criteria[index].get("scaling", [])
        if int(step.group(1)) < len(steps) and name in steps[int(step.group(1))]:
            return document.line_of((*step_parts, *tail))
    return document.line_of((*base, *tail))


def _privacy_lines(source: str | None) -> list[str]:
    """The GDPR findings of a pack file, one line each with its line number (empty when it does not load)."""
    from .privacy import scan_pack

    try:
        pack = load_pack(source) if source else None
    except PackError:
        return []
    if pack is None:
        return []
    lines = []
    for f in scan_pack(pack):
        where = f"{pack.source}:{line}" if (line := _finding_line(pack, f)) else pack.source
        category = getattr(f, "category", "special-category data")
        lines.append(
            f"{where}: criterion '{f.criterion}' {f.field} may ask for {category} about individuals (GDPR): {f.sentence}"
        )
    return lines


def check_packs(pack_files: Sequence[str]) -> tuple[list[str], list[str]]:
    """(ok lines, problem lines) for the given pack files, or for the installed packs when none are
    given: validation, texts that may ask for special-category data (with their line), clause texts that
    fail to render, and criterion ids another installed pack already uses."""
    from .pack_check import render_problems

    if pack_files:
        pack_set = pack_set_from_files(pack_files)
        installed = installed_packs()
        owner = {c.id: p for p in installed.packs for c in p.criteria}
        clashes = {
            pack.source: [
                f"criterion id '{c.id}' is already used by installed pack '{owner[c.id].id}' ({owner[c.id].source})"
                for c in pack.criteria
                if c.id in owner and owner[c.id].id != pack.id
            ]
            for pack in pack_set.packs
        }
    else:
        pack_set, clashes = installed_packs(), {}
    good, bad = [], []
    for p in pack_set.packs:
        problems = [*clashes.get(p.source, []), *(problem.format(p.source) for problem in render_problems(p))]
        if problems:
            bad.extend(
                f"{p.source}: {problem}" if not problem.startswith(p.source) else problem for problem in problems
            )
        else:
            good.append(f"{p.source}: ok, pack '{p.id}' {p.version} (theme {p.theme}) with {len(p.criteria)} criteria")
    for failure in pack_set.failures:
        named = "" if failure.plugin == failure.source else f" (plugin '{failure.plugin}')"
        bad.append(f"{failure.source or failure.plugin}: invalid criteria pack{named}:")
        # A pack left out for its texts: name each finding with its line in the file.
        privacy = _privacy_lines(failure.source)
        bad.extend(f"  {line}" for line in privacy or failure.problems)
    return good, bad
