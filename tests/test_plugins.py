"""Plugin discovery: entry points, allow/block variables, isolation of broken plugins, the hook API."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from mvoi_criteria import hookimpl, hookspecs, installed_packs, pack_set_from_plugins
from mvoi_criteria.plugins import ENV_BLOCK, ENV_ONLY

from .conftest import DATA

THEME_PACKS = {"representatie", "toegankelijkheid", "sociale_veiligheid", "sociaal_inkopen"}


def test_the_theme_packs_are_installed_through_entry_points():
    packs = installed_packs()
    assert {p.id for p in packs.packs} == THEME_PACKS, packs.failures
    for pack in packs.packs:
        assert pack.distribution.replace("_", "-") == f"mvoi-pack-{pack.id}".replace("_", "-")
        assert pack.distribution_version
        assert pack.criteria


def test_loading_is_lazy_and_once():
    assert installed_packs() is installed_packs()


def test_only_variable_loads_only_the_named_packs(monkeypatch):
    monkeypatch.setenv(ENV_ONLY, "representatie, toegankelijkheid")
    assert {p.id for p in installed_packs(refresh=True).packs} == {"representatie", "toegankelijkheid"}


def test_only_variable_names_a_missing_pack(monkeypatch):
    monkeypatch.setenv(ENV_ONLY, "representatie,onbekend")
    packs = installed_packs(refresh=True)
    assert [f.plugin for f in packs.failures] == ["onbekend"]


def test_block_variable_skips_a_pack(monkeypatch):
    monkeypatch.setenv(ENV_BLOCK, "sociale_veiligheid")
    assert {p.id for p in installed_packs(refresh=True).packs} == THEME_PACKS - {"sociale_veiligheid"}


class GoodPlugin:
    @staticmethod
    @hookimpl
    def mvoi_criteria_register_packs(register):
        register(DATA / "test_representatie.yaml")


class RaisingPlugin:
    @staticmethod
    @hookimpl
    def mvoi_criteria_register_packs(register):
        raise RuntimeError("boom")


class BrokenPackPlugin:
    @staticmethod
    @hookimpl
    def mvoi_criteria_register_packs(register):
        register(DATA / "does-not-exist.yaml")


def test_a_raising_or_broken_plugin_is_named_and_others_still_load():
    packs = pack_set_from_plugins(
        [("good", GoodPlugin), ("raising", RaisingPlugin), ("broken", BrokenPackPlugin)],
        {"good": ("mvoi-pack-good", "2.0.0")},
    )
    assert [(p.id, p.distribution, p.distribution_version) for p in packs.packs] == [
        ("test-rep", "mvoi-pack-good", "2.0.0")
    ]
    failures = {f.plugin: f for f in packs.failures}
    assert "boom" in failures["raising"].problems[0]
    assert "cannot read file" in failures["broken"].problems[0]


class MisspelledHook:
    @staticmethod
    @hookimpl
    def mvoi_criteria_register_pack(register):  # missing "s": matches no hook specification
        pass


def test_an_implementation_matching_no_hook_is_rejected():
    packs = pack_set_from_plugins([("typo", MisspelledHook)])
    assert packs.failures and "mvoi_criteria_register_pack" in packs.failures[0].problems[0]


def test_every_hook_is_documented_with_when_it_is_called():
    hooks = [f for name, f in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("mvoi_criteria_")]
    assert len(hooks) == 3
    for hook in hooks:
        assert "Called" in (hook.__doc__ or ""), hook.__name__


@pytest.fixture(autouse=True)
def _fresh_discovery():
    yield
    installed_packs(refresh=True)


def test_each_theme_pack_distribution_carries_its_pack_version():
    for pack in installed_packs().packs:
        assert pack.distribution_version == pack.version, f"{pack.id}: bump pyproject.toml with pack.yaml"


def test_every_hook_has_a_test_that_implements_it():
    tests = Path(__file__).parent
    sources = "\n".join(p.read_text(encoding="utf-8") for p in tests.glob("test_*.py") if p.name != Path(__file__).name)
    for name in (n for n, _ in inspect.getmembers(hookspecs, inspect.isfunction) if n.startswith("mvoi_criteria_")):
        assert f"def {name}(" in sources, f"no test implements the hook {name}"
