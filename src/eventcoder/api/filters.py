"""Query parameters of the event endpoints, parsed into the store's ``EventFilter``.

One dependency (``event_filter``) declares every filter with its description, so ``/events``, ``/export``
and ``/aggregates`` spell them the same way and the OpenAPI schema documents them once.
``reject_unknown_params`` turns a misspelt parameter (``?contry=Mali``) into a 400 instead of silently
returning everything.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from pydantic import Field

from eventcoder.api.errors import ApiError

__all__ = ["FilterParams", "event_filter", "parse_bbox", "parse_date", "parse_near", "parse_updated_since",
           "reject_unknown_params", "resolve_actor"]

_TEXT = 200
_DATE_FORMAT: dict[str, Any] = {"format": "date"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _bad(name: str, message: str) -> ApiError:
    return ApiError(400, "invalid_parameter", f"query parameter {name!r}: {message}")


def parse_date(name: str, value: str | None) -> str | None:
    """``YYYY-MM-DD`` or None; anything else is a 400."""
    if value is None or value == "":
        return None
    text = value.strip()
    try:
        if not _ISO_DATE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise _bad(name, f"{value!r} is not a date: expected YYYY-MM-DD, e.g. 2024-03-10") from None


def _floats(name: str, value: str, count: int, shape: str) -> list[float]:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != count:
        raise _bad(name, f"expected {count} comma-separated numbers ({shape}), found {value!r}")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise _bad(name, f"expected numbers ({shape}), found {value!r}") from None
    if not all(math.isfinite(n) for n in numbers):
        raise _bad(name, f"numbers must be finite ({shape}), found {value!r}")
    return numbers


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in WGS84 degrees."""
    if value is None or value == "":
        return None
    shape = "min_lon,min_lat,max_lon,max_lat"
    min_lon, min_lat, max_lon, max_lat = _floats("bbox", value, 4, shape)
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise _bad("bbox", f"longitudes must lie in [-180, 180] and latitudes in [-90, 90] ({shape})")
    if min_lon > max_lon or min_lat > max_lat:
        raise _bad("bbox", f"the minimum must not exceed the maximum ({shape}), found {value!r}")
    return (min_lon, min_lat, max_lon, max_lat)


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    """``lat,lon,km``: events within ``km`` kilometres of the point."""
    if value is None or value == "":
        return None
    lat, lon, km = _floats("near", value, 3, "lat,lon,km")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise _bad("near", "latitude must lie in [-90, 90] and longitude in [-180, 180] (lat,lon,km)")
    if not 0 < km <= 20_000:
        raise _bad("near", f"the radius must be over 0 and at most 20000 km, found {km:g}")
    return (lat, lon, km)


def parse_updated_since(value: str | None) -> int | None:
    """Unix seconds from a unix time, an ISO date or an ISO date-time (UTC unless it names a zone)."""
    if value is None or value == "":
        return None
    text = value.strip()
    if text.isdigit():
        if len(text) > 12:
            raise _bad("updated_since", f"{text!r} is too large for a unix time in seconds")
        return int(text)
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _bad("updated_since", f"{value!r} is neither a unix time nor an ISO date/time "
                   "(e.g. 2024-03-10 or 2024-03-10T12:00:00Z)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        return int(moment.timestamp())
    except (OverflowError, ValueError, OSError):
        raise _bad("updated_since", f"{value!r} is out of range") from None


@lru_cache(maxsize=1)
def _actor_dictionary() -> Any:
    try:
        from eventcoder.actors import ActorDictionary  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        return ActorDictionary.load()
    except Exception:  # a broken dictionary must not break reads: fall back to the text as given
        return None


def resolve_actor(text: str | None, country: str | None = None) -> list[str]:
    """The dictionary names an actor text stands for.

    An alias gives every period of the entry it names (``FAMa``: each regime period of Mali's forces); a
    canonical name gives just that entry; text the dictionary does not know is searched as given.
    """
    if text is None or not text.strip():
        return []
    text = text.strip()
    dictionary = _actor_dictionary()
    if dictionary is None:
        return [text]
    try:
        entry = dictionary.lookup(text, country=country)
        if entry is None or entry.name == text:  # unknown, or a canonical name: exactly that actor
            return [text]
        members = getattr(dictionary, "group_members", None)
        names = [m.name for m in members(entry)] if members else [entry.name]
    except Exception:  # an alias the dictionary cannot handle is searched as given
        return [text]
    return list(dict.fromkeys([*names, entry.name]))


class FilterParams:
    """The parsed filters, as keyword arguments for ``EventFilter``."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def to_store(self) -> Any:
        from eventcoder.store import EventFilter

        return EventFilter(**{k: v for k, v in self.values.items() if v is not None})



def _many(name: str, values: list[str] | None) -> list[str] | None:
    """Repeated parameters (``?country=Mali&country=Niger``) as a list; None when absent or blank."""
    if not values:
        return None
    cleaned = [v.strip() for v in values if v and v.strip()]
    if len(cleaned) > 50:
        raise _bad(name, f"at most 50 values, found {len(cleaned)}")
    for value in cleaned:
        if len(value) > _TEXT:
            raise _bad(name, f"a value is longer than {_TEXT} characters")
    return cleaned or None


def _one_or_many(values: list[Any] | None) -> Any:
    if not values:
        return None
    return values[0] if len(values) == 1 else list(values)


def event_filter(
    date_from: Annotated[str | None, Query(description="Events on or after this event date (YYYY-MM-DD).",
                                           max_length=40, json_schema_extra=_DATE_FORMAT)] = None,
    date_to: Annotated[str | None, Query(description="Events on or before this event date (YYYY-MM-DD).",
                                         max_length=40, json_schema_extra=_DATE_FORMAT)] = None,
    country: Annotated[list[str] | None, Query(description="Country name, e.g. Mali (repeat for any of "
                                                           "several).")] = None,
    admin1: Annotated[list[str] | None, Query(description="First-level admin unit, e.g. Tillaberi "
                                                          "(repeatable).")] = None,
    admin2: Annotated[list[str] | None, Query(description="Second-level admin unit (repeatable).")] = None,
    bbox: Annotated[str | None, Query(description="Bounding box min_lon,min_lat,max_lon,max_lat.",
                                      max_length=200, examples=["-5.5,10,4.5,17"])] = None,
    near: Annotated[str | None, Query(description="lat,lon,km: events within km of the point.",
                                      max_length=200, examples=["13.5,2.1,50"])] = None,
    event_type: Annotated[list[str] | None, Query(description="ACLED event type, e.g. Battles "
                                                              "(repeatable).")] = None,
    sub_event_type: Annotated[list[str] | None, Query(description="ACLED sub-event type, e.g. Armed clash "
                                                                  "(repeatable).")] = None,
    actor: Annotated[list[str] | None, Query(description="Any actor (actor1, actor2, associated, claimant) by "
                                                         "canonical name or any alias: JNIM, GSIM, ... "
                                                         "(repeatable).")] = None,
    inter: Annotated[list[Annotated[int, Field(ge=0, le=8)]] | None,
                     Query(description="ACLED actor category code of either actor, 0-8 (repeatable).")] = None,
    interaction: Annotated[list[Annotated[int, Field(ge=0, le=88)]] | None,
                           Query(description="ACLED interaction code, e.g. 17 (repeatable).")] = None,
    fatalities_min: Annotated[int | None, Query(description="At least this many fatalities.",
                                                ge=0, le=1_000_000_000)] = None,
    fatalities_max: Annotated[int | None, Query(description="At most this many fatalities.",
                                                ge=0, le=1_000_000_000)] = None,
    status: Annotated[list[Literal["reported", "claimed", "confirmed", "disputed"]] | None,
                      Query(description="Claim/confirmation status (repeatable).")] = None,
    source: Annotated[str | None, Query(description="An outlet or organisation among the sources "
                                                    "(substring, any case).", max_length=_TEXT)] = None,
    q: Annotated[str | None, Query(description="Text search (substring, any case) in notes, places and "
                                               "actors.", max_length=_TEXT)] = None,
    updated_since: Annotated[str | None, Query(description="Only events changed since then: unix seconds or "
                                                           "ISO date/time (incremental sync).",
                                               max_length=40)] = None,
    report_id: Annotated[str | None, Query(description="Events built from this report.",
                                           max_length=_TEXT)] = None,
) -> FilterParams:
    """Parse and check the event filters (a 400 names the parameter and the expected form)."""
    start, end = parse_date("date_from", date_from), parse_date("date_to", date_to)
    if start and end and start > end:
        raise _bad("date_to", f"{end} is before date_from {start}")
    if fatalities_min is not None and fatalities_max is not None and fatalities_min > fatalities_max:
        raise _bad("fatalities_max", f"{fatalities_max} is below fatalities_min {fatalities_min}")
    actors = _many("actor", actor)
    countries = _many("country", country)
    context = countries[0] if countries and len(countries) == 1 else None
    actor_names = [n for a in actors or () for n in resolve_actor(a, context)]
    values = {
        "date_from": start, "date_to": end, "country": _one_or_many(countries),
        "admin1": _one_or_many(_many("admin1", admin1)), "admin2": _one_or_many(_many("admin2", admin2)),
        "bbox": parse_bbox(bbox), "near": parse_near(near),
        "event_type": _one_or_many(_many("event_type", event_type)),
        "sub_event_type": _one_or_many(_many("sub_event_type", sub_event_type)),
        "actor": _one_or_many(list(dict.fromkeys(actor_names)) or None),
        "inter": _one_or_many(inter), "interaction": _one_or_many(interaction),
        "fatalities_min": fatalities_min, "fatalities_max": fatalities_max,
        "status": _one_or_many(list(dict.fromkeys(status)) if status else None),
        "source": _clean(source), "text": _clean(q), "updated_since": parse_updated_since(updated_since),
        "report_id": _clean(report_id),
    }
    return FilterParams(values)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def reject_unknown_params(request: Request) -> None:
    """A 400 for any query parameter the route does not declare (a typo must not widen a query)."""
    if not request.query_params:
        return
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed: frozenset[str] | None = getattr(route, "_eventcoder_params", None)
    if allowed is None:
        allowed = frozenset(_query_names(dependant))
        route._eventcoder_params = allowed  # type: ignore[union-attr]
    unknown = sorted({k for k in request.query_params if k not in allowed})
    if unknown:
        raise ApiError(400, "unknown_parameter",
                       f"unknown query parameter(s) {', '.join(repr(u) for u in unknown)}; "
                       f"this endpoint takes: {', '.join(sorted(allowed)) or 'none'}")
