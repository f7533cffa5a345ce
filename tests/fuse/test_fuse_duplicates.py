"""The causes of one event stored twice, each with reports written by the team, run through the real pipeline
and store; beside each, a near miss (two events that must stay two)."""

from __future__ import annotations

from typing import Any

import pytest
from store_helpers import make_mention, make_report

from eventcoder.fuse import block_of, fuse_reports, plan_fusion, replay
from eventcoder.ingest import report_from_dict
from eventcoder.store import EventStore

REPORTS: dict[str, dict[str, Any]] = {
    # a village and the district it lies in (Diallassagou, 37 km from the town of Bankass)
    "village": {"published": "2022-06-19", "language": "en", "text": "BAMAKO, June 19 - Gunmen killed 20 villagers "
                "in Diallassagou, in central Mali, on Saturday, local officials said."},
    "near-village": {"published": "2022-06-20", "language": "fr", "text": "Des hommes armés ont tué une vingtaine "
                     "de villageois samedi près de Diallassagou, dans le centre du Mali, selon des élus locaux."},
    "district-town": {"published": "2022-06-21", "language": "en", "text": "Gunmen killed 22 villagers in "
                      "Bankass, in central Mali, on Saturday, the government said on Monday."},
    "district-town-next-day": {"published": "2022-06-20", "language": "en", "text": "Gunmen killed 5 villagers "
                               "in Bankass, in central Mali, on Sunday, local officials said."},
    # one place name, two gazetteer places (Nara in Koulikoro, a Nara in the Niono district)
    "nara": {"published": "2023-04-19", "language": "en", "text": "BAMAKO, April 19 - JNIM fighters ambushed a "
             "government delegation near Nara, in the Koulikoro region of western Mali, on Tuesday, killing four "
             "people."},
    "nara-niono": {"published": "2023-04-22", "language": "fr", "text": "Le GSIM a fait exploser mardi des engins "
                   "explosifs au passage d'un convoi militaire à Nara, dans le cercle de Niono, dans la région de "
                   "Ségou."},
    "nara-niono-next-day": {"published": "2023-04-22", "language": "fr", "text": "Le GSIM a fait exploser "
                            "mercredi des engins explosifs au passage d'un convoi militaire à Nara, dans le cercle "
                            "de Niono, dans la région de Ségou."},
    # a date said of a statement ("confirmed the abduction on Wednesday"), six days after the event
    "abduction": {"published": "2024-03-01", "language": "en", "text": "MAIDUGURI, March 1 - Insurgents abducted "
                  "dozens of displaced women who were gathering firewood near Ngala, in Borno State, on 29 February "
                  "2024, the United Nations said."},
    "confirmed-wednesday": {"published": "2024-03-07", "language": "en", "text": "Insurgents have abducted dozens "
                            "of displaced women who left their camps in Ngala, Borno State, to collect firewood. The "
                            "Borno police spokesman confirmed the abduction on Wednesday."},
    "another-abduction": {"published": "2024-03-08", "language": "en", "text": "Insurgents abducted twelve women "
                          "gathering firewood near Ngala, Borno State, on 6 March 2024, community leaders said."},
}


@pytest.fixture(scope="module")
def coded(pipeline: Any) -> dict[str, tuple[Any, list[Any]]]:
    """Each team-written report with its mentions, from the real pipeline."""
    out = {}
    for rid, fields in REPORTS.items():
        report = report_from_dict({"id": rid, "outlet": "team", **fields}, source=f"team:{rid}")
        out[rid] = (report, list(pipeline.mentions(report)))
    return out


def _stored(coded: dict[str, tuple[Any, list[Any]]], *ids: str) -> list[tuple[str, ...]]:
    """The report ids of each event the store holds after ingesting the reports in publication order; the
    in-memory fusion (replay) gives the same."""
    items = sorted((coded[i] for i in ids), key=lambda item: (item[0].published, item[0].id))
    with EventStore("sqlite:///:memory:") as store:
        store.ingest_many(items)
        events = sorted(tuple(sorted(e.report_ids)) for e in store.iter_events(order="created"))
    assert sorted(tuple(sorted(e.report_ids)) for e in fuse_reports(items)) == events
    return events


def test_a_place_one_report_gives_at_admin_level_is_one_event_with_its_district_town(coded: Any) -> None:
    assert _stored(coded, "village", "near-village", "district-town") == [
        ("district-town", "near-village", "village")]


def test_two_precise_places_37_km_apart_stay_two_events(coded: Any) -> None:
    # without a report that gives the place only at admin level, two points in one district are two places
    assert _stored(coded, "village", "district-town") == [("district-town",), ("village",)]


def test_the_district_town_the_next_day_is_another_event(coded: Any) -> None:
    assert _stored(coded, "village", "near-village", "district-town-next-day") == [
        ("district-town-next-day",), ("near-village", "village")]


def test_one_place_name_resolved_to_two_homonyms_is_one_event(coded: Any) -> None:
    assert _stored(coded, "nara", "nara-niono") == [("nara", "nara-niono")]


def test_the_same_name_the_next_day_far_away_is_another_event(coded: Any) -> None:
    assert _stored(coded, "nara", "nara-niono-next-day") == [("nara",), ("nara-niono-next-day",)]


def test_a_date_said_of_a_statement_attaches_to_the_event_days_before(coded: Any) -> None:
    _, mentions = coded["confirmed-wednesday"]
    assert [m.event_date for m in mentions] == ["2024-03-06"]  # the statement's day, not the event's
    assert _stored(coded, "abduction", "confirmed-wednesday") == [("abduction", "confirmed-wednesday")]


def test_an_event_dated_six_days_later_is_another_event(coded: Any) -> None:
    assert _stored(coded, "abduction", "another-abduction") == [("abduction",), ("another-abduction",)]


def test_one_report_telling_one_event_twice_stores_it_once() -> None:
    """A report whose two sentences code alike (one type of action, same actors, place and day): one event,
    to which another report of it attaches; a roundup's two events at two places stay two."""
    twice = (make_report("twice", "2023-04-19"), [make_mention("twice", 0), make_mention("twice", 1, killed=6)])
    other = (make_report("other", "2023-04-20"), [make_mention("other", 0, published="2023-04-20")])
    roundup = (make_report("roundup", "2023-04-19"), [make_mention("roundup", 0),
                                                      make_mention("roundup", 1, place="Djibo", actor2="BF army")])
    with EventStore("sqlite:///:memory:") as store:
        store.ingest_many([twice, other, roundup])
        events = [e for e in store.iter_events(order="created")]
    by_reports = sorted(tuple(sorted(e.report_ids)) for e in events)
    assert by_reports == [("other", "roundup", "twice"), ("roundup",)]
    nara = next(e for e in events if len(e.report_ids) == 3)
    assert len(nara.mention_ids) == 4 and nara.location == "Nara"


def test_fusion_in_blocks_gives_what_ingest_gives(coded: Any) -> None:
    """The block fusion (batch --fusion blocks) on all these reports: the same clusters as one report at a
    time; the statement's date (Wednesday) and the event (Thursday before) lie in two weeks' blocks."""
    reports = [mentions for _, mentions in coded.values()]
    plan = plan_fusion(reports)
    state: dict[tuple[str, ...], Any] = {}
    for group in plan.groups:
        for report_id in group.order:
            step = group.steps[report_id]
            for ids in step.consumed:
                del state[ids]
            state.update(step.clusters)
    assert state == {c.mention_ids: c.event for c in replay(reports)}
    assert block_of(coded["abduction"][1][0]) != block_of(coded["confirmed-wednesday"][1][0])
    assert any(len({i.split(":")[0] for i in ids}) == 2 and "abduction:0" in ids for ids in state)
