"""The OpenAPI 3.1 document, built from the JSON Schemas the library ships.

Request and response bodies reference `components/schemas/<name>`, which are the files in `schemas/`
(via `mvoi_criteria.validation.schema`) with their `$defs` moved to `<name>.<def>` and their
references rewritten to match. No model is written twice, so the API cannot drift from the CLI.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Any

from ..engine import library_version
from ..validation import schema, schema_folder
from .service import DRAFT_FORMATS

__all__ = ["LIBRARY_SCHEMAS", "component_schemas", "openapi_document"]

# Every schema the library ships (tender-profile, choices, advice, pack, ...), in a stable order.
LIBRARY_SCHEMAS: tuple[str, ...] = tuple(
    sorted(p.name.removesuffix(".schema.json") for p in schema_folder().iterdir() if p.name.endswith(".schema.json"))
)
_FILE_REF = re.compile(r"^(?P<name>[a-z-]+)\.schema\.json(?:#/\$defs/(?P<def>[\w-]+))?$")
_LOCAL_REF = re.compile(r"^#/\$defs/(?P<def>[\w-]+)$")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _rewrite(node: Any, owner: str) -> Any:
    """Point every `$ref` of schema `owner` at the hoisted components."""
    if isinstance(node, list):
        return [_rewrite(item, owner) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            local, other = _LOCAL_REF.match(value), _FILE_REF.match(value)
            if local:
                value = f"#/components/schemas/{owner}.{local['def']}"
            elif other:
                target = other["name"] + (f".{other['def']}" if other["def"] else "")
                value = f"#/components/schemas/{target}"
        out[key] = _rewrite(value, owner)
    return out


@cache
def component_schemas() -> dict[str, Any]:
    """The library's schemas as OpenAPI components, plus the few envelopes only the API has."""
    components: dict[str, Any] = {}
    for name in LIBRARY_SCHEMAS:
        document = copy.deepcopy(schema(name))
        document.pop("$schema", None)
        document.pop("$id", None)
        for def_name, definition in document.pop("$defs", {}).items():
            components[f"{name}.{def_name}"] = _rewrite(definition, name)
        components[name] = _rewrite(document, name)
    components.update(_envelopes())
    return components


def _envelopes() -> dict[str, Any]:
    return {
        "draft-request": {
            "type": "object",
            "additionalProperties": False,
            "required": ["profile"],
            "description": "A tender profile, the buyer's choices and, for eForms, the other award criteria.",
            "properties": {
                "profile": _ref("tender-profile"),
                "choices": {"type": "array", "items": _ref("choices.choice")},
                "lang": {"enum": ["nl", "en"], "default": "nl", "description": "Language of the document."},
                "price_weight": {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "maximum": 100,
                    "description": "eForms: weight in percent of the price criterion.",
                },
                "other_criteria": {
                    "type": "array",
                    "description": "eForms: further award criteria.",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["name", "type"],
                        "properties": {
                            "name": {"type": "string", "minLength": 1, "pattern": "\\S"},
                            "type": {"enum": ["price", "cost", "quality"]},
                            "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
                            "description": {"type": "string"},
                        },
                    },
                },
                "accessibility_justification": {
                    "type": "string",
                    "description": "eForms BT-755: why accessibility is not in the requirements although people use the result.",
                },
            },
        },
        "problem": {
            "type": "object",
            "description": "RFC 9457 problem details; `errors` holds each problem with its JSON path.",
            "required": ["type", "title", "status"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["path", "message"],
                        "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                    },
                },
            },
        },
        "validation-result": {
            "type": "object",
            "required": ["valid", "title"],
            "properties": {"valid": {"const": True}, "title": {"type": "string"}},
        },
        "pack-listing": {
            "type": "object",
            "required": ["packs", "failures"],
            "properties": {
                "packs": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "theme", "version", "criteria"],
                        "properties": {
                            "id": {"type": "string"},
                            "theme": {"type": "string"},
                            "version": {"type": "string"},
                            "distribution": {"type": ["string", "null"]},
                            "distribution_version": {"type": ["string", "null"]},
                            "criteria": {"type": "integer"},
                            "sha256": {"type": "string"},
                        },
                    },
                },
                "failures": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["plugin", "problems"],
                        "properties": {
                            "plugin": {"type": "string"},
                            "problems": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
            },
        },
        "health": {
            "type": "object",
            "required": ["status", "packs"],
            "properties": {"status": {"const": "ok"}, "packs": {"type": "integer"}, "version": {"type": "string"}},
        },
    }


_LANG_HEADER = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "nl (default) or en: the language of error messages.",
    "schema": {"type": "string"},
}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/problem+json": {"schema": _ref("problem")}}}


def _bad_input() -> dict[str, Any]:
    return {
        "413": _problem("The request body is larger than the service accepts."),
        "422": _problem("Bad input: every problem with its JSON path."),
        "503": _problem("The request took longer than the service allows."),
    }


def _json_body(component: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": _ref(component)}}}


def _json(description: str, component: str | dict[str, Any]) -> dict[str, Any]:
    target = _ref(component) if isinstance(component, str) else component
    return {"description": description, "content": {"application/json": {"schema": target}}}


@cache
def openapi_document() -> dict[str, Any]:
    """The whole OpenAPI document of the service."""
    draft_content = {
        "text/markdown": {"schema": {"type": "string"}},
        DRAFT_FORMATS["docx"][0]: {"schema": {"type": "string", "format": "binary"}},
        "application/json": {"schema": {"type": "object"}},
    }
    paths: dict[str, Any] = {
        "/api/v1/advise": {
            "post": {
                "operationId": "advise",
                "summary": "Advise the inclusion criteria for a tender profile",
                "description": "The same JSON as `mvoi-criteria advise --format json` for the same profile.",
                "parameters": [_LANG_HEADER],
                "requestBody": _json_body("tender-profile"),
                "responses": {"200": _json("The advice.", "advice"), **_bad_input()},
            }
        },
        "/api/v1/draft": {
            "post": {
                "operationId": "draft",
                "summary": "Draft tender-document sections (Markdown, Word) or the eForms values",
                "parameters": [
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "schema": {"enum": list(DRAFT_FORMATS), "default": "md"},
                    },
                    _LANG_HEADER,
                ],
                "requestBody": _json_body("draft-request"),
                "responses": {
                    "200": {
                        "description": "The document.",
                        "content": draft_content,
                        "headers": {
                            "X-Eforms-Warnings": {
                                "description": "eForms only: JSON list of {path, message} the buyer still has to "
                                "complete (e.g. the price weight).",
                                "schema": {"type": "string"},
                            }
                        },
                    },
                    **_bad_input(),
                },
            }
        },
        "/api/v1/validate": {
            "post": {
                "operationId": "validate",
                "summary": "Check a tender profile against the schema, reporting every problem",
                "parameters": [_LANG_HEADER],
                "requestBody": _json_body("tender-profile"),
                "responses": {"200": _json("The profile is valid.", "validation-result"), **_bad_input()},
            }
        },
        "/api/v1/packs": {
            "get": {
                "operationId": "packs",
                "summary": "The installed criteria packs",
                "responses": {"200": _json("The packs and any that failed to load.", "pack-listing")},
            }
        },
        "/api/v1/schemas/{name}": {
            "get": {
                "operationId": "schema",
                "summary": "One of the JSON Schemas the library ships",
                "parameters": [
                    {"name": "name", "in": "path", "required": True, "schema": {"enum": list(LIBRARY_SCHEMAS)}},
                    _LANG_HEADER,
                ],
                "responses": {
                    "200": {
                        "description": "The JSON Schema, exactly as shipped.",
                        "content": {"application/schema+json": {"schema": {"type": "object"}}},
                    },
                    "404": _problem("No schema of that name."),
                },
            }
        },
        "/healthz": {
            "get": {
                "operationId": "health",
                "summary": "Liveness and readiness: the packs are loaded",
                "responses": {"200": _json("The service is up.", "health")},
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "mvoi-criteria",
            "version": library_version(),
            "description": "Proportionate inclusion criteria for Amsterdam's tenders, from a tender profile.",
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "paths": paths,
        "components": {"schemas": component_schemas()},
    }
