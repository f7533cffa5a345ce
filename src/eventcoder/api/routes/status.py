"""``GET /status`` (JSON) and ``GET /metrics`` (Prometheus text format): the monitor's health, from the database.

Both read the monitor's tables in the served database, so they report on an ``eventcoder watch`` running in
another process; on a database no monitor has used they say so (``"monitor": false``) with zero counts.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import PlainTextResponse

from eventcoder.api.deps import AppState, get_state, require_read
from eventcoder.api.filters import reject_unknown_params
from eventcoder.api.schemas import ErrorOut

__all__ = ["router"]

router = APIRouter(tags=["monitor"], dependencies=[Depends(require_read), Depends(reject_unknown_params)])

PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _status(state: AppState) -> dict[str, Any]:
    from eventcoder.monitor import monitor_status

    return monitor_status(state.store)


@router.get("/status", summary="The monitor's sources, recent ingestion and alerts",
            responses={401: {"model": ErrorOut}})
def status(state: Annotated[AppState, Depends(get_state)]) -> dict[str, Any]:
    """Each source's last poll, last success, error counts and backlog; reports and events ingested in the
    last hour and day; alerts sent and pending (what ``eventcoder status --format json`` prints)."""
    return _status(state)


@router.get("/metrics", summary="Prometheus metrics of the monitor and the store", response_class=PlainTextResponse,
            responses={200: {"content": {PROMETHEUS_TYPE: {}}, "description": "Prometheus text format 0.0.4."},
                       401: {"model": ErrorOut}})
def metrics(state: Annotated[AppState, Depends(get_state)]) -> PlainTextResponse:
    """The status as Prometheus gauges and counters (``eventcoder_monitor_*``, ``eventcoder_events``...)."""
    from eventcoder.monitor import metrics_text

    body = metrics_text(_status(state))
    return PlainTextResponse(body, media_type=PROMETHEUS_TYPE)
