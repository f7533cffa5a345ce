"""``GET /events`` (filtered, paginated, JSON/CSV/GeoJSON) and ``GET /events/{id}``."""

from __future__ import annotations

import io
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from eventcoder.api.deps import AppState, Validators, get_state, require_read, validators
from eventcoder.api.errors import ApiError
from eventcoder.api.filters import FilterParams, event_filter, reject_unknown_params
from eventcoder.api.schemas import ErrorOut, EventDetail, EventPage, event_out, mention_out, plain, report_out
from eventcoder.formats import ACLED_COLUMNS, EXTRA_COLUMNS, to_geojson, write_csv
from eventcoder.records import Event

__all__ = ["ORDERS", "router"]

router = APIRouter(tags=["events"], dependencies=[Depends(require_read), Depends(reject_unknown_params)])

Order = Literal["-event_date", "event_date", "-fatalities", "fatalities", "-timestamp", "timestamp", "country",
                "-country", "event_type", "-event_type", "event_id_cnty", "-event_id_cnty", "-confidence",
                "confidence", "-created", "created"]
ORDERS: tuple[str, ...] = Order.__args__
EVENT_FIELDS = tuple(Event.__dataclass_fields__)
# what each format shows, so that only those columns are read: GeoJSON properties leave the evidence out
FIELDS = {"json": EVENT_FIELDS, "csv": ACLED_COLUMNS + EXTRA_COLUMNS,
          "geojson": tuple(f for f in EVENT_FIELDS if f != "evidence")}
EventId = Annotated[str, Path(description="An event_id_cnty, e.g. MLI12; merged-away ids redirect.",
                              min_length=1, max_length=64)]

_ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 401: {"model": ErrorOut}}
# where the next page is, in every format (a CSV page has no other place to say it)
PAGE_HEADERS = {
    "Link": {"description": 'The next page: `<URL>; rel="next"`; absent on the last page.',
             "schema": {"type": "string"}},
    "X-Next-Cursor": {"description": "The cursor of the next page (pass it as `after`); absent on the last page.",
                      "schema": {"type": "string"}},
    "X-Total-Count": {"description": "How many events match the filters (all pages).", "schema": {"type": "string"}},
}


def page_url(request: Request, offset: int | None = None, after: str | None = None) -> str:
    """The same query with another ``offset``, or continuing after the cursor ``after``."""
    if after is not None:
        return str(request.url.remove_query_params(["offset", "after"]).include_query_params(after=after))
    return str(request.url.include_query_params(offset=offset))


@router.get(
    "/events",
    response_model=EventPage,
    summary="Events matching filters, one page at a time",
    responses={**_ERRORS, 200: {"content": {"text/csv": {}, "application/geo+json": {}},
                                "headers": PAGE_HEADERS,
                                "description": "A page of events (JSON, CSV with ACLED's columns first, "
                                               "or a GeoJSON FeatureCollection); `GET /export` gives every "
                                               "match in one streamed file."},
               304: {"description": "Not modified: the client's copy (If-None-Match / If-Modified-Since) is "
                                    "current."}},
)
def list_events(
    request: Request,
    state: Annotated[AppState, Depends(get_state)],
    filters: Annotated[FilterParams, Depends(event_filter)],
    check: Annotated[Validators, Depends(validators)],
    limit: Annotated[int | None, Query(ge=1, le=1000, description="Page size, at most 1000.")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Events to skip.")] = 0,
    after: Annotated[str | None, Query(max_length=600, description="Continue after this cursor (the `cursor` "
                                                                   "of the previous page, same order and "
                                                                   "filters): faster than offset for deep "
                                                                   "pages, and stable while events arrive.")
                     ] = None,
    order: Annotated[Order, Query(description="Sort key; a leading '-' sorts descending.")] = "-event_date",
    format: Annotated[Literal["json", "csv", "geojson"], Query(description="Response format.")] = "json",
) -> Response:
    """Events matching every given filter, newest first by default.

    Every format is one page (``limit``, at most 1000 events) and says where the next one is: the headers
    ``Link: <...>; rel="next"`` (the URL of the next page) and ``X-Next-Cursor`` (pass it as ``after``), both
    absent on the last page, and ``X-Total-Count`` (all matches). The JSON body and the GeoJSON collection
    also carry ``total``, ``next`` and ``cursor``; for a CSV page the headers are the only place. For every
    matching event in one complete file, use ``GET /export`` (streamed). Responses have an ``ETag`` and ``Last-Modified``
    that change when the events do: send them back (``If-None-Match``, ``If-Modified-Since``) for a 304.
    """
    if after and offset:
        raise ApiError(400, "invalid_parameter", "query parameters 'offset' and 'after': use one or the other")
    if check.not_modified:
        return check.response_304()
    size = limit or state.settings.default_limit
    page = state.store.page(filters.to_store(), limit=size, offset=offset, order=order, after=after or None,
                            total=True, fields=FIELDS[format])
    events, total = page.events, page.total  # plain dicts: Event.to_dict() of the fields the format shows
    if after:
        next_url = page_url(request, after=page.cursor) if page.cursor else None
    else:
        next_url = page_url(request, offset + size) if page.cursor else None
    headers = {"X-Total-Count": str(total), **check.headers}
    if next_url:
        headers["Link"] = f'<{next_url}>; rel="next"'
        headers["X-Next-Cursor"] = str(page.cursor)
    if format == "csv":
        out = io.StringIO()
        write_csv(events, out)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    if format == "geojson":
        collection = to_geojson(events)
        collection.update({"total": total, "count": len(events), "next": next_url, "cursor": page.cursor})
        return Response(orjson.dumps(collection, default=str), media_type="application/geo+json", headers=headers)
    body = {"ok": True, "total": total, "count": len(events), "limit": size, "offset": offset,
            "next": next_url, "cursor": page.cursor, "events": events}
    # pages are large (a map asks for 1,000 events): orjson encodes them several times faster than json
    return Response(orjson.dumps(body, default=str), media_type="application/json", headers=headers)


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    summary="One event with its reports, evidence, mentions and history",
    responses={**_ERRORS, 404: {"model": ErrorOut},
               308: {"description": "The id was merged into another event: Location names the survivor."}},
)
def get_event(request: Request, event_id: EventId, state: Annotated[AppState, Depends(get_state)]) -> Response:
    """The event, every report merged into it (full text), the mentions, and the change history.

    An id merged away into another event answers ``308 Permanent Redirect`` to the surviving event.
    """
    store = state.store
    survivor = event_detail_or_redirect(store, event_id)
    if isinstance(survivor, str):
        url = request.url.replace(path=str(request.url_for("get_event", event_id=survivor).path))
        return RedirectResponse(str(url), status_code=308)
    return JSONResponse(event_detail(store, survivor))


def event_detail_or_redirect(store: Any, event_id: str) -> Any:
    """The event, or the surviving id (a ``str``) when ``event_id`` was merged away; 404 when unknown."""
    event = store.get(event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    if event.event_id_cnty != event_id:
        return event.event_id_cnty
    return event


def event_detail(store: Any, event: Any) -> dict[str, Any]:
    """The JSON of ``GET /events/{id}``."""
    event_id = event.event_id_cnty
    return {
        "ok": True,
        "event": event_out(event),
        "reports": [report_out(r) for r in store.reports_of(event_id)],
        "mentions": [mention_out(m) for m in store.mentions_of(event_id)],
        "history": [plain(h) for h in store.history(event_id)],
    }
