"""Read path: the (event_date, pk) index, event_actors, data_version, and text search.

* ``ix_events_date_pk_covering``: the default sort (event_date, pk) followed by every column that a plain
  filter or an aggregate reads: pages, deep offsets and cursors walk it in order, and filters, counts and
  aggregates are evaluated on it without reading the wide rows.
* ``event_actors``: one row per (event, role, name), filled here from the stored events; ingest keeps it.
* ``data_version``: one row, a counter that every write moves and the time of the last write.
* Text search. SQLite: the FTS5 table ``events_fts`` with the trigram tokenizer (substring matches, like the
  ``LIKE '%...%'`` scan it replaces) over the events' searched columns, external content ``events``, kept in
  sync by three triggers; skipped when this SQLite has no FTS5 trigram tokenizer (searches then scan).
  PostgreSQL: ``CREATE EXTENSION pg_trgm`` and a GIN trigram index on the searched columns joined by
  U+001F (so a match cannot span two columns); where the extension cannot be created, a GIN ``tsvector``
  index on the same text (word prefixes, checked by ``ILIKE``).

Later migrations that rebuild ``events`` (Alembic batch mode on SQLite copies the table) drop the triggers
and must create them again (:func:`sqlite_fts_triggers`).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SEARCHED = ("notes", "location", "admin1", "admin2", "admin3", "actor1", "actor2", "assoc_actor_1",
            "assoc_actor_2")
PG_SEARCH_TEXT = "(" + " || E'\\x1f' || ".join(SEARCHED) + ")"
ACTOR_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "claimed_by")
COVERING = ("event_date", "pk", "country", "admin1", "admin2", "event_type", "sub_event_type", "status", "fatalities",
            "latitude", "longitude", "timestamp", "inter1", "inter2", "interaction", "period_week", "period_month")
BATCH = 5000


def sqlite_fts_triggers() -> list[str]:
    """The statements that keep ``events_fts`` in step with ``events``."""
    cols = ", ".join(SEARCHED)
    new = ", ".join(f"new.{c}" for c in SEARCHED)
    old = ", ".join(f"old.{c}" for c in SEARCHED)
    delete = f"INSERT INTO events_fts(events_fts, rowid, {cols}) VALUES ('delete', old.pk, {old});"
    insert = f"INSERT INTO events_fts(rowid, {cols}) VALUES (new.pk, {new});"
    return [
        f"CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN {insert} END",
        f"CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN {delete} END",
        f"CREATE TRIGGER events_fts_update AFTER UPDATE OF {cols} ON events BEGIN {delete} {insert} END",
    ]


def _actor_names(role: str, value: str | None) -> list[str]:
    if not value:
        return []
    if role.startswith("assoc_"):
        return [part.strip() for part in value.split(";") if part.strip()]
    return [value]


def _backfill_actors(bind: sa.Connection) -> None:
    events = sa.table("events", sa.column("pk"), *(sa.column(r) for r in ACTOR_ROLES))
    actors = sa.table("event_actors", sa.column("event_pk"), sa.column("role"), sa.column("name"))
    last = 0
    while True:
        rows = bind.execute(sa.select(events).where(events.c.pk > last).order_by(events.c.pk).limit(BATCH)).all()
        if not rows:
            return
        values = [{"event_pk": row.pk, "role": role, "name": name}
                  for row in rows for role in ACTOR_ROLES
                  for name in dict.fromkeys(_actor_names(role, getattr(row, role)))]
        if values:
            bind.execute(sa.insert(actors), values)
        last = rows[-1].pk


def _sqlite_search(bind: sa.Connection) -> None:
    cols = ", ".join(SEARCHED)
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql(f"CREATE VIRTUAL TABLE events_fts USING fts5({cols}, content='events', "
                             "content_rowid='pk', columnsize=0, tokenize='trigram')")
    except sa.exc.OperationalError:  # no FTS5, or an SQLite before 3.34 (no trigram tokenizer)
        savepoint.rollback()
        return
    savepoint.commit()
    for statement in sqlite_fts_triggers():
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")


def _postgresql_search(bind: sa.Connection) -> None:
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:  # not installed on the server, or not allowed to this role
        savepoint.rollback()
        bind.exec_driver_sql(f"CREATE INDEX ix_events_search_tsv ON events USING gin "
                             f"(to_tsvector('simple'::regconfig, {PG_SEARCH_TEXT}))")
        return
    savepoint.commit()
    bind.exec_driver_sql(f"CREATE INDEX ix_events_search_trgm ON events USING gin ({PG_SEARCH_TEXT} gin_trgm_ops)")


def upgrade() -> None:
    op.create_index("ix_events_date_pk_covering", "events", list(COVERING))
    op.create_table(
        "event_actors",
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], name="fk_event_actors_event_pk_events",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_pk", "role", "name", name="pk_event_actors"),
    )
    op.create_index("ix_event_actors_name_event_pk", "event_actors", ["name", "event_pk"])
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_data_version"),
    )
    bind = op.get_bind()
    _backfill_actors(bind)
    bind.exec_driver_sql("INSERT INTO data_version (id, version, changed_at) "
                         "SELECT 1, 0, COALESCE(MAX(timestamp), 0) FROM events")
    if bind.dialect.name == "sqlite":
        _sqlite_search(bind)
    elif bind.dialect.name == "postgresql":
        _postgresql_search(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS events_fts_{name}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS events_fts")
    elif bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_events_search_trgm")
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_events_search_tsv")
    op.drop_table("data_version")
    op.drop_index("ix_event_actors_name_event_pk", table_name="event_actors")
    op.drop_table("event_actors")
    op.drop_index("ix_events_date_pk_covering", table_name="events")
