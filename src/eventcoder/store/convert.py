"""Records <-> rows: what the database holds, and how it becomes records again.

``mention_to_json``/``mention_from_json`` round-trip a :class:`~eventcoder.records.Mention` exactly
(``mention_from_json(mention_to_json(m)) == m``): the JSON keeps every field of every nested record, and
decoding is driven by the records' own type hints, so tuples come back as tuples and nested records as
records. A key the records no longer have is ignored and a missing one takes the field's default, so rows
written by an older eventcoder still load.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import cache
from typing import Any

from eventcoder import records
from eventcoder.records import Evidence, FatalityFigure, Mention, Report
from eventcoder.store.tables import EventRow, ReportRow

__all__ = [
    "EVENT_SCALAR_FIELDS",
    "JSON_FIELDS",
    "event_to_row",
    "event_values",
    "evidence_offsets",
    "from_jsonable",
    "mention_from_json",
    "mention_to_json",
    "report_to_row",
    "row_to_event",
    "row_to_report",
    "to_jsonable",
]

# Event fields held as JSON columns; every other field is a scalar column of the same name
JSON_FIELDS = ("fatality_reports", "confirmed_by", "denied_by", "report_ids", "evidence", "language",
               "mention_ids", "quality_flags")
EVENT_SCALAR_FIELDS = tuple(f.name for f in dataclasses.fields(records.Event) if f.name not in JSON_FIELDS)


# ---------------------------------------------------------------- generic dataclass <-> JSON

def to_jsonable(value: Any) -> Any:
    """Plain JSON values for a record (every field, nested records as objects, tuples as lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return _decode(options[0], value)
        return value
    if origin is tuple:
        args = typing.get_args(hint)
        item = args[0] if args else Any
        return tuple(_decode(item, v) for v in value)
    if origin is dict:
        _, item = typing.get_args(hint)
        return {k: _decode(item, v) for k, v in value.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_jsonable(hint, value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def from_jsonable(cls: type, data: dict[str, Any]) -> Any:
    """The record ``cls`` from :func:`to_jsonable`'s output (unknown keys ignored, missing keys default)."""
    hints = _hints(cls)
    kwargs = {f.name: _decode(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}
    return cls(**kwargs)


def mention_to_json(mention: Mention) -> dict[str, Any]:
    """A mention as plain JSON values (every field, exactly)."""
    return typing.cast(dict[str, Any], to_jsonable(mention))


def mention_from_json(data: dict[str, Any]) -> Mention:
    """The mention :func:`mention_to_json` wrote."""
    return typing.cast(Mention, from_jsonable(Mention, data))


def evidence_offsets(evidence: dict[str, tuple[Evidence, ...]]) -> dict[str, list[list[int]]]:
    """``{field: [[start, end], ...]}``: the offsets of a mention's evidence into its report's text."""
    return {name: [[e.start, e.end] for e in items] for name, items in evidence.items()}


# ---------------------------------------------------------------- events

def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_values(event: records.Event) -> dict[str, Any]:
    """The column values of an event's row (without ``pk`` and ``created_at``)."""
    values: dict[str, Any] = {name: getattr(event, name) for name in EVENT_SCALAR_FIELDS}
    day = _date(event.event_date)
    values["event_date"] = day
    values["period_week"] = day - dt.timedelta(days=day.weekday()) if day else None
    values["period_month"] = day.replace(day=1) if day else None
    values["fatality_reports"] = [to_jsonable(f) for f in event.fatality_reports]
    values["evidence"] = {k: [to_jsonable(e) for e in v] for k, v in event.evidence.items()}
    for name in ("confirmed_by", "denied_by", "report_ids", "language", "mention_ids", "quality_flags"):
        values[name] = list(getattr(event, name))
    return values


def event_to_row(event: records.Event, *, created_at: dt.datetime | None = None) -> EventRow:
    """A new ``events`` row holding ``event``."""
    row = EventRow(**event_values(event))
    row.created_at = created_at or dt.datetime.now(dt.UTC)
    return row


def row_to_event(row: EventRow | Any) -> records.Event:
    """The :class:`~eventcoder.records.Event` an ``events`` row holds (an ORM row or a Core row mapping)."""
    if isinstance(row, EventRow):
        def get(name: str) -> Any:
            return getattr(row, name)
    else:
        get = getattr(row, "_mapping", row).__getitem__
    values: dict[str, Any] = {name: get(name) for name in EVENT_SCALAR_FIELDS}
    day = values["event_date"]
    values["event_date"] = day.isoformat() if isinstance(day, dt.date) else (day or "")
    values["fatality_reports"] = tuple(from_jsonable(FatalityFigure, f) for f in get("fatality_reports") or ())
    values["evidence"] = {k: tuple(from_jsonable(Evidence, e) for e in v) for k, v in (get("evidence") or {}).items()}
    for name in ("confirmed_by", "denied_by", "report_ids", "language", "mention_ids", "quality_flags"):
        values[name] = tuple(get(name) or ())
    return records.Event(**values)


# ---------------------------------------------------------------- reports

def report_to_row(report: Report, content_hash: str, *, ingested_at: dt.datetime | None = None,
                  mention_count: int = 0) -> ReportRow:
    """A ``reports`` row for ``report``."""
    return ReportRow(id=report.id, text=report.text, url=report.url, outlet=report.outlet,
                     published=report.published, language=report.language, title=report.title,
                     hash=content_hash, ingested_at=ingested_at or dt.datetime.now(dt.UTC),
                     mention_count=mention_count)


def row_to_report(row: ReportRow) -> Report:
    """The :class:`~eventcoder.records.Report` a ``reports`` row holds."""
    return Report(id=row.id, text=row.text, published=row.published, url=row.url, outlet=row.outlet,
                  language=row.language, title=row.title)
