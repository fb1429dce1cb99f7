"""docs/service.md: its curl and JavaScript examples run against a real server on loopback."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the web extra (fastapi, uvicorn) is not installed")

import uvicorn
from docx import Document

from mvoi_criteria.web import create_app

PAGE = Path(__file__).parent.parent / "docs" / "service.md"


def _block(marker: str, language: str) -> str:
    match = re.search(rf"<!-- docs:{marker} -->\n```{language}\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert match, f"docs/service.md lost its {marker} example"
    return match[1]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):  # at most 10 s
        if server.started:
            break
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_examples(base: str, tmp_path: Path) -> None:
    lines = [line for line in _block("curl", "sh").splitlines() if line.strip()]
    outputs = [
        subprocess.run(
            ["bash", "-c", line],
            cwd=tmp_path,
            env={"BASE": base, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        for line in lines
    ]
    advice, _, problem = outputs
    assert json.loads(advice)["profile"]["title"] == "Schoonmaak stadsloket"
    assert Document(str(tmp_path / "bestek.docx")).paragraphs
    errors = json.loads(problem)["errors"]
    assert errors[0]["path"] == "$.procurement_kind" and "is not one of" in errors[0]["message"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_example(base: str) -> None:
    result = subprocess.run(
        ["node", "--input-type=module"],
        input=_block("javascript", "javascript"),
        env={"BASE": base, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    themes = [line.split(" ", 1)[0] for line in result.stdout.splitlines()]
    assert themes == ["representatie", "toegankelijkheid", "sociale_veiligheid", "sociaal_inkopen"]
