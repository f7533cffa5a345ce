"""Which stored event a new report's event is about.

Two codings can be the same event when their dates fall in each other's window (wider for week- and
month-precision dates), their places are close (wider for imprecise places: "near Nara" and "400 km north
of Bamako near the Mauritanian border" can be one place), their types are compatible, and their actors do
not conflict (a JNIM claim and an "unidentified gunmen" report can be one event; JNIM and IS Sahel cannot).
Among compatible candidates the closest wins; two events of one report are never merged with each other
(but one report's two mentions coded alike are one event: ``fuse/_cluster.py``).

Reports disagree on details, so a few rules reach beyond the windows (each for a cause of the same event
stored twice): a claim, or a report dated only by a statement about the event ("police confirmed the
abduction on Wednesday", :data:`DATE_OF_STATEMENT`), attaches to the event up to ``CLAIM_LAG_DAYS`` before;
on the same day, a point that one of the event's reports gives only at admin level (:data:`ADMIN_ACCOUNT`)
matches within its admin2 (80 km at most: "near Diallassagou" and "in Bankass"), and one place name resolved
to two gazetteer places (homonyms) is one place. :func:`match_verdict` says which component failed.

A place known only as a country gives no distance (its representative point says nothing about where the
event was). A coding known only to a month and a country (:func:`is_vague`) could be many events: fusion
(``fuse/_cluster.py``) attaches it only where one event fits, or where a shared group or place
(:func:`corroborates`) says which.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from eventcoder.records import Event, Mention, Report

__all__ = ["ADMIN_ACCOUNT", "CLAIM_LAG_DAYS", "DATE_OF_STATEMENT", "MatchScore", "claim_lag", "corroborates",
           "date_window_days", "distance_limit_km", "fuse_reports", "has_point", "is_vague", "match_score",
           "match_verdict"]

_FAMILY = {"Battles": "violence", "Violence against civilians": "violence", "Explosions/Remote violence": "violence",
           "Protests": "demonstration", "Riots": "demonstration", "Strategic developments": "strategic"}
_GENERIC = ("Unidentified", "Civilians", "Protesters", "Rioters")
CLAIM_LAG_DAYS = 7
# quality flags that only matching reads: the date is a statement's ("confirmed on Wednesday"), and a
# cluster's place is given at admin level (geo_precision 2+) by one of its reports (Cluster.view)
DATE_OF_STATEMENT = "date_of_statement"
ADMIN_ACCOUNT = "place_at_admin_level"


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
    """Is one a claim, or a coding dated by a statement, up to ``CLAIM_LAG_DAYS`` after the other?

    A group claims an attack days later ("JNIM's Friday claim of Tuesday's ambush"), and a report of
    the claim is often dated by the claim: it still attaches to the event it claims. Likewise a report
    whose only date is that of a statement about the event (``DATE_OF_STATEMENT``: "police confirmed the
    abduction on Wednesday") attaches to the event dated by the other reports, up to a week earlier.
    """
    if not a.event_date or not b.event_date:
        return False
    return _lagged(a, b, lambda e: bool(e.claimed_by)) or _lagged(a, b, _statement_dated)


def _statement_dated(event: Event) -> bool:
    return DATE_OF_STATEMENT in event.quality_flags


def _lagged(a: Event, b: Event, later: Callable[[Event], bool]) -> bool:
    """Exactly one of the two is ``later`` (a claim, a statement), dated 0 to CLAIM_LAG_DAYS after the other."""
    if later(a) == later(b):
        return False
    claim, event = (a, b) if later(a) else (b, a)
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


def _same_name(a: Event, b: Event) -> bool:
    """Do both name the same place (a name, not just the country)?"""
    return bool(a.location) and a.location == b.location and a.location != a.country


def _admin_account(a: Event, b: Event) -> bool:
    """Is one a point that one of its reports gives only at admin level (``ADMIN_ACCOUNT``: "villages of
    the Tillia department" beside "in Tillia"), in the other's admin2?"""
    flagged = ADMIN_ACCOUNT in a.quality_flags or ADMIN_ACCOUNT in b.quality_flags
    return flagged and bool(a.admin2) and a.admin2 == b.admin2


def _place_check(new: Event, stored: Event, km: float | None, days: int) -> tuple[str | None, str]:
    """(failure, reason): whether the two places can be one; ``failure`` is ``None`` when they can.

    Beyond the distance limit, two points are one place when they share an admin1 and either is at admin
    level; or, on the same day only, when one of the reports gives the place at admin level and they share
    an admin2 (80 km at most: "in Bankass" and "near Diallassagou", in the Bankass district), or when both
    name the same place (one name resolved to two homonyms: reports disagree on details, not on names).
    """
    if km is not None:
        limit = distance_limit_km(new.geo_precision, stored.geo_precision)
        if km <= limit:
            return None, ""
        same_admin1 = bool(new.admin1) and new.admin1 == stored.admin1
        if same_admin1 and max(new.geo_precision, stored.geo_precision) >= 2:
            return None, "same admin1"
        if days == 0 and same_admin1 and _admin_account(new, stored) and km <= distance_limit_km(2, 2):
            return None, "same admin2, a report gives it at admin level"
        if days == 0 and _same_name(new, stored):
            return None, "same place name"
        return (f"distance {km:.1f} km > {limit:.0f} km (not the same admin1 at admin level, nor the same admin2 "
                "given at admin level within 80 km, nor the same place name on the same day)"), ""
    if not (new.admin1 and new.admin1 == stored.admin1) and new.country != stored.country:
        return "no distance, and neither the same admin1 nor the same country", ""
    return None, ""


def match_verdict(new: Event, stored: Event) -> tuple[MatchScore | None, str]:
    """The fit of ``new`` to ``stored`` and, when they cannot be one event, which component failed
    (country, type, date gap, distance, actors), in words."""
    reasons: list[str] = []
    if new.country and stored.country and new.country != stored.country:
        return None, f"country: {new.country} / {stored.country}"
    if _FAMILY.get(new.event_type) != _FAMILY.get(stored.event_type):
        return None, f"type: {new.event_type or '?'} / {stored.event_type or '?'} (different families)"
    days = _days(new, stored)
    if days is None:
        return None, "date gap: a date is missing"
    window = date_window_days(new.time_precision, stored.time_precision)
    if days > window:
        if not claim_lag(new, stored):
            return None, f"date gap: {days} days > {window} (and no claim or statement up to {CLAIM_LAG_DAYS} days later)"
        reasons.append("a claim after the event" if new.claimed_by or stored.claimed_by else "a statement after the event")
    km = _km(new, stored)
    failure, reason = _place_check(new, stored, km, days)
    if failure is not None:
        return None, failure
    if reason:
        reasons.append(reason)
    if _named(new.actor1) and _named(stored.actor1) and _actor_family(new.actor1) != _actor_family(stored.actor1):
        if not (new.inter1 == 1 or stored.inter1 == 1):
            return None, f"actors: {new.actor1} / {stored.actor1} (two named non-state groups)"
        reasons.append("actor1 differs")
    return MatchScore(_score(new, stored, days, km), days, km, tuple(reasons)), ""


def _score(new: Event, stored: Event, days: int, km: float | None) -> float:
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
    return score


def match_score(new: Event, stored: Event) -> MatchScore | None:
    """The fit of ``new`` to ``stored``, or ``None`` when they cannot be one event."""
    return match_verdict(new, stored)[0]


def fuse_reports(reports: Iterable[tuple[Report, Sequence[Mention]]]) -> list[Event]:
    """Merge the mentions of many reports into one event per real event, in memory.

    The store's algorithm (``fuse/_cluster.py``: one-to-one assignment, bridges, vague codings), with the
    reports replayed in publication order, so the result does not depend on the order given; it equals
    what ``EventStore`` builds from the same reports (ids and timestamps aside).
    """
    from eventcoder.fuse._cluster import replay

    return [replace(c.event, timestamp=int(time.time())) for c in replay(list(m) for _, m in reports)]
