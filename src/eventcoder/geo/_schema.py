"""The gazetteer database's schema, written by the builder and read by ``SQLiteGazetteer``, and the keys of
the GeoJSON files geo reads (``Feature``, ``FeatureCollection``).

The database's tables:

- ``places``: every place, admin unit, country and continent;
- ``names``: every name and alternate name of a place under its normalised key (``name_key``);
- ``patterns``: the token forms the span finder looks for in text, with their label and importance;
- ``shapes``: country and admin outlines (WKB);
- ``meta``: data version, sources and counts.
"""

from typing import Any, TypedDict

__all__ = ["INDEXES", "SCHEMA", "Feature", "FeatureCollection"]


class Feature(TypedDict, total=False):
    """A GeoJSON feature (Who's On First polygons, countryinfo outlines)."""

    properties: dict[str, Any]
    geometry: dict[str, Any]


class FeatureCollection(TypedDict, total=False):
    """A GeoJSON feature collection."""

    features: list[Feature]

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, osm_id INTEGER, name TEXT, lat REAL, lon REAL,
    fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT, admin1_code TEXT, admin2_code TEXT,
    population INTEGER, source TEXT, importance INTEGER, countries TEXT);
CREATE TABLE names (key TEXT, place_id INTEGER, PRIMARY KEY (key, place_id)) WITHOUT ROWID;
CREATE TABLE patterns (token TEXT PRIMARY KEY, key TEXT, label TEXT, importance INTEGER, flags INTEGER)
    WITHOUT ROWID;
CREATE TABLE shapes (kind TEXT, cc TEXT, admin1 TEXT, name TEXT, wkb BLOB);
"""
INDEXES = """
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_lat ON places(lat);
CREATE INDEX places_cc ON places(cc, fclass);
CREATE INDEX names_place ON names(place_id, key);
"""

