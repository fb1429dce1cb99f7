"""pytest plugin (entry point `pytest11`): runs `*.case.yaml` example tenders as tests, and gives
pack authors two fixtures: `mvoi_packs` (the installed packs) and `mvoi_advise` (profile data -> Advice).

Pack authors put cases next to their pack; `pytest` then checks each against the installed packs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ..advice import Advice
from ..engine import advise
from ..plugins import PackSet, installed_packs
from ..profile import profile_from_dict
from .cases import check_case, load_case


@pytest.fixture(scope="session")
def mvoi_packs() -> PackSet:
    """The packs installed in this environment, loaded once."""
    return installed_packs()


@pytest.fixture
def mvoi_advise(mvoi_packs: PackSet) -> Callable[..., Advice]:
    """Advise on profile data (a dict as in a profile file), with the installed or the given packs."""

    def run(profile: dict[str, Any], packs: PackSet | None = None) -> Advice:
        return advise(profile_from_dict(profile), packs=mvoi_packs if packs is None else packs)

    return run


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name.endswith(".case.yaml"):
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    def collect(self) -> Any:
        yield CaseItem.from_parent(self, name=self.path.name.removesuffix(".case.yaml"))


class CaseFailed(Exception):
    pass


class CaseItem(pytest.Item):
    def runtest(self) -> None:
        case = load_case(self.path)
        _, failures = check_case(case)
        if failures:
            raise CaseFailed(failures)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CaseFailed):
            return f"{self.path}:\n" + "\n".join(f"  - {line}" for line in excinfo.value.args[0])
        from ..errors import InputError

        if isinstance(excinfo.value, InputError):
            return excinfo.value.report()
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.name}"
