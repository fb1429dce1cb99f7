"""CPV codes: the check digit, the levels (division, group, class) and the social-services list.

The CPV 2008 check digit is the weighted sum of the eight digits with the weights 3, 7, 1 repeated
(3 7 1 3 7 1 3 7), modulo 10. It agrees with the published code list for nearly every code; the list
itself carries a few older digits that break the rule (e.g. 03300000-2, 09100000-0, 51000000-9).
Those are kept in `PUBLISHED_EXCEPTIONS` so a code copied from the official list is never refused.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import attrs

__all__ = [
    "PUBLISHED_EXCEPTIONS",
    "CpvCode",
    "CpvProblem",
    "check_digit",
    "is_social_service",
    "parse_cpv",
]

_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7)
_PATTERN = re.compile(r"^\s*(\d{8})(?:\s*-\s*(\d))?\s*$")

# Codes of the official CPV 2008 list whose published check digit differs from the rule: prefix of
# the affected subtree -> the published digit minus the computed one (mod 10). Facts, from the list.
PUBLISHED_EXCEPTIONS: dict[str, int] = {
    "0910": 6,  # 09100000-0, 09130000-9, 09131000-6, 09134100-8 and the rest of 0910-0913
    "0913": 6,
    "093": 6,  # 09300000-2
    "033": 8,  # 03300000-2
    "51000000": 7,  # 51000000-9
}


@attrs.frozen
class CpvCode:
    """A CPV code: eight digits and, when given, the check digit after the dash."""

    digits: str
    check: str | None = None

    def __str__(self) -> str:
        return self.digits if self.check is None else f"{self.digits}-{self.check}"

    def startswith(self, prefix: str) -> bool:
        return self.digits.startswith(prefix)


@attrs.frozen
class CpvProblem:
    """A CPV code that cannot be used: what was given and why, in Dutch for the buyer."""

    code: str
    message: str


def check_digit(digits: str) -> int:
    """The check digit of an eight-digit CPV code, as published in the CPV 2008 list."""
    computed = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 10
    for prefix, shift in PUBLISHED_EXCEPTIONS.items():
        if digits.startswith(prefix) and (len(prefix) < 8 or digits == prefix):
            return (computed + shift) % 10
    return computed


def parse_cpv(text: str) -> CpvCode | CpvProblem:
    """A code such as '79620000-6' or '79620000'; a wrong form or check digit is a problem, never a guess."""
    match = _PATTERN.match(text)
    if match is None:
        return CpvProblem(
            text, f"'{text}' is geen CPV-code: verwacht acht cijfers met een controlecijfer, zoals 79620000-6"
        )
    digits, check = match.groups()
    if check is not None and int(check) != check_digit(digits):
        return CpvProblem(
            text,
            f"CPV-code {digits}-{check} heeft een onjuist controlecijfer (verwacht {digits}-{check_digit(digits)}); "
            "controleer de code, er is niets uit afgeleid",
        )
    return CpvCode(digits, check)


@cache
def _social_codes() -> frozenset[str]:
    text = resources.files(__package__).joinpath("social_services_cpv.txt").read_text("utf-8")
    return frozenset(line.split()[0] for line in text.splitlines() if line and not line.startswith("#"))


def _ancestors(digits: str) -> list[str]:
    """The code itself and every higher level (division, group, class, category) in CPV form."""
    significant = digits.rstrip("0")
    return [digits[:n].ljust(8, "0") for n in range(max(len(significant), 2), 1, -1)]


def is_social_service(code: CpvCode) -> bool:
    """True when the code or one of its ancestors is on the eForms social-services list (Annex XIV)."""
    social = _social_codes()
    return any(a in social for a in _ancestors(code.digits))
