"""Bulk load: coded events stored as they are, without fusion (benchmarks, ``batch``, imports).

Rows go in with multi-row INSERTs in one transaction; ``event_actors`` rows and (by default) each event's
creation entry in ``event_history`` go with them, and the FTS table follows through its triggers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from eventcoder.errors import StoreError
from eventcoder.records import Event
from eventcoder.store import (
    _history,
    _orm,  # noqa: F401 (importing it maps the row classes)
    _version,
)
from eventcoder.store._actors import actor_rows
from eventcoder.store._ingest import iso3_of
from eventcoder.store.convert import event_values
from eventcoder.store.tables import EventActorRow, EventHistoryRow, EventRow, IdAliasRow, IdCounterRow

__all__ = ["BATCH", "load_events"]

BATCH = 2000
_ID = re.compile(r"^([A-Z]{3})(\d+)$")
RULE = "loaded as coded (EventStore.load_events, no fusion)"


class _Ids:
    """The id counters, read once and written back at the end."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.last = dict(session.execute(select(IdCounterRow.iso3, IdCounterRow.last_number)).tuples().all())
        self.stored = dict(self.last)

    def take(self, event: Event) -> str:
        if event.event_id_cnty:
            match = _ID.match(event.event_id_cnty)
            if match:
                self.last[match[1]] = max(self.last.get(match[1], 0), int(match[2]))
            return event.event_id_cnty
        iso3 = iso3_of(event, ())
        self.last[iso3] = self.last.get(iso3, 0) + 1
        return f"{iso3}{self.last[iso3]}"

    def save(self) -> None:
        for iso3, number in self.last.items():
            if iso3 not in self.stored:
                self.session.add(IdCounterRow(iso3=iso3, last_number=number))
            elif number != self.stored[iso3]:
                self.session.get(IdCounterRow, iso3).last_number = number  # type: ignore[union-attr]
        self.session.flush()


def _check_aliases(session: Session, ids: list[str]) -> None:
    taken = session.scalars(select(IdAliasRow.alias).where(IdAliasRow.alias.in_(ids))).first()
    if taken is not None:
        raise StoreError(f"event id {taken} was merged into another event and cannot be given again")


def _flush(session: Session, batch: list[Event], now: int, history: bool) -> None:
    created = dt.datetime.fromtimestamp(now, dt.UTC)
    _check_aliases(session, [e.event_id_cnty for e in batch])
    conn = session.connection()
    conn.execute(insert(EventRow.__table__), [{**event_values(e), "created_at": created} for e in batch])
    ids = [e.event_id_cnty for e in batch]
    pks = dict(conn.execute(select(EventRow.event_id_cnty, EventRow.pk).where(EventRow.event_id_cnty.in_(ids)))
               .tuples().all())
    actors: list[dict[str, Any]] = []
    for event in batch:
        actors += actor_rows(pks[event.event_id_cnty], event)
    if actors:
        conn.execute(insert(EventActorRow.__table__), actors)
    if history:
        conn.execute(insert(EventHistoryRow.__table__), [
            {"event_id_cnty": e.event_id_cnty, "field": _history.CREATED, "old_value": None,
             "new_value": _history.snapshot(e), "report_id": None, "rule": RULE, "changed_at": now}
            for e in batch])


def load_events(session: Session, events: Iterable[Event], now: int, *, history: bool = True) -> list[str]:
    """Insert ``events`` (the caller commits); returns their ids, in order.

    An event without ``event_id_cnty`` gets the next id of its country; a given id is kept (and the
    counters move past it, so it is never given again). An event with ``timestamp`` 0 gets ``now``.

    Raises:
        StoreError: [E500] an id that is stored already, or that was merged away.
    """
    ids = _Ids(session)
    out: list[str] = []
    batch: list[Event] = []
    for event in events:
        event = replace(event, event_id_cnty=ids.take(event), timestamp=event.timestamp or now)
        batch.append(event)
        out.append(event.event_id_cnty)
        if len(batch) >= BATCH:
            _flush(session, batch, now, history)
            batch = []
    if batch:
        _flush(session, batch, now, history)
    ids.save()
    if out:
        _version.bump(session, now)
    return out
