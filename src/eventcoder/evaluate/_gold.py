"""Read gold files: the corpus's events.jsonl (+ reports.jsonl) or an examples ``*.gold.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ReportParseError

__all__ = ["Gold", "load_gold"]

REPORTS_FILE = "reports.jsonl"
EVENTS_FILE = "events.jsonl"


@dataclass(frozen=True, slots=True)
class Gold:
    """Gold reports and events in the corpus's in-memory form.

    Reports carry ``id``, ``language``, ``published``, ``text`` (where known) and ``event_ids``; events carry
    ``id``, ``report_ids``, ``background_report_ids`` and the SCHEMA.md fields.
    """

    reports: list[dict[str, Any]]
    events: list[dict[str, Any]]

    @property
    def events_to_find(self) -> list[dict[str, Any]]:
        """The events with reports of their own (non-empty ``report_ids``)."""
        return [e for e in self.events if e.get("report_ids")]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of a JSON Lines file (blank lines skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ReportParseError(str(err), source=str(path)) from err
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ReportParseError(f"line {number}: {err.msg}", source=str(path)) from err
        if not isinstance(record, dict):
            raise ReportParseError(f"line {number}: expected a JSON object", source=str(path))
        records.append(record)
    return records


def _read_json(path: Path) -> dict[str, Any]:
    """One JSON object from a file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ReportParseError(str(err), source=str(path)) from err
    except json.JSONDecodeError as err:
        raise ReportParseError(f"line {err.lineno}: {err.msg}", source=str(path)) from err
    if not isinstance(data, dict):
        raise ReportParseError("expected a JSON object with 'report' and 'events'", source=str(path))
    return data


def _is_reports(records: list[dict[str, Any]]) -> bool:
    """Whether JSON Lines records are reports (they list ``event_ids`` or hold ``text``), not events."""
    return bool(records) and all("event_ids" in r or ("text" in r and "event_date" not in r) for r in records)


def _stub_reports(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Minimal reports (``id``, ``event_ids``) from the events' ``report_ids`` when no reports file is given."""
    found: dict[str, list[str]] = {}
    for event in events:
        for rid in event.get("report_ids") or []:
            found.setdefault(str(rid), []).append(str(event["id"]))
    return [{"id": rid, "event_ids": ids} for rid, ids in sorted(found.items())]


def _check(events: list[dict[str, Any]], source: str) -> None:
    """Every event has a unique id and list-valued report id fields."""
    seen: set[str] = set()
    for number, event in enumerate(events, start=1):
        eid = event.get("id") or event.get("event_id_cnty")
        if not eid:
            raise ReportParseError(f"event {number} has no 'id'", source=source)
        if eid in seen:
            raise ReportParseError(f"event id {eid!r} appears twice", source=source)
        seen.add(str(eid))
        event.setdefault("id", eid)
        event.setdefault("report_ids", [])
        event.setdefault("background_report_ids", [])


def _from_example(path: Path) -> Gold:
    """An examples ``*.gold.json``: one report, its events (ids ``<report id>-e1``...), ``report_ids`` = it."""
    data = _read_json(path)
    report = dict(data.get("report") or {})
    if not report.get("id") or not isinstance(data.get("events"), list):
        raise ReportParseError("expected 'report' with an 'id' and an 'events' list", source=str(path))
    text_file = path.parent / str(report.get("file", ""))
    if "text" not in report and report.get("file") and text_file.is_file():
        report["text"] = text_file.read_text(encoding="utf-8")
    events = []
    for number, raw in enumerate(data["events"], start=1):
        event = dict(raw)
        event.setdefault("id", f"{report['id']}-e{number}")
        event["report_ids"] = [report["id"]]
        event.setdefault("background_report_ids", [])
        events.append(event)
    report["event_ids"] = [e["id"] for e in events]
    report["not_events"] = list(data.get("not_events") or [])
    return Gold(reports=[report], events=events)


def load_gold(path: str | Path, reports: str | Path | None = None) -> Gold:
    """Load gold reports and events.

    Accepts the corpus's ``events.jsonl`` (reports from ``reports``, else from ``reports.jsonl`` beside it,
    else minimal reports built from the events' ``report_ids``), the corpus's ``reports.jsonl`` (events from
    ``events.jsonl`` beside it; ``reports`` is then ignored), or an examples ``*.gold.json`` (one report with its events).

    Example:
        >>> gold = load_gold("shared/corpus/events.jsonl")
        >>> scores = score_per_report(predictions, gold.reports, gold.events)

    Raises:
        ReportParseError: [E101] a file cannot be read, is not JSON, or its events lack ids.
    """
    path = Path(path)
    if path.suffix == ".json":
        gold = _from_example(path)
        _check(gold.events, str(path))
        return gold
    records = _read_jsonl(path)
    report_records: list[dict[str, Any]] | None
    if _is_reports(records):
        report_records, events = records, _read_jsonl(path.parent / EVENTS_FILE)
    else:
        events = records
        reports_path = Path(reports) if reports is not None else path.parent / REPORTS_FILE
        found = reports is not None or reports_path.is_file()
        report_records = _read_jsonl(reports_path) if found else None
    _check(events, str(path))
    if report_records is None:
        report_records = _stub_reports(events)
    return Gold(reports=report_records, events=events)
