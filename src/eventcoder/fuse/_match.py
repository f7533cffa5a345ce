"""Which stored event a new report's event is about.

Two codings can be the same event when their dates fall in each other's window (wider for week- and
month-precision dates), their places are close (wider for imprecise places: "near Nara" and "400 km north
of Bamako near the Mauritanian border" can be one place), their types are compatible, and their actors do
not conflict (a JNIM claim and an "unidentified gunmen" report can be one event; JNIM and IS Sahel cannot).
Among compatible candidates the closest wins; two events of one report are never merged with each other.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventcoder.fuse._coding import code_event
from eventcoder.records import Event, Mention, Report

__all__ = ["MatchScore", "date_window_days", "distance_limit_km", "fuse_reports", "match_score"]

_FAMILY = {"Battles": "violence", "Violence against civilians": "violence", "Explosions/Remote violence": "violence",
           "Protests": "demonstration", "Riots": "demonstration", "Strategic developments": "strategic"}
_GENERIC = ("Unidentified", "Civilians", "Protesters", "Rioters")


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


def _km(a: Event, b: Event) -> float | None:
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _named(actor: str) -> bool:
    return bool(actor) and not actor.startswith(_GENERIC)


def _actor_family(actor: str) -> str:
    """"Military Forces of Mali (2021-)" and "(2013-2020)" are one family; so are aliases of one group."""
    return actor.split(" (")[0] if actor else ""


def match_score(new: Event, stored: Event) -> MatchScore | None:
    """The fit of ``new`` to ``stored``, or ``None`` when they cannot be one event."""
    reasons: list[str] = []
    if new.country and stored.country and new.country != stored.country:
        return None
    if _FAMILY.get(new.event_type) != _FAMILY.get(stored.event_type):
        return None
    days = _days(new, stored)
    if days is None or days > date_window_days(new.time_precision, stored.time_precision):
        return None
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


def _assign(new_events: Sequence[Event], clusters: list[list[Mention]], coded: list[Event],
            report_id: str) -> list[int | None]:
    """One-to-one choice of a cluster for each new event (best scores first); ``None`` opens a new one."""
    pairs: list[tuple[float, int, int]] = []
    for i, event in enumerate(new_events):
        for j, stored in enumerate(coded):
            if any(m.report_id == report_id for m in clusters[j]):
                continue
            fit = match_score(event, stored)
            if fit is not None:
                pairs.append((fit.score, i, j))
    chosen: list[int | None] = [None] * len(new_events)
    used: set[int] = set()
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if chosen[i] is None and j not in used:
            chosen[i] = j
            used.add(j)
    return chosen


def fuse_reports(reports: Iterable[tuple[Report, Sequence[Mention]]]) -> list[Event]:
    """Merge the mentions of many reports (in the order given) into one event per real event, in memory."""
    clusters: list[list[Mention]] = []
    coded: list[Event] = []
    for report, mentions in reports:
        new_events = [code_event([m]) for m in mentions]
        for mention, target in zip(mentions, _assign(new_events, clusters, coded, report.id), strict=True):
            if target is None:
                clusters.append([mention])
                coded.append(code_event([mention]))
            else:
                clusters[target].append(mention)
                coded[target] = code_event(clusters[target])
    return coded
