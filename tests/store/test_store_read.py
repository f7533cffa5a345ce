"""The read path: the fast decoder, bulk load, keyset pages, the actor table, text search, the change marker,
and the upgrade of a database made at migration 0001."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text
from store_helpers import integrity_problems, report_with, synthetic_reports

from eventcoder.errors import InvalidFilter, StoreError
from eventcoder.records import Event, Evidence, FatalityFigure
from eventcoder.store import EventFilter, EventStore, _cursor, _read
from eventcoder.store._actors import actor_rows
from eventcoder.store._migrate import current_revision, upgrade
from eventcoder.store._session import make_engine, read_session
from eventcoder.store.convert import event_values, row_to_event
from eventcoder.store.tables import EventActorRow, EventHistoryRow, EventRow, IdCounterRow

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend (a SQLite file, or the test run's PostgreSQL database)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'read.db'}"
    else:
        yield request.getfixturevalue("pg_url")


# ---------------------------------------------------------------- a set of events to search and page

PLACES = [("Kaya", "Centre-Nord", "Sanmatenga", "Burkina Faso", 13.09, -1.08),
          ("Fada N'Gourma", "Est", "Gourma", "Burkina Faso", 12.06, 0.36),
          ("Dori", "Sahel", "Séno", "Burkina Faso", 14.04, -0.03),
          ("Ménaka", "Ménaka", "Ménaka", "Mali", 15.92, 2.40),
          ("Tillaberi", "Tillaberi", "Tillaberi", "Niger", 14.21, 1.45)]
ACTORS = [("JNIM: Group for Support of Islam and Muslims", "Military Forces of Burkina Faso (2022-)", ""),
          ("Islamic State Sahel Province", "Civilians (Niger)", "Wagner Group; Dozo Communal Militia (Mali)"),
          ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Military Forces of Mali (2021-)", ""),
          ("Unidentified Armed Group (Burkina Faso)", "", "Koglweogo Militia")]
NOTES = ["ambush near {p}; 100% of the convoy hit", "attack on the market of {p} (\"quoted\" witness)",
         "IED on the road to {p}, 5_0 marker", "clash at {p}: élèves évacués", "abduction of a teacher in {p}"]


def text_events() -> list[Event]:
    """60 events over every place, actor pair and note (with wildcards, quotes and accents), some undated."""
    events = []
    for i in range(60):
        place, admin1, admin2, country, lat, lon = PLACES[i % len(PLACES)]
        actor1, actor2, assoc = ACTORS[i % len(ACTORS)]
        day = dt.date(2023, 1, 1) + dt.timedelta(days=(i * 7) % 50)
        undated = i % 13 == 5
        events.append(Event(
            event_date="" if undated else day.isoformat(), year=0 if undated else day.year,
            event_type="Battles" if i % 2 else "Violence against civilians", actor1=actor1, actor2=actor2,
            assoc_actor_1=assoc, country=country, iso=854, admin1=admin1, admin2=admin2, location=place,
            latitude=lat, longitude=lon, notes=NOTES[i % len(NOTES)].format(p=place), fatalities=i % 7,
            timestamp=1_700_000_000 + i, claimed_by=actor1 if i % 5 == 0 else None,
            fatality_reports=(FatalityFigure(i % 7, "local sources", f"r{i}", evidence=Evidence(f"r{i}", 1, 5, "four")),),
            evidence={"location": (Evidence(f"r{i}", 10, 14, place),)}, report_ids=(f"r{i}",),
            mention_ids=(f"r{i}:0",), language=("en",), confidence=0.5 + i / 200, coder_version="test"))
    return events


@pytest.fixture()
def loaded(url: str) -> Iterator[EventStore]:
    with EventStore(url) as store:
        store.load_events(text_events())
        yield store


# ---------------------------------------------------------------- decoding

def test_the_fast_decoder_gives_what_the_orm_gives(loaded: EventStore) -> None:
    with read_session(loaded.engine) as session:
        expected = [row_to_event(r) for r in session.scalars(select(EventRow).order_by(EventRow.pk))]
    assert loaded.events(order="created") == expected
    assert [loaded.get(e.event_id_cnty) for e in expected] == expected


def test_the_fast_decoder_on_fused_events(store: EventStore) -> None:
    for report, mentions in synthetic_reports(30, seed=3):
        store.ingest(report, mentions)
    with read_session(store.engine) as session:
        expected = [row_to_event(r) for r in session.scalars(select(EventRow).order_by(EventRow.pk))]
    assert store.events(order="created") == expected


def test_figures_written_by_another_version_still_decode(store: EventStore) -> None:
    store.load_events(text_events()[:1])
    with store.engine.begin() as conn:  # a key this eventcoder does not know, and one it lacks
        conn.execute(text("UPDATE events SET fatality_reports = "
                          "'[{\"count\": 3, \"by\": \"army\", \"report_id\": \"r0\", \"future\": 1}]'"))
    (event,) = store.events()
    assert event.fatality_reports == (FatalityFigure(3, "army", "r0"),)


def test_plain_records_are_what_to_dict_gives(loaded: EventStore) -> None:
    events = loaded.events(order="created")
    everything = tuple(Event.__dataclass_fields__)
    assert loaded.page(limit=None, order="created", fields=everything).events == [e.to_dict() for e in events]
    some = ("latitude", "event_id_cnty", "fatality_reports", "event_date", "report_ids")
    page = loaded.page(EventFilter(country="Mali"), limit=4, order="-event_date", fields=some)
    expected = [e.to_dict() for e in loaded.events(EventFilter(country="Mali"), order="-event_date")][:4]
    assert page.events == [{k: e[k] for k in everything if k in some} for e in expected]
    assert page.cursor and loaded.page(EventFilter(country="Mali"), order="-event_date", after=page.cursor,
                                       fields=("event_id_cnty",)).events[0]["event_id_cnty"] == \
        loaded.events(EventFilter(country="Mali"), order="-event_date")[4].event_id_cnty
    with pytest.raises(ValueError, match="nope"):
        loaded.page(fields=("event_date", "nope"))


@pytest.mark.parametrize("flt", [EventFilter(actor="Wagner Group"), EventFilter(text="Kaya"),
                                 EventFilter(near=(14.2, 1.45, 100)), EventFilter(status="reported", admin1="Sahel"),
                                 EventFilter(text="Ka", fatalities_min=2), EventFilter(actor="Koglweogo Militia",
                                                                                       country="Mali"),
                                 EventFilter(bbox=(-2, 12, 2, 16), date_from="2023-01-10")])
def test_pages_read_along_the_date_index_match_the_full_list(loaded: EventStore, flt: EventFilter) -> None:
    """Filters that pass many events are read by walking the date index (``_read.DENSE``): same events."""
    expected = loaded.events(flt, order="-event_date")
    assert loaded.page(flt, limit=3, order="-event_date", total=True).events == expected[:3]
    assert loaded.page(flt, limit=3, offset=2, order="-event_date").events == expected[2:5]
    assert loaded.count(flt) == len(expected)


# ---------------------------------------------------------------- bulk load

def test_load_events_gives_ids_keeps_given_ones_and_moves_the_counters(store: EventStore) -> None:
    given = replace(text_events()[0], event_id_cnty="BFA41")
    ids = store.load_events([given, replace(given, event_id_cnty=""), replace(given, event_id_cnty="", iso=466,
                                                                             country="Mali")])
    assert ids == ["BFA41", "BFA42", "MLI1"]
    with read_session(store.engine) as session:
        assert dict(session.execute(select(IdCounterRow.iso3, IdCounterRow.last_number)).tuples().all()) == {
            "BFA": 42, "MLI": 1}
        assert session.scalar(select(EventHistoryRow.field).where(EventHistoryRow.event_id_cnty == "MLI1")) == "event"
    assert store.get("BFA42") == replace(given, event_id_cnty="BFA42")
    with pytest.raises(StoreError, match=r"\[E500\]"):
        store.load_events([given])  # an id stored already: nothing is written
    assert store.count() == 3


def test_load_events_without_history_and_timestamp_zero(store: EventStore) -> None:
    store.load_events([replace(text_events()[0], timestamp=0)], history=False)
    (event,) = store.events()
    assert event.timestamp > 1_700_000_000
    assert store.history(event.event_id_cnty) == []


def test_merged_away_ids_cannot_be_loaded(store: EventStore) -> None:
    store.ingest(*report_with("a", {"date": "2023-04-20"}, published="2023-04-21"))
    store.ingest(*report_with("b", {"date": "2023-04-16", "place": "near Nara"}, published="2023-04-21"))
    store.ingest(*report_with("c", {"date": "2023-04-18"}, published="2023-04-22"))
    assert store.resolve_id("MLI2") == "MLI1"
    with pytest.raises(StoreError, match="MLI2 was merged"):
        store.load_events([replace(text_events()[0], event_id_cnty="MLI2")])


# ---------------------------------------------------------------- the change marker

def test_the_change_marker_moves_on_ingest_and_load_but_not_on_a_duplicate(store: EventStore) -> None:
    start = store.data_version()
    assert start.version == 0
    store.ingest(*report_with("a", {"place": "Nara"}))
    after_ingest = store.data_version()
    assert after_ingest.version == start.version + 1 and after_ingest.changed_at >= int(dt.datetime.now().timestamp()) - 60
    store.ingest(*report_with("a", {"place": "Nara"}))  # the same report: nothing changes
    assert store.data_version() == after_ingest
    store.load_events(text_events()[:2])
    assert store.data_version().version == after_ingest.version + 1
    assert store.data_version().token != after_ingest.token


# ---------------------------------------------------------------- keyset pages

@pytest.mark.parametrize("order", ["event_date", "-event_date", "fatalities", "-fatalities", "country", "-confidence",
                                   "created", "-created", "timestamp", "event_id_cnty"])
def test_cursor_pages_walk_every_event_once_in_order(loaded: EventStore, order: str) -> None:
    flt = EventFilter(event_type="Battles") if order == "country" else None
    expected = loaded.events(flt, order=order)
    seen: list[Event] = []
    cursor = None
    while True:
        page = loaded.page(flt, limit=7, order=order, after=cursor)
        seen += page.events
        cursor = page.cursor
        if cursor is None:
            break
    assert seen == expected  # undated events included, where the database sorts them
    assert [e.event_id_cnty for e in loaded.events(flt, limit=7, offset=7, order=order)] == \
        [e.event_id_cnty for e in expected[7:14]]


def test_cursor_pages_and_totals(loaded: EventStore) -> None:
    page = loaded.page(EventFilter(country="Mali"), limit=5, order="-event_date", total=True)
    assert page.total == 12 and len(page.events) == 5 and page.cursor
    rest = loaded.page(EventFilter(country="Mali"), limit=100, order="-event_date", after=page.cursor)
    assert len(rest.events) == 7 and rest.cursor is None
    assert loaded.events(EventFilter(country="Mali"), limit=3, order="-event_date", after=page.cursor) == rest.events[:3]
    assert loaded.page(limit=None).cursor is None and len(loaded.page(limit=None).events) == 60


def test_a_cursor_is_stable_when_events_arrive_before_it(loaded: EventStore) -> None:
    first = loaded.page(limit=10, order="event_date")
    loaded.load_events([replace(text_events()[1], event_id_cnty="", event_date="2022-01-01")])
    second = loaded.page(limit=10, order="event_date", after=first.cursor)
    assert second.events == loaded.events(order="event_date")[11:21]


def test_bad_cursors_are_coded_errors(loaded: EventStore) -> None:
    cursor = loaded.page(limit=5, order="event_date").cursor
    assert cursor is not None
    with pytest.raises(InvalidFilter, match=r"\[E502\].*order=event_date, not order=-fatalities"):
        loaded.page(order="-fatalities", after=cursor)
    for junk in ("nope", "!!!", "W10", "WyJldmVudF9kYXRlIiwieCIsMV0"):  # last: ["event_date","x",1]
        with pytest.raises(InvalidFilter, match="after"):
            loaded.page(order="event_date", after=junk)
    with pytest.raises(InvalidFilter, match="offset"):
        loaded.page(offset=5, after=cursor)
    for order, value in (("-fatalities", "abc"), ("country", 5), ("confidence", "x"), ("event_date", None),
                         ("event_id_cnty", "a\x00b")):  # well-formed, but not a value of the column
        forged = _cursor.encode(order, value, 1)
        if order == "event_date":
            assert loaded.page(order=order, after=forged).events  # undated events: a cursor can hold None
            continue
        with pytest.raises(InvalidFilter, match="not a page cursor"):
            loaded.page(order=order, after=forged)


def test_export_reads_by_cursor(loaded: EventStore) -> None:
    assert list(loaded.iter_events(order="-event_date", batch=7)) == loaded.events(order="-event_date")


# ---------------------------------------------------------------- the actor table

def _actor_problems(store: EventStore) -> list[str]:
    with store.engine.connect() as conn:
        stored = {(r.event_pk, r.role, r.name) for r in conn.execute(select(EventActorRow.__table__))}
        rows = list(conn.execute(select(EventRow.pk).order_by(EventRow.pk)).scalars())
    expected = set()
    events = store.events(order="created")
    for pk, event in zip(rows, events, strict=True):
        expected |= {(r["event_pk"], r["role"], r["name"]) for r in actor_rows(pk, event)}
    return [f"missing {row}" for row in expected - stored] + [f"stale {row}" for row in stored - expected]


def _merges_and_replays(store: EventStore) -> None:
    """A bridging report that merges two events (MLI2 into MLI1), then reports in a shuffled order."""
    store.ingest(*report_with("a", {"date": "2023-04-20", "actor1": "gunmen ML"}, published="2023-04-21"))
    store.ingest(*report_with("b", {"date": "2023-04-16", "place": "near Nara"}, published="2023-04-21"))
    merge = store.ingest(*report_with("c", {"date": "2023-04-18", "claims": (("claim", "JNIM"),)},
                                      published="2023-04-22"))
    assert merge.merged == (("MLI2", "MLI1"),)
    results = [store.ingest(r, m) for r, m in synthetic_reports(40, seed=7)]
    assert any(r.replayed for r in results)


def test_actor_rows_follow_ingest_merges_and_replays(url: str) -> None:
    with EventStore(url) as store:
        _merges_and_replays(store)
        assert _actor_problems(store) == [] and integrity_problems(store) == []
        survivor = store.get("MLI1")
        assert survivor is not None and survivor.claimed_by
        for name in {survivor.actor1, survivor.actor2, survivor.claimed_by} - {None, ""}:
            assert "MLI1" in {e.event_id_cnty for e in store.events(EventFilter(actor=name))}, name


def test_actor_filter_reads_the_actor_table(loaded: EventStore) -> None:
    def count(name: str) -> int:
        return loaded.count(EventFilter(actor=name))

    assert count("Islamic State Sahel Province") == 15
    assert count("Wagner Group") == count("Dozo Communal Militia (Mali)") == 15  # associated actors, as items
    assert count("Wagner") == 0
    assert count("Civilians (Niger)") == 15
    assert count("JNIM: Group for Support of Islam and Muslims") == 15  # actor1, and claimed_by on some
    assert loaded.count(EventFilter(actor=["Koglweogo Militia", "Wagner Group"])) == 30
    if loaded.engine.dialect.name == "sqlite":
        with loaded.engine.connect() as conn:
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE pk IN "
                "(SELECT event_pk FROM event_actors WHERE name IN ('Wagner Group'))"))
        assert "ix_event_actors_name_event_pk" in plan


# ---------------------------------------------------------------- text search

QUERIES = ["Kaya", "kaya", "KAYA", "aya", "Ka", "a", "N'Gourma", "fada n'g", "jnim:", "Islamic State Sahel",
           "state sahel province", "100%", "5_0", "_", "%", '"quoted"', "civilians (niger", "wal-Jihad",
           "(2021-)", "ambush near", "zzz", "Group; Dozo", "Dozo Communal", "évacués", "Ménaka", "Séno", "x\x1fy"]
NON_ASCII_CASE = {"SÉNO": "Séno", "MÉNAKA": "Ménaka"}  # found by FTS5, not by SQLite's LIKE


def _reference(events: list[Event], query: str) -> set[str]:
    """The filter's meaning, in Python: a case-insensitive substring of one searched column."""
    from eventcoder.store._search import SEARCHED

    needle = query.lower()
    return {e.event_id_cnty for e in events if any(needle in getattr(e, c).lower() for c in SEARCHED)}


def _ids(store: EventStore, query: str, mode: str) -> set[str]:
    with store._read() as conn:  # no count cache: each mode counts for itself
        page = _read.Reader(conn, mode).page(EventFilter(text=query), order="created", limit=None)
    return {e.event_id_cnty for e in page.events}


def test_text_search_has_an_index_on_each_backend(loaded: EventStore) -> None:
    assert loaded.search == ("fts5" if loaded.engine.dialect.name == "sqlite" else "trgm")


def test_indexed_text_search_gives_the_substring_scans_results(loaded: EventStore) -> None:
    events = loaded.events(order="created")
    for query in QUERIES:
        scan = _ids(loaded, query, "scan")
        assert scan == _reference(events, query), query
        assert _ids(loaded, query, loaded.search) == scan, query
        assert loaded.count(EventFilter(text=query)) == len(scan)
    assert _ids(loaded, "Kaya", loaded.search) and _ids(loaded, "100%", loaded.search)


def test_fts5_also_folds_the_case_of_accented_letters(loaded: EventStore) -> None:
    if loaded.search != "fts5":
        pytest.skip("SQLite only")
    events = loaded.events(order="created")
    for query, stored in NON_ASCII_CASE.items():
        assert _ids(loaded, query, "scan") == set()  # SQLite's LIKE folds ASCII only
        assert _ids(loaded, query, "fts5") == _reference(events, stored) != set()


def test_the_fts_table_follows_updates_and_deletes(store: EventStore) -> None:
    store.ingest(*report_with("a", {"date": "2023-04-20"}, published="2023-04-21"))
    store.ingest(*report_with("b", {"date": "2023-04-16", "place": "near Nara"}, published="2023-04-21"))
    assert store.count(EventFilter(text="Nara")) == 2
    store.ingest(*report_with("c", {"date": "2023-04-18", "place": "Dilly"}, published="2023-04-22"))
    for query in ("Nara", "Dilly", "Jama'at", "Mali (2021-)"):
        assert _ids(store, query, store.search) == _ids(store, query, "scan"), query
    if store.search == "fts5":  # FTS5 checks its index against the events (raises when they differ)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1)")


@pytest.mark.postgres
def test_postgresql_uses_the_trigram_index(pg_url: str) -> None:
    with EventStore(pg_url) as store:
        store.load_events(text_events())
        stmt = select(EventRow.pk).where(*_filter_conditions(store, "Kaya"))
        sql = str(stmt.compile(store.engine, compile_kwargs={"literal_binds": True}))
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SET enable_seqscan = off")
            plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
        assert "ix_events_search_trgm" in plan, plan


def _filter_conditions(store: EventStore, query: str) -> list[object]:
    from eventcoder.store.filters import filter_conditions

    return filter_conditions(EventFilter(text=query), search=store.search)


@pytest.mark.postgres
def test_postgresql_without_pg_trgm_searches_words(pg_url: str) -> None:
    """The tsvector fallback: every query word must begin a word of the text; ILIKE keeps it a substring."""
    with EventStore(pg_url) as store:
        store.load_events(text_events())
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_events_search_trgm")
            conn.exec_driver_sql(
                "CREATE INDEX ix_events_search_tsv ON events USING gin (to_tsvector('simple'::regconfig, "
                "(notes || E'\\x1f' || location || E'\\x1f' || admin1 || E'\\x1f' || admin2 || E'\\x1f' || "
                "admin3 || E'\\x1f' || actor1 || E'\\x1f' || actor2 || E'\\x1f' || assoc_actor_1 || E'\\x1f' || "
                "assoc_actor_2)))")
    with EventStore(pg_url) as store:
        assert store.search == "tsvector"
        starts_inside_a_word = {"aya", "Ka", "a", "_", "%", "5_0", "(2021-)", "x\x1fy"}  # "Ka": Ménaka
        for query in QUERIES:
            scan = _ids(store, query, "scan")
            words = _ids(store, query, "tsvector")
            assert words <= scan, query
            if query not in starts_inside_a_word and not query.startswith("_"):
                assert words == scan, query
        assert _ids(store, "aya", "tsvector") == set() != _ids(store, "aya", "scan")  # the documented difference


# ---------------------------------------------------------------- upgrading a 0001 database

def test_a_database_made_at_0001_upgrades_with_its_data(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine, "0001")
    events = text_events()[:12]
    created = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(insert(EventRow.__table__), [
            {**event_values(replace(e, event_id_cnty=f"BFA{i + 1}")), "created_at": created}
            for i, e in enumerate(events)])
        assert current_revision(conn) == "0001"
    engine.dispose()
    with EventStore(url) as store:
        with store.engine.connect() as conn:
            assert current_revision(conn) == "0002"
        assert store.count() == 12
        assert store.data_version().changed_at == max(e.timestamp for e in events)
        assert store.count(EventFilter(actor="Wagner Group")) == 3
        assert store.count(EventFilter(text="Kaya")) == len(_reference(store.events(), "Kaya")) > 0
        assert store.search in ("fts5", "trgm")
        assert _actor_problems(store) == []
        assert [e.event_id_cnty for e in store.events(order="created")] == [f"BFA{i + 1}" for i in range(12)]
        store.ingest(*report_with("a", {"place": "Nara"}))  # and it takes new reports
        assert store.count() == 13 and store.data_version().version == 1
