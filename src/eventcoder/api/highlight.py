"""Everything the event page shows that needs computing: evidence highlights, the timeline, the tolls.

``highlight`` cuts a report's text into segments, each with the fields whose evidence covers it, so the
template can wrap them in ``<mark>`` without overlapping tags. Offsets outside the text are dropped, not
trusted: a stale offset must never break the page.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

__all__ = ["Segment", "field_palette", "highlight", "history_rows", "spans_by_report", "timeline"]

PALETTE_SIZE = 10


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    fields: tuple[str, ...] = ()


def spans_by_report(evidence: dict[str, Any]) -> dict[str, list[tuple[int, int, str]]]:
    """``{report_id: [(start, end, field), ...]}`` from ``Event.evidence`` (records or dicts)."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for field_name, items in (evidence or {}).items():
        for item in items or ():
            get = item.get if isinstance(item, dict) else lambda k, _i=item: getattr(_i, k, None)
            report_id, start, end = get("report_id"), get("start"), get("end")
            if isinstance(report_id, str) and isinstance(start, int) and isinstance(end, int):
                out.setdefault(report_id, []).append((start, end, str(field_name)))
    return out


def highlight(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """The text as consecutive segments; a segment inside one or more spans names their fields."""
    valid = [(s, e, f) for s, e, f in spans if 0 <= s < e <= len(text)]
    if not valid:
        return [Segment(text)] if text else []
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    segments: list[Segment] = []
    for left, right in itertools.pairwise(cuts):
        covering = tuple(sorted({f for s, e, f in valid if s <= left and right <= e}))
        segments.append(Segment(text[left:right], covering))
    return segments


def field_palette(fields: list[str]) -> dict[str, int]:
    """A stable colour index per field name (the CSS has classes ``ev-0`` ... ``ev-9``)."""
    return {name: i % PALETTE_SIZE for i, name in enumerate(sorted(set(fields)))}


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def timeline(event: Any, reports: list[Any], mentions: list[Any], history: list[Any]) -> list[dict[str, Any]]:
    """Dated entries, oldest first: the event, each report, each claim/confirmation/denial, each change."""
    entries: list[dict[str, Any]] = []
    if event.event_date:
        entries.append({"date": event.event_date, "kind": "event",
                        "what": f"{event.sub_event_type or event.event_type} at {event.location or '?'}"})
    for report in reports:
        entries.append({"date": report.published or "", "kind": "report", "report_id": report.id,
                        "what": f"{report.outlet or 'report'}: {report.title or report.id}"})
    seen: set[tuple[Any, ...]] = set()
    for mention in mentions:
        for claim in _get(mention, "claims") or ():
            key = (_get(claim, "kind"), _get(claim, "by"), _get(claim, "report_id"))
            if key in seen:
                continue
            seen.add(key)
            kind = {"claim": "claimed", "confirm": "confirmed", "deny": "denied"}.get(_get(claim, "kind"), "said")
            channel = _get(claim, "channel")
            entries.append({"date": _get(claim, "date") or _get(mention, "published") or "", "kind": kind,
                            "report_id": _get(claim, "report_id"),
                            "what": f"{_get(claim, 'by') or 'someone'} {kind}"
                                    + (f" (via {channel})" if channel else "")})
    if event.claimed_by and not any(e["kind"] == "claimed" for e in entries):
        entries.append({"date": event.claim_date or "", "kind": "claimed",
                        "what": f"{event.claimed_by} claimed" + (f" (via {event.claim_channel})"
                                                                 if event.claim_channel else "")})
    for change in history:  # of the history, the timeline shows what changed the record's standing
        field_name = _get(change, "field")
        if field_name not in {"status", "merged_into"}:
            continue
        what = (f"status: {_get(change, 'old') or '—'} → {_get(change, 'new')}" if field_name == "status"
                else f"merged into {_get(change, 'new')}")
        entries.append({"date": _date_of(_get(change, "changed_at")), "kind": "changed",
                        "report_id": _get(change, "report_id"), "what": what})
    return sorted(entries, key=lambda e: (e["date"] or "9999", e["kind"] != "event"))


def _date_of(value: Any) -> str:
    import datetime as dt

    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value, dt.UTC).date().isoformat()
    return str(value or "")


def _when(value: Any) -> str:
    import datetime as dt

    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return str(value or "")


def history_rows(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The history table: when, field, old and new value (shortened), report, rule."""
    rows = []
    for change in history:
        created = change.get("field") == "event"
        rows.append({"when": _when(change.get("changed_at")), "field": "(created)" if created else change.get("field"),
                     "was": "—" if created else _short(change.get("old")),
                     "now": "first coding" if created else _short(change.get("new")),
                     "report_id": change.get("report_id"), "rule": change.get("rule")})
    return rows


def _short(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        text = "; ".join(f"{v.get('count')} ({v.get('by')})" if isinstance(v, dict) and "count" in v else str(v)
                         for v in value)
    else:
        text = str(value)
    return text if len(text) <= 90 else text[:87] + "…"
