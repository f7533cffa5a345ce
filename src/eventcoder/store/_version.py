"""``data_version``: a cheap "the events changed" marker (for ETags, Last-Modified and caches).

One row (``id = 1``) holds a counter that every write transaction that changes stored data moves, and the
unix time of that write. Reading it is one primary-key lookup. Writes are serialised (SQLite's write lock,
PostgreSQL's advisory lock), so the counter never goes backwards and two writes never share a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from eventcoder.store.tables import DataVersionRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["DataVersion", "bump", "read"]


@dataclass(frozen=True, slots=True)
class DataVersion:
    """Where the stored data stands: ``version`` moves with every change, ``changed_at`` is its unix time.

    Two reads that give equal values saw the same events (same ids, same codings, same aggregates).
    """

    version: int
    changed_at: int

    @property
    def token(self) -> str:
        """A short string naming this state (e.g. for an HTTP ETag)."""
        return f"{self.version}.{self.changed_at}"


def bump(session: Session | Connection, now: int) -> None:
    """Record a change (call inside the write transaction that makes it)."""
    session.execute(update(DataVersionRow.__table__).where(DataVersionRow.id == 1)
                    .values(version=DataVersionRow.version + 1, changed_at=now))


def read(conn: Session | Connection) -> DataVersion:
    """The current marker (``DataVersion(0, 0)`` for a database that has no row)."""
    row = conn.execute(select(DataVersionRow.version, DataVersionRow.changed_at)
                       .where(DataVersionRow.id == 1)).first()
    return DataVersion(int(row[0]), int(row[1])) if row is not None else DataVersion(0, 0)
