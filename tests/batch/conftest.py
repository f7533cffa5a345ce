"""Fixtures for the batch tests: one real LocalCluster of two worker processes per session (slow tests)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest


@pytest.fixture(scope="session")
def cluster_client() -> Iterator[Any]:
    """A ``distributed.Client`` on a LocalCluster of 2 worker processes, each with its pipeline loaded."""
    distributed = pytest.importorskip("distributed")
    from eventcoder.batch import register_pipeline

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    try:
        client.wait_for_workers(2, timeout=300)
        register_pipeline(client)
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture()
def pg_url(fresh_pg_database: Callable[[str], AbstractContextManager[str]]) -> Iterator[str]:
    """A PostgreSQL database of this test's own (dropped afterwards); skips when PostgreSQL is unreachable."""
    with fresh_pg_database("eventcoder_batch") as url:
        yield url
