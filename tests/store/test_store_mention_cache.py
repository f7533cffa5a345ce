"""Fusion reads each stored mention once: decoded mentions are kept across reports (they never change)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from store_helpers import make_mention, make_report

from eventcoder.store import EventStore
from eventcoder.store._ingest import MentionCache


@contextmanager
def _statements(store: EventStore) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        seen.append(" ".join(statement.split()))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def _reads_mention_json(statements: list[str]) -> bool:
    return any(s.startswith("SELECT event_mentions.mention ") for s in statements)


def test_the_cache_keeps_the_most_recently_used() -> None:
    cache = MentionCache(size=2)
    a, b, c = make_mention("a"), make_mention("b"), make_mention("c")
    cache.put([a, b])
    assert cache.get_many([a.id]) == [a]  # a is now the most recent
    cache.put([c])
    assert cache.get_many([a.id, b.id, c.id]) == [a, c]  # b was evicted


def test_a_report_joining_an_event_reads_no_stored_mention(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/events.db"
    with EventStore(url) as store:
        store.ingest(make_report("a"), [make_mention("a", place="near Nara", killed=4)])
        with _statements(store) as seen:
            result = store.ingest(make_report("b", text="b"), [make_mention("b", place="Nara", killed=3)])
        assert result.updated == ("MLI1",)
        assert not _reads_mention_json(seen)
    with EventStore(url) as cold:  # a new store reads them from the database, with the same result
        with _statements(cold) as seen:
            result = cold.ingest(make_report("c", text="c"), [make_mention("c", place="Nara", killed=5)])
        assert result.updated == ("MLI1",)
        assert _reads_mention_json(seen)
        assert cold.get("MLI1").report_ids == ("a", "b", "c")  # type: ignore[union-attr]
