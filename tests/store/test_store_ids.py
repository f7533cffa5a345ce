"""Stable ids (event_id_cnty): per-country numbers, never changed, never reused, surviving merges; history."""

from __future__ import annotations

from store_helpers import report_with

from eventcoder.store import EventStore
from eventcoder.store._session import write_session
from eventcoder.store.tables import IdAliasRow


def _bridged(store: EventStore) -> None:
    """Two stored events 4 days apart; a third report, 2 days from each, moves the first onto the second.

    a: Nara, Thursday 20th. b: near Nara, Sunday 16th (4 days: not the same event). c: Nara, 18th: closest
    to a (same place), and once merged the event's date is the 18th (a tie between two reports goes to
    the earliest), 2 days from b: the two stored events are one.
    """
    store.ingest(*report_with("a", {"date": "2023-04-20"}, published="2023-04-21"))
    store.ingest(*report_with("b", {"date": "2023-04-16", "place": "near Nara"}, published="2023-04-21"))
    assert store.count() == 2


def _bridge(store: EventStore) -> object:
    return store.ingest(*report_with("c", {"date": "2023-04-18"}, published="2023-04-22"))


def test_ids_count_per_country(store: EventStore) -> None:
    store.ingest(*report_with("a", {"place": "Nara"}))
    store.ingest(*report_with("b", {"place": "Djibo", "actor2": "BF army"}))
    store.ingest(*report_with("c", {"place": "Bamako"}))
    assert sorted(e.event_id_cnty for e in store.events()) == ["BFA1", "MLI1", "MLI2"]


def test_a_bridging_report_merges_two_events_and_the_older_id_survives(store: EventStore) -> None:
    _bridged(store)
    result = _bridge(store)
    assert result.merged == (("MLI2", "MLI1"),)  # type: ignore[attr-defined]
    assert result.updated == ("MLI1",) and not result.created  # type: ignore[attr-defined]
    assert store.count() == 1
    event = store.get("MLI1")
    assert event is not None and set(event.report_ids) == {"a", "b", "c"}
    # the merged-away id points to the survivor, for get(), mentions_of() and history()
    assert store.resolve_id("MLI2") == "MLI1"
    assert store.get("MLI2") == event
    assert store.mentions_of("MLI2") == store.mentions_of("MLI1")


def test_merged_away_ids_are_never_reused(store: EventStore) -> None:
    _bridged(store)
    _bridge(store)
    result = store.ingest(*report_with("d", {"place": "Bamako", "date": "2023-06-01"}, published="2023-06-02"))
    assert result.created == ("MLI3",)
    assert store.get("MLI3") is not None and store.get("MLI2").event_id_cnty == "MLI1"  # type: ignore[union-attr]


def test_ids_never_change_when_an_event_gets_a_country(store: EventStore) -> None:
    store.ingest(*report_with("a", {"place": None}))  # no country yet
    assert store.events()[0].event_id_cnty == "XXX1"


def test_alias_chains_resolve_to_the_last_survivor(store: EventStore) -> None:
    _bridged(store)
    _bridge(store)
    with write_session(store.engine) as session:
        session.add(IdAliasRow(alias="MLI9", event_id_cnty="MLI1", report_id=None, merged_at=0))
    assert store.resolve_id("MLI9") == "MLI1" and store.resolve_id("MLI2") == "MLI1"


def test_history_records_creation_and_each_change_with_its_cause(store: EventStore) -> None:
    store.ingest(*report_with("a", {"place": "near Nara", "actor1": "gunmen ML"}))
    store.ingest(*report_with("b", {"place": "Nara", "killed": 3,
                                    "claims": (("claim", "Jama'at Nasr al-Islam wal Muslimin"),)},
                              published="2023-04-20"))
    history = store.history("MLI1")
    assert history[0].field == "event" and history[0].report_id == "a" and history[0].old is None
    assert history[0].new["location"] == "Nara" and "new event" in history[0].rule
    changes = {h.field: h for h in history[1:]}
    assert all(h.report_id == "b" for h in history[1:])
    assert changes["geo_precision"].old == 2 and changes["geo_precision"].new == 1
    assert "more precise place" in changes["geo_precision"].rule
    assert "named actor replaces" in changes["actor1"].rule
    assert changes["status"].old == "reported" and changes["status"].new == "claimed"
    assert "claim by" in changes["status"].rule
    assert changes["fatalities"].new == 3 and "lowest credible" in changes["fatalities"].rule
    assert changes["report_ids"].new == ["a", "b"]
    assert "timestamp" not in changes and "evidence" not in changes


def test_history_of_a_merge(store: EventStore) -> None:
    _bridged(store)
    _bridge(store)
    history = store.history("MLI1")
    assert {h.event_id_cnty for h in history} == {"MLI1", "MLI2"}
    merged = [h for h in history if h.field == "merged_into"]
    assert len(merged) == 1 and merged[0].old == "MLI2" and merged[0].new == "MLI1"
    assert merged[0].report_id == "c"
    survivor = [h for h in history if h.event_id_cnty == "MLI1" and "merged MLI2 into MLI1" in h.rule]
    assert any(h.field == "report_ids" and h.new == ["a", "b", "c"] for h in survivor)
    assert store.history("MLI2") == history
