"""Monitor tables: sources, items, changes, deliveries.

Revision ID: m0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monitor_sources",
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("polls", sa.Integer(), nullable=False),
        sa.Column("last_poll_at", sa.Double(), nullable=True),
        sa.Column("last_success_at", sa.Double(), nullable=True),
        sa.Column("last_status", sa.String(20), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.Double(), nullable=True),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("next_poll_at", sa.Double(), nullable=True),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_monitor_sources")),
    )
    op.create_table(
        "monitor_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(80), nullable=False),
        sa.Column("item_key", sa.String(2048), nullable=False),
        sa.Column("revision", sa.String(32), nullable=False),
        sa.Column("canonical_url", sa.String(2048), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.Double(), nullable=True),
        sa.Column("text_hash", sa.String(64), nullable=True),
        sa.Column("figures", sa.Text(), nullable=True),
        sa.Column("signature", sa.JSON(), nullable=True),
        sa.Column("report_id", sa.String(64), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("first_seen_at", sa.Double(), nullable=False),
        sa.Column("processed_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["duplicate_of"], ["monitor_items.id"], ondelete="SET NULL",
                                name=op.f("fk_monitor_items_duplicate_of_monitor_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitor_items")),
        sa.UniqueConstraint("source", "item_key", "revision",
                            name=op.f("uq_monitor_items_source_item_key_revision")),
    )
    op.create_index(op.f("ix_monitor_items_state_next_attempt_at"), "monitor_items",
                    ["state", "next_attempt_at"])
    op.create_index(op.f("ix_monitor_items_canonical_url"), "monitor_items", ["canonical_url"])
    op.create_index(op.f("ix_monitor_items_text_hash"), "monitor_items", ["text_hash"])
    op.create_index(op.f("ix_monitor_items_report_id"), "monitor_items", ["report_id"])
    op.create_index(op.f("ix_monitor_items_processed_at"), "monitor_items", ["processed_at"])
    op.create_index(op.f("ix_monitor_items_source_item_key"), "monitor_items", ["source", "item_key"])
    op.create_table(
        "monitor_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("report_id", sa.String(64), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("kinds", sa.String(60), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("detected_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["monitor_items.id"], ondelete="SET NULL",
                                name=op.f("fk_monitor_changes_item_id_monitor_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitor_changes")),
        sa.UniqueConstraint("event_id", "report_id", name=op.f("uq_monitor_changes_event_id_report_id")),
    )
    op.create_index(op.f("ix_monitor_changes_detected_at"), "monitor_changes", ["detected_at"])
    op.create_table(
        "monitor_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(80), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.Double(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.Column("sent_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["change_id"], ["monitor_changes.id"], ondelete="CASCADE",
                                name=op.f("fk_monitor_deliveries_change_id_monitor_changes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitor_deliveries")),
        sa.UniqueConstraint("rule", "channel", "change_id",
                            name=op.f("uq_monitor_deliveries_rule_channel_change_id")),
    )
    op.create_index(op.f("ix_monitor_deliveries_state_next_attempt_at"), "monitor_deliveries",
                    ["state", "next_attempt_at"])


def downgrade() -> None:
    op.drop_table("monitor_deliveries")
    op.drop_table("monitor_changes")
    op.drop_table("monitor_items")
    op.drop_table("monitor_sources")
