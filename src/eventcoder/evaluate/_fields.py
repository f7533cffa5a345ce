"""Field-by-field checks of a matched (gold, prediction) pair (EVALUATION.md "Figures")."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from ._compat import as_number, date_of, pair_distance_km
from ._normalise import admin1_key, text_key

__all__ = ["FIELD_FIGURES", "FIELD_LABELS", "FieldDiff", "check_pair", "field_diffs"]

Event = Mapping[str, Any]

FIELD_FIGURES: tuple[str, ...] = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location_10km",
    "location_50km",
    "admin1",
    "geo_precision",
    "fatalities_exact",
    "fatalities_in_range",
    "claimed_by",
    "status",
)
"""The per-pair figures, in the order they are reported."""

FIELD_LABELS: dict[str, str] = {
    "event_date": "event_date exact",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "actor1": "actor1",
    "actor2": "actor2",
    "location_10km": "location within 10 km",
    "location_50km": "location within 50 km",
    "admin1": "admin1",
    "geo_precision": "geo_precision",
    "fatalities_exact": "fatalities exact",
    "fatalities_in_range": "fatalities in [low, high]",
    "claimed_by": "claimed_by",
    "status": "status",
}

# The record field(s) each figure compares, for showing differences.
_SOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "location_10km": ("location", "latitude", "longitude"),
    "location_50km": ("location", "latitude", "longitude"),
    "fatalities_exact": ("fatalities",),
    "fatalities_in_range": ("fatalities", "fatalities_low", "fatalities_high"),
}


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One figure a matched pair got wrong, with the values compared."""

    figure: str
    gold: Mapping[str, Any]
    predicted: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"figure": self.figure, "gold": dict(self.gold), "predicted": dict(self.predicted)}


def _as_int(value: object) -> int | None:
    """An integral number, or ``None``."""
    number = as_number(value)
    return int(number) if number is not None and number == int(number) else None


def _within(prediction: Event, gold: Event, km: float) -> bool:
    distance = pair_distance_km(prediction, gold)
    return distance is not None and distance <= km


def _fatalities_in_range(prediction: Event, gold: Event) -> bool:
    """Predicted fatalities within the gold's [fatalities_low, fatalities_high] (both default to fatalities)."""
    predicted, best = _as_int(prediction.get("fatalities")), _as_int(gold.get("fatalities"))
    low = _as_int(gold.get("fatalities_low"))
    high = _as_int(gold.get("fatalities_high"))
    low = low if low is not None else best
    high = high if high is not None else best
    return predicted is not None and low is not None and high is not None and low <= predicted <= high


def check_pair(gold: Event, prediction: Event, actor_key: Callable[[object], Hashable]) -> dict[str, bool]:
    """Which figures of ``FIELD_FIGURES`` the prediction gets right for this gold event.

    Strings compare case- and whitespace-folded, actors (actor1, actor2, claimed_by) by ``actor_key`` (empty and
    ``None`` equal each other), admin1 by ``admin1_key``, numbers as integers; a missing point is never within
    10/50 km.
    """
    gold_date, predicted_date = date_of(gold), date_of(prediction)
    return {
        "event_date": gold_date is not None and gold_date == predicted_date,
        "event_type": text_key(gold.get("event_type")) == text_key(prediction.get("event_type")),
        "sub_event_type": text_key(gold.get("sub_event_type")) == text_key(prediction.get("sub_event_type")),
        "actor1": actor_key(gold.get("actor1")) == actor_key(prediction.get("actor1")),
        "actor2": actor_key(gold.get("actor2")) == actor_key(prediction.get("actor2")),
        "location_10km": _within(prediction, gold, 10.0),
        "location_50km": _within(prediction, gold, 50.0),
        "admin1": admin1_key(gold.get("admin1")) == admin1_key(prediction.get("admin1")),
        "geo_precision": _as_int(gold.get("geo_precision")) == _as_int(prediction.get("geo_precision")),
        "fatalities_exact": _as_int(gold.get("fatalities")) == _as_int(prediction.get("fatalities")),
        "fatalities_in_range": _fatalities_in_range(prediction, gold),
        "claimed_by": actor_key(gold.get("claimed_by")) == actor_key(prediction.get("claimed_by")),
        "status": text_key(gold.get("status")) == text_key(prediction.get("status")),
    }


def field_diffs(gold: Event, prediction: Event, checks: Mapping[str, bool]) -> tuple[FieldDiff, ...]:
    """The figures a pair got wrong, each with the gold and predicted values of the fields behind it."""
    diffs = []
    for figure in FIELD_FIGURES:
        if checks.get(figure, True):
            continue
        names = _SOURCE_FIELDS.get(figure, (figure,))
        diffs.append(
            FieldDiff(
                figure=figure,
                gold={name: gold.get(name) for name in names},
                predicted={name: prediction.get(name) for name in names},
            )
        )
    return tuple(diffs)
