"""`mvoi-criteria draft`: files written, exit codes, and messages that name file, path and problem.

Runs on the installed packs, whose content is written in parallel, so it checks structure only.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from mvoi_criteria import advise, load_profile
from mvoi_criteria.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "uitzendkrachten.yaml"


def run(*args: str):
    return CliRunner().invoke(main, ["draft", *map(str, args)])


@pytest.fixture
def inclusion_weight() -> float:
    return sum(c.weight or 0 for c in advise(load_profile(EXAMPLE)).criteria if c.kind == "gunningscriterium")


def test_markdown_is_written_with_the_sections(tmp_path):
    out = tmp_path / "bestek.md"
    result = run(EXAMPLE, "--format", "md", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    for heading in (
        "## Eisen (programma van eisen)",
        "## Gunningscriteria",
        "## Contractbepalingen",
        "## Bijlage: Verantwoording",
    ):
        assert heading in text


def test_english_markdown(tmp_path):
    out = tmp_path / "tender.md"
    assert run(EXAMPLE, "--format", "md", "--lang", "en", "-o", out).exit_code == 0
    assert "## Annex: Justification" in out.read_text(encoding="utf-8")


def test_docx_is_written_and_opens(tmp_path):
    out = tmp_path / "bestek.docx"
    result = run(EXAMPLE, "--format", "docx", "-o", out)
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(out.read_bytes()))
    top = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert top[0] == "Eisen (programma van eisen)" and top[-1] == "Bijlage: Verantwoording"


def test_eforms_export_is_written_when_the_weights_add_up(tmp_path, inclusion_weight):
    out = tmp_path / "eforms.json"
    result = run(
        EXAMPLE,
        "--format",
        "eforms",
        "-o",
        out,
        "--price-weight",
        100 - inclusion_weight,
        "--accessibility-justification",
        "Alleen telefonische dienstverlening.",
    )
    assert result.exit_code == 0, result.output
    export = json.loads(out.read_text(encoding="utf-8"))
    (lot,) = export["notice"]["ND-Lot"]
    assert lot["ND-LotProcurementScope"]["ND-AccessibilityJustification"]["BT-754-Lot"] in (
        "inc",
        "n-inc",
        "n-inc-just",
    )
    criteria = lot["ND-LotTenderingTerms"]["ND-AwardingTerms"]["ND-LotAwardCriteria"]["ND-LotAwardCriterion"]
    assert criteria[-1]["BT-539-Lot"] == "price"
    assert "warning" not in result.output


def test_eforms_without_price_weight_is_written_with_a_warning(tmp_path):
    out = tmp_path / "eforms.json"
    result = run(EXAMPLE, "--format", "eforms", "-o", out, "--accessibility-justification", "Reden.")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "BT-541-Lot-WeightNumber" in result.output
    export = json.loads(out.read_text(encoding="utf-8"))
    assert export["mvoi-criteria"]["toComplete"]


def test_eforms_with_other_criteria_file(tmp_path, inclusion_weight):
    others = tmp_path / "criteria.yaml"
    others.write_text(
        f"- {{name: Prijs, type: price, weight: 50}}\n- {{name: Kwaliteit, type: quality, weight: {50 - inclusion_weight}}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "eforms.json"
    result = run(
        EXAMPLE, "--format", "eforms", "-o", out, "--other-criteria", others, "--accessibility-justification", "Reden."
    )
    assert result.exit_code == 0, result.output
    (lot,) = json.loads(out.read_text(encoding="utf-8"))["notice"]["ND-Lot"]
    criteria = lot["ND-LotTenderingTerms"]["ND-AwardingTerms"]["ND-LotAwardCriteria"]["ND-LotAwardCriterion"]
    names = [c["BT-734-Lot"]["NLD"] for c in criteria]
    assert names[-2:] == ["Prijs", "Kwaliteit"]


def test_eforms_violations_exit_2_and_write_nothing(tmp_path):
    out = tmp_path / "eforms.json"
    result = run(EXAMPLE, "--format", "eforms", "-o", out, "--price-weight", 1)
    assert result.exit_code == 2
    assert "ND-LotAwardCriterion: the per-exa weights add up to" in result.output
    assert not out.exists()


def test_undecided_accessibility_exits_2_asking_for_used_by(tmp_path):
    profile = tmp_path / "profiel.yaml"
    profile.write_text(EXAMPLE.read_text(encoding="utf-8").replace("used_by: medewerkers\n", ""), encoding="utf-8")
    result = run(profile, "--format", "eforms", "-o", tmp_path / "e.json", "--price-weight", 85)
    assert result.exit_code == 2
    assert f"{profile}: $.used_by" in result.output  # the file, not the tender's title


def test_bad_profile_exits_2_naming_file_path_and_problem(tmp_path):
    profile = tmp_path / "profiel.yaml"
    profile.write_text("title: X\nestimated_value_eur: veel\n", encoding="utf-8")
    result = run(profile, "--format", "md", "-o", tmp_path / "x.md")
    assert result.exit_code == 2
    assert f"{profile}:2: $.estimated_value_eur" in result.output
    assert "Traceback" not in result.output


def test_bad_choices_file_exits_2_naming_file_line_and_path(tmp_path):
    choices = tmp_path / "keuzes.yaml"
    choices.write_text(
        "choices:\n  - criterion: bestaat-niet\n    action: deselect\n    motivation: weg\n", encoding="utf-8"
    )
    result = run(EXAMPLE, "--format", "md", "-o", tmp_path / "x.md", "--choices", choices)
    assert result.exit_code == 2
    assert f"{choices}:2: $.choices[0].criterion: criterion 'bestaat-niet': no such criterion" in result.output


def test_choices_are_applied_and_shown(tmp_path):
    criterion = next(c for c in advise(load_profile(EXAMPLE)).criteria if c.kind == "contractbepaling")
    choices = tmp_path / "keuzes.json"
    choices.write_text(
        json.dumps(
            {
                "choices": [
                    {"criterion": criterion.id, "action": "deselect", "motivation": "Staat al in de raamovereenkomst"}
                ]
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "bestek.md"
    result = run(EXAMPLE, "--format", "md", "-o", out, "--choices", choices)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert f"| - | `{criterion.id}` | niet opnemen | Staat al in de raamovereenkomst |" in text


def test_eforms_options_with_a_document_format_are_a_usage_error(tmp_path):
    result = run(EXAMPLE, "--format", "md", "-o", tmp_path / "x.md", "--price-weight", 60)
    assert result.exit_code == 2
    assert "--format eforms" in result.output


def test_output_is_required(tmp_path):
    assert run(EXAMPLE, "--format", "md").exit_code == 2
