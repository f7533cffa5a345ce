"""Migrations, schema checks on open, SQLite set-up, and the translation of database errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, exc, text

from eventcoder.errors import FuseError, SchemaOutOfDate, StoreError
from eventcoder.store import EventStore
from eventcoder.store._migrate import current_revision, head_revision, upgrade
from eventcoder.store._session import make_engine, safe_url, translate_db_errors
from eventcoder.store.tables import METADATA, UNMODELLED


def _modelled(name: str | None, _type: str, _parents: object) -> bool:
    return name not in UNMODELLED  # the text-search objects migration 0002 makes outside the models


def _diff(url: str) -> list[object]:
    engine = create_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": _modelled})
        return compare_metadata(context, METADATA)


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    EventStore(url).close()
    assert _diff(url) == []


@pytest.mark.postgres
def test_migrations_build_exactly_the_models_on_postgresql(pg_url: str) -> None:
    EventStore(pg_url).close()
    assert _diff(pg_url) == []


def test_open_migrates_a_new_database_and_upgrade_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    EventStore(url).close()
    engine = make_engine(url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
    assert upgrade(engine) == (head_revision(), head_revision())
    engine.dispose()


def test_no_upgrade_on_open_when_told(tmp_path: Path) -> None:
    with pytest.raises(SchemaOutOfDate, match=r"\[E501\].*empty.*eventcoder db upgrade"):
        EventStore(f"sqlite:///{tmp_path / 'old.db'}", upgrade=False)


def test_a_newer_schema_is_never_touched(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'future.db'}"
    EventStore(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaOutOfDate, match="9999"):
        EventStore(url)


def test_sqlite_file_settings(tmp_path: Path) -> None:
    with EventStore(f"sqlite:///{tmp_path / 'wal.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_default_url_is_the_environment_or_a_local_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVENTCODER_DB", raising=False)
    with EventStore() as store:
        assert store.url == "sqlite:///eventcoder.db"
    assert (tmp_path / "eventcoder.db").exists()
    monkeypatch.setenv("EVENTCODER_DB", f"sqlite:///{tmp_path / 'env.db'}")
    with EventStore() as store:
        assert store.url.endswith("env.db")


def test_memory_store_is_one_database_for_every_session() -> None:
    with EventStore("sqlite:///:memory:") as store:
        assert store.count() == 0 and "memory" in repr(store)


def test_translate_db_errors() -> None:
    with pytest.raises(StoreError, match=r"\[E500\] .*no such table"), translate_db_errors("sqlite://"):
        raise exc.OperationalError("SELECT 1", {}, Exception("no such table: events"))
    with pytest.raises(StoreError, match="postgresql\\+psycopg"), translate_db_errors():
        raise exc.NoSuchModuleError("Can't load plugin: sqlalchemy.dialects:nope")
    with pytest.raises(StoreError, match="invalid database URL"), translate_db_errors():
        raise exc.ArgumentError("Could not parse SQLAlchemy URL")
    with pytest.raises(FuseError), translate_db_errors():  # eventcoder's own errors pass through
        raise FuseError("x")


def test_passwords_stay_out_of_messages() -> None:
    assert "secret" not in safe_url("postgresql+psycopg://user:secret@db:5432/x")
    assert safe_url("sqlite:///:memory:") == "sqlite:///:memory:"
