"""Shared fixtures: the team's shared folder (corpus, worked example) and one real pipeline per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def find_shared() -> Path | None:
    """``$EVENTCODER_SHARED``, ``../shared`` beside the checkout, ``./shared``, or the team's /work/shared."""
    candidates = [os.environ.get("EVENTCODER_SHARED"), ROOT.parent / "shared", ROOT / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "corpus" / "reports.jsonl").exists():
            return Path(candidate)
    return None


_FOUND = find_shared()
if _FOUND is not None:  # every test package looks here first: one answer for the whole suite
    os.environ.setdefault("EVENTCODER_SHARED", str(_FOUND))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = find_shared()
    if path is None:
        pytest.skip("the shared folder with the corpus is not available (set EVENTCODER_SHARED)")
    return path


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The real pipeline (spaCy models, gazetteer, actor dictionary), loaded once."""
    from eventcoder.pipeline import Pipeline

    return Pipeline(warn=None)


PG_URL = os.environ.get("EVENTCODER_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")


@contextmanager
def _fresh_pg_database(prefix: str) -> Iterator[str]:
    """A new PostgreSQL database named ``<prefix>_<random>`` on the server of ``PG_URL``, dropped on exit;
    skips the test when PostgreSQL (or psycopg) is not available."""
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(PG_URL)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
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


@pytest.fixture(scope="session")
def fresh_pg_database() -> Callable[[str], AbstractContextManager[str]]:
    """``with fresh_pg_database("prefix") as url:`` a database of one's own on the test PostgreSQL
    (``$EVENTCODER_TEST_PG_URL``, default the local server's ``test``)."""
    return _fresh_pg_database
