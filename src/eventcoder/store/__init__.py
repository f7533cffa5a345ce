"""eventcoder.store: the event database, and fusion of each new report into it.

``EventStore`` holds one record per real event (SQLite by default, PostgreSQL by URL), built from every
report of it; ``EventFilter`` says which events to read. SQLAlchemy models stay inside this package.
Fusion's names (``IngestResult``, ``PlanMismatch``) load on first use, so that reading starts without
:mod:`eventcoder.fuse`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventcoder.store._history import HistoryEntry
from eventcoder.store._read import Page
from eventcoder.store._store import EventStore
from eventcoder.store._version import DataVersion
from eventcoder.store.filters import EventFilter, InvalidFilter

if TYPE_CHECKING:
    from eventcoder.store._ingest import IngestResult, PlanMismatch

__all__ = ["DataVersion", "EventFilter", "EventStore", "HistoryEntry", "IngestResult", "InvalidFilter", "Page",
           "PlanMismatch"]


def __getattr__(name: str) -> Any:
    """``IngestResult`` and ``PlanMismatch``, imported on first use."""
    if name in ("IngestResult", "PlanMismatch"):
        from eventcoder.store import _ingest

        return getattr(_ingest, name)
    raise AttributeError(f"module 'eventcoder.store' has no attribute {name!r}")
