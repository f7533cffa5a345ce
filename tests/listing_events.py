"""Many stored events, fast: hand-made Events loaded through ``EventStore.load_events`` (no NLP, no fusion),
for the tests of complete listings (CLI and API) on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from eventcoder.records import Event

__all__ = ["MANY", "backend_url", "many_events"]

MANY = 1234  # more than any page size: the table's 50, the store's and the API's pages of 1000

PLACES = (("Djibo", "Sahel", "Burkina Faso", 854, 14.10, -1.63), ("Nara", "Koulikoro", "Mali", 466, 15.17, -7.29),
          ("Tamou", "Tillaberi", "Niger", 562, 12.76, 2.17))


def many_events(count: int = MANY) -> list[Event]:
    """``count`` events on 400 days (many share a date: the cursor's tie-breaker is exercised), over three
    countries; every 10th has no coordinates, every 97th no date."""
    events = []
    for i in range(count):
        place, admin1, country, iso, lat, lon = PLACES[i % len(PLACES)]
        undated = i % 97 == 3
        day = dt.date(2023, 1, 1) + dt.timedelta(days=i % 400)
        events.append(Event(
            event_date="" if undated else day.isoformat(), year=0 if undated else day.year,
            event_type="Battles" if i % 2 else "Violence against civilians", actor1="Unidentified Armed Group",
            country=country, iso=iso, admin1=admin1, location=place,
            latitude=None if i % 10 == 7 else lat, longitude=None if i % 10 == 7 else lon,
            notes=f"Listing test event number {i} near {place}.", fatalities=i % 5, timestamp=1_700_000_000 + i,
            report_ids=(f"list-{i}",), language=("en",), confidence=0.5, coder_version="test"))
    return events


@contextmanager
def backend_url(backend: str, tmp_path: object,
                fresh_pg_database: Callable[[str], AbstractContextManager[str]]) -> Iterator[str]:
    """A database URL of an empty store: a SQLite file under ``tmp_path``, or a PostgreSQL database of
    its own (skips without PostgreSQL)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path}/listing.db"
        return
    with fresh_pg_database("eventcoder_listing") as url:
        yield url
