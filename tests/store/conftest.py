"""Fixtures for the store's tests: stores on SQLite (in memory) and PostgreSQL (a database per run)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from eventcoder.store import EventStore

PG_URL = os.environ.get("EVENTCODER_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")

@pytest.fixture()
def store() -> Iterator[EventStore]:
    """An empty in-memory SQLite store."""
    with EventStore("sqlite:///:memory:") as fresh:
        yield fresh


def _pg_admin_url() -> str:
    return PG_URL


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A dedicated PostgreSQL database for this test run (dropped at the end); skips when unreachable."""
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(_pg_admin_url())
    name = f"eventcoder_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        pytest.skip(f"PostgreSQL not available at {base.render_as_string(hide_password=True)}: {exc}")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


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
