"""Records <-> rows: what the database holds, and how it becomes records again.

``mention_to_json``/``mention_from_json`` round-trip a :class:`~eventcoder.records.Mention` exactly
(``mention_from_json(mention_to_json(m)) == m``): the JSON keeps every field of every nested record, and
decoding is driven by the records' own type hints, so tuples come back as tuples and nested records as
records. A key the records no longer have is ignored and a missing one takes the field's default, so rows
written by an older eventcoder still load.

Reading events in bulk skips the ORM: :func:`decode_event` builds an ``Event`` from a plain row (the
scalar columns in :data:`EVENT_SCALAR_FIELDS` order, then the JSON columns as one JSON array, see
``store/_read.py``) with hand-written decoders for the nested records; ``tests/store/test_store_convert.py``
checks that it gives what :func:`row_to_event` gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
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
    "decode_event",
    "event_to_row",
    "event_values",
    "evidence_offsets",
    "from_jsonable",
    "mention_from_json",
    "mention_to_json",
    "record_decoder",
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

_SCALARS = (str, int, float, bool, type(None))


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def to_jsonable(value: Any) -> Any:
    """Plain JSON values for a record (every field, nested records as objects, tuples as lists)."""
    if isinstance(value, _SCALARS):
        return value
    names = _field_names(type(value))
    if names is not None:
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


Decoder = typing.Callable[[Any], Any]


def _keep(value: Any) -> Any:
    return value


def _to_float(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _nullable(decode: Decoder) -> Decoder:
    return lambda value: None if value is None else decode(value)


@cache
def _decoder(hint: Any) -> Decoder:
    """The decoder of values of type ``hint`` (built once per type: decoding many rows walks no hints)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _nullable(_decoder(options[0])) if len(options) == 1 else _keep
    if origin is tuple:
        args = typing.get_args(hint)
        item = _decoder(args[0] if args else Any)
        if item is _keep:
            return _nullable(tuple)
        return _nullable(lambda value: tuple(item(v) for v in value))
    if origin is dict:
        value_decoder = _decoder(typing.get_args(hint)[1])
        return _nullable(lambda value: {k: value_decoder(v) for k, v in value.items()})
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _nullable(_record_decoder(hint))
    if hint is float:
        return _nullable(_to_float)
    return _keep


@cache
def _record_decoder(cls: type) -> Decoder:
    hints = _hints(cls)
    fields = tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))

    def decode(data: dict[str, Any]) -> Any:
        return cls(**{name: decode_value(data[name]) for name, decode_value in fields if name in data})

    return decode


def from_jsonable(cls: type, data: dict[str, Any]) -> Any:
    """The record ``cls`` from :func:`to_jsonable`'s output (unknown keys ignored, missing keys default)."""
    return _record_decoder(cls)(data)


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
    from eventcoder.store import _orm  # noqa: F401 (importing it maps the row classes)

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


# ---------------------------------------------------------------- events, fast (plain rows)

_FIGURE_FIELDS = frozenset(f.name for f in dataclasses.fields(FatalityFigure))


def _evidence(data: dict[str, Any]) -> Evidence:
    return Evidence(data["report_id"], data["start"], data["end"], data["text"])


def _figure(data: dict[str, Any]) -> FatalityFigure:
    if not data.keys() <= _FIGURE_FIELDS:  # written by another eventcoder: drop what this one lacks
        data = {k: v for k, v in data.items() if k in _FIGURE_FIELDS}
    evidence = data.get("evidence")
    if evidence is not None:
        data["evidence"] = _evidence(evidence)
    return FatalityFigure(**data)


def _figures(value: Any) -> tuple[FatalityFigure, ...]:
    return tuple(_figure(f) for f in value) if value else ()


def _evidence_map(value: Any) -> dict[str, tuple[Evidence, ...]]:
    return {k: tuple(_evidence(e) for e in items) for k, items in value.items()} if value else {}


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(value) if value else ()


_JSON_DECODERS = tuple({"fatality_reports": _figures, "evidence": _evidence_map}.get(name, _strings)
                       for name in JSON_FIELDS)


def _segments() -> tuple[tuple[int, int, int], ...]:
    """The Event's fields as runs: (first scalar, end of the run, JSON field after it or -1)."""
    out, start, scalar = [], 0, 0
    for f in dataclasses.fields(records.Event):
        if f.name in JSON_FIELDS:
            out.append((start, scalar, JSON_FIELDS.index(f.name)))
            start = scalar
        else:
            scalar += 1
    out.append((start, scalar, -1))
    return tuple(out)


_SEGMENTS = _segments()
_DATE_INDEX = EVENT_SCALAR_FIELDS.index("event_date")


def decode_event(row: Any) -> records.Event:
    """The Event of a plain row ``(pk, sort key, *scalar columns, JSON array of the JSON columns)``.

    The scalar columns come in :data:`EVENT_SCALAR_FIELDS` order, ``event_date`` as a date or as
    ``YYYY-MM-DD`` text; the last item is the JSON text ``[fatality_reports, confirmed_by, ...]`` in
    :data:`JSON_FIELDS` order.
    """
    scalars = list(row[2:-1])
    day = scalars[_DATE_INDEX]
    if day is None:
        scalars[_DATE_INDEX] = ""
    elif not isinstance(day, str):
        scalars[_DATE_INDEX] = day.isoformat()
    blobs = json.loads(row[-1])
    args: list[Any] = []
    for start, end, index in _SEGMENTS:
        args += scalars[start:end]
        if index >= 0:
            args.append(_JSON_DECODERS[index](blobs[index]))
    return records.Event(*args)


def _plain_figures(value: Any) -> list[dict[str, Any]]:
    return [_figure(f).to_dict() for f in value] if value else []


_EVIDENCE_KEYS = ("report_id", "start", "end", "text")


def _plain_evidence(value: Any) -> dict[str, list[dict[str, Any]]]:
    if not value:
        return {}
    return {k: [e if tuple(e) == _EVIDENCE_KEYS else _evidence(e).to_dict() for e in items]
            for k, items in value.items()}


def _plain_strings(value: Any) -> list[str]:
    return list(value) if value else []


_PLAIN_DECODERS = {name: {"fatality_reports": _plain_figures, "evidence": _plain_evidence}.get(name, _plain_strings)
                   for name in JSON_FIELDS}
EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(records.Event))


def record_decoder(fields: tuple[str, ...]) -> Any:
    """A function from a plain row to ``Event.to_dict()`` restricted to ``fields`` (in the Event's order).

    The row is ``(pk, sort key, *scalar columns of fields, JSON array of the JSON columns of fields)``, as
    ``store/_read.py`` selects it for :func:`record_columns` ``(fields)``.
    """
    scalars, jsons = record_columns(fields)
    width = len(scalars)
    dated = "event_date" in scalars
    decoders = [(name, _PLAIN_DECODERS[name]) for name in jsons]
    ordered = tuple(f for f in EVENT_FIELDS if f in fields)

    def decode(row: Any) -> dict[str, Any]:
        out = dict(zip(scalars, row[2:2 + width], strict=True))
        if dated:
            day = out["event_date"]
            out["event_date"] = "" if day is None else day if isinstance(day, str) else day.isoformat()
        if decoders:
            for (name, decoder), value in zip(decoders, json.loads(row[-1]), strict=True):
                out[name] = decoder(value)
        return {name: out[name] for name in ordered}

    return decode


@cache
def record_columns(fields: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(scalar fields, JSON fields)`` of ``fields``, each in column order.

    Raises:
        ValueError: a name that is not a field of Event.
    """
    unknown = sorted(set(fields) - set(EVENT_FIELDS))
    if unknown:
        raise ValueError(f"not fields of an event: {', '.join(unknown)}")
    return (tuple(f for f in EVENT_SCALAR_FIELDS if f in fields), tuple(f for f in JSON_FIELDS if f in fields))


# ---------------------------------------------------------------- reports

def report_to_row(report: Report, content_hash: str, *, ingested_at: dt.datetime | None = None,
                  mention_count: int = 0) -> ReportRow:
    """A ``reports`` row for ``report``."""
    from eventcoder.store import _orm  # noqa: F401 (importing it maps the row classes)

    return ReportRow(id=report.id, text=report.text, url=report.url, outlet=report.outlet,
                     published=report.published, language=report.language, title=report.title,
                     hash=content_hash, ingested_at=ingested_at or dt.datetime.now(dt.UTC),
                     mention_count=mention_count)


def row_to_report(row: ReportRow) -> Report:
    """The :class:`~eventcoder.records.Report` a ``reports`` row holds."""
    return Report(id=row.id, text=row.text, published=row.published, url=row.url, outlet=row.outlet,
                  language=row.language, title=row.title)
