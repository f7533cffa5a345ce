"""The in-memory fusion step: one-to-one, bridges, vague codings, and replay in publication order."""

from __future__ import annotations

import itertools
import random

from store_helpers import make_mention, report_with

from eventcoder.fuse import code_event
from eventcoder.fuse._cluster import Cluster, canonical_order, fuse_report, replay
from eventcoder.records import Mention, Place

MALI = Place("Mali", 17.0, -4.0, 3, "Mali", "MLI", 466, "Western Africa")


def _ids(clusters: list[Cluster]) -> list[list[str]]:
    return sorted(sorted(m.id for m in c.mentions) for c in clusters)


def test_one_report_never_merges_with_itself() -> None:
    clusters: list[Cluster] = []
    # two events of one report: an ambush of soldiers and, the same day, an attack on villagers
    fuse_report(clusters, "a", [make_mention("a", 0), make_mention("a", 1, cue="attack", actor2="civilians ML",
                                                                     target_kind="civilians")])
    assert _ids(clusters) == [["a:0"], ["a:1"]]
    fuse_report(clusters, "b", [make_mention("b", 0)])  # fits both: joins one of them only
    assert len(clusters) == 2 and sorted(len(c.mentions) for c in clusters) == [1, 2]


def test_one_report_telling_one_event_twice_tells_it_once() -> None:
    # one type of action by the same actors at one place on one day is one event, even in one report
    clusters: list[Cluster] = []
    fuse_report(clusters, "a", [make_mention("a", 0), make_mention("a", 1, killed=6)])
    assert _ids(clusters) == [["a:0", "a:1"]]
    fuse_report(clusters, "b", [make_mention("b", 0), make_mention("b", 1, date="2023-04-19")])  # another day
    assert _ids(clusters) == [["a:0", "a:1", "b:0"], ["b:1"]]


def test_best_fit_first_and_one_to_one() -> None:
    clusters = [Cluster.of([make_mention("a", 0, place="Nara")]),
                Cluster.of([make_mention("b", 0, place="Djibo", actor2="BF army")])]
    fuse_report(clusters, "c", [make_mention("c", 0, place="Djibo", actor2="BF army"),
                                make_mention("c", 1, place="Nara")])
    assert _ids(clusters) == [["a:0", "c:1"], ["b:0", "c:0"]]


def test_a_bridge_merges_two_clusters() -> None:
    clusters = [Cluster.of([make_mention("a", 0, date="2023-04-20")]),
                Cluster.of([make_mention("b", 0, date="2023-04-16", place="near Nara")])]
    touched = fuse_report(clusters, "c", [make_mention("c", 0, date="2023-04-18")])
    assert _ids(clusters) == [["a:0", "b:0", "c:0"]] and touched == clusters


def test_a_vague_coding_joins_only_an_unambiguous_event() -> None:
    vague = make_mention("v", 0, place=MALI, precision=3, date="2023-04-01", actor1="gunmen ML")
    one = [Cluster.of([make_mention("a", 0, date="2023-04-10", actor1="gunmen ML")])]
    fuse_report(one, "v", [vague])
    assert _ids(one) == [["a:0", "v:0"]]
    two = [Cluster.of([make_mention("a", 0, date="2023-04-10", actor1="JNIM")]),
           Cluster.of([make_mention("b", 0, date="2023-04-20", place="Bamako", actor1="gunmen ML")])]
    fuse_report(two, "v", [vague])
    assert _ids(two) == [["a:0"], ["b:0"], ["v:0"]]
    named = make_mention("w", 0, place=MALI, precision=3, date="2023-04-01", actor1="JNIM")
    fuse_report(two, "w", [named])  # the same group says which
    assert ["a:0", "w:0"] in _ids(two)


def _reports() -> list[list[Mention]]:
    specs = [("a", "2023-04-19", {"place": "near Nara", "actor1": "gunmen ML"}),
             ("b", "2023-04-19", {"date": "2023-04-16", "place": "near Nara"}),
             ("c", "2023-04-22", {"date": "2023-04-18"}),
             ("d", "2023-04-23", {"date": "2023-04-21", "claims": (("claim", "Jama'at Nasr al-Islam wal Muslimin"),)}),
             ("e", "2023-04-20", {"place": "Djibo", "actor1": "ISS", "actor2": "BF army"})]
    return [report_with(rid, spec, published=published)[1] for rid, published, spec in specs]


def test_replay_does_not_depend_on_the_order_given() -> None:
    reports = _reports()
    expected = _ids(replay(reports))
    for order in itertools.permutations(reports):
        assert _ids(replay(list(order))) == expected


def test_replay_in_publication_order_is_fusing_one_by_one() -> None:
    reports = sorted(_reports(), key=lambda r: (r[0].published, r[0].report_id))
    clusters: list[Cluster] = []
    for mentions in reports:
        fuse_report(clusters, mentions[0].report_id, mentions)
    assert _ids(clusters) == _ids(replay(reports))


def test_canonical_order_and_coding() -> None:
    mentions = [make_mention(r, 0, published=p) for r, p in (("b", "2023-04-20"), ("a", "2023-04-20"),
                                                            ("z", None), ("c", "2023-04-19"))]
    assert [m.report_id for m in canonical_order(mentions)] == ["c", "a", "b", "z"]
    shuffled = mentions[:]
    random.Random(1).shuffle(shuffled)
    assert Cluster.of(shuffled).event == code_event(canonical_order(mentions), timestamp=0)


def test_in_memory_fuse_reports_equals_the_store() -> None:
    from store_helpers import canonical, synthetic_reports

    from eventcoder.fuse import fuse_reports
    from eventcoder.store import EventStore

    items = synthetic_reports(30, 5)
    with EventStore("sqlite:///:memory:") as store:
        store.ingest_many(items)
        stored = canonical(store.events())
    assert canonical(fuse_reports(items)) == stored
    assert canonical(fuse_reports(items[::-1])) == stored
