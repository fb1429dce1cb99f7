"""Fuzzing the command line in-process: hostile profiles, choices and packs end in exit 2 (or 0 when the
mutation happens to be valid, or 3 for a left-out pack), never in a traceback or a hang.

Bounded: the number of examples follows the hypothesis profile (dev or ci), and each example runs under
an alarm that turns a hang into a failure instead of a stuck build (a guard, not a timed assertion).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from mvoi_criteria.cli import main
from mvoi_criteria.cli_errors import EXIT_BAD_INPUT, EXIT_INCOMPLETE
from mvoi_criteria.testing.strategies import bad_choices_texts, bad_document_texts, mutated_pack_texts

from .conftest import DATA, ROOT

EXAMPLE = ROOT / "examples" / "uitzendkrachten.yaml"
PACK = (DATA / "test_representatie.yaml").read_text(encoding="utf-8")
GUARD_SECONDS = 120
FUZZ = settings(
    max_examples=max(8, settings.default.max_examples // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Hang(Exception):
    """An example ran past the guard: the reader or the engine hangs on this input."""


@contextmanager
def guard() -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def hang(signum, frame):
        raise Hang(f"no answer within {GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(folder: Path, *args: str):
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with guard():
            return CliRunner().invoke(main, list(args), catch_exceptions=True)
    finally:
        os.chdir(cwd)


def assert_handled(result, allowed=(0, EXIT_BAD_INPUT, EXIT_INCOMPLETE)) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stderr
    assert result.exit_code in allowed, result.stderr
    if result.exit_code == EXIT_BAD_INPUT:
        assert result.stderr.strip(), "exit 2 needs a message"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(text=bad_document_texts())
def test_hostile_profiles_never_crash_advise_or_draft(folder: Path, text: str):
    (folder / "p.yaml").write_bytes(text.encode("utf-8"))
    assert_handled(run(folder, "advise", "p.yaml", "--format", "json"))
    assert_handled(run(folder, "draft", "p.yaml", "-o", "out.md"))
    assert (folder / "p.yaml").read_bytes() == text.encode("utf-8")  # the input is never changed


@FUZZ
@given(text=bad_choices_texts())
def test_hostile_choices_never_crash_draft(folder: Path, text: str):
    (folder / "c.yaml").write_bytes(text.encode("utf-8"))
    assert_handled(run(folder, "draft", str(EXAMPLE), "-o", "out.md", "--choices", "c.yaml"))
    assert (folder / "c.yaml").read_bytes() == text.encode("utf-8")


@FUZZ
@given(text=mutated_pack_texts(PACK))
def test_mutated_packs_never_crash_check(folder: Path, text: str):
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    assert_handled(run(folder, "check", "pack.yaml"), allowed=(0, EXIT_BAD_INPUT))


@FUZZ
@given(text=bad_document_texts())
def test_hostile_settings_never_crash_advise(folder: Path, text: str):
    (folder / "s.yaml").write_text(text.replace("title: x\n", "default_ambition: basis\n"), encoding="utf-8")
    assert_handled(run(folder, "advise", str(EXAMPLE), "--config", "s.yaml"))
