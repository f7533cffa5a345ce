"""The monitor's tables (SQLAlchemy 2 Core, their own ``MetaData``), in the event store's database.

They are created and changed only by the monitor's own Alembic environment (``monitor/migrations/``, version
table ``alembic_version_monitor``), so the store's migrations never see them.

    monitor_sources     one row per configured source: validators (ETag, Last-Modified), last poll and
                        success, error counts, the time of the next poll (backoff)
    monitor_items       every item seen, per source: its identity (key + revision), canonical URL, text hash,
                        MinHash signature, processing state (pending -> ingesting -> done/duplicate/...),
                        the report id it became and what ingesting it did
    monitor_changes     what one report did to one event (new / updated / status_changed, with the fields)
    monitor_deliveries  one row per alert rule x channel x change: state, attempts, next attempt, last error
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["ITEM_STATES", "changes", "deliveries", "items", "metadata", "sources"]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

# pending: waiting for the pipeline; ingesting: handed to the store (a crash here is recovered from the
# store's history); done: ingested; duplicate / near_duplicate: not run (see duplicate_of); failed: no text.
ITEM_STATES = ("pending", "ingesting", "done", "duplicate", "near_duplicate", "failed")

sources = Table(
    "monitor_sources", metadata,
    Column("name", String(80), primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("location", Text, nullable=False),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("polls", Integer, nullable=False, default=0),
    Column("last_poll_at", Double),
    Column("last_success_at", Double),
    Column("last_status", String(20)),
    Column("last_error", Text),
    Column("last_error_at", Double),
    Column("error_count", Integer, nullable=False, default=0),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("next_poll_at", Double),
    Column("items_seen", Integer, nullable=False, default=0),
)

items = Table(
    "monitor_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(80), nullable=False),
    Column("item_key", String(2048), nullable=False),
    Column("revision", String(32), nullable=False),
    Column("canonical_url", String(2048)),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(10)),
    Column("payload", JSON, nullable=False),
    Column("state", String(20), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Double),
    Column("text_hash", String(64)),
    Column("figures", Text),
    Column("signature", JSON),
    Column("report_id", String(64)),
    Column("duplicate_of", Integer, ForeignKey("monitor_items.id", ondelete="SET NULL")),
    Column("result", JSON),
    Column("error", Text),
    Column("first_seen_at", Double, nullable=False),
    Column("processed_at", Double),
    UniqueConstraint("source", "item_key", "revision"),
    Index(None, "state", "next_attempt_at"),
    Index(None, "canonical_url"),
    Index(None, "text_hash"),
    Index(None, "report_id"),
    Index(None, "processed_at"),
    Index(None, "source", "item_key"),
)

changes = Table(
    "monitor_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), nullable=False),
    Column("report_id", String(64), nullable=False),
    Column("item_id", Integer, ForeignKey("monitor_items.id", ondelete="SET NULL")),
    Column("kind", String(20), nullable=False),
    Column("kinds", String(60), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("detected_at", Double, nullable=False),
    UniqueConstraint("event_id", "report_id"),
    Index(None, "detected_at"),
)

deliveries = Table(
    "monitor_deliveries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("change_id", Integer, ForeignKey("monitor_changes.id", ondelete="CASCADE"), nullable=False),
    Column("rule", String(80), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("target", Text, nullable=False),
    Column("event_id", String(32), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("state", String(12), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Double, nullable=False),
    Column("last_error", Text),
    Column("created_at", Double, nullable=False),
    Column("sent_at", Double),
    UniqueConstraint("rule", "channel", "change_id"),
    Index(None, "state", "next_attempt_at"),
)
