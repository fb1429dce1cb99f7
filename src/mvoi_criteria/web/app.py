"""The ASGI application: the JSON API, the buyers' page, and the guards around both."""

from __future__ import annotations

import logging
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import api, pages
from .limits import AccessLogMiddleware, Settings
from .problems import BadRequest, negotiate_language, problem_response
from .service import Engine

__all__ = ["create_app"]

LOG = logging.getLogger("mvoi_criteria.web")

# The page loads nothing from elsewhere: scripts, styles and forms stay on this origin.
_SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class _SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The app with its packs loaded now, once for the process (not per request)."""
    app = FastAPI(
        title="mvoi-criteria",
        openapi_url=None,  # /openapi.json is served from the library's schemas (see openapi.py)
        docs_url=None,  # the interactive docs would load scripts from a CDN
        redoc_url=None,
    )
    app.state.settings = settings or Settings()
    app.state.engine = engine or Engine()
    app.include_router(api.router)
    # Seam: POST /api/v1/triage comes here as its own router once triage exists (see api.py).
    app.include_router(pages.router)
    static = resources.files("mvoi_criteria.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        lang = negotiate_language(request.headers.get("accept-language"))
        return problem_response(exc.kind, exc.status, lang, exc.problems)

    @app.exception_handler(TimeoutError)
    async def timed_out(request: Request, exc: TimeoutError) -> Response:
        lang = negotiate_language(request.headers.get("accept-language"))
        return problem_response("timeout", 503, lang, headers={"Retry-After": "5"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        lang = negotiate_language(request.headers.get("accept-language"))
        kind = {404: "not-found", 405: "method"}.get(exc.status_code, "request")
        return problem_response(kind, exc.status_code, lang, headers=dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        LOG.exception("unexpected error on %s %s", request.method, request.url.path)
        lang = negotiate_language(request.headers.get("accept-language"))
        return problem_response("server", 500, lang)

    app.add_middleware(_SecurityHeaders)
    app.add_middleware(AccessLogMiddleware)
    return app
