"""Alembic migrations shipped in the package (``store/migrations/``), run from code.

``EventStore`` upgrades the schema when it opens a database (``upgrade=False`` only checks it), and
``eventcoder db upgrade`` does it on demand. A database written by a newer eventcoder (a revision this one
does not know) is never touched: opening it raises :class:`~eventcoder.errors.SchemaOutOfDate`.

Opening a database whose schema is at head (the common case) does not import Alembic (a fifth of a second
of start-up): the head is read off the version files' ``revision``/``down_revision`` assignments and the
database's revision off Alembic's version table. Anything else (an empty database, a schema behind or
ahead) goes through Alembic.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from eventcoder.errors import SchemaOutOfDate
from eventcoder.store._session import FUSE_LOCK_KEY, translate_db_errors

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["MIGRATIONS", "current_revision", "ensure_schema", "head_revision", "shipped_head", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default, which migrations/env.py keeps


def _assigned(path: Path) -> dict[str, Any]:
    """The literal values a migration file assigns at module level (``revision``, ``down_revision``)."""
    found: dict[str, Any] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value:
                    try:
                        found[target.id] = ast.literal_eval(node.value)
                    except ValueError:
                        found[target.id] = None
    return found


@cache
def shipped_head() -> str | None:
    """The head of the shipped migrations, read without Alembic: the one revision that no other names as
    its ``down_revision``; ``None`` when that is not one revision (Alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        values = _assigned(path)
        if isinstance(values.get("revision"), str):
            revisions.add(values["revision"])
        down = values.get("down_revision")
        parents.update([down] if isinstance(down, str) else list(down or ()))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revisions(connection: Connection) -> tuple[str, ...]:
    """The revisions in the database's version table (none for an empty database), read without Alembic."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return ()
    return tuple(connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())


def _at_head(engine: Engine) -> str | None:
    """The head revision when the database is at it (one read, no Alembic), else ``None``."""
    with translate_db_errors(engine.url), engine.connect() as conn:
        stored = _stored_revisions(conn)
        conn.rollback()
    return stored[0] if stored and stored == (shipped_head(),) else None


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration this eventcoder ships (as Alembic reads it)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown revision
        return False


def current_revision(connection: Connection) -> str | None:
    """The database's schema revision (``None`` for an empty database)."""
    from alembic.runtime.migration import MigrationContext

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
    at_head = _at_head(engine) if revision == "head" else None
    if at_head is not None:
        return at_head, at_head
    with translate_db_errors(engine.url), engine.connect() as conn:
        conn = conn.execution_options(eventcoder_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FUSE_LOCK_KEY})
            before = current_revision(conn)
            _check_known(before)
            if before != head_revision() or revision != "head":
                from alembic import command

                command.upgrade(_config(conn), revision)
            after = current_revision(conn)
    return before, after


def ensure_schema(engine: Engine, *, upgrade_schema: bool = True) -> str | None:
    """Bring the schema to head (or, with ``upgrade_schema=False``, check that it is there).

    Raises:
        SchemaOutOfDate: [E501] behind head and not allowed to upgrade, or ahead of this eventcoder.
    """
    at_head = _at_head(engine)
    if at_head is not None:  # nothing to do, and no Alembic to import
        return at_head
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
