"""eventcoder.store: the event database, and fusion of each new report into it.

``EventStore`` holds one record per real event (SQLite by default, PostgreSQL by URL), built from every
report of it; ``EventFilter`` says which events to read. SQLAlchemy models stay inside this package.
"""

from eventcoder.store._history import HistoryEntry
from eventcoder.store._ingest import IngestResult
from eventcoder.store._store import EventStore
from eventcoder.store.filters import EventFilter, InvalidFilter

__all__ = ["EventFilter", "EventStore", "HistoryEntry", "IngestResult", "InvalidFilter"]
