"""Alembic environment for eventcoder's store.

eventcoder runs the migrations itself (``EventStore`` on open, ``eventcoder db upgrade``) and passes its
connection in ``config.attributes["connection"]``. Run by hand (``alembic -c alembic.ini``), the URL comes
from ``sqlalchemy.url`` or ``$EVENTCODER_DB``.
"""

from __future__ import annotations

from alembic import context

from eventcoder.store._session import default_url, make_engine
from eventcoder.store.tables import METADATA

config = context.config
target_metadata = METADATA


def _run(connection: object) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url") or default_url(),
                      target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or default_url())
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
