"""What one report did to each event: ``new``, ``updated`` or ``status_changed``, with the fields.

Changes are read from the store's history (every field change is recorded there with the report that
caused it), not from a before/after snapshot held in memory: so the changes of a report ingested just
before a crash are the same when the monitor recovers, and a report ingested twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["BOOKKEEPING", "Change", "changes_of"]

# fields that change with every further report of an event: alone, they do not make an "updated" alert
BOOKKEEPING = frozenset({"report_ids", "source", "source_scale", "language", "confidence", "notes",
                         "coder_version", "quality_flags", "timestamp", "evidence", "mention_ids",
                         "fatality_reports"})
CREATED = "event"


@dataclass(frozen=True, slots=True)
class Change:
    """What ``report_id`` did to event ``event_id``.

    ``kinds`` is ``("new",)`` for an event the report created, else any of ``updated`` (a field other than
    the bookkeeping ones changed) and ``status_changed``; it is empty when the report only added itself as
    another source. ``kind`` is the most specific (new > status_changed > updated > corroborated).
    ``fields`` maps each changed field to ``{"old", "new", "rule"}``; ``merged`` lists ids merged into the
    event by this report.
    """

    event_id: str
    report_id: str
    kinds: tuple[str, ...]
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    merged: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        for name in ("new", "status_changed", "updated"):
            if name in self.kinds:
                return name
        return "corroborated"

    def to_row(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "report_id": self.report_id, "kind": self.kind,
                "kinds": ",".join(self.kinds), "fields": {"fields": self.fields, "merged": list(self.merged)}}

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "kinds": list(self.kinds), "event_id": self.event_id,
                "report_id": self.report_id, "fields": self.fields, "merged": list(self.merged)}


def changes_of(store: Any, report_id: str, event_ids: Iterable[str], *, created: Iterable[str] = ()) -> list[Change]:
    """The changes ``report_id`` made to the events it touched (as the store's history records them).

    Args:
        store: an :class:`~eventcoder.store.EventStore`.
        report_id: the report just ingested.
        event_ids: the events it created or updated (``IngestResult``), or the events it is part of.
        created: those of ``event_ids`` the report created (``IngestResult.created``): ``new``, no need to read
            their history.
    """
    found: list[Change] = []
    done: set[str] = set()
    new = set(created)
    for given in event_ids:
        if given in new:
            if given not in done:
                done.add(given)
                found.append(Change(given, report_id, ("new",)))
            continue
        event_id = store.resolve_id(given)
        if event_id is None or event_id in done:
            continue
        done.add(event_id)
        entries = [h for h in store.history(event_id) if h.report_id == report_id]
        if not entries:
            continue
        mine = [h for h in entries if h.event_id_cnty == event_id]
        merged = tuple(sorted({h.event_id_cnty for h in entries if h.field == "merged_into"}))
        if any(h.field == CREATED for h in mine):
            fields = {}
            kinds: tuple[str, ...] = ("new",)
        else:
            fields = {h.field: {"old": h.old, "new": h.new, "rule": h.rule} for h in mine if h.field != "merged_into"}
            kinds = tuple(k for k, on in (("updated", any(f not in BOOKKEEPING for f in fields) or bool(merged)),
                                          ("status_changed", "status" in fields)) if on)
        found.append(Change(event_id, report_id, kinds, fields, merged))
    return found
