"""Ingesting reports: new events, merges, duplicates, one-to-one assignment, transactions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from store_helpers import dump, make_mention, make_report, report_with

from eventcoder.errors import FuseError, StoreError
from eventcoder.store import EventStore
from eventcoder.store._session import read_session
from eventcoder.store.tables import ClaimRow, EventMentionRow, FatalityReportRow, ReportRow


def test_first_report_creates_an_event_with_a_country_id(store: EventStore) -> None:
    result = store.ingest(make_report("a"), [make_mention("a")])
    assert result.created == ("MLI1",) and not result.updated and not result.duplicate
    event = store.get("MLI1")
    assert event is not None and event.report_ids == ("a",) and event.event_id_cnty == "MLI1"
    assert store.count() == 1 and store.report_count() == 1


def test_second_report_of_the_event_updates_it(store: EventStore) -> None:
    store.ingest(make_report("a"), [make_mention("a", place="near Nara", actor1="gunmen ML", killed=4)])
    result = store.ingest(make_report("b", text="b"), [make_mention("b", place="Nara", killed=3)])
    assert result.updated == ("MLI1",) and not result.created
    event = store.get("MLI1")
    assert event is not None
    assert event.report_ids == ("a", "b")
    assert event.geo_precision == 1 and event.actor1 == "Jama'at Nasr al-Islam wal Muslimin"
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (3, 3, 4)
    assert [f.count for f in event.fatality_reports] == [4, 3]
    assert store.count() == 1


def test_same_report_twice_changes_nothing(store: EventStore) -> None:
    store.ingest(make_report("a"), [make_mention("a")])
    store.ingest(make_report("b", text="b"), [make_mention("b", killed=6)])
    before = dump(store)
    again = store.ingest(make_report("b", text="b"), [make_mention("b", killed=6)])
    assert again.duplicate_of == "b" and again.unchanged == ("MLI1",)
    assert not again.created and not again.updated
    assert dump(store) == before


def test_same_text_under_another_id_is_a_duplicate(store: EventStore) -> None:
    store.ingest(make_report("a", text="same words"), [make_mention("a")])
    before = dump(store)
    result = store.ingest(make_report("copy", text="same words"), [make_mention("copy")])
    assert result.duplicate_of == "a"
    assert dump(store) == before
    assert store.stored_report_id(make_report("other", text="same words")) == "a"


def test_two_events_of_one_report_never_merge(store: EventStore) -> None:
    # two events told by one report stay two, however close: an ambush of soldiers, an attack on villagers
    result = store.ingest(make_report("a"), [make_mention("a", 0), make_mention("a", 1, cue="attack",
                                                                                 actor2="civilians ML",
                                                                                 target_kind="civilians")])
    assert len(result.created) == 2 and store.count() == 2


def test_one_event_told_twice_by_one_report_is_one_event(store: EventStore) -> None:
    # ACLED: one type of action by the same actors at one place on one day is one event
    result = store.ingest(make_report("a"), [make_mention("a", 0), make_mention("a", 1, killed=6)])
    assert len(result.created) == 1 and store.count() == 1
    assert store.get(result.created[0]).mention_ids == ("a:0", "a:1")  # type: ignore[union-attr]


def test_a_report_of_two_events_is_assigned_one_to_one(store: EventStore) -> None:
    store.ingest(make_report("a"), [make_mention("a", 0, place="Nara")])
    store.ingest(make_report("b", text="b"), [make_mention("b", 0, place="Djibo", actor2="BF army")])
    result = store.ingest(make_report("c", text="c"), [
        make_mention("c", 0, place="Djibo", actor2="BF army"), make_mention("c", 1, place="Nara")])
    assert sorted(result.updated) == ["BFA1", "MLI1"] and not result.created
    assert store.get("MLI1").report_ids == ("a", "c")  # type: ignore[union-attr]
    assert store.get("BFA1").report_ids == ("b", "c")  # type: ignore[union-attr]


def test_best_candidate_wins_and_the_other_mention_opens_an_event(store: EventStore) -> None:
    store.ingest(make_report("a"), [make_mention("a", 0, place="Nara")])
    result = store.ingest(make_report("c", text="c"), [
        make_mention("c", 0, place="Dilly", date="2023-04-19"), make_mention("c", 1, place="Nara")])
    assert result.updated == ("MLI1",) and result.created == ("MLI2",)
    assert store.get("MLI1").mention_ids == ("a:0", "c:1")  # type: ignore[union-attr]


def test_different_events_stay_apart(store: EventStore) -> None:
    store.ingest(make_report("a"), [make_mention("a", place="Nara")])
    store.ingest(make_report("b", text="b"), [make_mention("b", place="Bamako")])  # 280 km away
    store.ingest(make_report("c", text="c"), [make_mention("c", place="Nara", date="2023-03-01")])
    store.ingest(make_report("d", text="d"), [make_mention("d", place="Nara", actor1="ISS")])  # rival group
    assert store.count() == 4


def test_report_with_no_event_is_stored(store: EventStore) -> None:
    result = store.ingest(make_report("neg"), [])
    assert not result.event_ids and store.count() == 0 and store.report_count() == 1
    assert store.ingest(make_report("neg"), []).duplicate


def test_event_without_country_gets_xxx(store: EventStore) -> None:
    result = store.ingest(make_report("a"), [make_mention("a", place=None)])
    assert result.created == ("XXX1",)


def test_event_without_date_is_stored_but_never_matched(store: EventStore) -> None:
    store.ingest(make_report("a"), [make_mention("a", date=None)])
    store.ingest(make_report("b", text="b"), [make_mention("b", date=None)])
    assert store.count() == 2


def test_fatality_and_claim_rows_follow_the_event(store: EventStore) -> None:
    store.ingest(make_report("a"), [make_mention("a")])
    store.ingest(make_report("b", text="b"), [make_mention("b", killed=5, claims=(("claim", "JNIM"),))])
    with read_session(store.engine) as session:
        assert session.scalar(select(func.count()).select_from(FatalityReportRow)) == 2
        claims = session.execute(select(ClaimRow.kind, ClaimRow.by, ClaimRow.report_id)).all()
    assert [tuple(c) for c in claims] == [("claim", "JNIM", "b")]


def test_mentions_of_another_report_are_refused(store: EventStore) -> None:
    with pytest.raises(FuseError, match=r"\[E400\]"):
        store.ingest(make_report("a"), [make_mention("b")])
    with pytest.raises(FuseError, match="twice"):
        store.ingest(make_report("a"), [make_mention("a", 0), make_mention("a", 0)])
    assert store.report_count() == 0


def test_a_failure_mid_ingest_writes_nothing(store: EventStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.ingest(make_report("a"), [make_mention("a")])
    before = dump(store)
    from eventcoder.store import _ingest

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(_ingest._Fusion, "_recode", boom)  # after rows were written
    with pytest.raises(RuntimeError):
        store.ingest(make_report("b", text="b"), [make_mention("b"), make_mention("b", 1, place="Djibo")])
    assert dump(store) == before
    monkeypatch.undo()
    assert store.ingest(make_report("b", text="b"), [make_mention("b")]).updated == ("MLI1",)


def test_ingest_many_reports_progress(store: EventStore) -> None:
    seen = []
    results = store.ingest_many([(make_report(r, text=r), [make_mention(r)]) for r in "abc"],
                                progress=seen.append)
    assert [r.report_id for r in results] == ["a", "b", "c"] == [r.report_id for r in seen]
    with read_session(store.engine) as session:
        assert session.scalar(select(func.count()).select_from(EventMentionRow)) == 3
        assert session.scalar(select(func.count()).select_from(ReportRow)) == 3
    assert store.count() == 1


def test_reports_and_mentions_of_an_event(store: EventStore) -> None:
    store.ingest(*report_with("b", {}, published="2023-04-20"))
    store.ingest(*report_with("a", {}, published="2023-04-19"))
    assert [r.id for r in store.reports_of("MLI1")] == ["a", "b"]
    assert [m.id for m in store.mentions_of("MLI1")] == ["a:0", "b:0"]
    assert store.reports_of("NOPE1") == [] and store.mentions_of("NOPE1") == []
    assert store.events_of("a") == ("MLI1",)
    assert store.report("a") is not None and store.report("zzz") is None


def test_unknown_ids(store: EventStore) -> None:
    assert store.get("MLI99") is None and store.resolve_id("MLI99") is None and store.history("MLI99") == []


def test_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match=r"\[E500\]"):
        EventStore("notadb://x")
    with pytest.raises(StoreError, match="folder does not exist"):
        EventStore("sqlite:////nonexistent/dir/x.db")
