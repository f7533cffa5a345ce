"""The monitor's state in the database: sources, seen items, changes and alert deliveries.

Every write is one short transaction, ordered so that a crash (kill -9) at any point loses nothing and
repeats nothing:

1. a poll's new items and the source's new validators (ETag, Last-Modified) are committed together: a
   crash before the commit re-fetches the feed, after it the items wait as ``pending``;
2. an item is marked ``ingesting`` before the store ingests its report (the store's own transaction);
3. the item's result, the changes its report made and the alert deliveries they call for are committed
   together. A crash between 2 and 3 is recovered from the store's history (what that report changed),
   so its alerts are still sent, once;
4. a delivery is marked ``sending`` before it is sent and ``sent`` after: after a crash in between it is sent
   again with the same delivery id (``Idempotency-Key``), never lost.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, insert, or_, select, tuple_, update
from sqlalchemy.engine import Connection, Engine, RowMapping
from sqlalchemy.exc import SQLAlchemyError

from eventcoder.errors import StoreError
from eventcoder.monitor._tables import changes, deliveries, items, sources

__all__ = ["MonitorState"]

OPEN_STATES = ("pending", "ingesting")


class MonitorState:
    """Reads and writes the monitor's tables on the store's engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on the store's SQLite engines)."""
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(eventcoder_write=True)
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"monitor state: {str(getattr(exc, 'orig', exc)).strip().splitlines()[0]}") from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                try:
                    yield conn
                finally:
                    conn.rollback()
        except SQLAlchemyError as exc:
            raise StoreError(f"monitor state: {str(getattr(exc, 'orig', exc)).strip().splitlines()[0]}") from exc

    # ------------------------------------------------------------------ sources

    def sync_sources(self, configured: Sequence[tuple[str, str, str]]) -> None:
        """Make sure each ``(name, kind, location)`` has a row; a moved source forgets its validators."""
        with self.write() as conn:
            rows = {r.name: r for r in conn.execute(select(sources.c.name, sources.c.kind, sources.c.location))}
            for name, kind, location in configured:
                row = rows.get(name)
                if row is None:
                    conn.execute(insert(sources).values(name=name, kind=kind, location=location, polls=0,
                                                        error_count=0, consecutive_failures=0, items_seen=0))
                elif (row.kind, row.location) != (kind, location):
                    conn.execute(update(sources).where(sources.c.name == name).values(
                        kind=kind, location=location, etag=None, last_modified=None, consecutive_failures=0,
                        next_poll_at=None))

    def source(self, name: str) -> RowMapping | None:
        with self.read() as conn:
            row = conn.execute(select(sources).where(sources.c.name == name)).mappings().first()
            return row

    def sources(self) -> list[RowMapping]:
        with self.read() as conn:
            return list(conn.execute(select(sources).order_by(sources.c.name)).mappings())

    def record_poll(self, name: str, *, now: float, next_at: float, new_items: Sequence[dict[str, Any]],
                    etag: str | None, last_modified: str | None, title: str | None, status: str,
                    warning: str | None = None) -> int:
        """A successful poll: insert the items not seen before (same source, key and revision) and move the
        source's validators, in one transaction. Returns how many items were new."""
        with self.write() as conn:
            fresh = self._unseen(conn, name, new_items)
            for row in fresh:
                closed = {"processed_at": now} if row.get("state") == "failed" else {}
                conn.execute(insert(items).values(source=name, first_seen_at=now, attempts=0, **closed, **row))
            values: dict[str, Any] = {"polls": sources.c.polls + 1, "last_poll_at": now, "last_success_at": now,
                                      "last_status": status, "consecutive_failures": 0, "next_poll_at": next_at,
                                      "items_seen": sources.c.items_seen + len(fresh)}
            if status != "not_modified":
                values.update(etag=etag, last_modified=last_modified)
            if title:
                values["title"] = title
            if warning:
                values.update(last_error=warning, last_error_at=now)
            conn.execute(update(sources).where(sources.c.name == name).values(**values))
            return len(fresh)

    @staticmethod
    def _unseen(conn: Connection, name: str, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        wanted: dict[tuple[str, str], dict[str, Any]] = {}
        for row in rows:
            wanted.setdefault((row["item_key"], row["revision"]), row)
        if not wanted:
            return []
        keys = list(wanted)
        seen: set[tuple[str, str]] = set()
        for start in range(0, len(keys), 200):
            chunk = keys[start:start + 200]
            found = conn.execute(select(items.c.item_key, items.c.revision).where(
                items.c.source == name, tuple_(items.c.item_key, items.c.revision).in_(chunk)))
            seen.update((k, r) for k, r in found)
        return [row for key, row in wanted.items() if key not in seen]

    def record_failure(self, name: str, *, now: float, next_at: float, error: str) -> int:
        """A failed poll; returns the number of failures in a row."""
        with self.write() as conn:
            conn.execute(update(sources).where(sources.c.name == name).values(
                polls=sources.c.polls + 1, last_poll_at=now, last_status="error", last_error=error,
                last_error_at=now, error_count=sources.c.error_count + 1,
                consecutive_failures=sources.c.consecutive_failures + 1, next_poll_at=next_at))
            return int(conn.execute(select(sources.c.consecutive_failures).where(sources.c.name == name))
                       .scalar() or 0)

    # ------------------------------------------------------------------ items

    def next_item(self, now: float, *, skip: Sequence[int] = ()) -> RowMapping | None:
        """The next item to process: interrupted ones first, then in publication order (oldest first)."""
        due = or_(items.c.next_attempt_at.is_(None), items.c.next_attempt_at <= now)
        stmt = (select(items).where(items.c.state.in_(OPEN_STATES), due)
                .order_by((items.c.state == "ingesting").desc(), items.c.published.is_(None),
                          items.c.published, items.c.first_seen_at, items.c.id).limit(1))
        if skip:
            stmt = stmt.where(items.c.id.not_in(list(skip)))
        with self.read() as conn:
            return conn.execute(stmt).mappings().first()

    def pending_count(self, now: float | None = None) -> int:
        stmt = select(func.count()).select_from(items).where(items.c.state.in_(OPEN_STATES))
        if now is not None:
            stmt = stmt.where(or_(items.c.next_attempt_at.is_(None), items.c.next_attempt_at <= now))
        with self.read() as conn:
            return int(conn.execute(stmt).scalar() or 0)

    def next_item_due(self) -> float | None:
        with self.read() as conn:
            return conn.execute(select(func.min(items.c.next_attempt_at))
                                .where(items.c.state.in_(OPEN_STATES))).scalar()

    def update_item(self, item_id: int, **values: Any) -> None:
        with self.write() as conn:
            conn.execute(update(items).where(items.c.id == item_id).values(**values))

    def kept_by_url(self, row: Any) -> RowMapping | None:
        """The first processed item with the canonical URL of ``row`` from another source or key, unless
        ``row`` is a new revision of an item seen before (a corrected story at the same URL is read again)."""
        if not row["canonical_url"]:
            return None
        earlier = (select(items.c.id).where(items.c.source == row["source"], items.c.item_key == row["item_key"],
                                            items.c.id < row["id"]).limit(1))
        stmt = (select(items.c.id, items.c.report_id, items.c.state, items.c.duplicate_of).where(
            items.c.canonical_url == row["canonical_url"], items.c.state.in_(("done", "duplicate", "near_duplicate")),
            or_(items.c.source != row["source"], items.c.item_key != row["item_key"])).order_by(items.c.id).limit(1))
        with self.read() as conn:
            if conn.execute(earlier).first() is not None:
                return None
            return conn.execute(stmt).mappings().first()

    def kept_by_hash(self, digest: str, *, exclude: int) -> RowMapping | None:
        """The processed item whose text has this hash (the one kept, not a duplicate of it)."""
        stmt = (select(items.c.id, items.c.report_id).where(items.c.text_hash == digest, items.c.state == "done",
                                                            items.c.id != exclude)
                .order_by(items.c.id).limit(1))
        with self.read() as conn:
            return conn.execute(stmt).mappings().first()

    def item(self, item_id: int) -> RowMapping | None:
        with self.read() as conn:
            return conn.execute(select(items).where(items.c.id == item_id)).mappings().first()

    def fingerprints(self, since: float) -> list[tuple[int, Any, float]]:
        """``(item id, fingerprint JSON, seen at)`` of the texts kept since ``since`` (the near-duplicate index)."""
        stmt = (select(items.c.id, items.c.signature, items.c.first_seen_at)
                .where(items.c.state == "done", items.c.signature.is_not(None), items.c.first_seen_at >= since)
                .order_by(items.c.id))
        with self.read() as conn:
            return [(row.id, row.signature, row.first_seen_at) for row in conn.execute(stmt)]

    def finish_item(self, item_id: int, *, state: str, now: float, report_id: str | None = None,
                    result: dict[str, Any] | None = None, duplicate_of: int | None = None,
                    error: str | None = None, found: Sequence[tuple[dict[str, Any], list[dict[str, Any]]]] = (),
                    extra: dict[str, Any] | None = None) -> list[int]:
        """Close an item with its result, and record its changes and their deliveries, in one transaction.

        ``found`` holds ``(change row, [delivery rows])``; a change already recorded (same event and report)
        and a delivery already planned (same rule, channel and change) are kept as they are. Returns the ids
        of the deliveries created.
        """
        created: list[int] = []
        with self.write() as conn:
            values: dict[str, Any] = {"state": state, "processed_at": now, "error": error, "next_attempt_at": None}
            if report_id is not None:
                values["report_id"] = report_id
            if result is not None:
                values["result"] = result
            if duplicate_of is not None:
                values["duplicate_of"] = duplicate_of
            values.update(extra or {})
            conn.execute(update(items).where(items.c.id == item_id).values(**values))
            for change, planned in found:
                existing = conn.execute(select(changes.c.id).where(
                    changes.c.event_id == change["event_id"], changes.c.report_id == change["report_id"])).scalar()
                if existing is None:
                    existing = conn.execute(insert(changes).values(item_id=item_id, detected_at=now, **change)
                                            .returning(changes.c.id)).scalar_one()
                for delivery in planned:
                    there = conn.execute(select(deliveries.c.id).where(
                        deliveries.c.rule == delivery["rule"], deliveries.c.channel == delivery["channel"],
                        deliveries.c.change_id == existing)).scalar()
                    if there is not None:
                        continue
                    new_id = conn.execute(insert(deliveries).values(
                        change_id=existing, state="pending", attempts=0, next_attempt_at=now, created_at=now,
                        **delivery).returning(deliveries.c.id)).scalar_one()
                    created.append(int(new_id))
        return created

    def outlets_of(self, report_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """For each report the monitor kept: every outlet that published its text (the kept item and its
        duplicates and near-duplicates), with URLs."""
        if not report_ids:
            return {}
        out: dict[str, list[dict[str, Any]]] = {}
        with self.read() as conn:
            kept = list(conn.execute(select(items.c.id, items.c.report_id, items.c.outlet, items.c.source,
                                            items.c.canonical_url, items.c.payload).where(items.c.report_id.in_(list(report_ids)),
                                                                   items.c.state == "done")))
            ids = {row.id: row.report_id for row in kept}
            dups = list(conn.execute(select(items.c.duplicate_of, items.c.outlet, items.c.source,
                                            items.c.canonical_url, items.c.payload)
                                     .where(items.c.duplicate_of.in_(list(ids)) if ids else items.c.id < 0)))
        for row in kept:
            out.setdefault(row.report_id, []).append(_outlet(row))
        for row in dups:
            listed = out.setdefault(ids[row.duplicate_of], [])
            entry = _outlet(row)
            if entry not in listed:
                listed.append(entry)
        return out

    # ------------------------------------------------------------------ deliveries

    def due_deliveries(self, now: float, *, fresh_only: bool = False, exclude: Collection[int] = (),
                       limit: int = 100) -> list[RowMapping]:
        """Deliveries to attempt now (oldest due first); ``sending`` ones were interrupted by a crash."""
        stmt = select(deliveries).where(deliveries.c.state.in_(("pending", "sending")),
                                        deliveries.c.next_attempt_at <= now)
        if fresh_only:
            stmt = stmt.where(deliveries.c.attempts == 0)
        if exclude:
            stmt = stmt.where(deliveries.c.id.not_in(list(exclude)))
        stmt = stmt.order_by(deliveries.c.next_attempt_at, deliveries.c.id).limit(limit)
        with self.read() as conn:
            return list(conn.execute(stmt).mappings())

    def next_delivery_due(self) -> float | None:
        with self.read() as conn:
            return conn.execute(select(func.min(deliveries.c.next_attempt_at))
                                .where(deliveries.c.state.in_(("pending", "sending")))).scalar()

    def delivery_sending(self, delivery_id: int) -> None:
        with self.write() as conn:
            conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                state="sending", attempts=deliveries.c.attempts + 1))

    def delivery_sent(self, delivery_id: int, now: float) -> None:
        with self.write() as conn:
            conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                state="sent", sent_at=now, last_error=None))

    def delivery_failed(self, delivery_id: int, *, error: str, next_at: float) -> None:
        with self.write() as conn:
            conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                state="pending", last_error=error[:2000], next_attempt_at=next_at))

    # ------------------------------------------------------------------ reading for status/digest

    def counts(self, since: float) -> dict[str, Any]:
        """What happened since ``since``: items by state, changes by kind, deliveries sent."""
        with self.read() as conn:
            by_state = dict(conn.execute(select(items.c.state, func.count()).where(items.c.processed_at >= since)
                                         .group_by(items.c.state)).all())
            by_kind = dict(conn.execute(select(changes.c.kind, func.count()).where(changes.c.detected_at >= since)
                                        .group_by(changes.c.kind)).all())
            sent = conn.execute(select(func.count()).select_from(deliveries).where(
                deliveries.c.state == "sent", deliveries.c.sent_at >= since)).scalar()
            seen = conn.execute(select(func.count()).select_from(items).where(items.c.first_seen_at >= since)).scalar()
        return {"items_seen": int(seen or 0), "items": {k: int(v) for k, v in by_state.items()},
                "changes": {k: int(v) for k, v in by_kind.items()}, "alerts_sent": int(sent or 0)}

    def backlog(self) -> dict[str, int]:
        with self.read() as conn:
            rows = conn.execute(select(items.c.source, func.count()).where(items.c.state.in_(OPEN_STATES))
                                .group_by(items.c.source)).all()
        return {name: int(n) for name, n in rows}

    def item_totals(self) -> dict[str, dict[str, int]]:
        with self.read() as conn:
            rows = conn.execute(select(items.c.source, items.c.state, func.count())
                                .group_by(items.c.source, items.c.state)).all()
        out: dict[str, dict[str, int]] = {}
        for name, state, n in rows:
            out.setdefault(name, {})[state] = int(n)
        return out

    def delivery_totals(self) -> dict[str, int]:
        with self.read() as conn:
            rows = conn.execute(select(deliveries.c.state, func.count()).group_by(deliveries.c.state)).all()
        return {state: int(n) for state, n in rows}

    def failing_deliveries(self, limit: int = 20) -> list[RowMapping]:
        stmt = (select(deliveries.c.id, deliveries.c.rule, deliveries.c.channel, deliveries.c.target,
                       deliveries.c.event_id, deliveries.c.kind, deliveries.c.attempts, deliveries.c.last_error,
                       deliveries.c.next_attempt_at)
                .where(deliveries.c.state.in_(("pending", "sending")), deliveries.c.attempts > 0)
                .order_by(deliveries.c.id).limit(limit))
        with self.read() as conn:
            return list(conn.execute(stmt).mappings())

    def deliveries(self, *, event_id: str | None = None) -> list[RowMapping]:
        stmt = select(deliveries).order_by(deliveries.c.id)
        if event_id is not None:
            stmt = stmt.where(deliveries.c.event_id == event_id)
        with self.read() as conn:
            return list(conn.execute(stmt).mappings())

    def changes_since(self, since: float) -> list[RowMapping]:
        with self.read() as conn:
            return list(conn.execute(select(changes).where(changes.c.detected_at >= since)
                                     .order_by(changes.c.id)).mappings())

    def items(self, *, source: str | None = None) -> list[RowMapping]:
        stmt = select(items).order_by(items.c.id)
        if source is not None:
            stmt = stmt.where(items.c.source == source)
        with self.read() as conn:
            return list(conn.execute(stmt).mappings())


def _outlet(row: Any) -> dict[str, Any]:
    payload = row.payload if isinstance(row.payload, dict) else json.loads(row.payload or "{}")
    return {"outlet": row.outlet or row.source, "source": row.source, "url": row.canonical_url or payload.get("url")}
