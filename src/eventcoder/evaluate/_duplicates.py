"""Why fusion stored one event twice: each duplicate pair of the fused task, with fuse's own verdict.

A duplicate (``FalsePositive`` with reason ``"duplicate"``) is a prediction compatible with a gold event
another prediction matched. The pair is the two predictions; why fusion did not make them one is what
:func:`eventcoder.fuse.match_verdict` says of their codings (the component that failed: country, type,
date gap, distance, actors), or, where the score accepts them, what kept them apart in fusion (a report
they share: two events of one report are never one event; else the one-to-one assignment).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from eventcoder.fuse import match_verdict
from eventcoder.records import Event as Coding

from ._scores import Details, event_id

__all__ = ["DuplicatePair", "as_coding", "duplicate_pairs"]

Event = Mapping[str, Any]
_SCALARS = {f.name for f in fields(Coding) if f.name not in ("fatality_reports", "evidence")}


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two predictions of one gold event: ``kept`` (the one matched) and ``duplicate``; ``why`` in words."""

    gold_id: str
    kept: Event
    duplicate: Event
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "duplicate", "gold_id": self.gold_id, "kept": event_id(self.kept),
                "duplicate": event_id(self.duplicate), "why": self.why}


def as_coding(record: Event) -> Coding:
    """A SCHEMA.md record as the ``Event`` fuse scores (the fields it reads; lists as tuples)."""
    values: dict[str, Any] = {}
    for name in _SCALARS & record.keys():
        value = record[name]
        if value is None and name not in ("latitude", "longitude", "hostages", "claimed_by", "claim_date",
                                          "claim_channel"):
            continue
        values[name] = tuple(value) if isinstance(value, list) else value
    return Coding(**values)


def _reports(record: Event) -> list[str]:
    value = record.get("report_ids") or ()
    return [value] if isinstance(value, str) else [str(v) for v in value]


def why_apart(kept: Event, duplicate: Event) -> str:
    """Why fuse's match scoring does not make the two one event (either way round)."""
    a, b = as_coding(duplicate), as_coding(kept)
    fit, failure = match_verdict(a, b)
    if fit is None:
        back, _ = match_verdict(b, a)
        if back is None:
            return f"not matched: {failure}"
        fit = back
    shared = sorted(set(_reports(kept)) & set(_reports(duplicate)))
    if shared:
        return (f"the match score accepts them ({fit.score:.1f}) but they share report(s) {', '.join(shared)}: "
                "two events of one report are never one event")
    return (f"the match score accepts them ({fit.score:.1f}): kept apart by the one-to-one assignment "
            "(another event took the better fit) or a vague coding that fits several")


def duplicate_pairs(details: Details) -> list[DuplicatePair]:
    """Each duplicate with the prediction that matched its gold event, and why the two were not one."""
    kept_of = {event_id(p.gold): p.prediction for p in details.matches}
    pairs = []
    for fp in details.false_positives:
        kept = kept_of.get(fp.gold_id or "")
        if fp.reason == "duplicate" and kept is not None:
            pairs.append(DuplicatePair(fp.gold_id or "", kept, fp.prediction, why_apart(kept, fp.prediction)))
    return pairs


def describe_pair(pair: DuplicatePair, describe: Any, names: Sequence[str]) -> list[str]:
    """The lines of one pair in ``explain``: both predictions (id, description, reports), then why."""
    lines = [f"  DUPLICATE of {pair.gold_id}: {names[0]} and {names[1]}"]
    for name, record in zip(names, (pair.kept, pair.duplicate), strict=True):
        lines.append(f"      {name}: {describe(record)} [reports: {', '.join(_reports(record))}]")
    lines.append(f"      why two: {pair.why}")
    return lines
