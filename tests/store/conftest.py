"""Fixtures for the store's tests: stores on SQLite (in memory) and PostgreSQL (a database per run)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest

from eventcoder.store import EventStore


@pytest.fixture()
def store() -> Iterator[EventStore]:
    """An empty in-memory SQLite store."""
    with EventStore("sqlite:///:memory:") as fresh:
        yield fresh


@pytest.fixture(scope="session")
def pg_database(fresh_pg_database: Callable[[str], AbstractContextManager[str]]) -> Iterator[str]:
    """A dedicated PostgreSQL database for this test run (dropped at the end); skips when unreachable."""
    with fresh_pg_database("eventcoder_test") as url:
        yield url


@pytest.fixture()
def pg_url(pg_database: str) -> Iterator[str]:
    """The test database, emptied after each test (schema dropped, so each test migrates afresh)."""
    yield pg_database
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_database, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def corpus_items() -> list[object]:
    """The shared corpus's reports with their snapshot mentions, in publication order (skips without them)."""
    from store_corpus import load_corpus

    items = load_corpus()
    if items is None:
        pytest.skip("the shared corpus or tests/store/data/corpus_mentions.jsonl.gz is missing")
    return items
