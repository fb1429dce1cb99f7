"""The JSON API under /api/v1: advise, draft, validate, packs, schemas.

Bodies are read as raw JSON and checked against the library's own schemas (not a second model), so
the paths and messages of a refusal are the CLI's. Work runs in a thread with a time limit.

Seam for triage (issue: CSV/XLSX upload, built on the `triage` branch): add `web/triage_api.py` with
an `APIRouter` for `POST /api/v1/triage`, include it in `app.create_app` next to this router, and add
its path to `openapi.openapi_document`.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from jsonschema import Draft202012Validator
from starlette.responses import Response

from ..advice import advice_to_json
from ..engine import library_version
from ..validation import schema
from ..yamlio import json_path
from .limits import read_body, run_limited
from .messages import LocalizedProblem, dutch_schema_message
from .openapi import LIBRARY_SCHEMAS, component_schemas, openapi_document
from .problems import BadRequest, negotiate_language
from .service import DRAFT_FORMATS, Engine, parse_json

__all__ = ["router"]

router = APIRouter()
WARNINGS_HEADER = "X-Eforms-Warnings"


def _engine(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


async def _json_body(request: Request) -> Any:
    return parse_json(await read_body(request))


def _json_response(data: Any) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, indent=2) + "\n", media_type="application/json")


@router.post("/api/v1/advise")
async def advise(request: Request) -> Response:
    data = await _json_body(request)
    engine = _engine(request)
    text = await run_limited(request, lambda: advice_to_json(engine.advise(engine.profile(data))))
    return Response(text, media_type="application/json")


@router.post("/api/v1/validate")
async def validate(request: Request) -> Response:
    data = await _json_body(request)
    profile = _engine(request).profile(data)
    return _json_response({"valid": True, "title": profile.title})


@router.post("/api/v1/draft")
async def draft(request: Request) -> Response:
    fmt = request.query_params.get("format", "md")
    if fmt not in DRAFT_FORMATS:
        raise BadRequest(
            "request",
            [
                LocalizedProblem(
                    "format",
                    f"{fmt!r} is not one of {', '.join(DRAFT_FORMATS)}",
                    f"{fmt!r} is geen bekend formaat; kies uit {', '.join(DRAFT_FORMATS)}",
                )
            ],
        )
    data = await _json_body(request)
    engine = _engine(request)
    request_problems = _draft_request_problems(data)
    if request_problems:
        raise BadRequest("request", request_problems)

    def work() -> Any:
        advice = engine.advise(engine.profile(data["profile"], prefix="$.profile"))
        advice = engine.apply(advice, engine.choices(data.get("choices", [])))
        return engine.draft(
            advice,
            fmt,
            lang=data.get("lang", "nl"),
            price_weight=data.get("price_weight"),
            other_criteria=data.get("other_criteria"),
            accessibility_justification=data.get("accessibility_justification"),
        )

    document = await run_limited(request, work)
    headers = {"Content-Disposition": f'attachment; filename="{document.filename}"'}
    if document.warnings:
        lang = negotiate_language(request.headers.get("accept-language"))
        notes = [{"path": w.path, "message": w.message(lang)} for w in document.warnings]
        headers[WARNINGS_HEADER] = json.dumps(notes)  # ASCII: non-ASCII letters are escaped
    return Response(document.content, media_type=document.media_type, headers=headers)


def _draft_request_problems(data: Any) -> list[LocalizedProblem]:
    """The envelope of a draft request; the profile and choices are checked by their own schemas."""
    if not isinstance(data, dict):
        return [
            LocalizedProblem(
                "$",
                "a draft request must be a JSON object with a 'profile'",
                "een conceptverzoek moet een JSON-object zijn met een 'profile'",
            )
        ]
    envelope = dict(component_schemas()["draft-request"])
    # Profile and choices get their own, path-prefixed checks with the CLI's messages.
    envelope["properties"] = {**envelope["properties"], "profile": {}, "choices": {"type": "array"}}
    errors = sorted(Draft202012Validator(envelope).iter_errors(data), key=lambda e: json_path(e.absolute_path))
    return [LocalizedProblem(json_path(e.absolute_path), e.message, dutch_schema_message(e)) for e in errors]


@router.get("/api/v1/packs")
async def packs(request: Request) -> Response:
    pack_set = _engine(request).packs
    return _json_response(
        {
            "packs": [
                {
                    "id": p.id,
                    "theme": p.theme,
                    "version": p.version,
                    "distribution": p.distribution,
                    "distribution_version": p.distribution_version,
                    "criteria": len(p.criteria),
                    "sha256": p.sha256,
                }
                for p in pack_set.packs
            ],
            "failures": [{"plugin": f.plugin, "problems": list(f.problems)} for f in pack_set.failures],
        }
    )


@router.get("/api/v1/schemas/{name}")
async def schema_file(name: str) -> Response:
    if name not in LIBRARY_SCHEMAS:
        raise BadRequest(
            "not-found",
            [
                LocalizedProblem(
                    "name",
                    f"no schema {name!r}; available: {', '.join(LIBRARY_SCHEMAS)}",
                    f"er is geen schema {name!r}; beschikbaar: {', '.join(LIBRARY_SCHEMAS)}",
                )
            ],
            status=404,
        )
    return Response(json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n", media_type="application/schema+json")


@router.get("/openapi.json", include_in_schema=False)
async def openapi() -> Response:
    return _json_response(openapi_document())


@router.get("/healthz")
async def health(request: Request) -> Response:
    return _json_response({"status": "ok", "packs": len(_engine(request).packs.packs), "version": library_version()})
