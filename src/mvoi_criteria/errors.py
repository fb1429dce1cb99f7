"""Errors for bad input: each names the file, the place in it and what is wrong."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = ["ChoiceError", "InputError", "PackError", "Problem", "ProfileError"]


@attrs.frozen
class Problem:
    """One thing wrong with an input: where (a JSON path, and a line when known) and what."""

    path: str
    message: str
    line: int | None = None

    def format(self, source: str | None = None) -> str:
        where = source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.path}: {self.message}"


class InputError(Exception):
    """A user's input is invalid. Carries every problem found, not only the first."""

    kind = "input"

    def __init__(self, source: str | None, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """One line for a single problem (`file:line: $.path: message`); a head and a line each otherwise."""
        count = len(self.problems)
        if count == 1:
            return self.problems[0].format(self.source)
        head = f"{self.source or '<input>'}: invalid {self.kind} ({count} problem{'s' if count != 1 else ''})"
        return "\n".join([head, *("  " + p.format(self.source) for p in self.problems)])


class ProfileError(InputError):
    """A tender profile does not match the profile schema."""

    kind = "tender profile"


class PackError(InputError):
    """A criteria pack is invalid; the pack is left out and named, other packs are unaffected."""

    kind = "criteria pack"


class ChoiceError(InputError):
    """A buyer's choice would break proportionality or the law, or names nothing that exists."""

    kind = "buyer choices"
