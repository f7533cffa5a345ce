"""The monitor's Alembic migrations (``monitor/migrations/``), applied automatically when a monitor opens.

They share the store's database (same URL) but keep their own version table, ``alembic_version_monitor``, so
the store's migrations and the monitor's never touch each other. A database whose monitor tables were written
by a newer eventcoder is left alone: :class:`~eventcoder.errors.SchemaOutOfDate`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import exc, inspect, text
from sqlalchemy.engine import Connection, Engine

from eventcoder.errors import SchemaOutOfDate, StoreError

if TYPE_CHECKING:  # Alembic loads when a migration runs: reading the monitor's tables needs none of it
    from alembic.config import Config

__all__ = ["MIGRATIONS", "VERSION_TABLE", "ensure_monitor_schema", "monitor_schema_present"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version_monitor"
LOCK_KEY = 0x4D4F4E49  # "MONI": advisory lock serialising monitor migrations on PostgreSQL


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def _current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_revision()


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown revision
        return False


def monitor_schema_present(engine: Engine) -> bool:
    """Does this database hold the monitor's tables (has a monitor ever run on it)?"""
    try:
        return bool(inspect(engine).has_table("monitor_sources"))
    except exc.SQLAlchemyError:
        return False


def ensure_monitor_schema(engine: Engine) -> str:
    """Bring the monitor's tables to head; returns the revision.

    Raises:
        SchemaOutOfDate: [E501] the monitor tables were written by a newer eventcoder.
        StoreError: [E500] the database refused.
    """
    head = _head()
    try:
        with engine.connect() as conn:
            found = _current(conn)
            conn.rollback()
        if found == head:
            return head
        with engine.connect() as conn:
            conn = conn.execution_options(eventcoder_write=True)  # BEGIN IMMEDIATE on the store's SQLite engines
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
                found = _current(conn)
                if found is not None and not _known(found):
                    raise SchemaOutOfDate(found=f"monitor revision {found}", expected=f"monitor revision {head}")
                if found != head:
                    from alembic import command

                    command.upgrade(_config(conn), "head")
        return head
    except exc.SQLAlchemyError as error:
        raise StoreError(f"cannot create the monitor's tables: {str(getattr(error, 'orig', error)).strip()}") \
            from error
