"""Property-based API test: schemathesis generates requests from /openapi.json.

No request may cause a server error, and every response must match the documented status codes,
media types and schemas (the library's own). The number of examples follows the hypothesis profile:
few locally (`dev`), more in CI (`ci`).
"""

from __future__ import annotations

import pytest

pytest.importorskip("schemathesis", reason="schemathesis (test extra) is not installed")

import schemathesis
from hypothesis import settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mvoi_criteria.web import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@schema.parametrize()
@settings(max_examples=max(10, settings.default.max_examples // 4))  # per operation: 10 with `dev`, 75 with `ci`
def test_api_never_fails_and_keeps_its_contract(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    )
