"""``EventStore``: the event database (SQLite by default, PostgreSQL by URL), fused as reports arrive."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine

from eventcoder.errors import InvalidFilter
from eventcoder.records import Event, Mention, Report
from eventcoder.store import _aggregate, _read, _version
from eventcoder.store._history import HistoryEntry
from eventcoder.store._migrate import ensure_schema
from eventcoder.store._read import CountCache, Page, Reader
from eventcoder.store._search import detect_mode
from eventcoder.store._session import (
    default_url,
    make_engine,
    read_session,
    safe_url,
    translate_db_errors,
    write_session,
)
from eventcoder.store._version import DataVersion
from eventcoder.store.convert import decode_event, mention_from_json, row_to_report
from eventcoder.store.filters import EventFilter
from eventcoder.store.tables import EventHistoryRow, EventMentionRow, EventRow, IdAliasRow, ReportRow

if TYPE_CHECKING:  # fusion (eventcoder.fuse) loads on the first write: reading commands start without it
    from eventcoder.fuse import Cluster
    from eventcoder.store._ingest import IngestResult, MentionCache

__all__ = ["EventStore"]


class EventStore:
    """The event database: one record per real event, built from every report of it.

    Args:
        url: a SQLAlchemy URL: ``sqlite:///path.db`` (default ``$EVENTCODER_DB`` or ``sqlite:///eventcoder.db``
            in the working directory), ``sqlite:///:memory:``, or ``postgresql+psycopg://user@host:5432/db``.
        upgrade: migrate the schema to this eventcoder's version on open (default); with ``False`` a schema
            that is behind raises :class:`~eventcoder.errors.SchemaOutOfDate`.

    Raises:
        StoreError: [E500] the database cannot be opened.
        SchemaOutOfDate: [E501] the schema is newer than this eventcoder, or behind and ``upgrade=False``.

    Example:
        >>> from eventcoder import EventStore, Pipeline
        >>> pipeline = Pipeline()
        >>> with EventStore("sqlite:///events.db") as store:
        ...     result = store.ingest(report, pipeline.mentions(report))
        ...     store.get(result.created[0]).event_type
        ...     store.events(EventFilter(country="Mali", date_from="2023-01-01"), limit=20)
    """

    def __init__(self, url: str | None = None, *, upgrade: bool = True) -> None:
        self.url = url or default_url()
        self.engine: Engine = make_engine(self.url)
        try:
            ensure_schema(self.engine, upgrade_schema=upgrade)
            with self._read() as conn:
                self.search: str = detect_mode(conn)
                """How text search runs here (``_search.MODES``: fts5, trgm, tsvector or scan)."""
            self._counts = CountCache()
        except BaseException:
            self.engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"EventStore({safe_url(self.url)!r})"

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for reads: one transaction (a consistent snapshot), rolled back at the end."""
        with translate_db_errors(self.engine.url), self.engine.connect() as conn:
            yield conn

    # ------------------------------------------------------------ writing

    @cached_property
    def _mentions(self) -> MentionCache:
        """The stored mentions that fusing the next reports reads (made by the first ingest)."""
        from eventcoder.store._ingest import MentionCache

        return MentionCache()

    def ingest(self, report: Report, mentions: Sequence[Mention]) -> IngestResult:
        """Fuse one report and its mentions into the stored events, in one transaction.

        Ingesting a report already stored (same id, or same text under another id) changes nothing and
        returns a result with ``duplicate_of`` set. ``mentions`` are the report's resolved mentions
        (``Pipeline().mentions(report)``), in report order; their ids are unique across reports (the
        pipeline's ``REPORT_ID:N``). A report published before stored reports near it is fused again
        with them in publication order, so the events do not depend on the order reports arrive in.

        Raises:
            FuseError: [E400] a mention of another report, two mentions with one id, or a mention whose
                ``published`` is not its report's.
            StoreError: [E500] the database failed (nothing of this report was written).
        """
        from eventcoder.store._ingest import ingest_report

        with write_session(self.engine) as session:
            result = ingest_report(session, report, mentions, int(time.time()), self._mentions)
        if not result.duplicate:
            self._mentions.put(mentions)  # committed: fusing the next reports of these events reads none of them
        return result

    def ingest_planned(self, report: Report, mentions: Sequence[Mention], clusters: Sequence[Cluster],
                       consumed: Sequence[Sequence[str]]) -> IngestResult:
        """Write one report whose fusion was planned in blocks (``eventcoder batch --fusion blocks``).

        ``clusters``/``consumed`` are the report's step of :func:`eventcoder.fuse.plan_fusion` (the clusters
        it changed, with all their mentions; the mention ids of the stored events they came from). The
        write is :meth:`ingest`'s, in one transaction.

        Raises:
            FuseError: [E400] as :meth:`ingest`.
            PlanMismatch: the report is stored already, or the stored events are not those the step starts
                from; nothing was written (ingest the report with :meth:`ingest`).
            StoreError: [E500] the database failed (nothing of this report was written).
        """
        from eventcoder.store._ingest import ingest_planned

        with write_session(self.engine) as session:
            result = ingest_planned(session, report, mentions, clusters, consumed, int(time.time()))
        self._mentions.put(mentions)
        return result

    def ingest_many(self, items: Iterable[tuple[Report, Sequence[Mention]]], *,
                    progress: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
        """:meth:`ingest` each ``(report, mentions)`` in order, one transaction per report."""
        results = []
        for report, mentions in items:
            result = self.ingest(report, mentions)
            results.append(result)
            if progress is not None:
                progress(result)
        return results

    def load_events(self, events: Iterable[Event], *, history: bool = True) -> list[str]:
        """Store coded events as they are, without fusion, in one transaction; returns their ids.

        For benchmarks, ``batch`` and imports of events coded elsewhere: no reports or mentions are
        stored with them. An event without ``event_id_cnty`` gets the next id of its country; a given id
        is kept (and never given again); ``timestamp`` 0 becomes now. Each event gets its creation entry
        in the history unless ``history=False``.

        Raises:
            StoreError: [E500] an id already stored or merged away (nothing is written).

        Example:
            >>> store.load_events([Event(event_date="2024-03-10", country="Mali", iso=466, ...)])
            ['MLI1']
        """
        from eventcoder.store._load import load_events

        with write_session(self.engine) as session:
            return load_events(session, events, int(time.time()), history=history)

    def data_version(self) -> DataVersion:
        """Where the stored data stands: ``version`` moves with every change (ingest, load), ``changed_at``
        is its unix time. One indexed read: cheap enough for every request (ETags, caches)."""
        with self._read() as conn:
            return _version.read(conn)

    # ------------------------------------------------------------ reports

    def stored_report_id(self, report: Report) -> str | None:
        """The id under which ``report`` is already stored (same id or same text), else ``None``."""
        from eventcoder.store._ingest import report_hash

        with read_session(self.engine) as session:
            if session.get(ReportRow, report.id) is not None:
                return report.id
            return session.scalar(select(ReportRow.id).where(ReportRow.hash == report_hash(report)))

    def report(self, report_id: str) -> Report | None:
        """A stored report."""
        with read_session(self.engine) as session:
            row = session.get(ReportRow, report_id)
            return row_to_report(row) if row is not None else None

    def report_count(self) -> int:
        with self._read() as conn:
            return int(conn.scalar(select(func.count()).select_from(ReportRow.__table__)) or 0)

    def events_of(self, report_id: str) -> tuple[str, ...]:
        """The ids of the events a stored report was merged into."""
        from eventcoder.store._ingest import events_of_report

        with read_session(self.engine) as session:
            return events_of_report(session, report_id)

    # ------------------------------------------------------------ events

    def resolve_id(self, event_id: str) -> str | None:
        """The current id of an event: itself, or the event it was merged into; ``None`` if unknown."""
        with read_session(self.engine) as session:
            return self._resolve(session, event_id)

    @staticmethod
    def _resolve(session: Any, event_id: str) -> str | None:
        if session.scalar(select(EventRow.pk).where(EventRow.event_id_cnty == event_id)) is not None:
            return event_id
        return session.scalar(select(IdAliasRow.event_id_cnty).where(IdAliasRow.alias == event_id))

    def _pk(self, session: Any, event_id: str) -> int | None:
        resolved = self._resolve(session, event_id)
        if resolved is None:
            return None
        return session.scalar(select(EventRow.pk).where(EventRow.event_id_cnty == resolved))

    def get(self, event_id: str) -> Event | None:
        """The event with this id, following merges (a merged-away id gives the surviving event)."""
        columns = (EventRow.pk, EventRow.pk, *_read.event_columns(self.engine.dialect.name))
        with self._read() as conn:
            row = conn.execute(select(*columns).where(EventRow.event_id_cnty == event_id)).first()
            if row is None:
                alias = select(IdAliasRow.event_id_cnty).where(IdAliasRow.alias == event_id).scalar_subquery()
                row = conn.execute(select(*columns).where(EventRow.event_id_cnty == alias)).first()
            return decode_event(row) if row is not None else None

    def events(self, filters: EventFilter | None = None, limit: int | None = None, offset: int = 0,
               order: str = "event_date", *, after: str | None = None) -> list[Event]:
        """Stored events that pass ``filters``, ordered (``-`` prefix: descending), paged.

        ``order`` is one of ``filters.ORDERS`` (event_date, timestamp, fatalities, event_id_cnty,
        country, event_type, confidence, created). Pages go by ``offset`` or, faster and stable while
        events arrive, after a cursor (``after``: :meth:`page`'s ``cursor``).

        Raises:
            InvalidFilter: [E502] an unusable filter value, order or cursor; UnparseableDate [E303] a bad date.
        """
        return self.page(filters, limit=limit, offset=offset, order=order, after=after).events

    def page(self, filters: EventFilter | None = None, *, limit: int | None = 100, offset: int = 0,
             order: str = "event_date", after: str | None = None, total: bool = False,
             fields: Sequence[str] | None = None) -> Page:
        """A page of events, with the cursor of the next page (and, with ``total``, the number of matches,
        read in the same transaction).

        With ``fields`` (names of Event fields), the page holds plain dicts instead of Events: what
        ``Event.to_dict()`` gives, for those fields only, and only their columns are read (for
        serialising: a map needs no evidence).

        Example:
            >>> page = store.page(EventFilter(country="Mali"), limit=100, order="-event_date")
            >>> while page.cursor:
            ...     page = store.page(EventFilter(country="Mali"), limit=100, order="-event_date",
            ...                       after=page.cursor)

        Raises:
            InvalidFilter: [E502] an unusable filter value, order or cursor (or both offset and after).
            ValueError: a name in ``fields`` that is not a field of Event.
        """
        if after and offset:
            raise InvalidFilter("use either offset or a cursor (after), not both", name="offset", value=offset)
        with self._read() as conn:
            return Reader(conn, self.search, self._counts).page(
                filters, order=order, limit=limit, offset=int(offset or 0), after=after, total=total,
                fields=None if fields is None else tuple(fields))

    def iter_events(self, filters: EventFilter | None = None, order: str = "event_date",
                    batch: int = 1000, *, limit: int | None = None) -> Iterator[Event]:
        """Every event that passes ``filters`` (the first ``limit`` of them, when given), read ``batch`` rows
        at a time page after page by keyset cursor: memory stays that of one page however many events
        match (for exports and listings).

        Each page is read in a transaction of its own, so no connection is held while the caller writes
        out a page; an event added during the walk after the position reached is seen, none is seen twice.
        """
        cursor: str | None = None
        left = limit
        while left is None or left > 0:
            page = self.page(filters, limit=batch if left is None else min(batch, left), order=order,
                             after=cursor)
            yield from page.events
            if left is not None:
                left -= len(page.events)
            cursor = page.cursor
            if cursor is None:
                return

    def count(self, filters: EventFilter | None = None) -> int:
        """How many stored events pass ``filters`` (counted once per state of the data: see
        :meth:`data_version`)."""
        with self._read() as conn:
            return Reader(conn, self.search, self._counts).count(filters)

    def reports_of(self, event_id: str) -> list[Report]:
        """The reports merged into an event, by publication date (then id)."""
        with read_session(self.engine) as session:
            pk = self._pk(session, event_id)
            if pk is None:
                return []
            ids = select(EventMentionRow.report_id).where(EventMentionRow.event_pk == pk)
            rows = session.scalars(select(ReportRow).where(ReportRow.id.in_(ids))
                                   .order_by(ReportRow.published, ReportRow.id))
            return [row_to_report(r) for r in rows]

    def mentions_of(self, event_id: str) -> list[Mention]:
        """What each report said about an event (with evidence offsets), in coding order."""
        from eventcoder.fuse import canonical_order

        with read_session(self.engine) as session:
            pk = self._pk(session, event_id)
            if pk is None:
                return []
            rows = session.scalars(select(EventMentionRow.mention).where(EventMentionRow.event_pk == pk))
            return canonical_order(mention_from_json(r) for r in rows)

    def history(self, event_id: str) -> list[HistoryEntry]:
        """Every change of an event's fields, oldest first, with its cause; includes the history of the
        events merged into it."""
        with read_session(self.engine) as session:
            resolved = self._resolve(session, event_id)
            if resolved is None:
                return []
            aliases = list(session.scalars(select(IdAliasRow.alias).where(IdAliasRow.event_id_cnty == resolved)))
            rows = session.scalars(select(EventHistoryRow)
                                   .where(EventHistoryRow.event_id_cnty.in_([resolved, *aliases]))
                                   .order_by(EventHistoryRow.pk))
            return [HistoryEntry(r.event_id_cnty, r.field, r.old_value, r.new_value, r.report_id, r.rule,
                                 r.changed_at) for r in rows]

    def aggregates(self, period: str | None = "month", by: str | None = None,
                   filters: EventFilter | None = None) -> list[dict[str, Any]]:
        """Event counts and fatalities per period (``day``, ``week``, ``month``) and per ``by`` (``country``,
        ``admin1``, ``admin2``, ``actor1``, ``event_type`` or ``None``).

        Returns rows like ``{"period": "2023-04-01", "country": "Mali", "events": 3, "fatalities": 17}``
        (``period`` is the first day: the Monday for weeks); sorted by period, then key.

        Raises:
            InvalidFilter: [E502] an unknown period or ``by``.
        """
        with read_session(self.engine) as session:
            return _aggregate.aggregates(session, period, by, filters, search=self.search)
