"""Which stored events a coded event could be: an indexed query, never a scan of the table.

The query is a superset of what :func:`eventcoder.fuse.match_score` can accept, built from the same
windows (:func:`~eventcoder.fuse.date_window_days`, :func:`~eventcoder.fuse.distance_limit_km`,
``CLAIM_LAG_DAYS``):

- per stored ``time_precision`` (1, 2, 3), ``event_date`` within that precision's window: one narrow
  range on the ``ix_events_precision_date`` index each; and a claim or a statement up to a week after the
  event (a range on ``ix_events_date_lat_lon``): a claim or a statement-dated event looks a week either
  way, a plain event a week ahead at claimed or statement-dated events only;
- a latitude/longitude box per stored ``geo_precision`` around the event's point (read from the same
  index), or the same admin1, or the same place name (on events: one name resolved to two homonyms), or
  no point stored (or only a country);
- the same country (or none stored).

``match_score`` then decides. The same conditions run on ``event_mentions`` (each mention coded alone has
the same columns), to find the events a late report's neighbourhood reaches through any of their
mentions. ``tests/store/test_store_candidates.py`` checks the superset property on random events and the
query plans; ``bench/store_bench.py`` prints the plans.

The statements are built once per shape (band, point or not, admin1 or not, ...) with bound parameters,
so a lookup costs four executions of cached statements, each a range scan of a few days.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, String, and_, bindparam, cast, or_, select

from eventcoder.fuse import CLAIM_LAG_DAYS, DATE_OF_STATEMENT, date_window_days, distance_limit_km, has_point
from eventcoder.records import Event
from eventcoder.store.tables import EventMentionRow, EventRow

__all__ = ["PRECISIONS", "Lookup", "box_degrees", "candidate_lookup", "candidate_query", "mention_candidate_query"]

PRECISIONS = (1, 2, 3)
_MARGIN = 1.02  # boxes a little larger than the circle: rounding never loses a candidate
Model = type[EventRow] | type[EventMentionRow]


class Shape(NamedTuple):
    """What varies in the structure of a candidate query."""

    mentions: bool  # on event_mentions (event pks) rather than events
    band: int  # the stored time_precision (1, 2, 3), or 0: a claim or statement up to a week after the event
    point: bool
    admin1: bool
    country: bool
    location: bool
    lagged: bool  # the event is a claim or dated by a statement: it may come after the event it tells


class Lookup(NamedTuple):
    """A candidate lookup ready to run: cached statements (one per date band) and their parameters.

    Each statement is a narrow range on one index; the candidates are the union of their rows.
    """

    statements: tuple[Select[Any], ...]
    params: dict[str, Any]


def box_degrees(lat: float, km: float) -> tuple[float, float]:
    """Half-sizes (degrees of latitude, of longitude) of a box holding every point within ``km``."""
    dlat = km * _MARGIN / 110.574
    far = min(89.9, abs(lat) + dlat)  # the box's edge farthest from the equator: the narrowest degrees
    dlon = km * _MARGIN / (111.320 * math.cos(math.radians(far)))
    return dlat, min(dlon, 360.0)


def _between(column: Any, name: str) -> ColumnElement[bool]:
    return column.between(bindparam(f"{name}_lo"), bindparam(f"{name}_hi"))


@cache
def _statement(shape: Shape) -> Select[Any]:
    model: Model = EventMentionRow if shape.mentions else EventRow
    if shape.band:
        conds: list[ColumnElement[bool]] = [model.time_precision == shape.band,
                                            _between(model.event_date, f"d{shape.band}")]
    else:  # a claim or a statement up to CLAIM_LAG_DAYS after the event (a mention's claims are not columns)
        conds = [_between(model.event_date, "lag")]
        if not shape.mentions and not shape.lagged:  # a plain event: only a later claim or statement
            conds.append(or_(EventRow.claimed_by.is_not(None),
                             cast(EventRow.quality_flags, String).like(f"%{DATE_OF_STATEMENT}%")))
    if shape.point:
        space = [and_(model.geo_precision == p, _between(model.latitude, f"lat{p}"),
                      _between(model.longitude, f"lon{p}")) for p in PRECISIONS]
        space += [model.latitude.is_(None), model.longitude.is_(None),
                  and_(model.geo_precision >= 3, model.admin1 == "")]  # a country, not a point
        if shape.admin1:
            space.append(model.admin1 == bindparam("admin1"))
        if shape.location and not shape.mentions:  # the same place name, resolved elsewhere (match_score)
            space.append(model.location == bindparam("location"))
        conds.append(or_(*space))
    if shape.country:
        conds.append(or_(model.country == bindparam("country"), model.country == ""))
    if shape.mentions:
        return select(EventMentionRow.event_pk).where(*conds)
    return select(EventRow).where(*conds)


def _span(params: dict[str, Any], name: str, centre: Any, half: Any) -> None:
    params[f"{name}_lo"], params[f"{name}_hi"] = centre - half, centre + half


def candidate_lookup(event: Event, *, mentions: bool = False) -> Lookup | None:
    """The candidate lookup of ``event`` (on events, or with ``mentions`` on mentions coded alone).

    ``None`` when the event has no date: then nothing can match it. Stored time and geo precisions are
    1, 2 or 3 (SCHEMA.md).
    """
    if not event.event_date:
        return None
    day = dt.date.fromisoformat(event.event_date)
    point = has_point(event) and event.latitude is not None and event.longitude is not None
    if point and not -180 + 10 < event.longitude < 180 - 10:  # type: ignore[operator]
        point = False  # near the antimeridian: no box (the date range still narrows it)
    params: dict[str, Any] = {}
    for p in PRECISIONS:
        _span(params, f"d{p}", day, dt.timedelta(days=date_window_days(event.time_precision, p)))
    lag = dt.timedelta(days=CLAIM_LAG_DAYS)
    lagged = bool(event.claimed_by) or DATE_OF_STATEMENT in event.quality_flags
    if mentions or lagged:
        _span(params, "lag", day, lag)
    else:
        params["lag_lo"], params["lag_hi"] = day, day + lag
    if point:
        lat, lon = float(event.latitude), float(event.longitude)  # type: ignore[arg-type]
        for p in PRECISIONS:
            dlat, dlon = box_degrees(lat, distance_limit_km(event.geo_precision, p))
            _span(params, f"lat{p}", lat, dlat)
            _span(params, f"lon{p}", lon, dlon)
        if event.admin1:
            params["admin1"] = event.admin1
        if event.location:
            params["location"] = event.location
    if event.country:
        params["country"] = event.country
    statements = tuple(_statement(Shape(mentions, band, point, bool(event.admin1) and point, bool(event.country),
                                        bool(event.location) and point, lagged)) for band in (*PRECISIONS, 0))
    return Lookup(statements, params)


def _union(lookup: Lookup, column: Any) -> Any:
    """The bands' keys as one UNION, parameters bound."""
    parts = [s.with_only_columns(column).params(**lookup.params) for s in lookup.statements]
    return parts[0].union(*parts[1:])


def candidate_query(event: Event) -> Select[Any] | None:
    """``SELECT events`` that could be the same event as ``event``, as one statement with its parameters
    bound (for EXPLAIN and tests; ingest runs the bands of :func:`candidate_lookup` one by one)."""
    lookup = candidate_lookup(event)
    if lookup is None:
        return None
    return select(EventRow).where(EventRow.pk.in_(_union(lookup, EventRow.pk))).order_by(EventRow.pk)


def mention_candidate_query(event: Event) -> Select[Any] | None:
    """``SELECT event_pk`` of the events holding a mention that, coded alone, could match ``event``."""
    lookup = candidate_lookup(event, mentions=True)
    if lookup is None:
        return None
    return select(EventMentionRow.event_pk).where(
        EventMentionRow.event_pk.in_(_union(lookup, EventMentionRow.event_pk))).distinct()
