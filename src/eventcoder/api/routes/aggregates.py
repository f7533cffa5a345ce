"""``GET /aggregates``: counts and fatalities per day/week/month, optionally per group, for charts and maps."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from eventcoder.api.deps import AppState, Validators, get_state, require_read, validators
from eventcoder.api.filters import FilterParams, event_filter, reject_unknown_params
from eventcoder.api.schemas import AggregatesOut, ErrorOut, plain

__all__ = ["BY", "router"]

router = APIRouter(tags=["aggregates"], dependencies=[Depends(require_read), Depends(reject_unknown_params)])

# the API's names (the issue's) -> the store's
BY = {"country": "country", "admin1": "admin1", "admin2": "admin2", "actor": "actor1", "actor1": "actor1",
      "type": "event_type", "event_type": "event_type"}
By = Literal["country", "admin1", "admin2", "actor", "actor1", "type", "event_type"]


def aggregate_rows(state: AppState, period: str, by: str | None, filters: FilterParams) -> list[dict[str, Any]]:
    column = BY[by] if by else None
    rows = state.store.aggregates(period=None if period == "all" else period, by=column,
                                  filters=filters.to_store())
    out = []
    for row in rows:
        record = {"period": None, **plain(row)}
        if column:
            record["key"] = record.get(column)
        out.append(record)
    return out


@router.get("/aggregates", response_model=AggregatesOut, summary="Events and fatalities per period and group",
            responses={400: {"model": ErrorOut}, 401: {"model": ErrorOut},
                       200: {"content": {"text/csv": {}}, "description": "Rows of period, key, events, "
                                                                          "fatalities."},
                       304: {"description": "Not modified: the client's copy is current."}})
def aggregates(
    state: Annotated[AppState, Depends(get_state)],
    filters: Annotated[FilterParams, Depends(event_filter)],
    check: Annotated[Validators, Depends(validators)],
    period: Annotated[Literal["day", "week", "month", "all"],
                      Query(description="Time bucket (weeks start on Monday); all: one total per group.")] = "week",
    by: Annotated[By | None, Query(description="Group by country, admin1, admin2, actor (actor1) or type "
                                               "(event_type); none for one series.")] = None,
    format: Annotated[Literal["json", "csv"], Query(description="Response format.")] = "json",
) -> Response:
    """Counts of events and sums of fatalities per period (and group), under the same filters as /events.

    Computed once per state of the data: a repeated query is answered from a cache until the events change,
    and ``ETag``/``Last-Modified`` let clients revalidate for a 304.
    """
    if check.not_modified:
        return check.response_304()
    cached = state.cache.get(check.key)
    if cached is None:
        rows = aggregate_rows(state, period, by, filters)
        if format == "csv":
            out = io.StringIO()
            columns = ["period", *(["key"] if by else []), "events", "fatalities"]
            writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            cached = (out.getvalue().encode("utf-8"), "text/csv; charset=utf-8")
        else:
            cached = (JSONResponse({"ok": True, "period": period, "by": by, "rows": rows}).body, "application/json")
        state.cache.put(check.key, *cached)
    body, media_type = cached
    return Response(body, media_type=media_type, headers=check.headers)
