"""Initial schema: reports, events, mentions, fatality reports, claims, history, id aliases and counters.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _evidence_columns() -> list[sa.Column]:
    return [sa.Column("evidence_start", sa.Integer(), nullable=True),
            sa.Column("evidence_end", sa.Integer(), nullable=True),
            sa.Column("evidence_text", sa.Text(), nullable=True)]


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(300), nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reports"),
        sa.UniqueConstraint("hash", name="uq_reports_hash"),
    )
    op.create_index("ix_reports_published", "reports", ["published"])

    op.create_table(
        "events",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id_cnty", sa.String(32), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("disorder_type", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("actor1", sa.String(300), nullable=False),
        sa.Column("assoc_actor_1", sa.Text(), nullable=False),
        sa.Column("inter1", sa.Integer(), nullable=False),
        sa.Column("actor2", sa.String(300), nullable=False),
        sa.Column("assoc_actor_2", sa.Text(), nullable=False),
        sa.Column("inter2", sa.Integer(), nullable=False),
        sa.Column("interaction", sa.Integer(), nullable=False),
        sa.Column("civilian_targeting", sa.String(32), nullable=False),
        sa.Column("iso", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(64), nullable=False),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("admin1", sa.String(200), nullable=False),
        sa.Column("admin2", sa.String(200), nullable=False),
        sa.Column("admin3", sa.String(200), nullable=False),
        sa.Column("location", sa.String(300), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_scale", sa.String(100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("timestamp", sa.BigInteger(), nullable=False),
        sa.Column("fatalities_low", sa.Integer(), nullable=False),
        sa.Column("fatalities_high", sa.Integer(), nullable=False),
        sa.Column("fatality_reports", _json(), nullable=False),
        sa.Column("hostages", sa.Integer(), nullable=True),
        sa.Column("claimed_by", sa.String(300), nullable=True),
        sa.Column("claim_date", sa.String(10), nullable=True),
        sa.Column("claim_channel", sa.String(300), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("confirmed_by", _json(), nullable=False),
        sa.Column("denied_by", _json(), nullable=False),
        sa.Column("report_ids", _json(), nullable=False),
        sa.Column("evidence", _json(), nullable=False),
        sa.Column("confidence", sa.Double(), nullable=False),
        sa.Column("language", _json(), nullable=False),
        sa.Column("mention_ids", _json(), nullable=False),
        sa.Column("quality_flags", _json(), nullable=False),
        sa.Column("coder_version", sa.String(64), nullable=False),
        sa.Column("period_week", sa.Date(), nullable=True),
        sa.Column("period_month", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_events"),
        sa.UniqueConstraint("event_id_cnty", name="uq_events_event_id_cnty"),
    )
    op.create_index("ix_events_precision_date", "events", ["time_precision", "event_date", "latitude", "longitude"])
    op.create_index("ix_events_date_lat_lon", "events", ["event_date", "latitude", "longitude"])
    op.create_index("ix_events_lat_lon", "events", ["latitude", "longitude"])
    op.create_index("ix_events_country_date", "events", ["country", "event_date"])
    op.create_index("ix_events_admin1", "events", ["admin1"])
    op.create_index("ix_events_event_type", "events", ["event_type"])
    op.create_index("ix_events_actor1", "events", ["actor1"])
    op.create_index("ix_events_actor2", "events", ["actor2"])
    op.create_index("ix_events_status", "events", ["status"])
    op.create_index("ix_events_timestamp", "events", ["timestamp"])

    op.create_table(
        "event_mentions",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.String(200), nullable=False),
        sa.Column("mention_id", sa.String(250), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("admin1", sa.String(200), nullable=False),
        sa.Column("mention", _json(), nullable=False),
        sa.Column("evidence", _json(), nullable=False),
        sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], name="fk_event_mentions_event_pk_events",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name="fk_event_mentions_report_id_reports"),
        sa.PrimaryKeyConstraint("pk", name="pk_event_mentions"),
        sa.UniqueConstraint("mention_id", name="uq_event_mentions_mention_id"),
    )
    op.create_index("ix_event_mentions_event_pk", "event_mentions", ["event_pk"])
    op.create_index("ix_event_mentions_report_id", "event_mentions", ["report_id"])
    op.create_index("ix_event_mentions_precision_date", "event_mentions",
                    ["time_precision", "event_date", "latitude", "longitude"])
    op.create_index("ix_event_mentions_date_lat_lon", "event_mentions", ["event_date", "latitude", "longitude"])

    for table in ("fatality_reports", "claims"):
        specific = [
            sa.Column("count", sa.Integer(), nullable=False),
            sa.Column("by", sa.String(300), nullable=False),
            sa.Column("side", sa.String(32), nullable=False),
            sa.Column("qualifier", sa.String(64), nullable=False),
            sa.Column("credible", sa.Boolean(), nullable=False),
            sa.Column("revised", sa.Boolean(), nullable=False),
            sa.Column("date", sa.String(10), nullable=True),
        ] if table == "fatality_reports" else [
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("by", sa.String(300), nullable=False),
            sa.Column("date", sa.String(10), nullable=True),
            sa.Column("channel", sa.String(300), nullable=True),
        ]
        op.create_table(
            table,
            sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("event_pk", sa.Integer(), nullable=False),
            sa.Column("report_id", sa.String(200), nullable=False),
            *specific,
            *_evidence_columns(),
            sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], name=f"fk_{table}_event_pk_events",
                                    ondelete="CASCADE"),
            sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=f"fk_{table}_report_id_reports"),
            sa.PrimaryKeyConstraint("pk", name=f"pk_{table}"),
        )
        op.create_index(f"ix_{table}_event_pk", table, ["event_pk"])
        op.create_index(f"ix_{table}_report_id", table, ["report_id"])

    op.create_table(
        "event_history",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id_cnty", sa.String(32), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old_value", _json(), nullable=True),
        sa.Column("new_value", _json(), nullable=True),
        sa.Column("report_id", sa.String(200), nullable=True),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_event_history"),
    )
    op.create_index("ix_event_history_event_id_cnty", "event_history", ["event_id_cnty"])

    op.create_table(
        "id_aliases",
        sa.Column("alias", sa.String(32), nullable=False),
        sa.Column("event_id_cnty", sa.String(32), nullable=False),
        sa.Column("report_id", sa.String(200), nullable=True),
        sa.Column("merged_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("alias", name="pk_id_aliases"),
    )
    op.create_index("ix_id_aliases_event_id_cnty", "id_aliases", ["event_id_cnty"])

    op.create_table(
        "id_counters",
        sa.Column("iso3", sa.String(3), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("iso3", name="pk_id_counters"),
    )


def downgrade() -> None:
    for table in ("id_counters", "id_aliases", "event_history", "claims", "fatality_reports", "event_mentions",
                  "events", "reports"):
        op.drop_table(table)
