"""The compiled-pack cache: same advice cold, warm and off; damaged or stale entries are never trusted."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from mvoi_criteria import (
    PackError,
    advice_to_json,
    advise,
    hookimpl,
    load_pack,
    load_profile,
    packcache,
    plugins,
    templates,
)
from mvoi_criteria.plugins import installed_packs, pack_set_from_plugins
from mvoi_criteria.templates import LazyTemplates

from .conftest import DATA, ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PACK = DATA / "test_representatie.yaml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory of this test's own; never the user's cache."""
    directory = tmp_path / "cache"
    monkeypatch.setenv(packcache.ENV_DIR, str(directory))
    monkeypatch.delenv(packcache.ENV_SWITCH, raising=False)
    return directory


@pytest.fixture
def fresh_templates(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """An empty process-wide template table; returns every source compiled from now on, in order."""
    compiled: list[str] = []
    original = templates._compile

    def counting(source: str):
        compiled.append(source)
        return original(source)

    monkeypatch.setattr(templates, "_compiled", {})
    monkeypatch.setattr(templates, "_compile", counting)
    return compiled


def entries(directory: Path) -> list[Path]:
    """Pack data entries (not the records of a passed check, `pack-<sha>-<key>.<check>.json`)."""
    return sorted(p for p in directory.glob("pack-*.json") if p.name.count(".") == 1)


def all_advice() -> list[str]:
    packs = installed_packs(refresh=True)
    assert not packs.failures, packs.failures
    return [advice_to_json(advise(load_profile(path), packs=packs)) for path in EXAMPLES]


def test_advice_is_byte_identical_with_a_cold_a_warm_and_no_cache(cache_dir, fresh_templates, monkeypatch):
    cold = all_advice()
    assert len(entries(cache_dir)) == len(installed_packs().packs)
    written = {p: p.stat().st_mtime_ns for p in entries(cache_dir)}

    templates._compiled.clear()
    warm = all_advice()
    assert {p: p.stat().st_mtime_ns for p in entries(cache_dir)} == written  # read, not rewritten
    loaded = installed_packs().packs[0].criteria[0].base
    assert isinstance(loaded.templates, LazyTemplates)  # proof it came from the cache

    monkeypatch.setenv(packcache.ENV_SWITCH, "0")
    templates._compiled.clear()
    off = all_advice()
    assert cold == warm == off
    installed_packs(refresh=True)  # leave the process-wide packs as other tests expect them


def test_a_warm_pack_equals_the_pack_read_from_yaml(cache_dir):
    from_yaml = load_pack(PACK)
    from_cache = load_pack(PACK)
    assert isinstance(from_cache.criteria[0].base.templates, LazyTemplates)
    assert not isinstance(from_yaml.criteria[0].base.templates, LazyTemplates)
    assert from_cache == from_yaml
    assert from_cache.sha256 == from_yaml.sha256


def test_no_template_is_compiled_twice_and_a_cached_pack_compiles_none_at_load(cache_dir, fresh_templates):
    pack = load_pack(PACK)
    sources = [
        text for c in pack.criteria for v in c.variants for text in (v.text.nl, v.text.en, v.verification.nl) if text
    ]
    assert fresh_templates, "a pack read from YAML compiles its templates at load"
    assert len(fresh_templates) == len(set(fresh_templates))
    assert set(sources) <= set(fresh_templates)

    templates._compiled.clear()
    fresh_templates.clear()
    cached = load_pack(PACK)
    assert fresh_templates == []
    variant = cached.criteria[0].base
    first = variant.templates.get(("text", "nl"))
    assert variant.templates.get(("text", "nl")) is first
    assert fresh_templates == [variant.text.nl]
    assert variant.templates.get(("no-such", "nl")) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw, other: b"",
        lambda raw, other: raw[: len(raw) // 2],  # truncated
        lambda raw, other: b"\x00\xff not json",
        lambda raw, other: raw.replace(b'"nl":', b'"nl" :', 1),  # body changed after it was written
        lambda raw, other: raw.replace(b"\n", b"\n[]", 1)[: len(raw)],  # something before the body
        lambda raw, other: other,  # another pack's entry under this pack's name
    ],
    ids=["empty", "truncated", "garbage", "edited", "prefixed", "foreign"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(cache_dir, damage):
    expected = load_pack(PACK)
    other_pack = DATA / "test_toegankelijkheid.yaml"
    load_pack(other_pack)
    (entry,) = (p for p in entries(cache_dir) if expected.sha256 in p.name)
    (other,) = (p for p in entries(cache_dir) if p != entry)
    good = entry.read_bytes()
    entry.write_bytes(damage(good, other.read_bytes()))

    assert packcache.load(expected.sha256) is None
    reloaded = load_pack(PACK)
    assert reloaded == expected
    assert not isinstance(reloaded.criteria[0].base.templates, LazyTemplates)  # read from the YAML again
    assert entry.read_bytes() == good


def test_a_changed_pack_file_misses_the_cache(cache_dir, tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.read_text(encoding="utf-8"), encoding="utf-8")
    before = load_pack(path)
    text = path.read_text(encoding="utf-8")
    title = before.title.nl
    path.write_text(text.replace(title, title + " (herzien)", 1), encoding="utf-8")

    after = load_pack(path)
    assert after.title.nl == title + " (herzien)"
    assert after.sha256 != before.sha256
    assert len(entries(cache_dir)) == 2


def test_a_pack_with_errors_is_never_cached_and_its_errors_keep_their_line(cache_dir, tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.read_text(encoding="utf-8").replace("{{ profile.", "{{ profile.no_such_", 1), "utf-8")
    for _ in range(2):
        with pytest.raises(PackError) as caught:
            load_pack(path)
        assert all(problem.line for problem in caught.value.problems)
    assert entries(cache_dir) == []


def test_an_entry_is_plain_json_naming_its_file(cache_dir):
    pack = load_pack(PACK)
    (entry,) = entries(cache_dir)
    head, body = entry.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    assert header["sha256"] == pack.sha256
    assert json.loads(body)["id"] == pack.id
    assert not list(cache_dir.glob(".tmp-*"))  # the temporary file was renamed into place


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(packcache.ENV_DIR, str(blocker / "cache"))
    assert load_pack(PACK) == load_pack(PACK)


def test_the_switch_turns_the_cache_off(cache_dir, monkeypatch):
    monkeypatch.setenv(packcache.ENV_SWITCH, "0")
    load_pack(PACK)
    assert not cache_dir.exists()
    assert packcache.cache_dir() is None


def test_the_default_directory_is_the_users_cache_dir(monkeypatch):
    from platformdirs import user_cache_dir

    monkeypatch.delenv(packcache.ENV_DIR, raising=False)
    monkeypatch.delenv(packcache.ENV_SWITCH, raising=False)
    assert packcache.cache_dir() == Path(user_cache_dir("mvoi-criteria", appauthor=False))


def test_an_entry_that_no_longer_fits_is_read_from_the_file_instead(cache_dir):
    expected = load_pack(PACK)
    (entry,) = entries(cache_dir)
    head, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    del data["criteria"][0]["title"]  # schema-invalid, yet with a sound header: never a crash
    new_body = json.dumps(data).encode("utf-8")
    header = {**json.loads(head), "body_sha256": hashlib.sha256(new_body).hexdigest()}
    entry.write_bytes(json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + new_body)
    assert packcache.load(expected.sha256) == data

    assert load_pack(PACK) == expected
    assert packcache.load(expected.sha256) != data  # rewritten from the file


class _Registers:
    def __init__(self, path: Path) -> None:
        self.path = path

    @hookimpl
    def mvoi_criteria_register_packs(self, register):
        register(self.path)


def test_a_passed_privacy_scan_is_remembered_and_a_failed_one_never(cache_dir, tmp_path, monkeypatch):
    scanned: list[str] = []
    original = plugins.scan_pack
    monkeypatch.setattr(plugins, "scan_pack", lambda pack: scanned.append(pack.id) or original(pack))
    clean = pack_set_from_plugins([("clean", _Registers(PACK))])
    assert clean.packs and scanned == [clean.packs[0].id]
    assert pack_set_from_plugins([("clean", _Registers(PACK))]).packs == clean.packs
    assert scanned == [clean.packs[0].id]  # not scanned again

    bad = tmp_path / "bad.yaml"
    text = PACK.read_text(encoding="utf-8")
    bad.write_text(
        text.replace("op kwaliteit.", "op kwaliteit. De opdrachtnemer levert per medewerker de afkomst aan.", 1),
        "utf-8",
    )
    for _ in range(2):
        refused = pack_set_from_plugins([("bad", _Registers(bad))])
        assert not refused.packs
        assert "GDPR" in refused.failures[0].problems[0]
    assert scanned.count(clean.packs[0].id) == 3  # the refused pack was scanned both times
