"""Reading events in bulk: plain rows (SQLAlchemy Core, no ORM objects) decoded by ``convert.decode_event``.

Each query selects the primary key, the scalar columns and the JSON columns joined into one JSON array
(``[fatality_reports, confirmed_by, ...]``), so a row costs one ``json.loads``. On SQLite ``event_date`` is
read as its stored text (``YYYY-MM-DD``), which the record keeps as it is.

A page picks its primary keys first (on ``ix_events_date_pk_covering`` where the filters allow: no wide row
is read for an event that is not on the page), then reads those rows. ``offset`` pages skip keys only;
``after`` pages start at a keyset cursor (:mod:`eventcoder.store._cursor`).

Counts go to ``event_actors`` or ``events_fts`` alone when the filter is only an actor or only a text, and
are cached by data version (:class:`CountCache`). The count also steers the plan: when a filter lets through
more than 1 event in :data:`DENSE`, a page sorted by date is read by walking the date index and checking
each event (found within ``limit * DENSE`` index entries), and on SQLite, whose planner keeps no statistics
of value ranges, the conditions are marked ``likely()`` so that it does so.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, String, Text, cast, distinct, func, literal, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BooleanClauseList

from eventcoder.records import Event
from eventcoder.store import _cursor, _search, _version
from eventcoder.store.convert import (
    EVENT_SCALAR_FIELDS,
    JSON_FIELDS,
    decode_event,
    record_columns,
    record_decoder,
)
from eventcoder.store.filters import (
    EventFilter,
    actor_names,
    filter_conditions,
    order_by,
    order_column,
    parse_order,
)
from eventcoder.store.tables import EventActorRow, EventRow

__all__ = ["DENSE", "CountCache", "Page", "Reader", "event_columns"]

DENSE = 50  # a filter that passes 1 event in DENSE or more is "dense": read its pages along the sort index


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events.

    ``cursor`` continues after the last event (pass it as ``after=``); ``None`` when no event follows.
    ``total`` is the number of events that pass the filters (all pages), when it was asked for.
    """

    events: list[Event]
    cursor: str | None = None
    total: int | None = None


class CountCache:
    """Counts by data version and filter (the last ``size`` of them): a count is read once per state of the
    data, so paging through results or reloading a dashboard counts once."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str, str], int] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, str]) -> int | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, str, str], value: int) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@cache
def event_columns(dialect: str, fields: tuple[str, ...] | None = None) -> tuple[Any, ...]:
    """The columns of a plain row after ``(pk, sort key)``: the scalar columns of ``fields`` (default: all),
    then their JSON columns as one JSON array (see ``convert.decode_event`` and ``convert.record_decoder``)."""
    scalars, jsons = (EVENT_SCALAR_FIELDS, JSON_FIELDS) if fields is None else record_columns(fields)
    columns: list[Any] = []
    for name in scalars:
        column = getattr(EventRow, name)
        if name == "event_date" and dialect == "sqlite":
            column = type_coerce(column, String()).label("event_date")  # the stored text, not parsed
        columns.append(column)
    blob: ColumnElement[Any] = literal("[", Text())
    for index, name in enumerate(jsons):
        if index:
            blob = blob.concat(literal(",", Text()))
        blob = blob.concat(cast(getattr(EventRow, name), Text()))
    columns.append(blob.concat(literal("]", Text())).label("json_fields"))
    return tuple(columns)


def _sort_key(order: str) -> Any:
    name, _ = parse_order(order)
    column = order_column(name)
    return column.label("sort_key")


def _terms(conds: list[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    """The conditions with every AND taken apart."""
    out: list[ColumnElement[bool]] = []
    for cond in conds:
        if isinstance(cond, BooleanClauseList) and cond.operator is operators.and_:
            out += _terms(list(cond.clauses))
        else:
            out.append(cond)
    return out


def _only(flt: EventFilter, name: str) -> bool:
    return bool(getattr(flt, name)) and dataclasses.replace(flt, **{name: None}).is_empty()


class Reader:
    """The reads of one transaction (``conn``), with the store's text search and count cache."""

    def __init__(self, conn: Connection, search: str, counts: CountCache | None = None) -> None:
        self.conn = conn
        self.search = search
        self.counts = counts
        self.sqlite = conn.dialect.name == "sqlite"
        self._version: str | None = None

    def _cached(self, key: str, compute: Any) -> int:
        if self.counts is None:
            return int(compute())
        if self._version is None:
            self._version = _version.read(self.conn).token
        full = (self._version, self.search, key)
        found = self.counts.get(full)
        if found is None:
            found = int(compute())
            self.counts.put(full, found)
        return found

    def count(self, flt: EventFilter | None) -> int:
        """How many events pass ``flt``."""
        return self._cached(repr(flt), lambda: self._count(flt))

    def _count(self, flt: EventFilter | None) -> int:
        if flt is not None and _only(flt, "actor"):  # the actor table alone
            stmt: Select[Any] = select(func.count(distinct(EventActorRow.event_pk))).where(
                EventActorRow.name.in_(actor_names(flt.actor)))
        elif flt is not None and _only(flt, "text") and self.search == "fts5" and \
                len(flt.text or "") >= _search.TRIGRAM:  # the text index alone
            stmt = select(func.count()).select_from(_search.fts5_matches(flt.text or "").subquery())
        else:
            stmt = select(func.count()).select_from(EventRow.__table__).where(*filter_conditions(flt, search=self.search))
        return int(self.conn.execute(stmt).scalar() or 0)

    def _conditions(self, flt: EventFilter | None, order: str, matches: int | None) -> list[ColumnElement[bool]]:
        """The filter's conditions, written for the plan that suits how many events pass it."""
        name, _ = parse_order(order)
        dense = name == "event_date" and matches is not None and \
            matches * DENSE >= self._cached("", lambda: self._count(None))
        conds = filter_conditions(flt, search=self.search, dense=dense)
        if dense and self.sqlite:  # each term on its own: likely() around an AND would hide its parts
            conds = [func.likely(term) for term in _terms(conds)]
        return conds

    def rows(self, conds: list[ColumnElement[bool]], order: str, limit: int | None = None, offset: int = 0,
             fields: tuple[str, ...] | None = None) -> list[Any]:
        """Plain rows ``(pk, sort key, *columns)`` of the events matching ``conds``, ordered and paged: their
        keys first, then their rows."""
        ordering = order_by(order)
        keys = select(EventRow.pk).where(*conds).order_by(*ordering)
        if offset:
            keys = keys.offset(int(offset))
        if limit is not None:
            keys = keys.limit(int(limit))
        columns = event_columns(self.conn.dialect.name, fields)
        stmt = select(EventRow.pk, _sort_key(order), *columns).where(EventRow.pk.in_(keys.scalar_subquery()))
        return list(self.conn.execute(stmt.order_by(*ordering)))

    def page(self, flt: EventFilter | None, *, order: str, limit: int | None, offset: int = 0,
             after: str | None = None, total: bool = False, fields: tuple[str, ...] | None = None) -> Page:
        """A page of events: ``limit`` of them from ``offset``, or after the cursor ``after``; with
        ``fields``, plain dicts of those fields (``Event.to_dict()``'s values) instead of Events.

        Raises:
            InvalidFilter: [E502] an unusable filter, order or cursor.
        """
        matches = self.count(flt) if total or limit is not None else None
        conds = self._conditions(flt, order, matches)
        want = None if limit is None else int(limit) + 1  # one more: is there a next page?
        if after:
            value, pk = _cursor.decode(after, order)
            rows: list[Any] = []
            for part in _cursor.after_segments(order, value, pk, nulls_low=self.sqlite):
                rows += self.rows([*conds, part], order, None if want is None else want - len(rows), 0, fields)
                if want is not None and len(rows) >= want:
                    break
        else:
            rows = self.rows(conds, order, want, offset, fields)
        more = want is not None and len(rows) >= want
        rows = rows[:limit] if limit is not None else rows
        cursor = _cursor.encode(order, rows[-1][1], rows[-1][0]) if more and rows else None
        decode = decode_event if fields is None else record_decoder(fields)
        return Page([decode(row) for row in rows], cursor, matches if total else None)
