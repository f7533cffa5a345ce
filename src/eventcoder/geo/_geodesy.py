"""Geodesy with geographiclib (WGS84): midpoints, "N km north of X", bearings, points kept inside a shape."""

from __future__ import annotations

import re
from functools import cache

from geographiclib.geodesic import Geodesic
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from eventcoder.geo._normalize import token_form
from eventcoder.geo._words import geo_inverse, geo_words, word_alternation

__all__ = ["destination", "geodesic_km", "keep_inside", "midpoint", "parse_bearing", "toward"]

_G = Geodesic.WGS84


@cache
def _bearing_words() -> dict[str, float]:
    """{word: azimuth} from the lexicons' ``geo.bearings`` (``azimuth: [words]``): "north", "nord", "NE"."""
    return {word: float(azimuth) for word, azimuth in geo_inverse("bearings").items()}


@cache
def _degrees() -> re.Pattern[str]:
    """A bearing in degrees: "45", "45 degrees" (the unit words: ``geo.degree_words``)."""
    return re.compile(r"(\d+(?:\.\d+)?)(?: ?" + word_alternation(geo_words("degree_words")) + ")?")


def parse_bearing(bearing: str | float | int | None) -> float | None:
    """Azimuth in degrees clockwise from north: "north-east", "nord-est", "NE", "au sud de", "45"."""
    if bearing is None:
        return None
    if isinstance(bearing, int | float):
        return float(bearing) % 360
    text = token_form(bearing)
    m = _degrees().fullmatch(text)
    if m:
        return float(m.group(1)) % 360
    fillers = geo_words("bearing_fillers")
    words = [w for w in text.split() if w not in fillers]
    joined = "".join(words)
    bearing_words = _bearing_words()
    if joined in bearing_words:
        return bearing_words[joined]
    for w in words:
        if w in bearing_words and len(w) > 2:
            return bearing_words[w]
    return None


def destination(lat: float, lon: float, distance_km: float, azimuth: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) along ``azimuth`` (forward geodesic)."""
    r = _G.Direct(lat, lon, azimuth, distance_km * 1000.0)
    return r["lat2"], _wrap(r["lon2"])


def midpoint(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """The geodesic midpoint of two points."""
    line = _G.InverseLine(lat1, lon1, lat2, lon2)
    r = line.Position(line.s13 / 2.0)
    return r["lat2"], _wrap(r["lon2"])


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(_G.Inverse(lat1, lon1, lat2, lon2)["s12"]) / 1000.0


def toward(lat1: float, lon1: float, lat2: float, lon2: float, distance_km: float) -> tuple[float, float]:
    """The point ``distance_km`` from the first point toward the second (at most the second point)."""
    inv = _G.Inverse(lat1, lon1, lat2, lon2)
    d = min(distance_km * 1000.0, inv["s12"])
    return destination(lat1, lon1, d / 1000.0, inv["azi1"])


def keep_inside(lat: float, lon: float, shape: BaseGeometry | None, *, anchor: tuple[float, float] | None = None,
                inset_km: float = 5.0) -> tuple[float, float, bool]:
    """(lat, lon, moved): the point itself when ``shape`` covers it; else the point walked back toward
    ``anchor`` until inside, or the nearest point of the shape moved ``inset_km`` inward."""
    if shape is None or shape.covers(Point(lon, lat)):
        return lat, lon, False
    if anchor is not None and shape.covers(Point(anchor[1], anchor[0])):
        inv = _G.InverseLine(anchor[0], anchor[1], lat, lon)
        total = inv.s13
        lo, hi = 0.0, total
        for _ in range(30):  # bisection on the distance from the anchor
            mid = (lo + hi) / 2
            r = inv.Position(mid)
            if shape.covers(Point(r["lon2"], r["lat2"])):
                lo = mid
            else:
                hi = mid
        r = inv.Position(max(0.0, lo - inset_km * 1000.0))
        return r["lat2"], _wrap(r["lon2"]), True
    inner = shape.buffer(-inset_km / 111.0)
    target = inner if not inner.is_empty else shape
    p = nearest_points(target, Point(lon, lat))[0]
    return p.y, p.x, True


def _wrap(lon: float) -> float:
    return ((lon + 180.0) % 360.0) - 180.0
