"""Each EventFilter field returns what it should; order, limit and offset; aggregates."""

from __future__ import annotations

import datetime as dt

import pytest
from store_helpers import report_with

from eventcoder.errors import UnparseableDate
from eventcoder.store import EventFilter, EventStore, InvalidFilter


@pytest.fixture(scope="module")
def filled() -> EventStore:
    """Five events: Nara (JNIM vs army, claimed), Djibo (IS Sahel vs civilians, confirmed), Arbinda
    (army vs IS Sahel), Tillaberi (no fatalities) and Bamako, with a second report of the Nara one."""
    store = EventStore("sqlite:///:memory:")
    store.ingest(*report_with("nara", {"place": "Nara", "killed": 4,
                                       "claims": (("claim", "Jama'at Nasr al-Islam wal Muslimin"),)},
                              published="2023-04-19", outlet="Wire One"))
    store.ingest(*report_with("nara2", {"place": "Nara", "killed": 5}, published="2023-04-20", outlet="Radio Two"))
    store.ingest(*report_with("djibo", {"place": "Djibo", "actor1": "ISS", "actor2": "civilians BF",
                                        "cue": "attack", "target_kind": "civilians", "killed": 40,
                                        "side": "civilians", "date": "2023-05-02",
                                        "claims": (("confirm", "government"),)}, published="2023-05-03"))
    store.ingest(*report_with("arbinda", {"place": "Arbinda", "actor1": "BF army", "actor2": "ISS", "cue": "clash",
                                          "target_kind": "group", "killed": 12, "side": "group",
                                          "date": "2023-06-10"}, published="2023-06-11"))
    store.ingest(*report_with("tillaberi", {"place": "Tillaberi", "actor1": "ISS", "killed": None,
                                            "date": "2024-01-05"}, published="2024-01-06"))
    store.ingest(*report_with("bamako", {"place": "Bamako", "actor1": "gunmen ML", "killed": 1,
                                         "date": "2023-04-18"}, published="2023-04-19"))
    assert store.count() == 5
    return store


def _locations(store: EventStore, **kw: object) -> list[str]:
    return sorted(e.location for e in store.events(EventFilter(**kw)))  # type: ignore[arg-type]


@pytest.mark.parametrize("kw,expected", [
    ({}, ["Arbinda", "Bamako", "Djibo", "Nara", "Tillaberi"]),
    ({"date_from": "2023-05-01"}, ["Arbinda", "Djibo", "Tillaberi"]),
    ({"date_to": "2023-04-30"}, ["Bamako", "Nara"]),
    ({"date_from": dt.date(2023, 5, 1), "date_to": "2023-06-10"}, ["Arbinda", "Djibo"]),
    ({"country": "Mali"}, ["Bamako", "Nara"]),
    ({"country": ["Niger", "Burkina Faso"]}, ["Arbinda", "Djibo", "Tillaberi"]),
    ({"admin1": "Sahel"}, ["Arbinda", "Djibo"]),
    ({"admin2": "Soum"}, ["Arbinda", "Djibo"]),
    ({"bbox": (-8.5, 12.0, -7.0, 16.0)}, ["Bamako", "Nara"]),
    ({"near": (14.10, -1.63, 100)}, ["Arbinda", "Djibo"]),
    ({"near": (14.10, -1.63, 10)}, ["Djibo"]),
    ({"event_type": "Violence against civilians"}, ["Djibo"]),
    ({"sub_event_type": ["Armed clash"]}, ["Arbinda", "Bamako", "Nara", "Tillaberi"]),
    ({"actor": "Islamic State Sahel Province"}, ["Arbinda", "Djibo", "Tillaberi"]),  # either side
    ({"actor": ["Jama'at Nasr al-Islam wal Muslimin"]}, ["Nara"]),
    ({"actor": "Islamic State"}, []),  # names are exact (callers resolve aliases)
    ({"inter": 7}, ["Djibo"]),
    ({"inter": [3]}, ["Bamako"]),
    ({"interaction": 12}, ["Arbinda", "Nara", "Tillaberi"]),
    ({"fatalities_min": 5}, ["Arbinda", "Djibo"]),
    ({"fatalities_max": 1}, ["Bamako", "Tillaberi"]),
    ({"status": "claimed"}, ["Nara"]),
    ({"status": ["confirmed", "reported"]}, ["Arbinda", "Bamako", "Djibo", "Tillaberi"]),
    ({"source": "radio"}, ["Nara"]),  # case-insensitive substring
    ({"text": "nara"}, ["Nara"]),
    ({"text": "Islamic State Sahel"}, ["Arbinda", "Djibo", "Tillaberi"]),
    ({"text": "100%"}, []),  # LIKE wildcards are escaped
    ({"report_id": "nara2"}, ["Nara"]),
    ({"report_id": "nope"}, []),
    ({"country": "Mali", "fatalities_min": 2}, ["Nara"]),
])
def test_each_filter(filled: EventStore, kw: dict[str, object], expected: list[str]) -> None:
    assert _locations(filled, **kw) == expected
    assert filled.count(EventFilter(**kw)) == len(expected)  # type: ignore[arg-type]


def test_assoc_actors_match_as_items(store: EventStore) -> None:
    from eventcoder.records import Event

    store.load_events([Event(event_date="2023-04-18", country="Mali", iso=466, location="Bamako",
                             actor1="Unidentified Armed Group (Mali)",
                             assoc_actor_1="Wagner Group; Dozo Communal Militia (Mali)")])
    assert _locations(store, actor="Dozo Communal Militia (Mali)") == ["Bamako"]
    assert _locations(store, actor="Wagner Group") == ["Bamako"]
    assert _locations(store, actor="Wagner") == []


def test_updated_since(filled: EventStore) -> None:
    latest = max(e.timestamp for e in filled.events())
    assert filled.count(EventFilter(updated_since=latest + 10)) == 0
    assert filled.count(EventFilter(updated_since=0)) == 5
    moment = dt.datetime.fromtimestamp(latest + 10, dt.UTC)
    assert filled.count(EventFilter(updated_since=moment)) == 0
    assert filled.count(EventFilter(updated_since=moment.isoformat())) == 0
    assert filled.count(EventFilter(updated_since="1970-01-01T00:00:00Z")) == 5


def test_order_limit_offset(filled: EventStore) -> None:
    dates = [e.event_date for e in filled.events(order="event_date")]
    assert dates == sorted(dates)
    assert [e.event_date for e in filled.events(order="-event_date")] == sorted(dates, reverse=True)
    assert [e.fatalities for e in filled.events(order="-fatalities")][:2] == [40, 12]
    page1 = filled.events(limit=2, order="event_date")
    page2 = filled.events(limit=2, offset=2, order="event_date")
    assert len(page1) == 2 and len(page2) == 2 and not {e.event_id_cnty for e in page1} & {
        e.event_id_cnty for e in page2}
    assert list(filled.iter_events(batch=2)) == filled.events()
    for order in ("timestamp", "event_id_cnty", "country", "event_type", "confidence", "created", "-created"):
        assert len(filled.events(order=order)) == 5


def test_bad_filters_are_coded_errors(filled: EventStore) -> None:
    with pytest.raises(UnparseableDate, match=r"\[E303\]"):
        filled.events(EventFilter(date_from="April 2023"))
    with pytest.raises(InvalidFilter, match=r"\[E502\].*bbox"):
        filled.events(EventFilter(bbox=(10, 10, 0, 0)))
    with pytest.raises(InvalidFilter, match="near"):
        filled.events(EventFilter(near=(14.0, -1.0, -5)))
    with pytest.raises(InvalidFilter, match="order"):
        filled.events(order="random")
    with pytest.raises(InvalidFilter, match="updated_since"):
        filled.events(EventFilter(updated_since="yesterday"))
    assert EventFilter().is_empty() and not EventFilter(country="Mali").is_empty()


def test_aggregates(filled: EventStore) -> None:
    by_month = filled.aggregates("month")
    assert by_month == [
        {"period": "2023-04-01", "events": 2, "fatalities": 5},
        {"period": "2023-05-01", "events": 1, "fatalities": 40},
        {"period": "2023-06-01", "events": 1, "fatalities": 12},
        {"period": "2024-01-01", "events": 1, "fatalities": 0},
    ]
    weeks = filled.aggregates("week", "country", EventFilter(country="Mali"))
    assert weeks == [{"period": "2023-04-17", "country": "Mali", "events": 2, "fatalities": 5}]
    days = filled.aggregates("day", "event_type")
    assert {"period": "2023-05-02", "event_type": "Violence against civilians", "events": 1,
            "fatalities": 40} in days
    assert filled.aggregates(None, "actor1")[0] == {"actor1": "Islamic State Sahel Province", "events": 2,
                                                    "fatalities": 40}
    assert filled.aggregates(None, None) == [{"events": 5, "fatalities": 57}]
    assert sum(r["events"] for r in filled.aggregates("month", "admin1")) == 5
    assert filled.aggregates("month", "admin2", EventFilter(country="Chad")) == []
    with pytest.raises(InvalidFilter):
        filled.aggregates("year")
    with pytest.raises(InvalidFilter):
        filled.aggregates("month", "notes")
