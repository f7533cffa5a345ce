"""``create_app(settings)``: the FastAPI application that serves the REST API and the dashboard.

Example:
    >>> from eventcoder.api import ApiSettings, create_app
    >>> app = create_app(ApiSettings.from_env())      # then: uvicorn, or `eventcoder serve`
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from eventcoder import __version__
from eventcoder.api.deps import AppState
from eventcoder.api.errors import install_error_handlers
from eventcoder.api.limits import BodySizeLimit
from eventcoder.api.routes import aggregates, events, export, pages, reports
from eventcoder.api.routes import status as monitor_status
from eventcoder.api.settings import ApiSettings
from eventcoder.errors import ConfigError

__all__ = ["create_app"]

STATIC = Path(__file__).resolve().parent / "static"

DESCRIPTION = """\
ACLED-style events coded from news reports about political violence (SCHEMA.md field names).

* `GET /events`: filtered, paginated events as JSON, CSV or GeoJSON; `GET /events/{id}` with reports,
  evidence, mentions and history (merged-away ids redirect with 308).
* `GET /aggregates`: events and fatalities per day/week/month and per country/admin1/admin2/actor/type.
* `GET /export`: every matching event as ACLED CSV, GeoJSON or JSON Lines.
* `POST /reports`: ingest reports (needs `Authorization: Bearer <EVENTCODER_TOKEN>`).

Every error has one shape: `{"ok": false, "error": "...", "code": "...", "status": 400}`.
The dashboard is at `/`.
"""


def _tune_gc_for_serving() -> None:
    """A page of 1,000 events makes about 100,000 short-lived objects; with CPython's default thresholds each
    response runs a hundred collections that also rescan everything loaded at start-up. Move what exists at
    start-up out of the collector's view and collect the young generation less often (the server's latency
    tail, not its memory, is what this changes)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def create_app(settings: ApiSettings | None = None, *, store: Any = None, pipeline: Any = None) -> FastAPI:
    """The API and dashboard over ``settings.db_url`` (or the given ``store``; ``pipeline`` for tests).

    Raises:
        ConfigError: [E900] reads are protected but no token is set.
    """
    settings = settings or ApiSettings.from_env()
    if settings.protect_reads and not settings.token:
        raise ConfigError("reads are protected (EVENTCODER_PROTECT_READS) but no EVENTCODER_TOKEN is set")
    state = AppState(settings, store=store, pipeline=pipeline)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        _tune_gc_for_serving()
        yield
        state.close()

    app = FastAPI(title="eventcoder", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.eventcoder = state
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    for module in (events, aggregates, export, reports, pages):
        app.include_router(module.router)
    app.include_router(monitor_status.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the vendored files, so the docs work with no internet either."""
        return get_swagger_ui_html(openapi_url="/openapi.json", title="eventcoder API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="data:,")

    return app
