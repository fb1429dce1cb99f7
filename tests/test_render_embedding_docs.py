"""docs/embedding.md: its example is a real script that runs, and the page shows exactly that script."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "embed.py"
PAGE = ROOT / "docs" / "embedding.md"


def test_the_page_shows_the_example_file_verbatim():
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)
    assert blocks[0] == EXAMPLE.read_text(encoding="utf-8")


def test_the_example_is_about_ten_lines_of_code():
    code = [
        line
        for line in EXAMPLE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(('"""', "#"))
    ]
    assert len(code) <= 16


def test_the_example_runs_and_writes_valid_documents(tmp_path):
    result = subprocess.run([sys.executable, str(EXAMPLE)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    match = re.fullmatch(r"criteria: (\d+), choices: ([01]), eForms problems: 0\n", result.stdout)
    assert match, result.stdout
    assert (
        (tmp_path / "bestek.md").read_text(encoding="utf-8").startswith("# Inclusiecriteria: Schoonmaak stadsloket\n")
    )
    document = docx.Document(str(tmp_path / "bestek.docx"))
    assert document.paragraphs[0].text == "Inclusion criteria: Schoonmaak stadsloket"


def test_every_public_name_the_page_documents_is_exported():
    import mvoi_criteria

    for name in (
        "advise",
        "apply_choices",
        "apply_choices_file",
        "load_choices",
        "render_markdown",
        "render_docx",
        "export_eforms",
        "validate_eforms",
        "load_award_criteria",
        "AwardCriterion",
        "Choice",
        "TEMPLATE_NAMES",
        "document_templates",
        "DocumentTemplateError",
        "EformsError",
    ):
        assert name in mvoi_criteria.__all__
        assert name in PAGE.read_text(encoding="utf-8")
