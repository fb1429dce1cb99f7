"""Every reproducer of issue 9: bad input gives one clear line and exit 2, a left-out pack exit 3,
never a traceback or a hang; a broken plugin leaves the other packs' advice unchanged."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mvoi_criteria import hookimpl
from mvoi_criteria.cli import main
from mvoi_criteria.cli_errors import EXIT_BAD_INPUT, EXIT_INCOMPLETE
from mvoi_criteria.engine import advise
from mvoi_criteria.plugins import ENTRY_POINT_GROUP, IncompleteAdviceError, installed_packs, pack_set_from_plugins
from mvoi_criteria.yamlio import MAX_FILE_BYTES

from .conftest import DATA, ROOT, make_profile

EXAMPLE = (ROOT / "examples" / "uitzendkrachten.yaml").read_text(encoding="utf-8")
REPRESENTATIE = (DATA / "test_representatie.yaml").read_text(encoding="utf-8")
CHOICE = "choices:\n  - {criterion: rep-werving-selectie, action: deselect, motivation: %s}\n"


def _bomb() -> str:
    lines = ["title: x", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _invoke(tmp_path: Path, files: dict[str, str | bytes], args: list[str]) -> Any:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=True)
    finally:
        os.chdir(cwd)


def _assert_one_clear_line(result: Any, status: int, expected: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    assert result.exit_code == status, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0], lines[0]


BAD = {
    # 1. numbers the schema let through
    "inf-text": (
        {"p.yaml": "title: x\nestimated_value_eur: .inf\n"},
        ["advise", "p.yaml"],
        "p.yaml:2: $.estimated_value_eur: .inf is not a finite number",
    ),
    "inf-markdown": (
        {"p.yaml": "title: x\nestimated_value_eur: .inf\n"},
        ["advise", "p.yaml", "--format", "markdown"],
        "not a finite number",
    ),
    "inf-draft": (
        {"p.yaml": "title: x\nestimated_value_eur: .inf\n"},
        ["draft", "p.yaml", "-o", "out.md"],
        "not a finite number",
    ),
    "1e400-json": (
        {"p.json": '{"title": "x", "estimated_value_eur": 1e400}'},
        ["advise", "p.json", "--format", "json"],
        "p.json:1: $.estimated_value_eur: 1e400 is not a finite number",
    ),
    "nan": ({"p.yaml": "title: x\nestimated_value_eur: .nan\n"}, ["advise", "p.yaml"], "not a finite number"),
    "too-large-value": (
        {"p.yaml": "title: x\nestimated_value_eur: 1e300\n"},
        ["advise", "p.yaml"],
        "$.estimated_value_eur",
    ),
    "huge-integer": ({"p.yaml": "title: x\nduration_months: " + "9" * 40 + "\n"}, ["advise", "p.yaml"], "too large"),
    "config-nan-cap": (
        {"p.yaml": EXAMPLE, "c.yaml": "max_inclusion_weight_percent: .nan\n"},
        ["advise", "p.yaml", "--config", "c.yaml"],
        "c.yaml:1: $.max_inclusion_weight_percent: .nan is not a finite number",
    ),
    # 2. YAML shapes
    "recursive-profile": ({"p.yaml": "&a {title: x, p: *a}\n"}, ["advise", "p.yaml"], "recursive alias"),
    "recursive-choices": (
        {"p.yaml": EXAMPLE, "c.yaml": "&a {choices: [*a]}\n"},
        ["draft", "p.yaml", "-o", "o.md", "--choices", "c.yaml"],
        "c.yaml:1: $.choices[0]: an alias refers",
    ),
    "recursive-config": (
        {"p.yaml": EXAMPLE, "c.yaml": "&a {x: *a}\n"},
        ["advise", "p.yaml", "--config", "c.yaml"],
        "recursive alias",
    ),
    "recursive-other-criteria": (
        {"p.yaml": EXAMPLE, "o.yaml": "&a [*a]\n"},
        ["draft", "p.yaml", "-o", "o.json", "--format", "eforms", "--other-criteria", "o.yaml"],
        "recursive alias",
    ),
    "merge-key": (
        {"p.yaml": "title: x\npersonnel: {<<: {works_for_municipality: yes}}\n"},
        ["advise", "p.yaml"],
        "p.yaml:2: $.personnel: merge keys ('<<') are not allowed",
    ),
    "python-tag": (
        {"p.yaml": "title: x\ncpv_codes: !!python/tuple [1, 2]\n"},
        ["advise", "p.yaml"],
        "p.yaml:2: $.cpv_codes: tag !!python/tuple is not allowed",
    ),
    "custom-tag": ({"p.yaml": "title: !secret x\n"}, ["advise", "p.yaml"], "tag !secret is not allowed"),
    "deep-nesting": (
        {"p.yaml": "title: x\ndescription: " + "[" * 500 + "]" * 500 + "\n"},
        ["advise", "p.yaml"],
        "nested deeper than the limit",
    ),
    # 3. denial of service
    "alias-bomb": ({"p.yaml": _bomb()}, ["advise", "p.yaml"], "expands to more than"),
    "large-file": (
        {"p.yaml": "title: x\ndescription: '" + "x" * (MAX_FILE_BYTES + 10) + "'\n"},
        ["advise", "p.yaml"],
        f"more than the limit of {MAX_FILE_BYTES}",
    ),
    "large-cpv-list": (
        {"p.yaml": "title: x\ncpv_codes: [" + ", ".join(["'79620000-6'"] * 300) + "]\n"},
        ["advise", "p.yaml"],
        "$.cpv_codes",
    ),
    "dev-zero": ({}, ["advise", "/dev/zero"], "/dev/zero: $: is not a regular file"),
    # 9. unclear messages
    "undecodable": (
        {"p.yaml": b"title: x\ndescription: ab\xff\n"},
        ["advise", "p.yaml"],
        "p.yaml:2: $: not UTF-8 text: byte 0xff at line 2, column 16",
    ),
    "unacceptable-character": ({"p.yaml": "title: x\x00\n"}, ["advise", "p.yaml"], "p.yaml:1: $: not valid YAML"),
    "control-character": (
        {"p.yaml": 'title: "a\\u0001b"\n'},
        ["advise", "p.yaml"],
        "$.title: text contains the control character or invalid code point U+0001",
    ),
    "lone-surrogate": ({"p.yaml": 'title: "a\\ud800"\n'}, ["advise", "p.yaml"], "U+D800"),
    "bad-ambition": (
        {"p.yaml": EXAMPLE, "c.yaml": "default_ambition: hoog\n"},
        ["advise", "p.yaml", "--config", "c.yaml"],
        "c.yaml:1: $.default_ambition: default_ambition must be one of basis, significant, ambitieus, got 'hoog'",
    ),
    "empty-path": ({}, ["advise", ""], "no file name given"),
    "directory": ({"d/x": ""}, ["advise", "d"], "is a folder"),
    "missing-file": ({}, ["advise", "nope.yaml"], "nope.yaml: $: cannot read file: No such file or directory"),
    # 10. choices and settings
    "zero-width-motivation": (
        {"p.yaml": EXAMPLE, "c.yaml": CHOICE % '"\\u200b"'},
        ["draft", "p.yaml", "-o", "o.md", "--choices", "c.yaml"],
        "c.yaml:2: $.choices[0].motivation: the motivation is empty or invisible",
    ),
    "blank-motivation": (
        {"p.yaml": EXAMPLE, "c.yaml": CHOICE % '"\\u00a0 \\t"'},
        ["draft", "p.yaml", "-o", "o.md", "--choices", "c.yaml"],
        "empty or invisible",
    ),
    "zero-width-justification": (
        {
            "p.yaml": EXAMPLE,
            "c.yaml": 'choices:\n  - {criterion: rep-werving-selectie, action: deselect, motivation: Past niet., value: "\\u200b\\u200d"}\n',
        },
        ["draft", "p.yaml", "-o", "o.md", "--choices", "c.yaml"],
        "$.choices[0].value: the justification (BT-755) is empty or invisible",
    ),
    "zero-width-justification-option": (
        {"p.yaml": EXAMPLE},
        ["draft", "p.yaml", "-o", "o.json", "--format", "eforms", "--accessibility-justification", "\u200b"],
        "--accessibility-justification: $: the justification (BT-755) is empty or invisible",
    ),
    "nan-price-weight": (
        {"p.yaml": EXAMPLE},
        ["draft", "p.yaml", "-o", "o.json", "--format", "eforms", "--price-weight", "nan"],
        "--price-weight",
    ),
    "choices-not-a-mapping": (
        {"p.yaml": EXAMPLE, "c.yaml": "- 1\n- 2\n"},
        ["draft", "p.yaml", "-o", "o.md", "--choices", "c.yaml"],
        "c.yaml:1: $: a choices file must be a mapping",
    ),
    "choices-wrong-types": (
        {"p.yaml": EXAMPLE, "c.yaml": "choices: {criterion: 5}\n"},
        ["draft", "p.yaml", "-o", "o.md", "--choices", "c.yaml"],
        "c.yaml:1: $.choices",
    ),
    "award-count-fraction": (
        {"p.yaml": EXAMPLE, "c.yaml": "max_award_criteria_midden: 1.5\n"},
        ["advise", "p.yaml", "--config", "c.yaml"],
        "max_award_criteria_midden must be a whole number from 0 to 20, got 1.5",
    ),
    "weight-cap-below-one": (
        {"p.yaml": EXAMPLE, "c.yaml": "max_inclusion_weight_percent: 0.5\n"},
        ["advise", "p.yaml", "--config", "c.yaml"],
        "max_inclusion_weight_percent must be a percentage from 1 to 100, got 0.5",
    ),
    # 6. output paths
    "output-missing-folder": (
        {"p.yaml": EXAMPLE},
        ["advise", "p.yaml", "-o", "nodir/x.txt"],
        "nodir/x.txt: -o: the folder 'nodir' does not exist",
    ),
    "output-device": (
        {"p.yaml": EXAMPLE},
        ["draft", "p.yaml", "-o", "/dev/full", "--format", "md"],
        "/dev/full: -o: is not a regular file",
    ),
    "output-folder": ({"p.yaml": EXAMPLE, "d/x": ""}, ["draft", "p.yaml", "-o", "d", "--format", "md"], "is a folder"),
    "draft-over-profile": (
        {"p.yaml": EXAMPLE},
        ["draft", "p.yaml", "-o", "p.yaml", "--format", "md"],
        "p.yaml: -o: is an input of this command (p.yaml)",
    ),
    "advise-over-profile": (
        {"p.yaml": EXAMPLE},
        ["advise", "p.yaml", "-o", "p.yaml", "--format", "text"],
        "is an input of this command",
    ),
    "draft-over-choices": (
        {"p.yaml": EXAMPLE, "c.yaml": CHOICE % "Past niet."},
        ["draft", "p.yaml", "-o", "c.yaml", "--format", "md", "--choices", "c.yaml"],
        "is an input of this command (c.yaml)",
    ),
    "draft-over-config": (
        {"p.yaml": EXAMPLE, "c.yaml": "default_ambition: basis\n"},
        ["draft", "p.yaml", "-o", "./c.yaml", "--format", "md", "--config", "c.yaml"],
        "is an input of this command",
    ),
    "format-mismatch": (
        {"p.yaml": EXAMPLE},
        ["advise", "p.yaml", "-o", "a.json", "--format", "markdown"],
        "the extension '.json' means --format json, not --format markdown",
    ),
    "unknown-extension": (
        {"p.yaml": EXAMPLE},
        ["draft", "p.yaml", "-o", "a.pdf"],
        "cannot tell the format from '.pdf'",
    ),
}


@pytest.mark.parametrize(("files", "args", "expected"), list(BAD.values()), ids=list(BAD))
def test_bad_input_gives_one_clear_line_and_exit_2(tmp_path: Path, files, args, expected):
    before = {name: (tmp_path / name).read_bytes() for name in files if (tmp_path / name).is_file()}
    result = _invoke(tmp_path, files, args)
    _assert_one_clear_line(result, EXIT_BAD_INPUT, expected)
    for name, content in files.items():  # nothing the user gave is changed
        if (tmp_path / name).is_file():
            assert (tmp_path / name).read_bytes() == (content if isinstance(content, bytes) else content.encode())
    assert before == {} or before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_profile_is_refused_without_blocking(tmp_path: Path):
    os.mkfifo(tmp_path / "p.yaml")
    result = _invoke(tmp_path, {}, ["advise", "p.yaml"])
    _assert_one_clear_line(result, EXIT_BAD_INPUT, "p.yaml: $: is not a regular file")


def test_the_format_follows_the_extension_and_dash_is_standard_output(tmp_path: Path):
    result = _invoke(tmp_path, {"p.yaml": EXAMPLE}, ["advise", "p.yaml", "-o", "advies.json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "advies.json").read_text(encoding="utf-8"))["profile"]["title"]
    result = _invoke(tmp_path, {"p.yaml": EXAMPLE}, ["draft", "p.yaml", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("#")
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write leaves no temporary file


def test_json_output_never_holds_infinity_or_nan(tmp_path: Path):
    result = _invoke(tmp_path, {"p.yaml": EXAMPLE}, ["advise", "p.yaml", "--format", "json"])
    assert result.exit_code == 0
    json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"{name} in JSON output"))


# --- packs that pass compilation but fail to render, and pack authors' check ----------------------

BAD_TEXTS = {
    "division-by-zero": "{{ 1/0 }}",
    "missing-key": "{{ profile['titel'] }}",
    "escape-attempt": "{{ ''.__class__.__mro__ }}",
    "huge-repetition": "{{ 'x' * 10**10 }}",
    "huge-width": "{{ profile.title | center(900) * 900 }}",
}
REFUSED_TEXTS = {
    "unknown-filter": ("{{ profile.title | nosuchfilter }}", "No filter named 'nosuchfilter'"),
    "include": ("{% include 'x' %}", "'include' is not allowed"),
    "loop": (
        "{% for a in profile.cpv_codes %}{% for b in profile.cpv_codes %}x{% endfor %}{% endfor %}",
        "'for' is not allowed",
    ),
    "big-number": ("{{ 'x' * 10000000000 }}", "above the limit"),
}
CLAUSE = 'Selecteer de mensen voor "{{ profile.title }}" op kwaliteit.'


def _bad_pack(text: str, pack_id: str = "kapot") -> str:
    renamed = REPRESENTATIE.replace("id: test-rep", f"id: {pack_id}").replace("id: t-rep-", f"id: {pack_id}-")
    return renamed.replace(CLAUSE, text.replace("'", "''"))


@pytest.mark.parametrize("text", list(BAD_TEXTS.values()), ids=list(BAD_TEXTS))
def test_check_renders_every_text_and_names_the_criterion_and_line(tmp_path: Path, text: str):
    result = _invoke(tmp_path, {"pack.yaml": _bad_pack(text)}, ["check", "pack.yaml"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "Traceback" not in result.stderr
    assert "pack.yaml:35: $.criteria[0].text.nl: criterion 'kapot-selectie'" in result.stderr


@pytest.mark.parametrize(("text", "expected"), list(REFUSED_TEXTS.values()), ids=list(REFUSED_TEXTS))
def test_check_refuses_texts_the_sandbox_cannot_bound(tmp_path: Path, text: str, expected: str):
    result = _invoke(tmp_path, {"pack.yaml": _bad_pack(text)}, ["check", "pack.yaml"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "Traceback" not in result.stderr
    assert expected in result.stderr and "pack.yaml:35:" in result.stderr


def test_a_nan_weight_in_a_pack_is_refused_with_its_line(tmp_path: Path):
    result = _invoke(
        tmp_path, {"pack.yaml": _bad_pack(CLAUSE).replace("weight: 10", "weight: .nan")}, ["check", "pack.yaml"]
    )
    assert result.exit_code == EXIT_BAD_INPUT
    assert "pack.yaml:19: $.criteria[0].scaling[0].weight: .nan is not a finite number" in result.stderr


def test_the_shipped_packs_pass_check():
    files = [str(p) for p in sorted(ROOT.glob("packs/*/src/*/pack.yaml"))]
    result = CliRunner().invoke(main, ["check", *files])
    assert result.exit_code == 0, result.stderr


# --- plugins: each broken kind is named by its distribution and leaves the others unchanged ----------


def _genuine() -> tuple[list[tuple[str, Any]], dict[str, tuple[str | None, str | None]]]:
    points = sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
    return [(ep.name, ep.load()) for ep in points], {ep.name: (ep.dist.name, ep.dist.version) for ep in points}


@pytest.fixture
def with_plugin(monkeypatch) -> Iterator[Any]:
    """Install one extra plugin next to the genuine packs, as if through its own distribution."""
    import mvoi_criteria.plugins as plugins

    monkeypatch.setattr(plugins, "_cache", {})  # undone afterwards: the genuine cache comes back untouched

    def install(name: str, plugin: Any) -> None:
        genuine, dists = _genuine()
        dists[name] = ("mvoi-pack-evil", "6.6.6")
        monkeypatch.setattr(
            plugins, "_discover", lambda only, block: pack_set_from_plugins([*genuine, (name, plugin)], dists)
        )
        installed_packs(refresh=True)

    yield install
    monkeypatch.undo()


def _pack_plugin(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")

    class Plugin:
        @staticmethod
        @hookimpl
        def mvoi_criteria_register_packs(register):
            register(path)

    return Plugin


class ExtraArgument:
    @staticmethod
    @hookimpl
    def mvoi_criteria_register_packs(register, extra):
        pass


class UnknownHook:
    @staticmethod
    @hookimpl
    def mvoi_criteria_frobnicate(register):
        pass


class RaisingHook:
    @staticmethod
    @hookimpl
    def mvoi_criteria_register_packs(register):
        raise RuntimeError("boom")


def _without_failures(advice_json: str, keep_themes: set[str] | None = None) -> dict[str, Any]:
    data = json.loads(advice_json)
    data["provenance"].pop("pack_failures")
    if keep_themes is not None:
        data.pop("profile")  # the baseline's profile leaves out the blocked theme's ambition,
        data["derived"].pop("ambition")  # so its ambition per theme differs there
    data["notes"] = [
        n
        for n in data["notes"]
        if not (isinstance(n, dict) and n.get("topic") == "pack_failed") and "could not be used" not in str(n)
    ]
    if keep_themes is not None:
        data["themes"] = [t for t in data["themes"] if t["theme"] in keep_themes]
        data["trace"] = [t for t in data["trace"] if t["theme"] in keep_themes]
        data["provenance"]["packs"] = [p for p in data["provenance"]["packs"] if p["theme"] in keep_themes]
        data.pop("accessibility", None)
        data.pop("questions", None)
    return data


PLUGINS = {
    "extra-argument": (lambda tmp: ExtraArgument, "mvoi_criteria_register_packs", None),
    "unknown-hook": (lambda tmp: UnknownHook, "mvoi_criteria_frobnicate", None),
    "raising-hook": (lambda tmp: RaisingHook, "boom", None),
    "failing-render": (
        lambda tmp: _pack_plugin(
            tmp, _bad_pack(CLAUSE).replace("Beschrijf kort het diversiteitsbeleid van uw bedrijf.", "'{{ 1/0 }}'")
        ),
        "ZeroDivisionError",
        None,
    ),
    "privacy": (
        lambda tmp: _pack_plugin(tmp, _bad_pack("De opdrachtnemer levert per medewerker de afkomst aan.")),
        "origin or ethnicity",
        None,
    ),
    "pack-id-clash": (
        lambda tmp: _pack_plugin(tmp, _bad_pack(CLAUSE, "representatie")),
        "pack id 'representatie' is also claimed by",
        {"toegankelijkheid", "sociale_veiligheid", "sociaal_inkopen"},
    ),
    "criterion-id-clash": (
        lambda tmp: _pack_plugin(tmp, _bad_pack(CLAUSE).replace("id: kapot-selectie", "id: rep-werving-selectie")),
        "criterion id 'rep-werving-selectie' is also claimed by",
        {"toegankelijkheid", "sociale_veiligheid", "sociaal_inkopen"},
    ),
}


@pytest.mark.parametrize(("make", "reason", "themes"), list(PLUGINS.values()), ids=list(PLUGINS))
def test_a_broken_plugin_is_named_signalled_and_leaves_the_others_unchanged(
    tmp_path: Path, with_plugin, make, reason, themes
):
    profile = tmp_path / "p.yaml"
    profile.write_text(EXAMPLE, encoding="utf-8")
    # The total-burden budget is shared by all packs by design (which items are cut depends on every
    # pack); with room for every item, the other packs' advice must not change at all.
    roomy = tmp_path / "roomy.yaml"
    roomy.write_text("max_items_klein: 20\nmax_items_midden: 20\nmax_items_groot: 20\n", encoding="utf-8")
    args = ["advise", str(profile), "--format", "json", "--config", str(roomy)]
    # When a genuine pack is displaced, the others are compared with an advice made without it: the
    # central rules that span packs (overlapping duties, the one implementation plan) see the same packs.
    left_out = sorted({"representatie", "toegankelijkheid", "sociale_veiligheid"} - (themes or set()))
    env = {"MVOI_CRITERIA_BLOCK_PACKS": ",".join(left_out)} if themes is not None else {}
    base_args = args
    if themes is not None:  # the blocked theme is unknown there: leave its ambition out of that profile
        import yaml

        data = yaml.safe_load(EXAMPLE)
        for theme in left_out:
            (data.get("ambition") or {}).pop(theme, None)
        base_profile = tmp_path / "base.yaml"
        base_profile.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        base_args = ["advise", str(base_profile), *args[2:]]
    baseline = CliRunner().invoke(main, base_args, env=env)
    assert baseline.exit_code == 0
    assert not json.loads(baseline.stdout)["optional"], "the example must fit in the roomy budget"
    installed_packs(refresh=True)
    with_plugin("evil", make(tmp_path))
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == EXIT_INCOMPLETE
    assert refused.stdout == "" and "Traceback" not in refused.stderr
    assert reason in refused.stderr and "pack '" in refused.stderr
    accepted = CliRunner().invoke(main, [*args, "--allow-incomplete"])
    assert accepted.exit_code == 0, accepted.stderr
    assert reason in accepted.stderr
    advice = json.loads(accepted.stdout)
    assert advice["provenance"]["pack_failures"]
    assert _without_failures(accepted.stdout, themes) == _without_failures(baseline.stdout, themes)


def test_a_bad_hook_is_named_by_its_distribution(with_plugin):
    with_plugin("evil", ExtraArgument)
    (failure,) = installed_packs().failures
    assert failure.plugin == "evil" and failure.distribution == "mvoi-pack-evil 6.6.6"
    assert {p.id for p in installed_packs().packs} == {
        "representatie",
        "toegankelijkheid",
        "sociale_veiligheid",
        "sociaal_inkopen",
    }


def test_a_clash_is_resolved_by_the_user_blocking_one(tmp_path: Path, with_plugin, monkeypatch):
    with_plugin("evil", _pack_plugin(tmp_path, _bad_pack(CLAUSE, "representatie")))
    assert installed_packs().by_id("representatie") is None
    monkeypatch.setenv("MVOI_CRITERIA_BLOCK_PACKS", "evil")
    import mvoi_criteria.plugins as plugins

    genuine, dists = _genuine()
    monkeypatch.setattr(
        plugins,
        "_discover",
        lambda only, block: pack_set_from_plugins([(n, p) for n, p in genuine if n not in block], dists),
    )
    kept = installed_packs(refresh=True).by_id("representatie")
    assert kept is not None and kept.distribution == "mvoi-pack-representatie"


def test_the_draft_document_records_a_left_out_pack(tmp_path: Path, with_plugin):
    with_plugin("evil", RaisingHook)
    files = {"p.yaml": EXAMPLE}
    result = _invoke(tmp_path, files, ["draft", "p.yaml", "-o", "d.md"])
    assert result.exit_code == EXIT_INCOMPLETE and not (tmp_path / "d.md").exists()
    result = _invoke(tmp_path, files, ["draft", "p.yaml", "-o", "d.md", "--allow-incomplete"])
    assert result.exit_code == 0
    assert "evil" in (tmp_path / "d.md").read_text(encoding="utf-8")


def test_the_python_api_raises_unless_incomplete_advice_is_allowed(test_packs):
    import attrs

    from mvoi_criteria.plugins import PackFailure

    broken = attrs.evolve(test_packs, failures=(PackFailure("kapot", "kapot.yaml", ("bad",)),))
    with pytest.raises(IncompleteAdviceError, match="kapot"):
        advise(make_profile(), packs=broken)
    assert advise(make_profile(), packs=broken, allow_incomplete=True).provenance.pack_failures


def test_an_internal_error_is_one_line_with_exit_70(tmp_path: Path, monkeypatch):
    import mvoi_criteria.cli as cli

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("kapot\nop twee regels")

    monkeypatch.setattr(cli, "build_advice", broken)
    result = _invoke(tmp_path, {"p.yaml": EXAMPLE}, ["advise", "p.yaml"])
    _assert_one_clear_line(
        result, 70, "internal error (please report it with the input): RuntimeError: kapot op twee regels"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ profile.cpv_codes | join(', ') }}", "b, a"),
        ("{{ profile.cpv_codes | sort | first }}", "a"),
        ("{{ profile.cpv_codes | map('upper') | join }}", "BA"),
        ("{{ profile.title | replace('a', 'b') }}", "bhb"),
    ],
)
def test_the_bounded_filters_still_work_including_those_given_the_environment(source: str, expected: str):
    from mvoi_criteria.templates import compile_template, render

    assert render(compile_template(source), {"profile": {"title": "aha", "cpv_codes": ["b", "a"]}}) == expected
