"""The monitor's own Alembic environment: its tables match the models, its version table is its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from eventcoder.errors import SchemaOutOfDate
from eventcoder.monitor._migrate import VERSION_TABLE, ensure_monitor_schema, monitor_schema_present
from eventcoder.monitor._tables import metadata
from eventcoder.store import EventStore


def test_migrations_match_the_models(tmp_path: Path) -> None:
    with EventStore(f"sqlite:///{tmp_path / 'events.db'}") as store:
        assert not monitor_schema_present(store.engine)
        assert ensure_monitor_schema(store.engine) == "m0001"
        assert ensure_monitor_schema(store.engine) == "m0001"  # idempotent
        assert monitor_schema_present(store.engine)
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={
                "version_table": VERSION_TABLE, "compare_type": True,
                "include_object": lambda obj, name, type_, reflected, compare_to: (
                    name in metadata.tables if type_ == "table" else obj.table.name in metadata.tables)})
            assert compare_metadata(context, metadata) == []
            versions = {row[0] for row in conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}
            store_version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert versions == {"m0001"} and store_version and store_version != "m0001"
        tables = set(inspect(store.engine).get_table_names())
        assert {"monitor_sources", "monitor_items", "monitor_changes", "monitor_deliveries", VERSION_TABLE,
                "alembic_version", "events"} <= tables


def test_newer_monitor_schema_is_left_alone(tmp_path: Path) -> None:
    with EventStore(f"sqlite:///{tmp_path / 'events.db'}") as store:
        ensure_monitor_schema(store.engine)
        with store.engine.begin() as conn:
            conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = 'm9999'"))
        with pytest.raises(SchemaOutOfDate, match="monitor revision m9999"):
            ensure_monitor_schema(store.engine)
