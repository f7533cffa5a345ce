"""Engines, transactions and the translation of database errors.

SQLite: WAL journal (readers never block the writer), a 30 s busy timeout, foreign keys on, and
``BEGIN IMMEDIATE`` for write transactions, so two processes ingesting into one file take turns instead of
failing half-way. ``sqlite:///:memory:`` shares one connection (``StaticPool``), so every session sees the
same database. PostgreSQL: a transaction-scoped advisory lock serialises fusion (see ``write_session``), and
statements are planned for their parameters (``plan_cache_mode = force_custom_plan``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, exc, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from eventcoder.errors import EventcoderError, StoreError
from eventcoder.settings import DB

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["DEFAULT_URL", "default_url", "is_sqlite", "make_engine", "read_session", "safe_url",
           "translate_db_errors", "write_session"]

DEFAULT_URL = DB.default
BUSY_TIMEOUT_MS = 30_000
FUSE_LOCK_KEY = 0x45564E54  # "EVNT": the advisory lock key that serialises ingests on PostgreSQL


def default_url() -> str:
    """``$EVENTCODER_DB``, else ``sqlite:///eventcoder.db`` in the working directory."""
    return DB.raw() or DEFAULT_URL


def safe_url(url: str | URL) -> str:
    """The URL without its password, for messages."""
    try:
        parsed = make_url(url)
        if parsed.password is None:
            return str(url) if isinstance(url, str) else parsed.render_as_string()
        return parsed.render_as_string(hide_password=True)
    except exc.ArgumentError:
        return "<invalid URL>"


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: :func:`default_url`), set up as the module docstring says.

    Raises:
        StoreError: [E500] the URL is invalid or its driver is not installed.
    """
    raw = url or default_url()
    with translate_db_errors(raw):
        parsed = make_url(raw)
        if parsed.get_backend_name() != "sqlite":
            engine = create_engine(parsed, pool_pre_ping=True)
            if parsed.get_backend_name() == "postgresql":
                event.listen(engine, "connect", _postgresql_connect)
            return engine
        memory = _sqlite_memory(parsed)
        options: dict[str, Any] = {"connect_args": {"check_same_thread": False,
                                                    "timeout": BUSY_TIMEOUT_MS / 1000}}
        if memory:
            options["poolclass"] = StaticPool
        engine = create_engine(parsed, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        try:
            if not memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("eventcoder_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _postgresql_connect(dbapi_connection: Any, _record: Any) -> None:
    """Plan each candidate lookup for its own values: psycopg prepares statements run often, and a generic
    plan for a date/box range cannot know how narrow the range is (it scanned far more rows)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SET plan_cache_mode = force_custom_plan")
    finally:
        cursor.close()
    dbapi_connection.commit()


def _session_class() -> type[Session]:
    """The ORM's ``Session``, once the row classes are mapped: the ORM loads with the first session."""
    from sqlalchemy.orm import Session

    from eventcoder.store import _orm  # noqa: F401 (importing it maps the row classes)

    return Session


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: committed when the block ends, rolled back on any error.

    SQLite takes the write lock at ``BEGIN IMMEDIATE``; PostgreSQL takes an advisory transaction lock, so
    fusion (read candidates, then write) never interleaves with another writer's.
    """
    with translate_db_errors(engine.url), engine.connect() as conn:
        conn = conn.execution_options(eventcoder_write=True)
        with _session_class()(bind=conn, expire_on_commit=False, autoflush=True) as session, session.begin():
            if conn.dialect.name == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FUSE_LOCK_KEY})
            yield session


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A read-only session (rolled back at the end)."""
    with translate_db_errors(engine.url), _session_class()(bind=engine, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()


_HINTS = (
    ("database is locked", "another process holds the write lock for longer than the busy timeout; retry"),
    ("unable to open database file", "the folder does not exist or is not writable"),
    ("no such table", "the database has no eventcoder schema: run `eventcoder db upgrade`"),
    ("does not exist", "check the database name in the URL (e.g. postgresql+psycopg://host:5432/NAME)"),
    ("connection refused", "is the database server running and reachable at that host and port?"),
)


def _describe(error: BaseException, url: str | URL | None) -> str:
    original = getattr(error, "orig", None) or error
    message = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    where = f" ({safe_url(url)})" if url is not None else ""
    hint = next((h for needle, h in _HINTS if needle in message.lower()), "")
    return f"{message}{where}" + (f"; {hint}" if hint else "")


@contextmanager
def translate_db_errors(url: str | URL | None = None) -> Iterator[None]:
    """Turn SQLAlchemy and driver errors into :class:`~eventcoder.errors.StoreError` ([E500]).

    eventcoder's own errors pass through unchanged.
    """
    try:
        yield
    except EventcoderError:
        raise
    except exc.NoSuchModuleError as error:
        raise StoreError(f"no database driver for this URL ({error}); for PostgreSQL install "
                         "eventcoder[postgres] and use postgresql+psycopg://") from error
    except exc.ArgumentError as error:
        raise StoreError(f"invalid database URL: {error}; expected e.g. sqlite:///eventcoder.db or "
                         "postgresql+psycopg://user@host:5432/db") from error
    except ModuleNotFoundError as error:
        raise StoreError(f"the database driver is not installed ({error.name}); for PostgreSQL: "
                         "pip install 'eventcoder[postgres]'") from error
    except exc.SQLAlchemyError as error:
        raise StoreError(_describe(error, url)) from error
