"""Guards every request passes: a body size limit and a structured access log without content.

The access log is one JSON object per request (method, path, status, sizes, duration, request id).
It never records the body or the query's values, so a tender profile does not end up in the logs.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import attrs
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .messages import LocalizedProblem
from .problems import BadRequest

__all__ = ["ACCESS_LOG", "AccessLogMiddleware", "Settings", "read_body", "run_limited"]

ACCESS_LOG = logging.getLogger("mvoi_criteria.web.access")
T = TypeVar("T")


@attrs.frozen
class Settings:
    """Limits of the service; the defaults fit a tender profile many times over."""

    max_body_bytes: int = 1_000_000
    request_timeout_s: float = 30.0


def _too_large(limit: int) -> BadRequest:
    return BadRequest(
        "too-large",
        [
            LocalizedProblem(
                "$",
                f"the request body is larger than {limit} bytes",
                f"de inhoud van het verzoek is groter dan {limit} bytes",
            )
        ],
        status=413,
    )


async def run_limited(request: Request, work: Callable[[], T]) -> T:
    """Run library work off the event loop; past the time limit it raises TimeoutError (a 503 for the API)."""
    with anyio.fail_after(request.app.state.settings.request_timeout_s):
        return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)


async def read_body(request: Request) -> bytes:
    """The body, read in chunks and refused (413) as soon as it passes the limit."""
    limit: int = request.app.state.settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


class AccessLogMiddleware:
    """One JSON line per HTTP request on the `mvoi_criteria.web.access` logger, and an X-Request-ID."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        started = time.perf_counter()
        record: dict[str, Any] = {"status": 500, "bytes_in": 0, "bytes_out": 0}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                record["bytes_in"] += len(message.get("body", b""))
            return message

        async def logging_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                record["status"] = message["status"]
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", request_id.encode())]}
            elif message["type"] == "http.response.body":
                record["bytes_out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, logging_send)
        finally:
            ACCESS_LOG.info(
                json.dumps(
                    {
                        "event": "access",
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": record["status"],
                        "bytes_in": record["bytes_in"],
                        "bytes_out": record["bytes_out"],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                    sort_keys=True,
                )
            )
