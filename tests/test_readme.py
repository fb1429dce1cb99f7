"""The README's Python example is a real script (docs/examples/readme_api.py) that runs."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT

SCRIPT = ROOT / "docs" / "examples" / "readme_api.py"


def test_the_readme_shows_the_script_verbatim():
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)
    assert SCRIPT.read_text(encoding="utf-8") in blocks


def test_the_readme_example_runs_from_the_repository_root():
    result = subprocess.run([sys.executable, str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("representatie plan_van_aanpak ['rep-")
    assert '\n{\n  "profile": {\n' in result.stdout
