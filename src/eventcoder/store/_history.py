"""An event's history: which fields a change touched, and the rule that made each change.

Every field of SCHEMA.md is tracked except ``timestamp`` (it changes with every change), ``evidence`` and
``mention_ids`` (they follow from ``report_ids``: the evidence of a report's mention is in
``event_mentions``). A new event gets one entry, ``field="event"``, holding its first coding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventcoder.records import Event
from eventcoder.store.convert import to_jsonable

__all__ = ["CREATED", "TRACKED_FIELDS", "HistoryEntry", "changes", "snapshot"]

CREATED = "event"
UNTRACKED = frozenset({"timestamp", "evidence", "mention_ids"})
TRACKED_FIELDS = tuple(name for name in Event.__dataclass_fields__ if name not in UNTRACKED)

_PLACE = frozenset({"location", "latitude", "longitude", "geo_precision", "country", "iso", "region", "admin1",
                    "admin2", "admin3"})
_DATE = frozenset({"event_date", "year", "time_precision"})
_ACTORS = frozenset({"actor1", "actor2", "inter1", "inter2", "interaction", "assoc_actor_1", "assoc_actor_2"})
_TYPE = frozenset({"disorder_type", "event_type", "sub_event_type", "civilian_targeting"})
_TOLL = frozenset({"fatalities", "fatalities_low", "fatalities_high", "fatality_reports"})
_CLAIM = frozenset({"claimed_by", "claim_date", "claim_channel"})
_GENERIC = ("Unidentified", "Civilians", "Protesters", "Rioters")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change of one field of an event.

    ``field`` is a SCHEMA.md field name, or ``"event"`` for the creation of the event (``new`` then holds
    its whole first coding). ``report_id`` is the report whose ingestion made the change, ``rule`` says
    why (e.g. ``more precise place wins (geo_precision 3 -> 1)``). ``changed_at`` is unix time.
    """

    event_id_cnty: str
    field: str
    old: Any
    new: Any
    report_id: str | None
    rule: str
    changed_at: int

    def to_dict(self) -> dict[str, Any]:
        return {"event_id_cnty": self.event_id_cnty, "field": self.field, "old": self.old, "new": self.new,
                "report_id": self.report_id, "rule": self.rule, "changed_at": self.changed_at}


def snapshot(event: Event) -> dict[str, Any]:
    """The tracked fields of an event as JSON values."""
    return {name: to_jsonable(getattr(event, name)) for name in TRACKED_FIELDS}


def _rank(actor: str) -> int:
    if not actor:
        return 0
    return 1 if actor.startswith(_GENERIC) else 2


def _place_rule(old: Event, new: Event) -> str:
    if new.geo_precision < old.geo_precision:
        return f"more precise place wins (geo_precision {old.geo_precision} -> {new.geo_precision})"
    if not old.location and new.location:
        return "first report that names a place"
    return "place named by most reports at the best precision (earliest on a tie)"


def _date_rule(old: Event, new: Event) -> str:
    if new.time_precision < old.time_precision:
        return f"more precise date wins (time_precision {old.time_precision} -> {new.time_precision})"
    if not old.event_date:
        return "first report that dates the event"
    return "date given by most reports at the best precision (earliest on a tie; stated dates before " \
           "publication dates)"


def _actor_rule(name: str, old: Event, new: Event) -> str:
    side = "actor2" if name in ("actor2", "inter2", "assoc_actor_2") else "actor1"
    before, after = getattr(old, side), getattr(new, side)
    if _rank(after) > _rank(before):
        what = "a named actor" if _rank(after) == 2 else "an identified actor"
        return f"{what} replaces {before or 'none'} ({side})"
    if name == "interaction":
        return "interaction follows the actors' inter codes"
    return f"{side} named by most reports at the best precision"


def _toll_rule(old: Event, new: Event) -> str:
    added = len(new.fatality_reports) - len(old.fatality_reports)
    base = "fatalities: per side the lowest credible figure (an upward revision supersedes), summed over " \
           "sides; low/high span the credible figures"
    return f"{base}; {added} new figure(s)" if added > 0 else base


def _status_rule(old: Event, new: Event) -> str:
    if new.status == "disputed":
        return f"denied by {', '.join(new.denied_by) or 'a party'}: {old.status} -> disputed"
    if new.status == "confirmed":
        return f"confirmed by {', '.join(new.confirmed_by) or 'an official or independent source'}: " \
               f"{old.status} -> confirmed"
    if new.status == "claimed":
        return f"claim by {new.claimed_by}: {old.status} -> claimed"
    return f"status recomputed from every report: {old.status} -> {new.status}"


def rule_for(name: str, old: Event, new: Event) -> str:
    """Why field ``name`` changed from ``old`` to ``new`` (both codings of one event)."""
    if name in _PLACE:
        return _place_rule(old, new)
    if name in _DATE:
        return _date_rule(old, new)
    if name in _ACTORS:
        return _actor_rule(name, old, new)
    if name in _TYPE:
        return "type coded again from every report's action and target"
    if name in _TOLL:
        return _toll_rule(old, new)
    if name == "status":
        return _status_rule(old, new)
    if name in _CLAIM:
        return f"claim by {new.claimed_by} attaches to the event" if new.claimed_by else \
            "claim no longer credited (the coded perpetrator is a state force)"
    if name == "hostages":
        return "hostages: the lowest figure reported"
    if name in ("report_ids", "source", "source_scale", "language"):
        return "another report of the event"
    if name in ("confirmed_by", "denied_by"):
        return "a confirmation or denial in the new report"
    return "coded again from every report of the event"


def changes(old: Event, new: Event) -> list[tuple[str, Any, Any, str]]:
    """``(field, old value, new value, rule)`` for each tracked field that differs."""
    found = []
    for name in TRACKED_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            found.append((name, to_jsonable(before), to_jsonable(after), rule_for(name, old, new)))
    return found
