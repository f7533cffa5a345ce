"""Text search (``EventFilter.text``): one condition, served by whatever index the database has.

The meaning is the one the filter always had: a case-insensitive substring of one of the searched columns
(notes, location, admin1-3, actor1, actor2, the associated actors). Migration 0002 builds the index; the
store finds out which one at open (:func:`detect_mode`):

``fts5`` (SQLite): the FTS5 table ``events_fts`` with the trigram tokenizer, queried with the text as one
    phrase, which FTS5 matches as a substring of a column. Same results as the scan, except that FTS5 folds
    the case of every letter while SQLite's ``LIKE`` folds only ASCII (``"séno"`` finds ``"Séno"`` too).
    Texts under 3 characters (trigrams need 3) are scanned.
``trgm`` (PostgreSQL with pg_trgm): ``ILIKE`` on the searched columns joined by U+001F, served by a GIN
    trigram index: exactly the scan's results (a text with U+001F in it is scanned).
``tsvector`` (PostgreSQL without pg_trgm): a GIN ``tsvector`` index narrows the events to those where
    every word of the text begins a word of the columns (``'kay':*``), then ``ILIKE`` checks the substring.
    Differs from the scan where the text starts inside a word: ``"aya"`` does not find ``"Kaya"``.
``scan``: ``ILIKE`` on each column (no index; SQLite without FTS5 trigram).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, literal_column, or_, select, table, text
from sqlalchemy.engine import Connection

from eventcoder.store.tables import EventRow

__all__ = ["MODES", "SEARCHED", "TRIGRAM", "detect_mode", "fts5_matches", "like_pattern", "text_condition"]

SEARCHED = ("notes", "location", "admin1", "admin2", "admin3", "actor1", "actor2", "assoc_actor_1",
            "assoc_actor_2")
MODES = ("fts5", "trgm", "tsvector", "scan")
SEPARATOR = "\x1f"
TRIGRAM = 3

_FTS = table("events_fts", column("rowid"))
# the indexed expression of migration 0002 (PostgreSQL matches an index by its expression)
_PG_TEXT = literal_column("(" + " || E'\\x1f' || ".join(f"events.{c}" for c in SEARCHED) + ")")
_SIMPLE = literal_column("'simple'::regconfig")


def like_pattern(value: str) -> str:
    """``%value%`` with LIKE's wildcards (and the escape character, backslash) escaped."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _scan(value: str) -> ColumnElement[bool]:
    pattern = like_pattern(value)
    return or_(*(getattr(EventRow, c).ilike(pattern, escape="\\") for c in SEARCHED))


def fts5_matches(value: str) -> Select[Any]:
    """The rowids (event pks) of the ``events_fts`` rows where ``value`` occurs (3 characters or more)."""
    phrase = '"' + value.replace('"', '""') + '"'
    return select(_FTS.c.rowid).where(literal_column("events_fts").op("MATCH")(phrase))


def _fts5(value: str, listed: bool) -> ColumnElement[bool]:
    # listed: the matches drive the query (rowid lookups); else "pk + 0" keeps SQLite from driving by them,
    # so the sort's index is walked and each event is looked up in the list of matches
    key = EventRow.pk if listed else EventRow.pk + 0
    return key.in_(fts5_matches(value))


def _tsquery(value: str) -> str | None:
    words = re.findall(r"\w+", value.lower())
    return " & ".join(f"'{w}':*" for w in words) if words else None


def text_condition(mode: str, value: str, *, listed: bool = True) -> ColumnElement[bool]:
    """Events with ``value`` as a case-insensitive substring of a searched column (see the module docstring).

    ``listed=False``: the query walks a sort index, so the text index should not drive it (fts5 only).
    """
    if mode == "fts5" and len(value) >= TRIGRAM:
        return _fts5(value, listed)
    if mode == "trgm" and SEPARATOR not in value:
        return _PG_TEXT.op("ILIKE", is_comparison=True)(like_pattern(value))  # backslash is PostgreSQL's default LIKE escape
    if mode == "tsvector" and SEPARATOR not in value:
        query = _tsquery(value)
        if query is not None:
            vector = func.to_tsvector(_SIMPLE, _PG_TEXT)
            return vector.op("@@", is_comparison=True)(func.to_tsquery(_SIMPLE, query)) & _PG_TEXT.op("ILIKE", is_comparison=True)(like_pattern(value))
    return _scan(value)


def detect_mode(conn: Connection) -> str:
    """The text search that this database's schema supports (one of :data:`MODES`)."""
    if conn.dialect.name == "sqlite":
        found = conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events_fts'"))
        return "fts5" if found.first() is not None else "scan"
    if conn.dialect.name == "postgresql":
        names = set(conn.execute(text(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'events' "
            "AND indexname IN ('ix_events_search_trgm', 'ix_events_search_tsv')")).scalars())
        if "ix_events_search_trgm" in names:
            return "trgm"
        if "ix_events_search_tsv" in names:
            return "tsvector"
    return "scan"
