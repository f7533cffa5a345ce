"""The database tables (SQLAlchemy Core tables, with a row class each for the ORM).

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

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect

__all__ = [
    "COVERING",
    "METADATA",
    "UNMODELLED",
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
    "TableRow",
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


METADATA = MetaData(naming_convention=NAMING)
"""eventcoder's tables (constraint names fixed, so migrations can name them)."""


class TableRow:
    """A table's row class: ``__table__`` is the (Core) table, and each column is an attribute of the class
    (``EventRow.pk``), for queries. :mod:`eventcoder.store._orm` maps these classes for the ORM (objects
    of rows, sessions) when a command first needs it: one that only reads events never imports the ORM."""

    __table__: Table
    __tablename__: str

    def __init_subclass__(cls) -> None:
        cls.__tablename__ = cls.__table__.name
        for column in cls.__table__.columns:
            setattr(cls, column.key, column)


def _event_report_keys() -> tuple[Column[Any], ...]:
    """The key of a row derived from one report's mention of one event, and the event and report it is of."""
    return (Column("pk", Integer, primary_key=True, autoincrement=True),
            Column("event_pk", ForeignKey("events.pk", ondelete="CASCADE"), index=True, nullable=False),
            Column("report_id", ForeignKey("reports.id"), index=True, nullable=False))


def _evidence_span() -> tuple[Column[Any], ...]:
    """Where in its report a derived row was read: character offsets and the text between them."""
    return (Column("evidence_start", Integer, nullable=True), Column("evidence_end", Integer, nullable=True),
            Column("evidence_text", Text, nullable=True))


class ReportRow(TableRow):
    __table__ = Table("reports", METADATA,
        Column("id", String(200), primary_key=True),
        Column("text", Text, nullable=False),
        Column("url", Text, nullable=True),
        Column("outlet", String(300), nullable=True),
        Column("published", String(10), index=True, nullable=True),
        Column("language", String(8), nullable=True),
        Column("title", Text, nullable=True),
        Column("hash", String(64), unique=True, nullable=False),
        Column("ingested_at", DateTime(timezone=True), nullable=False),
        Column("mention_count", Integer, default=0, nullable=False),
    )


class EventRow(TableRow):
    __table__ = Table("events", METADATA,
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("event_id_cnty", String(32), unique=True, nullable=False),
        Column("event_date", Date, nullable=True),
        Column("year", Integer, default=0, nullable=False),
        Column("time_precision", Integer, default=1, nullable=False),
        Column("disorder_type", String(64), default="", nullable=False),
        Column("event_type", String(64), default="", nullable=False),
        Column("sub_event_type", String(64), default="", nullable=False),
        Column("actor1", String(300), default="", nullable=False),
        Column("assoc_actor_1", Text, default="", nullable=False),
        Column("inter1", Integer, default=0, nullable=False),
        Column("actor2", String(300), default="", nullable=False),
        Column("assoc_actor_2", Text, default="", nullable=False),
        Column("inter2", Integer, default=0, nullable=False),
        Column("interaction", Integer, default=0, nullable=False),
        Column("civilian_targeting", String(32), default="", nullable=False),
        Column("iso", Integer, default=0, nullable=False),
        Column("region", String(64), default="", nullable=False),
        Column("country", String(100), default="", nullable=False),
        Column("admin1", String(200), default="", nullable=False),
        Column("admin2", String(200), default="", nullable=False),
        Column("admin3", String(200), default="", nullable=False),
        Column("location", String(300), default="", nullable=False),
        Column("latitude", Double, nullable=True),
        Column("longitude", Double, nullable=True),
        Column("geo_precision", Integer, default=3, nullable=False),
        Column("source", Text, default="", nullable=False),
        Column("source_scale", String(100), default="", nullable=False),
        Column("notes", Text, default="", nullable=False),
        Column("fatalities", Integer, default=0, nullable=False),
        Column("tags", Text, default="", nullable=False),
        Column("timestamp", BigInteger, default=0, nullable=False),
        Column("fatalities_low", Integer, default=0, nullable=False),
        Column("fatalities_high", Integer, default=0, nullable=False),
        Column("fatality_reports", JsonType, nullable=False),
        Column("hostages", Integer, nullable=True),
        Column("claimed_by", String(300), nullable=True),
        Column("claim_date", String(10), nullable=True),
        Column("claim_channel", String(300), nullable=True),
        Column("status", String(16), default="reported", nullable=False),
        Column("confirmed_by", JsonType, nullable=False),
        Column("denied_by", JsonType, nullable=False),
        Column("report_ids", JsonType, nullable=False),
        Column("evidence", JsonType, nullable=False),
        Column("confidence", Double, default=0.5, nullable=False),
        Column("language", JsonType, nullable=False),
        Column("mention_ids", JsonType, nullable=False),
        Column("quality_flags", JsonType, nullable=False),
        Column("coder_version", String(64), default="", nullable=False),
        # derived, for aggregation without dialect-specific date functions
        Column("period_week", Date, nullable=True),  # the Monday of event_date's ISO week
        Column("period_month", Date, nullable=True),  # the first day of event_date's month
        Column("created_at", DateTime(timezone=True), nullable=False),
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


class EventMentionRow(TableRow):
    __table__ = Table("event_mentions", METADATA,
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("event_pk", ForeignKey("events.pk", ondelete="CASCADE"), index=True, nullable=False),
        Column("report_id", ForeignKey("reports.id"), index=True, nullable=False),
        Column("mention_id", String(250), nullable=False),
        Column("position", Integer, default=0, nullable=False),
        Column("published", String(10), nullable=True),
        Column("event_date", Date, nullable=True),
        Column("time_precision", Integer, default=1, nullable=False),
        Column("latitude", Double, nullable=True),
        Column("longitude", Double, nullable=True),
        Column("geo_precision", Integer, default=3, nullable=False),
        Column("country", String(100), default="", nullable=False),
        Column("admin1", String(200), default="", nullable=False),
        Column("mention", JsonType, nullable=False),  # convert.mention_to_json
        Column("evidence", JsonType, nullable=False),  # {field: [[start, end], ...]} offsets into the report
        UniqueConstraint("mention_id"),  # mention ids are unique across reports ("REPORT_ID:N")
        # the mention coded alone: for the neighbourhood of a late report (what each report said, not
        # only what the merged event says), by the same indexed date range + bounding box as events
        Index("ix_event_mentions_precision_date", "time_precision", "event_date", "latitude", "longitude"),
        Index("ix_event_mentions_date_lat_lon", "event_date", "latitude", "longitude"),
    )


class FatalityReportRow(TableRow):
    __table__ = Table("fatality_reports", METADATA,
        *_event_report_keys(),
        Column("count", Integer, nullable=False),
        Column("by", String(300), default="", nullable=False),
        Column("side", String(32), default="total", nullable=False),
        Column("qualifier", String(64), default="", nullable=False),
        Column("credible", Boolean, default=True, nullable=False),
        Column("revised", Boolean, default=False, nullable=False),
        Column("date", String(10), nullable=True),
        *_evidence_span(),
    )


class ClaimRow(TableRow):
    __table__ = Table("claims", METADATA,
        *_event_report_keys(),
        Column("kind", String(16), nullable=False),  # claim, confirm, deny
        Column("by", String(300), default="", nullable=False),
        Column("date", String(10), nullable=True),
        Column("channel", String(300), nullable=True),
        *_evidence_span(),
    )


class EventHistoryRow(TableRow):
    __table__ = Table("event_history", METADATA,
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("event_id_cnty", String(32), index=True, nullable=False),
        Column("field", String(64), nullable=False),
        Column("old_value", JsonType, nullable=True),
        Column("new_value", JsonType, nullable=True),
        Column("report_id", String(200), nullable=True),
        Column("rule", Text, default="", nullable=False),
        Column("changed_at", BigInteger, nullable=False),  # unix time, like events.timestamp
    )


class IdAliasRow(TableRow):
    __table__ = Table("id_aliases", METADATA,
        Column("alias", String(32), primary_key=True),
        Column("event_id_cnty", String(32), index=True, nullable=False),
        Column("report_id", String(200), nullable=True),
        Column("merged_at", BigInteger, nullable=False),
    )


class IdCounterRow(TableRow):
    __table__ = Table("id_counters", METADATA,
        Column("iso3", String(3), primary_key=True),
        Column("last_number", Integer, default=0, nullable=False),
    )


class EventActorRow(TableRow):
    """One actor name of an event; rewritten with the event's coding (``role``: actor1, actor2,
    assoc_actor_1, assoc_actor_2 or claimed_by)."""

    __table__ = Table("event_actors", METADATA,
        Column("event_pk", ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
        Column("role", String(16), primary_key=True),
        Column("name", String(300), primary_key=True),
        Index("ix_event_actors_name_event_pk", "name", "event_pk"),
    )


class DataVersionRow(TableRow):
    """The one row (``id = 1``) that says when the stored events last changed."""

    __table__ = Table("data_version", METADATA,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("version", BigInteger, default=0, nullable=False),  # moves with every write transaction
        Column("changed_at", BigInteger, default=0, nullable=False),  # unix time of the last write
    )
