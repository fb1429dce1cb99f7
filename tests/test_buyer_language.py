"""Everything a buyer reads is plain Dutch: no field path and no English engine word, for every
bundled example and every pack's case profile, in the text and Markdown summaries and the drafted
Markdown and Word documents."""

from __future__ import annotations

import io
import re

import docx
import pytest
from hypothesis import given, settings

from mvoi_criteria import ProfileError, advise, load_profile, render_docx, render_markdown
from mvoi_criteria.derive import FIELD_SPECS
from mvoi_criteria.profile import profile_from_dict
from mvoi_criteria.report import render_markdown as summary_markdown
from mvoi_criteria.report import render_text
from mvoi_criteria.testing.cases import load_case
from mvoi_criteria.testing.strategies import profile_dicts

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CASES = sorted(ROOT.glob("packs/*/cases/*.case.yaml"))

ENGINE_WORDS = ("holds", "does not hold", "scaling step", "proportionality", "unknown", "base level", "undecided")
# Every field path, and every field's own name that is an identifier (at_municipal_sites, size_band, ...);
# not the themes under ambition., which are also the pack ids the provenance names.
FIELD_WORDS = sorted(
    {path for path in FIELD_SPECS if "." in path or "_" in path}
    | {
        path.rsplit(".", 1)[-1]
        for path in FIELD_SPECS
        if "_" in path.rsplit(".", 1)[-1] and not path.startswith("ambition.")
    },
    key=len,
    reverse=True,
)
FORBIDDEN = re.compile(
    r"\b(?:derived|personnel|result|ambition|profile)\.[a-z_]+"
    + "".join(f"|\\b{re.escape(word)}\\b" for word in (*FIELD_WORDS, *ENGINE_WORDS)),
    re.IGNORECASE,
)


def _profiles():
    for path in EXAMPLES:
        yield pytest.param(load_profile(path), id=f"example-{path.stem}")
    for path in CASES:
        yield pytest.param(
            profile_from_dict(dict(load_case(path).profile)), id=f"case-{path.parent.parent.name}-{path.stem}"
        )


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _outputs(advice):
    yield "text", render_text(advice)
    yield "summary markdown", summary_markdown(advice)
    yield "draft markdown", render_markdown(advice, lang="nl")
    yield "draft docx", _docx_text(render_docx(advice, lang="nl"))


@pytest.mark.parametrize("profile", list(_profiles()))
def test_buyer_output_has_no_field_path_and_no_english_engine_word(profile):
    advice = advise(profile)
    for name, text in _outputs(advice):
        found = sorted({m.group(0) for m in FORBIDDEN.finditer(text)})
        assert found == [], f"{name} shows {found}"


@settings(max_examples=25, deadline=None)
@given(profile_dicts())
def test_any_profile_gives_summaries_without_field_paths_or_engine_words(data):
    # The buyer's own words (title, description) are shown as given; only the engine's words are checked.
    data = {**data, "title": "Testopdracht", "description": None}
    try:
        profile = profile_from_dict(data)
    except ProfileError:
        return
    advice = advise(profile)
    for name, text in (("text", render_text(advice)), ("summary markdown", summary_markdown(advice))):
        found = sorted({m.group(0) for m in FORBIDDEN.finditer(text)})
        assert found == [], f"{name} shows {found}"


def test_the_forbidden_pattern_catches_what_the_engine_used_to_write():
    for old in (
        "derived.size_band = groot holds (derived.size_band is groot)",
        "base level: no scaling step holds",
        "proportionality: ask level lowered from plan_van_aanpak to visie",
        "[in te vullen: duration_months]",
        "vul 'used_by' in",
    ):
        assert FORBIDDEN.search(old), old
    assert not FORBIDDEN.search("Mensen van de opdrachtnemer werken op locaties van de gemeente.")


def test_the_cli_summary_of_the_staffing_example_is_plain_dutch(tmp_path):
    from click.testing import CliRunner

    from mvoi_criteria.cli import main

    result = CliRunner().invoke(main, ["advise", str(ROOT / "examples" / "uitzendkrachten.yaml")])
    assert result.exit_code == 0
    for word in ("holds", "does not hold", "derived.", "scaling step"):
        assert word not in result.output
    assert "De opdracht valt boven de Europese drempel van €\u00a0216.000" in result.output
