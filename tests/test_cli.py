"""The command line: exit codes, messages for bad input, and output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mvoi_criteria.cli import main
from mvoi_criteria.validation import schema_problems

from .conftest import DATA, ROOT

EXAMPLE = str(ROOT / "examples" / "uitzendkrachten.yaml")


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_advise_json_is_valid_against_the_advice_schema(run):
    result = run("advise", EXAMPLE, "--format", "json")
    assert result.exit_code == 0
    advice = json.loads(result.stdout)
    assert schema_problems("advice", advice) == []
    assert len(advice["trace"]) == sum(p["criteria"] for p in advice["provenance"]["packs"])


def test_advise_text_names_the_procedure_and_reasons(run):
    result = run("advise", EXAMPLE)
    assert result.exit_code == 0
    assert "Procedure: Europees" in result.stdout
    assert "waarom:" in result.stdout


def test_advise_markdown_has_a_heading_per_theme(run):
    result = run("advise", EXAMPLE, "--format", "markdown")
    assert result.stdout.startswith("# Advies inclusief inkopen: Raamovereenkomst uitzendkrachten")
    assert "## Herkomst" in result.stdout


def test_advise_writes_to_a_file(run, tmp_path: Path):
    target = tmp_path / "advies.json"
    result = run("advise", EXAMPLE, "--format", "json", "-o", str(target))
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1


def test_malformed_profile_exits_2_naming_file_path_and_problem(run, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nprocurement_kind: diensen\nused_by: iedereen\n", encoding="utf-8")
    result = run("advise", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:2: $.procurement_kind: 'diensen' is not one of" in result.stderr
    assert f"{bad}:3: $.used_by" in result.stderr
    assert "Traceback" not in result.output


def test_missing_profile_file_exits_2(run, tmp_path: Path):
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "cannot read file" in result.stderr


def test_validate_accepts_the_example(run):
    result = run("validate", EXAMPLE)
    assert result.exit_code == 0
    assert "valid tender profile" in result.stdout


def test_bad_config_exits_2(run, tmp_path: Path):
    config = tmp_path / "config.yaml"
    config.write_text("max_inclusion_weight_percent: -3\nunknown_key: 1\n", encoding="utf-8")
    result = run("advise", EXAMPLE, "--config", str(config))
    assert result.exit_code == 2
    assert "config.yaml" in result.stderr


def test_config_changes_the_weight_cap(run, tmp_path: Path):
    config = tmp_path / "config.yaml"
    config.write_text("max_inclusion_weight_percent: 10\n", encoding="utf-8")
    advice = json.loads(run("advise", EXAMPLE, "--format", "json", "--config", str(config)).stdout)
    weights = [c["weight"] or 0 for t in advice["themes"] for c in t["criteria"]]
    assert sum(weights) <= 10
    assert advice["provenance"]["config"]["max_inclusion_weight_percent"] == 10


def test_packs_lists_installed_packs_as_json(run):
    listing = json.loads(run("packs", "--json").stdout)
    assert {p["id"] for p in listing["packs"]} >= {"representatie"}
    assert all(p["criteria"] > 0 and p["version"] for p in listing["packs"])


def test_check_accepts_a_valid_pack_and_rejects_a_broken_one_with_its_line(run, tmp_path: Path):
    assert run("check", str(DATA / "test_representatie.yaml")).exit_code == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (DATA / "test_representatie.yaml").read_text(encoding="utf-8").replace("kind: eis", "kind: wens"),
        encoding="utf-8",
    )
    result = run("check", str(broken))
    assert result.exit_code == 2
    assert f"{broken}:" in result.stderr and "$.criteria[1].kind" in result.stderr


def test_check_flags_a_demand_for_special_category_data(run, tmp_path: Path):
    pack = tmp_path / "privacy.yaml"
    text = (DATA / "test_representatie.yaml").read_text(encoding="utf-8")
    pack.write_text(
        text.replace("Beelden tonen Amsterdammers zonder stereotypen.", "Registreer de afkomst van elke medewerker."),
        encoding="utf-8",
    )
    result = run("check", str(pack))
    assert result.exit_code == 2
    assert "criterion 't-rep-beeld' base.text may ask for origin or ethnicity" in result.stderr
    assert "Registreer de afkomst van elke medewerker." in result.stderr


def test_advise_markdown_shows_the_scoring_scale_of_award_criteria(run):
    text = run("advise", EXAMPLE, "--format", "markdown").stdout
    award = text.split("[Gunningscriterium", 1)[1].split("\n### ", 1)[0]
    assert "**Beoordeling:**" in award
    assert "\n- 0: " in award
