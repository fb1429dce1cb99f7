"""RFC 9457 problem details: every error of the service, as `application/problem+json`.

Bad input gets status 422 and an `errors` list with the JSON path and message of each problem (the
same paths as the CLI, Dutch by default, English when the client's `Accept-Language` prefers it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from starlette.responses import Response

from .messages import LocalizedProblem

__all__ = ["PROBLEM_MEDIA_TYPE", "BadRequest", "negotiate_language", "problem_response"]

PROBLEM_MEDIA_TYPE = "application/problem+json"
LANGUAGES = ("nl", "en")

_TITLES: dict[str, dict[str, str]] = {
    "tender-profile": {"nl": "Het aanbestedingsprofiel klopt niet", "en": "Invalid tender profile"},
    "choices": {"nl": "Deze keuzes kunnen niet", "en": "Invalid buyer choices"},
    "eforms": {"nl": "De eForms-gegevens kloppen niet", "en": "The eForms export breaks eForms rules"},
    "request": {"nl": "Het verzoek klopt niet", "en": "Invalid request"},
    "too-large": {"nl": "Het verzoek is te groot", "en": "Request body too large"},
    "timeout": {"nl": "Het advies duurde te lang", "en": "The request took too long"},
    "not-found": {"nl": "Niet gevonden", "en": "Not found"},
    "method": {"nl": "Deze methode kan hier niet", "en": "Method not allowed"},
    "server": {"nl": "Er ging iets mis in de dienst", "en": "Internal server error"},
}


class BadRequest(Exception):
    """A request the service refuses, with its problems; turned into problem details by the app."""

    def __init__(self, kind: str, problems: Sequence[LocalizedProblem], status: int = 422) -> None:
        self.kind = kind
        self.problems = tuple(problems)
        self.status = status
        super().__init__(f"{kind}: {len(self.problems)} problem(s)")


def negotiate_language(accept_language: str | None) -> str:
    """`nl` unless the client prefers English: the highest-weighted of nl/en in Accept-Language."""
    best, best_q = "nl", 0.0
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        # Earlier tags win ties, as a client lists its preferences in order.
        q -= index * 1e-6
        if primary in LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best


def problem_body(kind: str, status: int, lang: str, problems: Sequence[LocalizedProblem] = ()) -> dict[str, Any]:
    titles = _TITLES.get(kind, _TITLES["request"])
    body: dict[str, Any] = {
        "type": f"urn:mvoi-criteria:problem:{kind}",
        "title": titles.get(lang, titles["en"]),
        "status": status,
    }
    if problems:
        count = len(problems)
        body["detail"] = (
            f"{count} {'probleem' if count == 1 else 'problemen'} gevonden"
            if lang == "nl"
            else f"{count} problem{'s' if count != 1 else ''} found"
        )
        body["errors"] = [{"path": p.path, "message": p.message(lang)} for p in problems]
    return body


def problem_response(
    kind: str,
    status: int,
    lang: str,
    problems: Sequence[LocalizedProblem] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    body = problem_body(kind, status, lang, problems)
    return Response(
        json.dumps(body, ensure_ascii=False, indent=2) + "\n",
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers={"Content-Language": lang, **(headers or {})},
    )
