"""The database tables (SQLAlchemy 2 declarative models).

These models never leave ``eventcoder.store``: :mod:`eventcoder.store.convert` turns rows into records.
The schema itself is created and changed only by the Alembic migrations in ``store/migrations/``;
``tests/store/test_store_schema.py`` checks that the migrations and these models agree.

    reports          one row per report (full text, url, outlet, published, language, title, content hash)
    events           one row per event: every SCHEMA.md field, JSON for the list/object fields
    event_mentions   what each report said about an event: the serialised Mention, its evidence offsets
    fatality_reports every death toll of an event, with its speaker and report (derived from the mentions)
    claims           claims, confirmations and denials of an event (derived from the mentions)
    event_history    every change of every field of an event, with its cause (report, rule)
    id_aliases       ids of events merged away -> the id of the event that absorbed them
    id_counters      the last number given per ISO3 code, so that ``event_id_cnty`` is never reused
    event_actors     every actor name of an event, one row per (event, role, name): actor1, actor2, each
                     associated actor, claimed_by (the actor filter reads it through an index)
    data_version     one row: a counter that every write moves, and the time of the last write (ETags,
                     Last-Modified, caches)

Text search needs dialect-specific objects that the models cannot express; migration 0002 makes them and
:data:`UNMODELLED` names them: on SQLite the FTS5 table ``events_fts`` (trigram tokenizer, external content
``events``, kept in sync by triggers); on PostgreSQL a GIN index over the searched columns, with pg_trgm
(``ix_events_search_trgm``) or, where that extension cannot be created, a ``tsvector``
(``ix_events_search_tsv``). See :mod:`eventcoder.store._search`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "COVERING",
    "UNMODELLED",
    "Base",
    "ClaimRow",
    "DataVersionRow",
    "EventActorRow",
    "EventHistoryRow",
    "EventMentionRow",
    "EventRow",
    "FatalityReportRow",
    "IdAliasRow",
    "IdCounterRow",
    "ReportRow",
]



class JsonDocument(TypeDecorator[Any]):
    """JSON; JSONB on PostgreSQL. The PostgreSQL dialect is imported only when a PostgreSQL database is used
    (a SQLite user's command does not pay for it at start-up)."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


JsonType = JsonDocument()

# the columns of ix_events_date_pk_covering, in order
COVERING = ("event_date", "pk", "country", "admin1", "admin2", "event_type", "sub_event_type", "status", "fatalities",
            "latitude", "longitude", "timestamp", "inter1", "inter2", "interaction", "period_week", "period_month")

# schema objects that the migrations create outside these models (text search: see the module docstring);
# schema comparisons leave them out
UNMODELLED = frozenset({
    "events_fts", "events_fts_data", "events_fts_idx", "events_fts_content", "events_fts_docsize",
    "events_fts_config", "ix_events_search_trgm", "ix_events_search_tsv",
})


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of eventcoder's tables (constraint names fixed, so migrations can name them)."""

    metadata = MetaData(naming_convention=NAMING)


class ReportRow(Base):
    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str | None] = mapped_column(String(8))
    title: Mapped[str | None] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    mention_count: Mapped[int] = mapped_column(Integer, default=0)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        # candidate lookup for fusion: per date precision, a date range, then a bounding box on the index
        Index("ix_events_precision_date", "time_precision", "event_date", "latitude", "longitude"),
        Index("ix_events_date_lat_lon", "event_date", "latitude", "longitude"),
        Index("ix_events_lat_lon", "latitude", "longitude"),
        Index("ix_events_country_date", "country", "event_date"),
        Index("ix_events_admin1", "admin1"),
        Index("ix_events_event_type", "event_type"),
        Index("ix_events_actor1", "actor1"),
        Index("ix_events_actor2", "actor2"),
        Index("ix_events_status", "status"),
        Index("ix_events_timestamp", "timestamp"),
        # the default sort (event_date, then creation order) followed by every column a plain filter or an
        # aggregate reads: pages, deep offsets and cursors walk it in order, and counts, filters and
        # aggregates are evaluated on it without reading the (wide) rows
        Index("ix_events_date_pk_covering", *COVERING),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id_cnty: Mapped[str] = mapped_column(String(32), unique=True)
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    year: Mapped[int] = mapped_column(Integer, default=0)
    time_precision: Mapped[int] = mapped_column(Integer, default=1)
    disorder_type: Mapped[str] = mapped_column(String(64), default="")
    event_type: Mapped[str] = mapped_column(String(64), default="")
    sub_event_type: Mapped[str] = mapped_column(String(64), default="")
    actor1: Mapped[str] = mapped_column(String(300), default="")
    assoc_actor_1: Mapped[str] = mapped_column(Text, default="")
    inter1: Mapped[int] = mapped_column(Integer, default=0)
    actor2: Mapped[str] = mapped_column(String(300), default="")
    assoc_actor_2: Mapped[str] = mapped_column(Text, default="")
    inter2: Mapped[int] = mapped_column(Integer, default=0)
    interaction: Mapped[int] = mapped_column(Integer, default=0)
    civilian_targeting: Mapped[str] = mapped_column(String(32), default="")
    iso: Mapped[int] = mapped_column(Integer, default=0)
    region: Mapped[str] = mapped_column(String(64), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    admin1: Mapped[str] = mapped_column(String(200), default="")
    admin2: Mapped[str] = mapped_column(String(200), default="")
    admin3: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[float | None] = mapped_column(Double)
    longitude: Mapped[float | None] = mapped_column(Double)
    geo_precision: Mapped[int] = mapped_column(Integer, default=3)
    source: Mapped[str] = mapped_column(Text, default="")
    source_scale: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    tags: Mapped[str] = mapped_column(Text, default="")
    timestamp: Mapped[int] = mapped_column(BigInteger, default=0)
    fatalities_low: Mapped[int] = mapped_column(Integer, default=0)
    fatalities_high: Mapped[int] = mapped_column(Integer, default=0)
    fatality_reports: Mapped[Any] = mapped_column(JsonType)
    hostages: Mapped[int | None] = mapped_column(Integer)
    claimed_by: Mapped[str | None] = mapped_column(String(300))
    claim_date: Mapped[str | None] = mapped_column(String(10))
    claim_channel: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default="reported")
    confirmed_by: Mapped[Any] = mapped_column(JsonType)
    denied_by: Mapped[Any] = mapped_column(JsonType)
    report_ids: Mapped[Any] = mapped_column(JsonType)
    evidence: Mapped[Any] = mapped_column(JsonType)
    confidence: Mapped[float] = mapped_column(Double, default=0.5)
    language: Mapped[Any] = mapped_column(JsonType)
    mention_ids: Mapped[Any] = mapped_column(JsonType)
    quality_flags: Mapped[Any] = mapped_column(JsonType)
    coder_version: Mapped[str] = mapped_column(String(64), default="")
    # derived, for aggregation without dialect-specific date functions
    period_week: Mapped[dt.date | None] = mapped_column(Date)  # the Monday of event_date's ISO week
    period_month: Mapped[dt.date | None] = mapped_column(Date)  # the first day of event_date's month
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class EventMentionRow(Base):
    __tablename__ = "event_mentions"
    __table_args__ = (
        UniqueConstraint("mention_id"),  # mention ids are unique across reports ("REPORT_ID:N")
        # the mention coded alone: for the neighbourhood of a late report (what each report said, not
        # only what the merged event says), by the same indexed date range + bounding box as events
        Index("ix_event_mentions_precision_date", "time_precision", "event_date", "latitude", "longitude"),
        Index("ix_event_mentions_date_lat_lon", "event_date", "latitude", "longitude"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    mention_id: Mapped[str] = mapped_column(String(250))
    position: Mapped[int] = mapped_column(Integer, default=0)
    published: Mapped[str | None] = mapped_column(String(10))
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    time_precision: Mapped[int] = mapped_column(Integer, default=1)
    latitude: Mapped[float | None] = mapped_column(Double)
    longitude: Mapped[float | None] = mapped_column(Double)
    geo_precision: Mapped[int] = mapped_column(Integer, default=3)
    country: Mapped[str] = mapped_column(String(100), default="")
    admin1: Mapped[str] = mapped_column(String(200), default="")
    mention: Mapped[Any] = mapped_column(JsonType)  # convert.mention_to_json
    evidence: Mapped[Any] = mapped_column(JsonType)  # {field: [[start, end], ...]} offsets into the report


class FatalityReportRow(Base):
    __tablename__ = "fatality_reports"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    count: Mapped[int] = mapped_column(Integer)
    by: Mapped[str] = mapped_column(String(300), default="")
    side: Mapped[str] = mapped_column(String(32), default="total")
    qualifier: Mapped[str] = mapped_column(String(64), default="")
    credible: Mapped[bool] = mapped_column(Boolean, default=True)
    revised: Mapped[bool] = mapped_column(Boolean, default=False)
    date: Mapped[str | None] = mapped_column(String(10))
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)
    evidence_text: Mapped[str | None] = mapped_column(Text)


class ClaimRow(Base):
    __tablename__ = "claims"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # claim, confirm, deny
    by: Mapped[str] = mapped_column(String(300), default="")
    date: Mapped[str | None] = mapped_column(String(10))
    channel: Mapped[str | None] = mapped_column(String(300))
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)
    evidence_text: Mapped[str | None] = mapped_column(Text)


class EventHistoryRow(Base):
    __tablename__ = "event_history"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id_cnty: Mapped[str] = mapped_column(String(32), index=True)
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[Any] = mapped_column(JsonType, nullable=True)
    new_value: Mapped[Any] = mapped_column(JsonType, nullable=True)
    report_id: Mapped[str | None] = mapped_column(String(200))
    rule: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[int] = mapped_column(BigInteger)  # unix time, like events.timestamp


class IdAliasRow(Base):
    __tablename__ = "id_aliases"

    alias: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_id_cnty: Mapped[str] = mapped_column(String(32), index=True)
    report_id: Mapped[str | None] = mapped_column(String(200))
    merged_at: Mapped[int] = mapped_column(BigInteger)


class IdCounterRow(Base):
    __tablename__ = "id_counters"

    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class EventActorRow(Base):
    """One actor name of an event; rewritten with the event's coding (``role``: actor1, actor2,
    assoc_actor_1, assoc_actor_2 or claimed_by)."""

    __tablename__ = "event_actors"
    __table_args__ = (Index("ix_event_actors_name_event_pk", "name", "event_pk"),)

    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), primary_key=True)


class DataVersionRow(Base):
    """The one row (``id = 1``) that says when the stored events last changed."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)  # moves with every write transaction
    changed_at: Mapped[int] = mapped_column(BigInteger, default=0)  # unix time of the last write
