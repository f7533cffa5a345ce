"""eventcoder.store: the event database, and fusion of each new report into it.

``EventStore`` holds one record per real event (SQLite by default, PostgreSQL by URL), built from every
report of it; ``EventFilter`` says which events to read. SQLAlchemy models stay inside this package.
"""

from eventcoder.store._history import HistoryEntry
from eventcoder.store._ingest import IngestResult, PlanMismatch
from eventcoder.store._read import Page
from eventcoder.store._store import EventStore
from eventcoder.store._version import DataVersion
from eventcoder.store.filters import EventFilter, InvalidFilter

__all__ = ["DataVersion", "EventFilter", "EventStore", "HistoryEntry", "IngestResult", "InvalidFilter", "Page",
           "PlanMismatch"]
