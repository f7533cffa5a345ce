"""Which stored event a new report's event is about.

Two codings can be the same event when their dates fall in each other's window (wider for week- and
month-precision dates), their places are close (wider for imprecise places: "near Nara" and "400 km north
of Bamako near the Mauritanian border" can be one place), their types are compatible, and their actors do
not conflict (a JNIM claim and an "unidentified gunmen" report can be one event; JNIM and IS Sahel cannot).
Among compatible candidates the closest wins; two events of one report are never merged with each other.

A place known only as a country gives no distance (its representative point says nothing about where the
event was). A coding known only to a month and a country (:func:`is_vague`) could be many events: fusion
(``fuse/_cluster.py``) attaches it only where one event fits, or where a shared group or place
(:func:`corroborates`) says which.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from eventcoder.records import Event, Mention, Report

__all__ = ["CLAIM_LAG_DAYS", "MatchScore", "claim_lag", "corroborates", "date_window_days", "distance_limit_km",
           "fuse_reports", "has_point", "is_vague", "match_score"]

_FAMILY = {"Battles": "violence", "Violence against civilians": "violence", "Explosions/Remote violence": "violence",
           "Protests": "demonstration", "Riots": "demonstration", "Strategic developments": "strategic"}
_GENERIC = ("Unidentified", "Civilians", "Protesters", "Rioters")
CLAIM_LAG_DAYS = 7


@dataclass(frozen=True, slots=True)
class MatchScore:
    """How well a new event fits a stored one (higher is better); ``None`` fields mean unknown."""

    score: float
    days: int | None
    km: float | None
    reasons: tuple[str, ...]


def date_window_days(precision_a: int, precision_b: int) -> int:
    """How many days apart two dates may be and still name one event."""
    widest = max(precision_a, precision_b)
    return {1: 2, 2: 7, 3: 31}.get(widest, 2)


def distance_limit_km(precision_a: int, precision_b: int) -> float:
    """How far apart two points may be and still name one event."""
    widest = max(precision_a, precision_b)
    return {1: 30.0, 2: 80.0, 3: 450.0}.get(widest, 80.0)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _days(a: Event, b: Event) -> int | None:
    if not a.event_date or not b.event_date:
        return None
    return abs((dt.date.fromisoformat(a.event_date) - dt.date.fromisoformat(b.event_date)).days)


def has_point(event: Event) -> bool:
    """Does the event have a point that says where it happened?

    A place known only as a country (geo_precision 3, no admin1) has a representative point, but that
    point says nothing about where in the country the event was: distances to it mean nothing.
    """
    if event.latitude is None or event.longitude is None:
        return False
    return not (event.geo_precision >= 3 and not event.admin1)


def _km(a: Event, b: Event) -> float | None:
    if not has_point(a) or not has_point(b):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def _named(actor: str) -> bool:
    return bool(actor) and not actor.startswith(_GENERIC)


def _actor_family(actor: str) -> str:
    """"Military Forces of Mali (2021-)" and "(2013-2020)" are one family; so are aliases of one group."""
    return actor.split(" (")[0] if actor else ""


def claim_lag(a: Event, b: Event) -> bool:
    """Is one a claim dated up to ``CLAIM_LAG_DAYS`` after the other, unclaimed, event?

    A group claims an attack days later ("JNIM's Friday claim of Tuesday's ambush"), and a report of
    the claim is often dated by the claim: it still attaches to the event it claims.
    """
    if not a.event_date or not b.event_date or bool(a.claimed_by) == bool(b.claimed_by):
        return False
    claim, event = (a, b) if a.claimed_by else (b, a)
    lag = (dt.date.fromisoformat(claim.event_date) - dt.date.fromisoformat(event.event_date)).days
    return 0 <= lag <= CLAIM_LAG_DAYS


def is_vague(event: Event) -> bool:
    """Known only to a month (or less) and a country (or less): it could be many events."""
    return event.time_precision >= 3 and not has_point(event)


def corroborates(a: Event, b: Event) -> bool:
    """Something specific two codings share: the same non-state group, or the same named place."""
    if _named(a.actor1) and a.inter1 != 1 and b.inter1 != 1 and _actor_family(a.actor1) == _actor_family(b.actor1):
        return True
    return bool(a.location) and a.location == b.location and a.location != a.country


def match_score(new: Event, stored: Event) -> MatchScore | None:
    """The fit of ``new`` to ``stored``, or ``None`` when they cannot be one event."""
    reasons: list[str] = []
    if new.country and stored.country and new.country != stored.country:
        return None
    if _FAMILY.get(new.event_type) != _FAMILY.get(stored.event_type):
        return None
    days = _days(new, stored)
    if days is None:
        return None
    if days > date_window_days(new.time_precision, stored.time_precision):
        if not claim_lag(new, stored):
            return None
        reasons.append("a claim after the event")
    km = _km(new, stored)
    if km is not None and km > distance_limit_km(new.geo_precision, stored.geo_precision):
        same_admin = new.admin1 and new.admin1 == stored.admin1 and max(new.geo_precision, stored.geo_precision) >= 2
        if not same_admin:
            return None
        reasons.append("same admin1")
    if km is None and not (new.admin1 and new.admin1 == stored.admin1) and new.country != stored.country:
        return None
    if _named(new.actor1) and _named(stored.actor1) and _actor_family(new.actor1) != _actor_family(stored.actor1):
        if not (new.inter1 == 1 or stored.inter1 == 1):
            return None
        reasons.append("actor1 differs")
    score = 3.0 - days
    if km is not None:
        score += max(0.0, 2.0 - km / 25.0)
    if new.event_type == stored.event_type:
        score += 1.0
    if new.sub_event_type == stored.sub_event_type:
        score += 0.5
    if new.actor2 and stored.actor2:
        score += 1.0 if _actor_family(new.actor2) == _actor_family(stored.actor2) else -1.5
    if new.actor1 and new.actor1 == stored.actor1:
        score += 0.5
    if new.location and new.location == stored.location:
        score += 1.0
    return MatchScore(score, days, km, tuple(reasons))


def fuse_reports(reports: Iterable[tuple[Report, Sequence[Mention]]]) -> list[Event]:
    """Merge the mentions of many reports into one event per real event, in memory.

    The store's algorithm (``fuse/_cluster.py``: one-to-one assignment, bridges, vague codings), with the
    reports replayed in publication order, so the result does not depend on the order given; it equals
    what ``EventStore`` builds from the same reports (ids and timestamps aside).
    """
    from eventcoder.fuse._cluster import replay

    return [replace(c.event, timestamp=int(time.time())) for c in replay(list(m) for _, m in reports)]
