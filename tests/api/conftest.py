"""Fixtures for the API tests: a real SQLite store filled with hand-built events, and clients over it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_helpers import MERGED_AWAY, TOKEN, Seeded, fill, make_client
from fastapi.testclient import TestClient

from eventcoder.store import EventStore


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """A SQLite file with the incidents, and one merged-away id pointing at the Tillaberi ambush."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'events.db'}"
    with EventStore(url) as store:
        ids = fill(store)
        # record a merge as the store does when a report makes two events match (see store/_ingest.py)
        from eventcoder.store._session import write_session
        from eventcoder.store.tables import IdAliasRow

        with write_session(store.engine) as session:
            session.add(IdAliasRow(alias=MERGED_AWAY, event_id_cnty=ids["tillaberi-ambush"],
                                   report_id="rep-tillaberi-ambush-fr", merged_at=1_700_000_000))
    yield Seeded(url, ids)


@pytest.fixture(scope="session")
def client(seeded: Seeded) -> Iterator[TestClient]:
    """Reads over the seeded store (open reads, writes with TOKEN)."""
    with make_client(seeded.url, token=TOKEN) as test_client:
        yield test_client


@pytest.fixture()
def write_client(tmp_path: Path) -> Iterator[TestClient]:
    """A client over an empty store of its own, for tests that ingest."""
    with make_client(f"sqlite:///{tmp_path / 'w.db'}", token=TOKEN) as test_client:
        yield test_client


@pytest.fixture()
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
