"""The builder's admin step: first- and second-level units from the code tables, the WOF polygons and the
GeoNames dumps, and the ACLED admin1/admin2 names of every place."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.strtree import STRtree

from eventcoder.geo._normalize import name_key
from eventcoder.geo._sources import FOCUS, SourceReader
from eventcoder.geo._words import geo_data, geo_list, geo_pairs, word_alternation

__all__ = ["AdminUnits", "acled_ascii", "split_region"]

@cache
def _acled_admin1_names() -> dict[tuple[str, str], str]:
    """ACLED admin1 spellings where they differ from the GeoNames/WOF name: (cc, name_key) -> ACLED's."""
    table = geo_data().get("acled_admin1") or {}
    return {(cc, key): name for cc, names in table.items() for key, name in names.items()}


def _new_regions(cc: str) -> dict[str, Any]:
    """Regions created since the WOF and GeoNames code tables were made (Mali's of 2016; ACLED uses them):
    ``cercle_regions``, former second-level units that are regions now (Menaka, a cercle of Gao), by the
    unit's name_key; ``split_regions``, regions carved out of the north of another (Taoudeni, of Timbuktu)."""
    return (geo_data().get("new_regions") or {}).get(cc) or {}


@cache
def _admin1_abbreviations() -> dict[tuple[str, str], list[str]]:
    """First-level units' abbreviations that news writes ("NSW"): (cc, name_key) -> abbreviations."""
    table = geo_data().get("admin1_abbreviations") or {}
    return {(cc, key): list(forms) for cc, units in table.items() for key, forms in units.items()}


class AdminUnits(SourceReader):
    """Admin units added to the places read, and every place's ACLED admin1/admin2 names."""

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
            region = _new_regions(cc).get("cercle_regions", {}).get(name_key(name)) if level == 2 else None
            if region is not None:
                # the Menaka cercle is the Menaka region: add it as an admin1 unit as well
                acled1 = region["acled"]
                pid = self._new_id()
                self.add_place({"id": pid, "geonameid": None, "osm_id": None, "name": region["name"],
                                "lat": rp.y, "lon": rp.x, "fclass": "A", "fcode": "ADM1", "cc": cc,
                                "admin1_code": "", "admin2_code": "", "population": 0, "acled1": acled1,
                                "acled2": ""}, region["names"], "wof")
            pid = self._new_id()
            names = [name, poly["name_fra"]]
            row = {"id": pid, "geonameid": poly["gn_id"], "osm_id": None, "name": poly["name_fra"] or name,
                   "lat": rp.y, "lon": rp.x, "fclass": "A", "fcode": f"ADM{level}", "cc": cc,
                   "admin1_code": "", "admin2_code": "", "population": 0, "acled1": acled1,
                   "acled2": acled_ascii(name) if level == 2 else ""}
            self.add_place(row, names, "wof")
            poly["place_id"] = pid
            poly["acled1"] = acled1
        # a region split off the north of another (Taoudeni): a point in the north of the former region
        for cc in dict.fromkeys(p["cc"] for p in self.polygons):
            for region in _new_regions(cc).get("split_regions", ()):
                pid = self._new_id()
                self.add_place({"id": pid, "geonameid": region["geonameid"], "osm_id": None, "name": region["name"],
                                "lat": region["lat"], "lon": region["lon"], "fclass": "A", "fcode": "ADM1", "cc": cc,
                                "admin1_code": "", "admin2_code": "", "population": 0, "acled1": region["acled"],
                                "acled2": ""}, region["names"], "wof")
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
                    p["acled2"] = acled_ascii(h["name"])
                    p["acled1"] = _new_region_of(cc, h["name"], p["acled1"], p["lat"])
                    continue
            a1 = self.admin1_names.get(f"{cc}.{p['admin1_code']}", "") if p["admin1_code"] else ""
            a2 = (self.admin2_names.get(f"{cc}.{p['admin1_code']}.{p['admin2_code']}", "")
                  if p["admin2_code"] else "")
            if p["fcode"] == "ADM1" and not a1:
                a1 = p["name"]
            p["acled1"] = _acled_admin1(cc, a1) if a1 else ""
            p["acled2"] = acled_ascii(a2) if a2 else ""


def _new_region_of(cc: str, unit: str, admin1: str, lat: float) -> str:
    """The ACLED admin1 of a place in the second-level unit ``unit`` of the region ``admin1``, at latitude
    ``lat``: a region created since (``_new_regions``) where it lies in one, else ``admin1``."""
    cercle_region = _new_regions(cc).get("cercle_regions", {}).get(name_key(unit))
    return split_region(cc, cercle_region["acled"] if cercle_region is not None else admin1, lat)


def split_region(cc: str, admin1: str, lat: float) -> str:
    """The region split off the north of ``admin1`` (Taoudeni, of Timbuktu) where ``lat`` lies in it, else
    ``admin1``."""
    for region in _new_regions(cc).get("split_regions", ()):
        if admin1 == region["split_from"] and lat >= region["min_lat"]:
            return str(region["acled"])
    return admin1


def _admin1_short_forms(cc: str, name: str) -> list[str]:
    """Other names news gives a first-level unit: "South Darfur" for "Southern Darfur" (``geo.compass_short_forms``),
    and its abbreviations ("NSW")."""
    out = list(_admin1_abbreviations().get((cc, name_key(name)), ()))
    for long, short in geo_pairs("compass_short_forms"):
        if name.startswith(long + " ") and len(name) > len(long) + 3:
            out.append(short + name[len(long):])
            break
    return out


@lru_cache(maxsize=65536)
def acled_ascii(name: str) -> str:
    """ACLED-style spelling: accents removed, case and hyphens kept ("Séno" -> "Seno")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).strip()


@lru_cache(maxsize=65536)
def _acled_admin1(cc: str, name: str) -> str:
    return _acled_admin1_names().get((cc, name_key(name))) or acled_ascii(name)


def _country_state_city_points() -> dict[tuple[str, str], tuple[float, float]]:
    """Admin1 points from the ``country_state_city`` package (when installed): (cc, key) -> (lat, lon)."""
    try:
        path = resources.files("country_state_city") / "data" / "state.json"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, ValueError):
        return {}
    out: dict[tuple[str, str], tuple[float, float]] = {}
    suffix = re.compile(r"\s+" + word_alternation(geo_list("state_name_suffixes")) + "$")  # "Kano State"
    for s in data:
        try:
            lat, lon = float(s["latitude"]), float(s["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        name = suffix.sub("", s.get("name") or "")
        for n in {name, s.get("name") or ""}:
            out.setdefault((s.get("countryCode") or "", name_key(n)), (lat, lon))
    return out
