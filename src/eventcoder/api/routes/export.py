"""``GET /export``: every matching event as ACLED CSV, GeoJSON or JSON Lines (like ``eventcoder export``).

A download is complete: the response streams every match, read from the store a keyset page of
:data:`CHUNK` events at a time (memory stays that of one page). ``GET /events`` is the paged view.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from eventcoder.api.deps import AppState, get_state, require_read
from eventcoder.api.filters import FilterParams, event_filter, reject_unknown_params
from eventcoder.api.schemas import ErrorOut
from eventcoder.formats import ACLED_COLUMNS, event_rows, geojson_parts

__all__ = ["iter_events", "router"]

router = APIRouter(tags=["export"], dependencies=[Depends(require_read), Depends(reject_unknown_params)])

CHUNK = 1000
MEDIA = {"acled-csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
         "jsonl": "application/x-ndjson"}
SUFFIX = {"acled-csv": "csv", "geojson": "geojson", "jsonl": "jsonl"}


def iter_events(store: Any, store_filter: Any) -> Iterator[Any]:
    """Every matching event, oldest first, read from the store a chunk at a time."""
    return store.iter_events(store_filter, order="event_date", batch=CHUNK)


def _csv_lines(events: Iterator[Any]) -> Iterator[str]:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    for row in event_rows(events, ACLED_COLUMNS):
        writer.writerow(row)
        if out.tell() > 64 * 1024:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _jsonl_lines(events: Iterator[Any]) -> Iterator[str]:
    for event in events:
        yield json.dumps(event.to_dict(), ensure_ascii=False, default=str) + "\n"


@router.get("/export", summary="All matching events as a file",
            responses={400: {"model": ErrorOut}, 401: {"model": ErrorOut},
                       200: {"content": {"text/csv": {}, "application/geo+json": {}, "application/x-ndjson": {}},
                             "description": "ACLED CSV (ACLED's columns in ACLED's order), GeoJSON or JSON "
                                            "Lines of SCHEMA.md records."}})
def export(
    state: Annotated[AppState, Depends(get_state)],
    filters: Annotated[FilterParams, Depends(event_filter)],
    format: Annotated[Literal["acled-csv", "geojson", "jsonl"], Query(description="File format.")] = "acled-csv",
) -> StreamingResponse:
    """Stream every event that matches the filters (no pagination), oldest first."""
    events = iter_events(state.store, filters.to_store())
    parts = {"acled-csv": _csv_lines, "geojson": geojson_parts, "jsonl": _jsonl_lines}[format](events)
    headers = {"Content-Disposition": f'attachment; filename="events.{SUFFIX[format]}"'}
    return StreamingResponse(parts, media_type=MEDIA[format], headers=headers)
