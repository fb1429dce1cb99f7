"""`mvoi-criteria serve` starts a real server on loopback, answers, logs JSON lines and stops."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import pytest

pytest.importorskip("uvicorn", reason="the web extra (fastapi, uvicorn) is not installed")

import httpx
from click.testing import CliRunner

from mvoi_criteria.cli import main


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_is_a_command_with_host_and_port() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "--port" in result.output


def test_serve_starts_answers_and_logs_without_content() -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mvoi_criteria.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        health = None
        for _ in range(100):  # at most about 20 s
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None and health.json()["status"] == "ok"
        advice = httpx.post(f"http://127.0.0.1:{port}/api/v1/advise", json={"title": "Geheime opdracht"}, timeout=10)
        assert advice.status_code == 200
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=15)
    access = [json.loads(line) for line in stderr.splitlines() if line.startswith('{"')]
    assert {entry["path"] for entry in access} >= {"/healthz", "/api/v1/advise"}
    assert "Geheime opdracht" not in stderr
