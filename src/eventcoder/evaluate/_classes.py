"""Errors by class (invented, not found, date, place, type, actor, toll, claim), for ``explain``.

A miss is put in the date or place class when a prediction of the same report (fused: sharing one of the
gold's reports) would have matched it but for that one field: the event was found and mis-dated or
mis-placed, not missed. Field errors of matched pairs are counted per class as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._compat import COMPATIBLE_KM, date_window, days_apart, pair_distance_km
from ._scores import Details, FalsePositive, Miss

__all__ = ["CLASS_FIGURES", "ErrorClasses", "classify_miss", "error_classes"]

Event = Mapping[str, Any]

CLASS_FIGURES: dict[str, tuple[str, ...]] = {
    "date": ("event_date",),
    "place": ("location_10km", "admin1", "geo_precision"),
    "type": ("event_type", "sub_event_type"),
    "actor": ("actor1", "actor2"),
    "toll": ("fatalities_exact", "fatalities_in_range"),
    "claim": ("claimed_by", "status"),
}
"""The figures of matched pairs that make up each class."""


@dataclass(frozen=True)
class MissCause:
    """Why a gold event was missed: ``"date"``, ``"place"`` or ``"date and place"`` with the nearest
    prediction that failed on it (days and km apart), or ``"not found"``."""

    cause: str
    prediction: Event | None = None
    days: int | None = None
    km: float | None = None

    def describe(self) -> str:
        if self.prediction is None:
            return "not found: no prediction of its report comes near it"
        bits = [f"{self.days} days off" if self.days is not None else "no date"]
        bits.append(f"{self.km:.0f} km away" if self.km is not None else "no point")
        return f"{self.cause}: a prediction dated {self.prediction.get('event_date')} is {', '.join(bits)}"


def _shares_report(prediction: Event, gold: Event, report_id: str | None) -> bool:
    if report_id is not None:
        return True
    ids = prediction.get("report_ids") or ()
    return bool(set(map(str, ids)) & set(map(str, gold.get("report_ids") or ())))


def _cause_against(prediction: Event, gold: Event) -> MissCause:
    days = days_apart(prediction, gold)
    km = pair_distance_km(prediction, gold)
    date_ok = days is not None and days <= date_window(gold)
    place_ok = km is not None and km <= COMPATIBLE_KM
    cause = "place" if date_ok else "date" if place_ok else "date and place"
    return MissCause(cause, prediction, days, km)


def classify_miss(miss: Miss, false_positives: tuple[FalsePositive, ...]) -> MissCause:
    """The cause of one miss, judged against the unmatched predictions of its report."""
    candidates = [fp.prediction for fp in false_positives
                  if fp.report_id == miss.report_id and _shares_report(fp.prediction, miss.gold, miss.report_id)]
    if not candidates:
        return MissCause("not found")
    causes = [_cause_against(p, miss.gold) for p in candidates]
    order = {"place": 0, "date": 1, "date and place": 2}
    return min(causes, key=lambda c: (order[c.cause], c.days if c.days is not None else 10**6))


@dataclass(frozen=True)
class ErrorClasses:
    """Counts of every class: misses by cause, invented events, and wrong figures of matched pairs."""

    not_found: int
    invented: int
    invented_in_negative_reports: int
    misses: Mapping[str, int]
    pairs: Mapping[str, Mapping[str, int]]

    def lines(self) -> list[str]:
        out = [
            f"  invented    {self.invented} predictions match no gold event "
            f"({self.invented_in_negative_reports} in reports that tell no event)",
            f"  not found   {self.not_found} misses with no prediction near them",
        ]
        for name in CLASS_FIGURES:
            wrong = ", ".join(f"{figure} {count}" for figure, count in self.pairs[name].items())
            found = self.misses.get(name, 0)
            prefix = f"{found} misses found but outside the window on {name}; " if name in ("date", "place") else ""
            out.append(f"  {name:<11} {prefix}wrong in matched pairs: {wrong}")
        return out


def error_classes(details: Details) -> ErrorClasses:
    """Count errors by class over one scoring run's outcomes."""
    causes = [classify_miss(miss, details.false_positives) for miss in details.misses]
    misses = {"date": 0, "place": 0}
    for cause in causes:
        for part in cause.cause.split(" and "):
            if part in misses:
                misses[part] += 1
    invented = [fp for fp in details.false_positives if fp.reason in ("no compatible gold event", "negative report")]
    pairs = {name: {figure: sum(1 for p in details.matches if not p.checks[figure]) for figure in figures}
             for name, figures in CLASS_FIGURES.items()}
    return ErrorClasses(
        not_found=sum(1 for c in causes if c.cause == "not found"),
        invented=len(invented),
        invented_in_negative_reports=sum(1 for fp in invented if fp.reason == "negative report"),
        misses=misses,
        pairs=pairs,
    )
