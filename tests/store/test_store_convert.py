"""Records <-> rows round-trip exactly."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select
from store_helpers import PLACES, make_mention, make_report

from eventcoder.fuse import code_event
from eventcoder.records import ActorRef, Evidence, FatalityFigure, Mention, PlacePhrase
from eventcoder.store import EventStore
from eventcoder.store._session import read_session
from eventcoder.store.convert import (
    event_to_row,
    mention_from_json,
    mention_to_json,
    row_to_event,
    row_to_report,
)
from eventcoder.store.tables import EventMentionRow, EventRow, ReportRow


def _rich_mention() -> Mention:
    base = make_mention("r1", 3, claims=(("claim", "JNIM"), ("deny", "Malian army"), ("confirm", "UN")),
                        hostages=2, flags=("not_confirmed",))
    assoc = (ActorRef("Wagner", "actor1", "group", "Wagner Group", 8, "wagner", "Russia",
                      Evidence("r1", 5, 11, "Wagner")),)
    phrase = PlacePhrase(("Nara", "Dilly"), "between", 30.5, "north", ("Koulikoro",), "Mali",
                         Evidence("r1", 1, 9, "between"))
    figures = (*base.fatalities, FatalityFigure(12, "JNIM", "r1", "perpetrator", "at least", False, True,
                                                "2023-04-20", None))
    return replace(base, assoc_actors1=assoc, place_phrase=phrase, fatalities=figures,
                   evidence={**base.evidence, "sentences": (Evidence("r1", 0, 100, "é ü « » 😀"),)})


def test_mention_round_trips_exactly() -> None:
    mention = _rich_mention()
    data = mention_to_json(mention)
    assert mention_from_json(json.loads(json.dumps(data))) == mention


def test_mention_round_trip_keeps_tuples_and_records() -> None:
    back = mention_from_json(json.loads(json.dumps(mention_to_json(_rich_mention()))))
    assert isinstance(back.assoc_actors1, tuple) and isinstance(back.assoc_actors1[0], ActorRef)
    assert isinstance(back.evidence["sentences"], tuple)
    assert back.place == PLACES["Nara"]


def test_mention_json_tolerates_unknown_and_missing_keys() -> None:
    data = mention_to_json(make_mention("r1"))
    data["a_future_field"] = 1
    del data["quality_flags"]
    assert mention_from_json(data).quality_flags == ()


def test_event_row_round_trip_through_the_database(store: EventStore) -> None:
    mentions = [_rich_mention(), make_mention("r2", 0, place="Dilly", published="2023-04-20")]
    event = code_event(mentions, event_id="MLI7", timestamp=1700000000)
    with store.engine.begin() as conn:
        from sqlalchemy.orm import Session

        with Session(bind=conn) as session:
            row = event_to_row(event)
            session.add(row)
            session.commit()
    with read_session(store.engine) as session:
        stored = session.scalar(select(EventRow))
        assert row_to_event(stored) == event
    with store.engine.connect() as conn:
        mapping = conn.execute(select(EventRow.__table__)).first()
        assert row_to_event(mapping) == event


def test_stored_mentions_and_reports_round_trip(store: EventStore) -> None:
    mention = _rich_mention()
    report = make_report("r1", title="A title", url="https://example.org/a")
    store.ingest(report, [mention])
    assert store.mentions_of(store.events()[0].event_id_cnty) == [mention]
    with read_session(store.engine) as session:
        assert row_to_report(session.get(ReportRow, "r1")) == report
        offsets = session.scalar(select(EventMentionRow.evidence))
    assert offsets["event_type"] == [[0, 6]]
