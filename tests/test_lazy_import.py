"""`import mvoi_criteria` is cheap: heavy dependencies load on first use, and every public name still works."""

from __future__ import annotations

import json
import subprocess
import sys

import mvoi_criteria

from .conftest import ROOT

HEAVY = ("docx", "jsonschema", "openpyxl")


def imported_after(code: str) -> set[str]:
    """Which of HEAVY a fresh interpreter has imported after running `code`."""
    probe = f"import sys\n{code}\nimport json; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(run.stdout.splitlines()[-1]))


def test_import_loads_no_heavy_dependency():
    assert imported_after("import mvoi_criteria") == set()


def test_advising_loads_neither_word_nor_spreadsheets():
    code = f"import mvoi_criteria as mc\nmc.advice_to_json(mc.advise(mc.load_profile({str(ROOT / 'examples' / 'uitzendkrachten.yaml')!r})))"
    assert imported_after(code) <= {"jsonschema"}  # the profile is validated; nothing is drafted


def test_every_public_name_resolves_and_star_import_works():
    for name in mvoi_criteria.__all__:
        assert getattr(mvoi_criteria, name) is not None, name
    namespace: dict[str, object] = {}
    exec("from mvoi_criteria import *", namespace)
    assert set(mvoi_criteria.__all__) <= set(namespace)
    assert set(mvoi_criteria.__all__) <= set(dir(mvoi_criteria))
    assert mvoi_criteria.__version__ == mvoi_criteria.library_version()


def test_an_unknown_name_is_an_attribute_error():
    try:
        mvoi_criteria.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_render_is_the_function_and_submodules_still_import():
    from mvoi_criteria import batch, render_markdown

    assert callable(render_markdown)
    assert hasattr(batch, "advise_many")
