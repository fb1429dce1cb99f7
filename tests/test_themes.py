"""Open themes: a pack header declares its theme; the core keeps no list of themes of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mvoi_criteria import PackError, ProfileError, advise, export_eforms, pack_set_from_files, profile_from_dict
from mvoi_criteria.cli import main
from mvoi_criteria.eforms import field_values
from mvoi_criteria.packs import parse_pack
from mvoi_criteria.report import render_markdown
from mvoi_criteria.validation import schema_problems

from .conftest import TEST_PACKS, make_profile

FOURTH = """\
schema_version: 1
id: test-vierde
theme:
  id: vierde_thema
  label: {nl: Vierde thema, en: Fourth theme}
  eforms: {bt_775: [opp]}
  order: ORDER
version: 1.0.0
owner: Test owner
title: {nl: Vierde}
criteria:
  - id: t-vierde-bepaling
    title: {nl: Banen voor mensen met afstand tot de arbeidsmarkt, en: Jobs for people distant from work}
    status: concept
    kind: contractbepaling
    ask_level: null
    applies_when: {field: ambition.vierde_thema, eq: ambitieus}
    text: {nl: 'De opdrachtnemer zet voor "{{ profile.title }}" mensen met afstand tot de arbeidsmarkt in.'}
    verification: {nl: Verklaring.}
    monitoring:
      indicator: {nl: Aantal gewerkte uren.}
      frequency: jaarlijks
      report_to: bureau_social_return
    legal_basis: [Aw 2012 art. 2.80]
    eforms: {bt_775: [opp]}
    rationale: {nl: Test.}
"""


def fourth_pack(tmp_path: Path, order: int = 4, text: str = FOURTH) -> Path:
    path = tmp_path / f"vierde-{order}.yaml"
    path.write_text(text.replace("ORDER", str(order)), encoding="utf-8")
    return path


def test_the_header_gives_id_labels_eforms_codes_and_order(tmp_path):
    pack = pack_set_from_files([fourth_pack(tmp_path)]).packs[0]
    assert pack.theme == "vierde_thema"
    assert pack.theme_info.label.get("en") == "Fourth theme"
    assert pack.theme_info.bt_775 == ("opp",)
    assert pack.theme_info.order == 4


def test_a_fourth_theme_joins_the_advice_in_header_order(tmp_path):
    packs = pack_set_from_files([fourth_pack(tmp_path, order=0), *TEST_PACKS])
    advice = advise(make_profile(ambition={"vierde_thema": "ambitieus"}), packs=packs)
    assert [t.theme for t in advice.themes] == [
        "vierde_thema",
        "representatie",
        "toegankelijkheid",
        "sociale_veiligheid",
    ]
    assert advice.criterion("t-vierde-bepaling").monitoring.report_to == "bureau_social_return"
    assert advice.theme_label("vierde_thema", "en") == "Fourth theme"


def test_theme_order_does_not_depend_on_the_order_packs_are_given(tmp_path):
    files = [fourth_pack(tmp_path), *TEST_PACKS]
    forward = [p.id for p in pack_set_from_files(files).packs]
    backward = [p.id for p in pack_set_from_files(reversed(files)).packs]
    assert forward == backward == ["test-rep", "test-toe", "test-sv", "test-vierde"]


def test_ambition_of_a_theme_defaults_when_the_profile_leaves_it_out(tmp_path):
    packs = pack_set_from_files([fourth_pack(tmp_path), *TEST_PACKS])
    advice = advise(make_profile(), packs=packs)
    assert advice.derived.ambition["vierde_thema"] == "significant"
    assert advice.criterion("t-vierde-bepaling") is None


def test_an_unknown_theme_in_the_ambition_is_an_error_listing_the_installed_themes():
    packs = pack_set_from_files(TEST_PACKS)
    with pytest.raises(ProfileError) as caught:
        advise(make_profile(ambition={"duurzaamheid": "basis"}), packs=packs)
    (problem,) = caught.value.problems
    assert problem.path == "$.ambition.duurzaamheid"
    assert "representatie, toegankelijkheid, sociale_veiligheid" in problem.message


def test_the_cli_reports_an_unknown_theme_with_file_and_path_and_exit_2(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("title: X\nambition: {onbekend_thema: basis}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["advise", str(profile)], catch_exceptions=False)
    assert result.exit_code == 2
    assert f"{profile}: $.ambition.onbekend_thema: unknown theme 'onbekend_thema'; installed themes:" in result.stderr
    assert "Traceback" not in result.output


def test_the_profile_schema_accepts_any_theme_id_but_not_a_bad_level():
    assert schema_problems("tender-profile", {"title": "X", "ambition": {"sociaal_inkopen": "basis"}}) == []
    assert schema_problems("tender-profile", {"title": "X", "ambition": {"sociaal_inkopen": "hoog"}})
    assert schema_problems("tender-profile", {"title": "X", "ambition": {"Geen Id": "basis"}})


def test_a_criterion_may_only_use_the_eforms_codes_of_its_theme(tmp_path):
    text = FOURTH.replace("ORDER", "4").replace("    eforms: {bt_775: [opp]}", "    eforms: {bt_775: [opp, acc-all]}")
    with pytest.raises(PackError) as caught:
        parse_pack(text, "vierde.yaml")
    (problem,) = caught.value.problems
    assert problem.path == "$.criteria[0].eforms.bt_775"
    assert "acc-all" in problem.message


def test_a_header_needs_dutch_and_english_labels():
    text = FOURTH.replace("ORDER", "4").replace("label: {nl: Vierde thema, en: Fourth theme}", "label: {nl: Vierde}")
    with pytest.raises(PackError) as caught:
        parse_pack(text, "vierde.yaml")
    assert any(p.path == "$.theme.label" for p in caught.value.problems)


def test_a_themes_own_pack_declares_it_and_a_differing_header_elsewhere_is_ignored(tmp_path):
    own = FOURTH.replace("id: test-vierde", "id: vierde_thema").replace("t-vierde-bepaling", "t-eigen-bepaling")
    other = FOURTH.replace("label: {nl: Vierde thema, en: Fourth theme}", "label: {nl: Anders, en: Other}")
    packs = pack_set_from_files([fourth_pack(tmp_path, 9, other), fourth_pack(tmp_path, 4, own)])
    assert not packs.failures
    advice = advise(make_profile(), packs=packs)
    (theme,) = advice.themes
    assert theme.packs == ("test-vierde", "vierde_thema")
    assert theme.label.nl == "Vierde thema"


def test_a_pack_that_only_names_the_theme_id_joins_the_declared_theme(tmp_path):
    joining = (
        FOURTH.replace("ORDER", "4")
        .replace("id: test-vierde", "id: test-vijfde")
        .replace("t-vierde-bepaling", "t-vijfde-bepaling")
    )
    start, end = joining.index("theme:\n"), joining.index("\nversion:") + 1
    joining = joining[:start] + "theme: vierde_thema\n" + joining[end:]
    (tmp_path / "vijfde.yaml").write_text(joining, encoding="utf-8")
    packs = pack_set_from_files([fourth_pack(tmp_path), tmp_path / "vijfde.yaml"])
    assert not packs.failures
    advice = advise(make_profile(ambition={"vierde_thema": "ambitieus"}), packs=packs)
    (theme,) = advice.themes
    assert theme.packs == ("test-vierde", "test-vijfde")
    assert theme.label.nl == "Vierde thema"


def test_documents_and_eforms_name_the_theme_by_its_header(tmp_path):
    packs = pack_set_from_files([fourth_pack(tmp_path), *TEST_PACKS])
    advice = advise(make_profile(ambition={"vierde_thema": "ambitieus"}), packs=packs)
    assert "## Vierde thema" in render_markdown(advice)
    export = export_eforms(advice, lang="en")
    assert "opp" in list(field_values(export, "BT-775-Lot"))
    (description,) = field_values(export, "BT-777-Lot")
    assert "Fourth theme: Jobs for people distant from work" in description["ENG"]


def test_the_advice_json_carries_the_theme_labels(tmp_path):
    from mvoi_criteria import advice_to_json

    packs = pack_set_from_files([fourth_pack(tmp_path), *TEST_PACKS])
    data = json.loads(advice_to_json(advise(profile_from_dict({"title": "X"}), packs=packs)))
    assert schema_problems("advice", data) == []
    assert data["themes"][-1]["label"] == {"nl": "Vierde thema", "en": "Fourth theme"}


def test_a_pack_ranks_by_its_own_header(tmp_path):
    from mvoi_criteria.themes import theme_sort_key

    pack = pack_set_from_files([fourth_pack(tmp_path, order=7)]).packs[0]
    assert theme_sort_key(pack) == (7, "vierde_thema")


def test_outcome_only_batches_read_a_theme_ambition_default_like_advise(tmp_path):
    from mvoi_criteria import EngineConfig
    from mvoi_criteria.batch import advise_many

    packs = pack_set_from_files([fourth_pack(tmp_path), *TEST_PACKS])
    config = EngineConfig(default_ambition="ambitieus")
    profile = make_profile()
    full = advise(profile, packs=packs, config=config)
    (fast,) = advise_many([profile], packs=packs, config=config, outcomes_only=True)
    assert full.trace_of("t-vierde-bepaling").outcome == "applied"
    assert fast.outcome["t-vierde-bepaling"] == "applied"


def test_the_library_keeps_no_list_of_themes():
    """Themes come from pack headers: no module or schema lists the bundled themes together."""
    import re

    from .conftest import ROOT

    listing = re.compile(r"representatie\W{1,6}toegankelijkheid\W{1,6}sociale_veiligheid")
    files = [*(ROOT / "src" / "mvoi_criteria").rglob("*.py"), *(ROOT / "schemas").glob("*.json")]
    assert [str(f) for f in files if listing.search(f.read_text(encoding="utf-8"))] == []
