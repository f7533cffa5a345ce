"""``EventFilter`` and its translation to SQL, in one place (the CLI, ``EventStore`` and the REST API use it).

Every field of :class:`EventFilter` is optional; the conditions of the fields that are set are combined
with AND. Fields that name a category (``country``, ``event_type``, ``status``, ...) take one value or a
sequence of values (any of them). Text matches (``source``, ``text``) are case-insensitive substrings;
``text`` goes through the database's text index (:mod:`eventcoder.store._search`), ``actor`` through the
``event_actors`` table.

Example:
    >>> flt = EventFilter(country="Mali", date_from="2023-01-01", event_type="Battles")
    >>> stmt = apply_filter(select(EventRow), flt, search="fts5")     # what EventStore.events() runs
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select

from eventcoder.errors import InvalidFilter, UnparseableDate
from eventcoder.store._search import like_pattern, text_condition
from eventcoder.store.tables import EventActorRow, EventMentionRow, EventRow

__all__ = ["ORDERS", "EventFilter", "InvalidFilter", "actor_names", "apply_filter", "filter_conditions", "order_by",
           "order_column", "parse_order"]

Many = str | Sequence[str] | None
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_EQUATOR = 111.320


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return; ``None`` means no condition.

    Attributes:
        date_from, date_to: event_date bounds, inclusive (``YYYY-MM-DD`` or ``datetime.date``).
        country, admin1, admin2: place names as stored (GeoNames names), exact.
        bbox: ``(min_lon, min_lat, max_lon, max_lat)``; events without coordinates are left out.
        near: ``(lat, lon, km)``: within ``km`` of the point (equirectangular distance, exact to well under
            1% at these ranges); events without coordinates are left out.
        event_type, sub_event_type: ACLED names, exact.
        actor: dictionary name(s); matches actor1, actor2, claimed_by and each associated actor (an item of
            the ``;``-separated list), exactly. Callers resolve aliases to dictionary names first.
        inter: ACLED actor category code(s), on either side (inter1 or inter2).
        interaction: interaction code(s) (e.g. 12).
        fatalities_min, fatalities_max: bounds on ``fatalities``, inclusive.
        status: ``reported``, ``claimed``, ``confirmed``, ``disputed`` (one or several).
        source: case-insensitive substring of ``source``.
        text: case-insensitive substring of notes, location, admin names or actor names (see
            :mod:`eventcoder.store._search` for how each database's index serves it).
        updated_since: events changed at or after this time (unix seconds, ``datetime`` or ISO string).
        report_id: events that the report with this id was merged into.
    """

    date_from: str | dt.date | None = None
    date_to: str | dt.date | None = None
    country: Many = None
    admin1: Many = None
    admin2: Many = None
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float, float] | None = None
    event_type: Many = None
    sub_event_type: Many = None
    actor: Many = None
    inter: int | Sequence[int] | None = None
    interaction: int | Sequence[int] | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    status: Many = None
    source: str | None = None
    text: str | None = None
    updated_since: int | float | dt.datetime | str | None = None
    report_id: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "", ()) for f in fields(self))


# ---------------------------------------------------------------- value helpers

def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str | int):
        return [value]
    return list(value)


def _day(value: str | dt.date, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise UnparseableDate(value=value, detail=f" for {name} (e.g. 2023-04-21)") from None


def _unix(value: int | float | dt.datetime | str) -> int:
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise InvalidFilter("expected unix seconds or an ISO time", name="updated_since",
                                value=value) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return int(value.timestamp())


def _contains(column: Any, value: str) -> ColumnElement[bool]:
    return column.ilike(like_pattern(value), escape="\\")


def _in(column: Any, value: Any) -> ColumnElement[bool] | None:
    items = _values(value)
    if not items:
        return None
    return column == items[0] if len(items) == 1 else column.in_(items)


def _bbox(value: Sequence[float]) -> ColumnElement[bool]:
    if len(value) != 4:
        raise InvalidFilter("expected (min_lon, min_lat, max_lon, max_lat)", name="bbox", value=value)
    min_lon, min_lat, max_lon, max_lat = (float(v) for v in value)
    if min_lon > max_lon or min_lat > max_lat:
        raise InvalidFilter("min must not exceed max (min_lon, min_lat, max_lon, max_lat)", name="bbox",
                            value=value)
    return and_(EventRow.latitude.between(min_lat, max_lat), EventRow.longitude.between(min_lon, max_lon))


def near_conditions(lat: float, lon: float, km: float) -> ColumnElement[bool]:
    """Within ``km`` of (lat, lon): a bounding box (which the lat/lon indexes serve), then the distance."""
    if km < 0 or not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise InvalidFilter("expected (lat, lon, km) with km >= 0", name="near", value=(lat, lon, km))
    dlat = km / KM_PER_DEGREE_LAT
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    kx = KM_PER_DEGREE_LON_EQUATOR * cos_lat
    dlon = min(km / kx, 360.0)
    dx = (EventRow.longitude - lon) * kx
    dy = (EventRow.latitude - lat) * KM_PER_DEGREE_LAT
    return and_(EventRow.latitude.between(lat - dlat, lat + dlat),
                EventRow.longitude.between(lon - dlon, lon + dlon),
                dx * dx + dy * dy <= km * km)


def actor_names(value: Any) -> list[str]:
    """The actor names a filter value asks for."""
    return [n for n in _values(value) if n]


def _actor(value: Any, dense: bool) -> ColumnElement[bool] | None:
    names = actor_names(value)
    if not names:
        return None
    if dense:  # checked per event as the sort index is walked: no list of every matching event to build
        return exists(select(EventActorRow.event_pk).where(EventActorRow.event_pk == EventRow.pk,
                                                            EventActorRow.name.in_(names)))
    return EventRow.pk.in_(select(EventActorRow.event_pk).where(EventActorRow.name.in_(names)))


def _codes(column_a: Any, column_b: Any | None, value: Any) -> ColumnElement[bool] | None:
    codes = [int(v) for v in _values(value)]
    if not codes:
        return None
    if column_b is None:
        return column_a.in_(codes)
    return or_(column_a.in_(codes), column_b.in_(codes))


# ---------------------------------------------------------------- conditions

def filter_conditions(flt: EventFilter | None, *, search: str = "scan",
                      dense: bool = False) -> list[ColumnElement[bool]]:
    """The SQL conditions (on ``events``) of a filter, to be ANDed; ``search`` is the database's text search
    (``_search.MODES``: what ``EventStore`` found at open; ``scan`` works everywhere). ``dense`` says that the
    filter lets many events through and a page will be read by walking the sort's index: the actor and text
    conditions are then checked per event instead of listing every matching event first.

    Raises:
        UnparseableDate: [E303] a date bound is not a date.
        InvalidFilter: [E502] a bbox, near or updated_since value that cannot be used.
    """
    if flt is None:
        return []
    conds: list[ColumnElement[bool] | None] = []
    if flt.date_from:
        conds.append(EventRow.event_date >= _day(flt.date_from, "date_from"))
    if flt.date_to:
        conds.append(EventRow.event_date <= _day(flt.date_to, "date_to"))
    for name in ("country", "admin1", "admin2", "event_type", "sub_event_type", "status"):
        conds.append(_in(getattr(EventRow, name), getattr(flt, name)))
    if flt.bbox is not None:
        conds.append(_bbox(flt.bbox))
    if flt.near is not None:
        if len(flt.near) != 3:
            raise InvalidFilter("expected (lat, lon, km)", name="near", value=flt.near)
        conds.append(near_conditions(*(float(v) for v in flt.near)))
    conds.append(_actor(flt.actor, dense))
    conds.append(_codes(EventRow.inter1, EventRow.inter2, flt.inter))
    conds.append(_codes(EventRow.interaction, None, flt.interaction))
    if flt.fatalities_min is not None:
        conds.append(EventRow.fatalities >= int(flt.fatalities_min))
    if flt.fatalities_max is not None:
        conds.append(EventRow.fatalities <= int(flt.fatalities_max))
    if flt.source:
        conds.append(_contains(EventRow.source, flt.source))
    if flt.text:
        conds.append(text_condition(search, flt.text, listed=not dense))
    if flt.updated_since is not None:
        conds.append(EventRow.timestamp >= _unix(flt.updated_since))
    if flt.report_id:
        conds.append(exists(select(EventMentionRow.pk).where(EventMentionRow.event_pk == EventRow.pk,
                                                             EventMentionRow.report_id == flt.report_id)))
    return [c for c in conds if c is not None]


def apply_filter(stmt: Select[Any], flt: EventFilter | None, *, search: str = "scan") -> Select[Any]:
    """``stmt`` (a select over ``events``) restricted to the events ``flt`` lets through."""
    conds = filter_conditions(flt, search=search)
    return stmt.where(*conds) if conds else stmt


# ---------------------------------------------------------------- order

ORDERS = ("event_date", "timestamp", "fatalities", "event_id_cnty", "country", "event_type", "confidence",
          "created")


def parse_order(order: str | None) -> tuple[str, bool]:
    """``(name, descending)`` of an order (``-`` in front: descending).

    Raises:
        InvalidFilter: [E502] an unknown order.
    """
    order = (order or "event_date").strip()
    name = order.lstrip("-+")
    if name not in ORDERS:
        raise InvalidFilter(f"expected one of {', '.join(ORDERS)} (prefix - for descending)", name="order",
                            value=order)
    return name, order.startswith("-")


def order_column(name: str) -> Any:
    """The column an order sorts on (``created``: the primary key, i.e. creation order)."""
    return EventRow.pk if name == "created" else getattr(EventRow, name)


def order_by(order: str | None) -> list[Any]:
    """ORDER BY clauses for ``order``: one of :data:`ORDERS`, ``-`` in front for descending.

    Ties are broken by creation order, so paging (limit/offset, or a keyset cursor) is stable.

    Raises:
        InvalidFilter: [E502] an unknown order.
    """
    name, descending = parse_order(order)
    column = order_column(name)
    primary = column.desc() if descending else column.asc()
    tie = EventRow.pk.desc() if descending else EventRow.pk.asc()
    return [primary] if name == "created" else [primary, tie]
