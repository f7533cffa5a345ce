"""Counts and fatalities per period and per place/actor/type, computed in SQL.

The week and month of an event are stored columns (``period_week``: the Monday; ``period_month``: the
first of the month), so grouping needs no dialect-specific date functions and gives the same rows on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from eventcoder.store.filters import EventFilter, InvalidFilter, apply_filter
from eventcoder.store.tables import EventRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["BY", "PERIODS", "aggregates"]

PERIODS = {"day": EventRow.event_date, "week": EventRow.period_week, "month": EventRow.period_month}
BY = {"country": EventRow.country, "admin1": EventRow.admin1, "admin2": EventRow.admin2,
      "actor1": EventRow.actor1, "event_type": EventRow.event_type}


def aggregates(session: Session, period: str | None, by: str | None, filters: EventFilter | None, *,
               search: str = "scan") -> list[dict[str, Any]]:
    """Rows ``{"period", <by>, "events", "fatalities"}`` (see ``EventStore.aggregates``)."""
    if period is not None and period not in PERIODS:
        raise InvalidFilter(f"expected one of {', '.join(PERIODS)} or None", name="period", value=period)
    if by is not None and by not in BY:
        raise InvalidFilter(f"expected one of {', '.join(BY)} or None", name="by", value=by)
    keys: list[Any] = []
    if period is not None:
        keys.append(PERIODS[period].label("period"))
    if by is not None:
        keys.append(BY[by].label(by))
    stmt = select(*keys, func.count().label("events"),
                  func.coalesce(func.sum(EventRow.fatalities), 0).label("fatalities"))
    stmt = apply_filter(stmt.select_from(EventRow.__table__), filters, search=search)
    if keys:
        stmt = stmt.group_by(*keys).order_by(*keys)
    out = []
    for row in session.execute(stmt):
        record = dict(row._mapping)
        if "period" in record:
            value = record["period"]
            record["period"] = value.isoformat() if isinstance(value, dt.date) else value
        record["events"] = int(record["events"])
        record["fatalities"] = int(record["fatalities"])
        out.append(record)
    return out
