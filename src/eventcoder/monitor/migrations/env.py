"""Alembic environment of the monitor's tables (their own version table, ``alembic_version_monitor``).

The monitor runs these migrations itself when it opens a database (:func:`eventcoder.monitor._migrate
.ensure_monitor_schema`), passing its connection in ``config.attributes["connection"]``. Only the monitor's
tables are compared (``include_object``), so the store's tables never show up as "removed" here.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from eventcoder.monitor._tables import metadata

VERSION_TABLE = "alembic_version_monitor"
config = context.config


def _ours(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "table":
        return name in metadata.tables
    table = getattr(obj, "table", None)
    return table is None or table.name in metadata.tables


def _configure(**kwargs: Any) -> None:
    context.configure(target_metadata=metadata, version_table=VERSION_TABLE, include_object=_ours,
                      render_as_batch=True, compare_type=True, **kwargs)


def run_migrations_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///eventcoder.db")
        with engine.connect() as conn:
            _configure(connection=conn)
            with context.begin_transaction():
                context.run_migrations()
            conn.commit()
        return
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
