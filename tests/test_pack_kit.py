"""The pack kit: `pack new`, previews with `--pack`, `check` over installed packs, and the five-step
walk-through of docs/pack-authoring.md run as written."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mvoi_criteria.cli import main
from mvoi_criteria.pack_cli import SCAFFOLD_FILES, KitError, scaffold

from .conftest import DATA, ROOT

EXAMPLE = str(ROOT / "examples" / "uitzendkrachten.yaml")
DOC = ROOT / "docs" / "pack-authoring.md"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_pack_new_writes_every_scaffold_file_and_a_valid_pack(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("pack", "new", "demo", "--label-nl", "Demo-thema", "--label-en", "Demo theme")
    assert result.exit_code == 0, result.output
    made = {str(p.relative_to(tmp_path / "demo")) for p in (tmp_path / "demo").rglob("*") if p.is_file()}
    expected = {path.format(name="demo", package="mvoi_pack_demo") for path in SCAFFOLD_FILES.values()}
    assert made == expected
    checked = run("check", "demo/src/mvoi_pack_demo/pack.yaml")
    assert checked.exit_code == 0, checked.output
    assert "theme demo" in checked.stdout
    assert "label: {nl: Demo-thema, en: Demo theme}" in (tmp_path / "demo/src/mvoi_pack_demo/pack.yaml").read_text()


def test_pack_new_never_overwrites_and_refuses_a_bad_name(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "notes.txt").write_text("mine", encoding="utf-8")
    taken = run("pack", "new", "demo")
    assert taken.exit_code == 2 and "already exists" in taken.stderr
    assert (tmp_path / "demo" / "notes.txt").read_text(encoding="utf-8") == "mine"
    bad = run("pack", "new", "Mijn-Thema")
    assert bad.exit_code == 2 and "lower-case" in bad.stderr


def test_the_generated_init_is_fixed_boilerplate(tmp_path):
    init = (scaffold("een", tmp_path) / "src/mvoi_pack_een/__init__.py").read_text(encoding="utf-8")
    other = (scaffold("twee", tmp_path) / "src/mvoi_pack_twee/__init__.py").read_text(encoding="utf-8")
    assert init == other
    assert "register_pack_folder(__name__)" in init


def test_advise_previews_an_uninstalled_pack_next_to_the_installed_ones(run, tmp_path):
    pack = scaffold("preview", tmp_path) / "src/mvoi_pack_preview/pack.yaml"
    result = run("advise", EXAMPLE, "--pack", str(pack), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "## Preview" in result.stdout and "## Representatie" in result.stdout
    assert "preview-voorbeeld" in result.stdout


def test_only_packs_leaves_the_installed_packs_out(run, tmp_path):
    pack = scaffold("preview", tmp_path) / "src/mvoi_pack_preview/pack.yaml"
    profile = tmp_path / "p.yaml"
    profile.write_text("title: X\nambition: {preview: basis}\n", encoding="utf-8")
    result = run("advise", str(profile), "--pack", str(pack), "--only-packs", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in json.loads(result.stdout)["provenance"]["packs"]] == ["preview"]
    assert run("advise", str(profile), "--only-packs").exit_code == 2


def test_a_preview_file_replaces_the_installed_pack_with_its_id(run, tmp_path):
    source = ROOT / "packs/representatie/src/mvoi_pack_representatie/pack.yaml"
    edited = tmp_path / "pack.yaml"
    edited.write_text(
        re.sub(r"(?m)^version: .*$", "version: 9.9.9", source.read_text(encoding="utf-8"), count=1), "utf-8"
    )
    result = run("advise", EXAMPLE, "--pack", str(edited), "--format", "json")
    assert result.exit_code == 0, result.output
    packs = json.loads(result.stdout)["provenance"]["packs"]
    assert [p["version"] for p in packs if p["id"] == "representatie"] == ["9.9.9"]


def test_draft_takes_the_same_preview_options(run, tmp_path):
    pack = scaffold("preview", tmp_path) / "src/mvoi_pack_preview/pack.yaml"
    out = tmp_path / "bestek.md"
    result = run("draft", EXAMPLE, "--pack", str(pack), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Preview" in out.read_text(encoding="utf-8")


def test_a_broken_preview_file_exits_2_with_file_and_line(run, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text((DATA / "test_representatie.yaml").read_text(encoding="utf-8").replace("kind: eis", "kind: x"))
    result = run("advise", EXAMPLE, "--pack", str(broken))
    assert result.exit_code == 2
    assert re.search(rf"{re.escape(str(broken))}:\d+: \$\.criteria\[1\]\.kind", result.stderr)


def test_check_without_files_checks_the_installed_packs(run):
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "pack 'representatie'" in result.stdout


def test_check_names_a_criterion_id_an_installed_pack_already_uses(run, tmp_path):
    source = ROOT / "packs/representatie/src/mvoi_pack_representatie/pack.yaml"
    copy = tmp_path / "kopie.yaml"
    copy.write_text(source.read_text(encoding="utf-8").replace("id: representatie\n", "id: kopie\n", 1), "utf-8")
    result = run("check", str(copy))
    assert result.exit_code == 2
    assert "criterion id 'rep-werving-selectie' is already used by installed pack 'representatie'" in result.stderr


def test_check_gives_the_line_of_a_gdpr_finding_in_a_scaling_step(run, tmp_path):
    text = (DATA / "test_representatie.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "submission: {nl: Korte aanpak.}", "submission: {nl: Registreer de afkomst van elke kandidaat.}"
    )
    pack = tmp_path / "privacy.yaml"
    pack.write_text(text, encoding="utf-8")
    result = run("check", str(pack))
    assert result.exit_code == 2
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "Registreer de afkomst" in s)
    assert f"{pack}:{line}: criterion 't-rep-selectie' scaling[1].submission may ask for" in result.stderr


def _doc_steps() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- kit:steps -->", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_the_walk_through_has_at_most_five_steps():
    assert 0 < len(_doc_steps()) <= 5


def test_the_five_steps_of_the_pack_authoring_guide_work_as_written(tmp_path):
    """Runs the guide's commands in an empty folder. `pip install` goes to a throwaway target folder
    (a `pip` shim adds --target and --no-deps: mvoi-criteria is already there) that later steps import."""
    bin_dir = Path(sys.executable).parent
    site, shims = tmp_path / "site", tmp_path / "shims"
    shims.mkdir()
    shim = shims / "pip"
    # Without build isolation (faster, offline) when the test environment can build wheels itself.
    isolation = "--no-build-isolation" if importlib.util.find_spec("wheel") else ""
    shim.write_text(
        f'#!/bin/sh\nexec "{bin_dir / "pip"}" "$@" --target "{site}" --no-deps {isolation} -q --disable-pip-version-check\n'
    )
    shim.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    env = {
        **os.environ,
        "PATH": f"{shims}{os.pathsep}{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(site),
        "PYTEST_ADDOPTS": "-p no:cacheprovider",
    }
    env.pop("MVOI_CRITERIA_PACKS", None)
    outputs = []
    for step in _doc_steps():
        done = subprocess.run(["bash", "-c", step], cwd=work, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{step}\n{done.stdout}\n{done.stderr}"
        outputs.append(done.stdout)
    assert "mijn-thema-voorbeeld" in outputs[2]  # the preview shows the new criterion
    assert re.search(r"^mijn_thema\s+mijn_thema\s+0\.1\.0\s+1 criteria", outputs[3], re.M)  # installed and listed
    assert re.search(r"\d+ passed", outputs[4]) and "failed" not in outputs[4]


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(KitError) as caught:
        scaffold("demo", blocker)
    assert "cannot write the new pack" in caught.value.report()
