"""Keyset pagination: a cursor names the last event of a page, and the next page starts after it.

A cursor holds the order, the last event's sort value and its primary key (the tie-breaker), as URL-safe
base64 of a JSON array. The next page is read off the sort's index from that point, so a page far down is
as fast as the first, and a page does not shift when events are added before it (offset pages do).

Events without a value (only ``event_date`` can be missing) sort where the database puts NULLs: first in
ascending order on SQLite, last on PostgreSQL (and the reverse when descending). :func:`after_segments`
splits "after the cursor" into at most two parts that each follow one index range (the NULL block and the
rest), read in the order the sort visits them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
from typing import Any

from sqlalchemy import ColumnElement, Integer, literal, tuple_

from eventcoder.errors import InvalidFilter
from eventcoder.store.filters import order_column, parse_order
from eventcoder.store.tables import EventRow

__all__ = ["after_segments", "decode", "encode"]


def _canonical(order: str | None) -> str:
    name, descending = parse_order(order)
    return f"-{name}" if descending else name


def encode(order: str | None, value: Any, pk: int) -> str:
    """The cursor after the event with sort ``value`` and primary key ``pk``."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    data = json.dumps([_canonical(order), value, int(pk)], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(data.encode("utf-8")).rstrip(b"=").decode("ascii")


def _bad(cursor: str, detail: str) -> InvalidFilter:
    return InvalidFilter(detail, name="after", value=cursor[:80])


def decode(cursor: str, order: str | None) -> tuple[Any, int]:
    """``(sort value, pk)`` of a cursor made for ``order``.

    Raises:
        InvalidFilter: [E502] not a cursor of this store, or one made for another order.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, value, pk = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise _bad(cursor, "not a page cursor (pass the cursor of a previous page unchanged)") from None
    expected = _canonical(order)
    if made_for != expected:
        raise _bad(cursor, f"this cursor continues order={made_for}, not order={expected}")
    name = expected.lstrip("-")
    if not _is_int(pk) or not ((value is None and name in ("event_date", "created")) or _fits(name, value)):
        raise _bad(cursor, "not a page cursor (pass the cursor of a previous page unchanged)")
    if value is not None and name == "event_date":
        value = dt.date.fromisoformat(value)
    return value, pk


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -2**63 <= value < 2**63


def _fits(name: str, value: Any) -> bool:
    """Is ``value`` a value of the order's column (so that the database is never sent a mistyped one)?"""
    if name in ("timestamp", "fatalities"):
        return _is_int(value)
    if name == "confidence":
        return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)
    if name == "event_date":
        try:
            return isinstance(value, str) and dt.date.fromisoformat(value) is not None
        except ValueError:
            return False
    if name == "created":
        return True
    return isinstance(value, str) and "\x00" not in value


def after_segments(order: str | None, value: Any, pk: int, *, nulls_low: bool) -> list[ColumnElement[bool]]:
    """Conditions for the events after ``(value, pk)`` in ``order``, as parts to read one after the other.

    ``nulls_low``: the database sorts NULL below every value (SQLite), else above (PostgreSQL).
    """
    name, descending = parse_order(order)

    def beyond(a: Any, b: Any) -> ColumnElement[bool]:
        return a < b if descending else a > b

    if name == "created":
        return [beyond(EventRow.pk, pk)]
    column = order_column(name)
    key = tuple_(column, EventRow.pk)
    nullable = bool(getattr(EventRow.__table__.c[name], "nullable", False))
    nulls_first = nulls_low != descending  # where the NULL block comes as the sort runs
    if value is None:
        parts = [column.is_(None) & beyond(EventRow.pk, pk)]
        return [*parts, column.is_not(None)] if nulls_first else parts
    parts = [beyond(key, tuple_(literal(value, column.type), literal(pk, Integer())))]
    return [*parts, column.is_(None)] if nullable and not nulls_first else parts
