"""`eventcoder serve`: the REST API and the dashboard (uvicorn) over the configured database."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eventcoder.cli._errors import handle_errors
from eventcoder.cli._options import DbUrl
from eventcoder.settings import PROTECT_READS

__all__ = ["serve_command"]


@handle_errors
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    db: DbUrl = None,
    protect_reads: Annotated[bool, typer.Option("--protect-reads", envvar=PROTECT_READS.name,
                                                help="Require the token for reads too.")] = False,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard. Writes need EVENTCODER_TOKEN."""
    import uvicorn

    from eventcoder.api import ApiSettings, create_app

    settings = ApiSettings.from_env(db_url=db, protect_reads=protect_reads or None)
    app = create_app(settings)
    shown = "localhost" if host in {"127.0.0.1", "0.0.0.0", "::"} else host
    print(f"eventcoder: dashboard at http://{shown}:{port}/  (API docs at /docs; "
          f"writes {'enabled with EVENTCODER_TOKEN' if settings.token else 'disabled: no EVENTCODER_TOKEN'})",
          file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
