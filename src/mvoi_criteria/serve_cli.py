"""The `mvoi-criteria serve` command: the HTTP API and the buyers' page on uvicorn."""

from __future__ import annotations

import logging
import sys

import click

from .cli_errors import EXIT_BAD_INPUT, reports_bad_input
from .config import EngineConfig, load_config

__all__ = ["serve"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="YAML file with engine settings (cut-offs, weight cap).",
)
@click.option(
    "--max-body-bytes", default=1_000_000, show_default=True, type=click.IntRange(1), help="Largest request body."
)
@click.option(
    "--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds a request may take."
)
@click.option(
    "--forwarded-allow-ips",
    default="127.0.0.1",
    show_default=True,
    help="Addresses of the reverse proxy whose X-Forwarded-* headers are trusted.",
)
@reports_bad_input
def serve(
    host: str, port: int, config_path: str | None, max_body_bytes: int, timeout: float, forwarded_allow_ips: str
) -> None:
    """Serve the JSON API (/api/v1, /openapi.json) and the buyers' page (/) over HTTP."""
    try:
        import uvicorn

        from .web import Settings, create_app
    except ImportError as exc:  # the web extra is optional
        click.echo(f"serve needs the web extra: pip install 'mvoi-criteria[web]' ({exc.name} is missing)", err=True)
        sys.exit(EXIT_BAD_INPUT)
    from .web.service import Engine

    config = load_config(config_path) if config_path else EngineConfig()
    app = create_app(Settings(max_body_bytes=max_body_bytes, request_timeout_s=timeout), Engine(config=config))
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,  # replaced by the JSON access log, which leaves the content out
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
        limit_concurrency=64,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
    )
