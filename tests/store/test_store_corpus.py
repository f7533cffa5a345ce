"""On the shared corpus: any order gives the same events, twice changes nothing, SQLite = PostgreSQL."""

from __future__ import annotations

import random
from typing import Any

import pytest
from store_helpers import canonical, dump, integrity_problems

from eventcoder.records import Mention, Report
from eventcoder.store import EventStore

Items = list[tuple[Report, list[Mention]]]


def _fuse(items: Items, url: str = "sqlite:///:memory:") -> list[dict[str, Any]]:
    with EventStore(url) as store:
        store.ingest_many(items)
        assert integrity_problems(store) == []
        return canonical(store.events())


@pytest.fixture(scope="module")
def expected(corpus_items: Items) -> list[dict[str, Any]]:
    return _fuse(corpus_items)


def test_reverse_publication_order_gives_the_same_events(corpus_items: Items,
                                                         expected: list[dict[str, Any]]) -> None:
    assert _fuse(corpus_items[::-1]) == expected


@pytest.mark.parametrize("seed", [0])
def test_a_shuffled_order_gives_the_same_events(corpus_items: Items, expected: list[dict[str, Any]],
                                                seed: int) -> None:
    items = list(corpus_items)
    random.Random(seed).shuffle(items)
    assert _fuse(items) == expected


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(1, 5))
def test_more_shuffled_orders_give_the_same_events(corpus_items: Items, expected: list[dict[str, Any]],
                                                   seed: int) -> None:
    items = list(corpus_items)
    random.Random(seed).shuffle(items)
    assert _fuse(items) == expected


def test_the_corpus_twice_changes_nothing(corpus_items: Items) -> None:
    with EventStore("sqlite:///:memory:") as store:
        store.ingest_many(corpus_items)
        before = dump(store)
        results = store.ingest_many(corpus_items)
        assert all(r.duplicate for r in results)
        assert dump(store) == before


def _records(store: EventStore) -> list[dict[str, Any]]:
    out = []
    for event in store.events(order="event_id_cnty"):
        record = event.to_dict()
        record.pop("timestamp")
        out.append(record)
    return out


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_identical_events(corpus_items: Items, pg_url: str) -> None:
    with EventStore("sqlite:///:memory:") as lite, EventStore(pg_url) as pg:
        lite.ingest_many(corpus_items)
        pg.ingest_many(corpus_items)
        assert integrity_problems(pg) == []
        assert _records(pg) == _records(lite)  # the same events, ids included
        for event in lite.events()[:25]:
            eid = event.event_id_cnty
            assert pg.mentions_of(eid) == lite.mentions_of(eid)
            assert pg.reports_of(eid) == lite.reports_of(eid)
            assert [(h.field, h.old, h.new, h.report_id, h.rule) for h in pg.history(eid)] == [
                (h.field, h.old, h.new, h.report_id, h.rule) for h in lite.history(eid)]
        assert pg.aggregates("month", "country") == lite.aggregates("month", "country")


@pytest.mark.slow
@pytest.mark.postgres
def test_postgresql_in_another_order_gives_the_same_events(corpus_items: Items, pg_url: str,
                                                           expected: list[dict[str, Any]]) -> None:
    shuffled = list(corpus_items)
    random.Random(11).shuffle(shuffled)
    assert _fuse(shuffled, pg_url) == expected
