"""eventcoder.geo: gazetteer, toponym recognition and place resolution.

The pipeline calls ``resolve_places(mentions, gazetteer)``; ``open_default_gazetteer()`` gives the
default gazetteer (built on first use into ``$EVENTCODER_CACHE`` or ``~/.cache/eventcoder``, no network).
"""

from eventcoder.geo._build import BuildStats, build_gazetteer, default_sources, ensure_default_gazetteer
from eventcoder.geo._countries import CountryInfo, country_info
from eventcoder.geo._gazetteer import (
    Candidate,
    Gazetteer,
    InMemoryGazetteer,
    SQLiteGazetteer,
    haversine_km,
    open_default_gazetteer,
)
from eventcoder.geo._geoparse import PlaceMention, geoparse
from eventcoder.geo._normalize import name_key, token_form
from eventcoder.geo._resolve import resolve_place, resolve_places

__all__ = [
    "BuildStats",
    "Candidate",
    "CountryInfo",
    "Gazetteer",
    "InMemoryGazetteer",
    "PlaceMention",
    "SQLiteGazetteer",
    "build_gazetteer",
    "country_info",
    "default_sources",
    "ensure_default_gazetteer",
    "geoparse",
    "haversine_km",
    "name_key",
    "open_default_gazetteer",
    "resolve_place",
    "resolve_places",
    "token_form",
]
