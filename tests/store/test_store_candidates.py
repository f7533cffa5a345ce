"""Candidate lookup: a superset of what match_score accepts, served by the indexes (never a scan)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from sqlalchemy import text
from sqlalchemy.orm import Session
from store_helpers import make_mention

from eventcoder.fuse import DATE_OF_STATEMENT, code_event, match_score
from eventcoder.records import Event, Place
from eventcoder.store import EventStore
from eventcoder.store._candidates import candidate_query, mention_candidate_query
from eventcoder.store.convert import event_to_row
from eventcoder.store.tables import EventRow

COUNTRIES = (("Mali", "MLI", ("Koulikoro", "Mopti", "")), ("Burkina Faso", "BFA", ("Sahel", "Nord", "")))
ACTORS = ("JNIM", "ISS", "FAMa", "gunmen ML", None)


def _random_event(rng: random.Random, n: int) -> Event:
    country, iso3, admins = rng.choice(COUNTRIES)
    gp = rng.choice((1, 2, 3))
    admin1 = rng.choice(admins) if gp < 3 else rng.choice(("", admins[0]))
    place = None if rng.random() < 0.1 else Place(
        f"P{rng.randint(0, 30)}", 14 + rng.uniform(-4, 4), -3 + rng.uniform(-5, 5), gp, country, iso3, 0, "",
        admin1)
    day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 89))
    date = None if rng.random() < 0.05 else day.isoformat()
    claims = (("claim", "Jama'at Nasr al-Islam wal Muslimin"),) if rng.random() < 0.2 else ()
    flags = (DATE_OF_STATEMENT,) if rng.random() < 0.15 else ()  # dated by a statement: lags like a claim
    mention = make_mention(f"r{n}", 0, date=date, precision=rng.choice((1, 1, 2, 3)), place=place,
                           actor1=rng.choice(ACTORS), cue=rng.choice(("ambush", "attack", "clash", "ied")),
                           claims=claims, flags=flags)
    return replace(code_event([mention], timestamp=0), event_id_cnty=f"{iso3}{n}")


def test_candidates_hold_every_possible_match() -> None:
    rng = random.Random(7)
    stored = [_random_event(rng, n) for n in range(600)]
    with EventStore("sqlite:///:memory:") as store:
        with Session(store.engine) as session:
            session.add_all(event_to_row(e) for e in stored)
            session.commit()
        with Session(store.engine) as session:
            checked, fetched = 0, 0
            for n in range(150):
                new = _random_event(rng, 10_000 + n)
                query = candidate_query(new)
                found = set() if query is None else {row.event_id_cnty for row in session.scalars(query)}
                expected = {e.event_id_cnty for e in stored if match_score(new, e) is not None}
                assert expected <= found, (new, expected - found)
                checked += len(expected)
                fetched += len(found)
            assert checked > 50
            assert fetched / 150 < len(stored) / 5  # and it narrows the table down (vague events fetch more)


def _plan(store: EventStore, query: object) -> str:
    compiled = query.compile(store.engine, compile_kwargs={"literal_binds": True})  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        rows = conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    return "\n".join(str(r[-1]) for r in rows)


def test_candidate_lookup_uses_the_indexes() -> None:
    event = code_event([make_mention("q", 0)], timestamp=0)
    with EventStore("sqlite:///:memory:") as store:
        plan = _plan(store, candidate_query(event))
        assert "SEARCH events USING INDEX ix_events_" in plan and "SCAN events" not in plan, plan
        plan = _plan(store, mention_candidate_query(event))
        assert "ix_event_mentions_date_lat_lon" in plan and "SCAN event_mentions" not in plan, plan


def test_an_event_without_a_date_has_no_candidates() -> None:
    assert candidate_query(code_event([make_mention("q", 0, date=None)], timestamp=0)) is None


def test_stored_rows_look_like_events() -> None:
    assert EventRow.__tablename__ == "events"
