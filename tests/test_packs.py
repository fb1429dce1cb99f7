"""Pack files: validation with file and line, compilation, and isolation of broken packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from mvoi_criteria import PackError, pack_set_from_files
from mvoi_criteria.packs import parse_pack

from .conftest import DATA

VALID = (DATA / "test_representatie.yaml").read_text(encoding="utf-8")


def pack_error(text: str) -> PackError:
    with pytest.raises(PackError) as caught:
        parse_pack(text, "broken.yaml")
    return caught.value


def test_valid_test_pack_compiles_with_hash_and_variants():
    pack = parse_pack(VALID, "rep.yaml")
    assert [c.id for c in pack.criteria] == ["t-rep-selectie", "t-rep-beeld", "t-rep-context"]
    assert len(pack.criteria[0].variants) == 3
    assert len(pack.sha256) == 64


def test_schema_errors_name_line_and_path_all_at_once():
    text = VALID.replace("kind: contractbepaling", "kind: contract").replace(
        "status: concept\n    kind: eis", "status: klaar\n    kind: eis"
    )
    error = pack_error(text)
    paths = {p.path for p in error.problems}
    assert {"$.criteria[0].kind", "$.criteria[1].status"} <= paths
    kind_problem = next(p for p in error.problems if p.path == "$.criteria[0].kind")
    assert VALID.splitlines()[kind_problem.line - 1].strip().startswith("kind:")


def test_unknown_condition_field_names_pack_criterion_and_line():
    text = VALID.replace("field: derived.personnel_deployed", "field: derived.personel_deployed")
    error = pack_error(text)
    (problem,) = error.problems
    assert problem.path == "$.criteria[0].applies_when.field"
    assert "derived.personnel_deployed" in problem.message
    assert problem.message.startswith("criterion 't-rep-selectie': unknown field")
    assert "broken.yaml:" in error.report() and f":{problem.line}:" in error.report()


def test_unknown_template_field_is_an_error():
    error = pack_error(VALID.replace("profile.duration_months", "profile.duration"))
    assert "unknown field 'profile.duration'" in error.report()


def test_template_syntax_error_is_reported():
    error = pack_error(VALID.replace('{{ profile.title }}" op', '{{ profile.title " op'))
    assert "template syntax error" in error.report()


def test_award_criterion_without_weight_is_incomplete():
    error = pack_error(VALID.replace("        weight: 10\n", ""))
    assert "a gunningscriterium needs weight" in error.report()


def test_contract_clause_needs_monitoring():
    text = VALID.replace(
        "    monitoring:\n      indicator: {nl: 'Beschrijving selectieproces, {{ profile.duration_months }} maanden lang.'}\n"
        "      frequency: jaarlijks\n      report_to: contractmanager\n",
        "",
    )
    assert "needs monitoring" in pack_error(text).report()


def test_company_wide_criteria_are_never_scored():
    text = VALID.replace("    kind: contractbepaling\n", "    scope: organisatie\n    kind: contractbepaling\n", 1)
    assert "never scored" in pack_error(text).report()
    assert "kind: informatievraag" in pack_error(text).report()


def test_accessibility_baseline_must_be_an_eis_in_the_toegankelijkheid_theme():
    text = VALID.replace(
        "eforms: {bt_775: [et-eq]}\n    rationale: {nl: Test.}\n  - id: t-rep-beeld",
        "eforms: {bt_775: [et-eq], accessibility: true}\n    rationale: {nl: Test.}\n  - id: t-rep-beeld",
    )
    report = pack_error(text).report()
    assert "belongs in the eisen" in report
    assert "only the toegankelijkheid theme" in report


def test_duplicate_criterion_ids_are_rejected():
    assert "duplicate criterion id" in pack_error(VALID.replace("id: t-rep-beeld", "id: t-rep-selectie")).report()


def test_yaml_syntax_error_has_a_line():
    error = pack_error("id: x\ncriteria: [\n")
    assert error.problems[0].line is not None


def test_a_broken_pack_is_named_and_leaves_the_others_intact(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(VALID.replace("id: test-rep", "id: other").replace("kind: eis", "kind: wens"), encoding="utf-8")
    packs = pack_set_from_files([DATA / "test_toegankelijkheid.yaml", broken, DATA / "test_sociale_veiligheid.yaml"])
    assert [p.id for p in packs.packs] == ["test-toe", "test-sv"]
    (failure,) = packs.failures
    assert failure.source == str(broken)
    assert any("wens" in line for line in failure.problems)


def test_two_packs_may_not_share_criterion_ids(tmp_path: Path):
    copy = tmp_path / "copy.yaml"
    copy.write_text(VALID.replace("id: test-rep", "id: test-rep-copy"), encoding="utf-8")
    packs = pack_set_from_files([DATA / "test_representatie.yaml", copy])
    assert [p.id for p in packs.packs] == []  # neither claimant wins; the user blocks one
    assert {f.source for f in packs.failures} == {str(DATA / "test_representatie.yaml"), str(copy)}
    assert all("is also claimed by" in f.problems[0] for f in packs.failures)


def test_unknown_field_in_a_scoring_line_is_an_error_with_its_path():
    error = pack_error(VALID.replace("nl: Geen plan.}", "nl: 'Geen plan voor {{ profile.titel }}.'}"))
    (problem,) = error.problems
    assert problem.path == "$.criteria[0].scaling[0].scoring[0].nl"
    assert "profile.titel" in problem.message


def test_a_scaling_step_can_drop_what_the_base_form_sets():
    text = VALID.replace(
        "      - when: {field: derived.size_band, eq: midden}\n",
        "      - when: {field: derived.size_band, eq: klein}\n        kind: eis\n        ask_level: null\n"
        "        monitoring: null\n      - when: {field: derived.size_band, eq: midden}\n",
    )
    klein = parse_pack(text, "rep.yaml").criteria[0].scaling[1].variant
    assert (klein.kind, klein.monitoring) == ("eis", None)


def test_definitions_are_used_by_name_and_status_and_ask_level_have_defaults():
    text = VALID.replace("criteria:\n", "definitions:\n  groot: {field: derived.size_band, eq: groot}\ncriteria:\n", 1)
    text = text.replace(
        "    applies_when: {field: derived.size_band, eq: groot}\n", "    applies_when: {ref: groot}\n", 1
    )
    text = text.replace(
        "  - id: t-rep-context\n    title: {nl: Diversiteitsbeleid van het bedrijf}\n    status: concept\n",
        "  - id: t-rep-context\n    title: {nl: Diversiteitsbeleid van het bedrijf}\n",
        1,
    )
    context = parse_pack(text, "rep.yaml").criteria[2]
    assert context.applies_when.describe() == "groot"
    assert (context.status, context.base.ask_level) == ("concept", None)


def test_an_unknown_named_condition_is_reported_with_its_line():
    text = VALID.replace(
        "    applies_when: {field: derived.size_band, eq: groot}\n", "    applies_when: {ref: groot}\n", 1
    )
    problem = pack_error(text).problems[0]
    assert "unknown named condition 'groot'" in problem.message
    assert problem.line is not None


def test_an_information_request_asks_for_no_document_and_is_never_scored():
    text = VALID.replace("    kind: informatievraag\n", "    kind: informatievraag\n    ask_level: visie\n", 1)
    assert "an informatievraag asks for context only: it has no ask_level" in pack_error(text).report()
