"""Alembic migrations shipped in the package (``store/migrations/``), run from code.

``EventStore`` upgrades the schema when it opens a database (``upgrade=False`` only checks it), and
``eventcoder db upgrade`` does it on demand. A database written by a newer eventcoder (a revision this one
does not know) is never touched: opening it raises :class:`~eventcoder.errors.SchemaOutOfDate`.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from eventcoder.errors import SchemaOutOfDate
from eventcoder.store._session import FUSE_LOCK_KEY, translate_db_errors

__all__ = ["MIGRATIONS", "current_revision", "ensure_schema", "head_revision", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration this eventcoder ships."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown revision
        return False


def current_revision(connection: Connection) -> str | None:
    """The database's schema revision (``None`` for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


def _check_known(found: str | None) -> None:
    if found is not None and not _known(found):
        raise SchemaOutOfDate(found=found, expected=head_revision())


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate the database to ``revision``; returns (revision before, revision after).

    Runs in one write transaction (DDL is transactional in SQLite and PostgreSQL), so a failed
    migration leaves the schema as it was.

    Raises:
        SchemaOutOfDate: [E501] the database is at a revision this eventcoder does not know.
        StoreError: [E500] the database refused.
    """
    with translate_db_errors(engine.url), engine.connect() as conn:
        conn = conn.execution_options(eventcoder_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FUSE_LOCK_KEY})
            before = current_revision(conn)
            _check_known(before)
            if before != head_revision() or revision != "head":
                command.upgrade(_config(conn), revision)
            after = current_revision(conn)
    return before, after


def ensure_schema(engine: Engine, *, upgrade_schema: bool = True) -> str | None:
    """Bring the schema to head (or, with ``upgrade_schema=False``, check that it is there).

    Raises:
        SchemaOutOfDate: [E501] behind head and not allowed to upgrade, or ahead of this eventcoder.
    """
    with translate_db_errors(engine.url), engine.connect() as conn:
        found = current_revision(conn)
        conn.rollback()
    head = head_revision()
    if found == head:
        return found
    _check_known(found)
    if not upgrade_schema:
        raise SchemaOutOfDate(found=found or "an empty database", expected=head)
    return upgrade(engine)[1]
