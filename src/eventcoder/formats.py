"""Serialising events: JSON Lines, ACLED CSV, GeoJSON, and a readable table.

Every output uses SCHEMA.md's field names. ``ACLED_COLUMNS`` are ACLED's export columns in ACLED's order,
so a user's ACLED code reads ``acled-csv`` unchanged; ``csv`` appends eventcoder's own scalar fields.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from eventcoder.records import Event

__all__ = ["ACLED_COLUMNS", "EXTRA_COLUMNS", "event_rows", "geojson_feature", "geojson_parts", "to_geojson",
           "write_csv", "write_geojson", "write_jsonl", "write_table"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EXTRA_COLUMNS = (
    "fatalities_low", "fatalities_high", "hostages", "claimed_by", "claim_date", "claim_channel", "status",
    "confirmed_by", "denied_by", "report_ids", "confidence", "language",
)


def _as_dict(event: Event | dict[str, Any]) -> dict[str, Any]:
    return event.to_dict() if isinstance(event, Event) else event


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


def event_rows(events: Iterable[Event | dict[str, Any]], columns: Sequence[str]) -> Iterable[list[Any]]:
    """Rows of the given columns (lists become ``;``-separated cells)."""
    for event in events:
        record = _as_dict(event)
        yield [_cell(record.get(c)) for c in columns]


def write_csv(events: Iterable[Event | dict[str, Any]], out: TextIO, *, acled_only: bool = False) -> int:
    """CSV with ACLED's columns (and eventcoder's extras unless ``acled_only``); returns the row count."""
    columns = ACLED_COLUMNS if acled_only else ACLED_COLUMNS + EXTRA_COLUMNS
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in event_rows(events, columns):
        writer.writerow(row)
        count += 1
    return count


def write_jsonl(events: Iterable[Event | dict[str, Any]], out: TextIO) -> int:
    """One SCHEMA.md record per line; returns the count."""
    count = 0
    for event in events:
        out.write(json.dumps(_as_dict(event), ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def geojson_feature(event: Event | dict[str, Any]) -> dict[str, Any] | None:
    """The GeoJSON Feature of an event (properties: the record without its evidence); ``None`` without
    coordinates."""
    record = _as_dict(event)
    if record.get("latitude") is None or record.get("longitude") is None:
        return None
    properties = {k: v for k, v in record.items() if k != "evidence"}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
        "properties": properties,
    }


def to_geojson(events: Iterable[Event | dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates (properties: the full record)."""
    features = [f for f in map(geojson_feature, events) if f is not None]
    return {"type": "FeatureCollection", "features": features}


def geojson_parts(events: Iterable[Event | dict[str, Any]], counter: list[int] | None = None) -> Iterator[str]:
    """:func:`to_geojson`'s collection as text, one feature at a time (constant memory however many events);
    the number of features written is appended to ``counter`` at the end."""
    yield '{"type": "FeatureCollection", "features": ['
    count = 0
    for event in events:
        feature = geojson_feature(event)
        if feature is not None:
            yield ("" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False, default=str)
            count += 1
    yield "]}\n"
    if counter is not None:
        counter.append(count)


def write_geojson(events: Iterable[Event | dict[str, Any]], out: TextIO) -> int:
    """Stream :func:`to_geojson`'s FeatureCollection to ``out``; returns the number of features."""
    counter: list[int] = []
    for part in geojson_parts(events, counter):
        out.write(part)
    return counter[0]


def write_table(events: Sequence[Event | dict[str, Any]], out: TextIO | None = None) -> None:
    """A readable table (rich) of the main fields."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(events)} events", show_lines=False)
    for header in ("date", "type", "actor1", "actor2", "location", "killed", "status", "claimed by"):
        table.add_column(header, overflow="fold")
    for event in events:
        record = _as_dict(event)
        killed = str(record.get("fatalities", 0))
        if record.get("fatalities_high") and record["fatalities_high"] != record.get("fatalities"):
            killed += f" ({record.get('fatalities_low')}-{record['fatalities_high']})"
        place = ", ".join(p for p in (record.get("location"), record.get("admin1"), record.get("country")) if p)
        table.add_row(record.get("event_date", ""), f"{record.get('event_type')}\n{record.get('sub_event_type')}",
                      record.get("actor1", ""), record.get("actor2", ""), place, killed, record.get("status", ""),
                      record.get("claimed_by") or "")
    console = Console(file=out or io.StringIO(), width=160) if out is not None else Console(width=160)
    console.print(table)
