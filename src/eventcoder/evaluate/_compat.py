"""When a predicted event may match a gold event, and how good the match is (EVALUATION.md "Matching")."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from datetime import date, datetime
from typing import Any

from ._normalise import admin1_key, text_key

__all__ = [
    "CLOSE_KM",
    "COMPATIBLE_KM",
    "DATE_WINDOW_DAYS",
    "as_number",
    "date_of",
    "date_window",
    "days_apart",
    "haversine_km",
    "is_compatible",
    "pair_distance_km",
    "pair_score",
    "point_of",
]

EARTH_RADIUS_KM = 6371.0088
COMPATIBLE_KM = 100.0
CLOSE_KM = 25.0
DATE_WINDOW_DAYS: dict[int, int] = {1: 2, 2: 7, 3: 31}
"""Allowed |date difference| in days by the gold event's time_precision; any other precision gets 2."""

Event = Mapping[str, Any]


def date_of(event: Event) -> date | None:
    """The event's ``event_date`` as a date (``YYYY-MM-DD``, a longer ISO time cut to its day), or ``None``."""
    value = event.get("event_date")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def as_number(value: object) -> float | None:
    """A finite float from a number or numeric string, else ``None``."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def point_of(event: Event) -> tuple[float, float] | None:
    """``(latitude, longitude)`` of the event, or ``None`` when either is missing or not a number."""
    lat, lon = as_number(event.get("latitude")), as_number(event.get("longitude"))
    if lat is None or lon is None:
        return None
    return lat, lon


def _precision(event: Event, field: str) -> int | None:
    """An integer precision field (time_precision, geo_precision), or ``None``."""
    number = as_number(event.get(field))
    return int(number) if number is not None else None


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two ``(lat, lon)`` points (mean Earth radius 6371.0088 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def pair_distance_km(prediction: Event, gold: Event) -> float | None:
    """Distance between the two events' points, ``None`` when either has none."""
    p, g = point_of(prediction), point_of(gold)
    return haversine_km(p, g) if p is not None and g is not None else None


def days_apart(prediction: Event, gold: Event) -> int | None:
    """|date(P) - date(G)| in days, ``None`` when either date is missing or invalid."""
    p, g = date_of(prediction), date_of(gold)
    return abs((p - g).days) if p is not None and g is not None else None


def date_window(gold: Event) -> int:
    """Days of tolerance for a gold event: 2, or 7 where time_precision is 2, or 31 where it is 3."""
    return DATE_WINDOW_DAYS.get(_precision(gold, "time_precision") or 1, DATE_WINDOW_DAYS[1])


def _same_admin1(prediction: Event, gold: Event) -> bool:
    """Both name the same (non-empty) admin1 after ``admin1_key``."""
    key = admin1_key(gold.get("admin1"))
    return bool(key) and key == admin1_key(prediction.get("admin1"))


def is_compatible(prediction: Event, gold: Event) -> bool:
    """EVALUATION.md compatibility: date within the gold's window, and place within 100 km or same admin1.

    The admin1 rule applies only where the gold's geo_precision is 3; it is then the only way a prediction
    without coordinates can be compatible.
    """
    days = days_apart(prediction, gold)
    if days is None or days > date_window(gold):
        return False
    distance = pair_distance_km(prediction, gold)
    if distance is not None and distance <= COMPATIBLE_KM:
        return True
    return _precision(gold, "geo_precision") == 3 and _same_admin1(prediction, gold)


def pair_score(prediction: Event, gold: Event, actor_key: Callable[[object], Hashable]) -> int:
    """Match quality 0..4: date exact, distance <= 25 km, same event_type, same actor1 (one point each)."""
    distance = pair_distance_km(prediction, gold)
    return (
        int(days_apart(prediction, gold) == 0)
        + int(distance is not None and distance <= CLOSE_KM)
        + int(text_key(prediction.get("event_type")) == text_key(gold.get("event_type")))
        + int(actor_key(prediction.get("actor1")) == actor_key(gold.get("actor1")))
    )
