"""Candidates for a place name, scored in context (country, admin hints, direction, population, the other
places the report names), never taken in gazetteer order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from math import cos, log10, radians, sin

from eventcoder.geo._countries import CountryInfo, country_info
from eventcoder.geo._gazetteer import Candidate, Gazetteer, haversine_km
from eventcoder.geo._normalize import name_key, strip_admin_words, token_form
from eventcoder.geo._words import geo_inverse, geo_list, word_alternation
from eventcoder.records import PlacePhrase

__all__ = [
    "FOCUS_COUNTRIES",
    "Context",
    "best_candidate",
    "build_context",
    "capital_point",
    "clean_name",
    "country_point",
    "describe",
    "in_country",
    "precision_of",
    "rank_candidates",
    "same_name",
    "scored_candidates",
]

# Where eventcoder's reports happen: a name found in one of these countries only is evidence of the country
FOCUS_COUNTRIES = frozenset(["ML", "BF", "NE", "NG", "TD", "MR", "CM", "BJ", "TG", "GH", "CI", "SN", "GN", "GM", "GW", "SL", "LR", "DZ", "LY", "SD", "CF", "EH", "MA", "TN"])



def _by_length(words: tuple[str, ...]) -> list[str]:
    """Shortest first: of "north" and "north east" before a name, "north" is tried first."""
    return sorted(words, key=len)


@cache
def _direction() -> re.Pattern[str]:
    """A direction before a country ("the north of Mali", "le nord-est du Burkina"): ``geo.directions``."""
    alt = word_alternation
    return re.compile(
        "^(?:" + alt(geo_list("direction_articles")) + " )?(?P<direction_word>" + alt(
            _by_length(geo_list("directions") + geo_list("center_words"))) + ")(?: " + alt(
            geo_list("direction_part_words")) + ")?(?: " + alt(geo_list("direction_connectors")) + ")?(?: " + alt(
            geo_list("direction_name_articles")) + ")? (?P<country_name>.+)$")


@cache
def _leading() -> re.Pattern[str]:
    """Articles and settlement nouns before a name ("the village of", "la localité de")."""
    alt = word_alternation
    return re.compile(
        r"^(?:" + alt(geo_list("name_articles")) + r"\s+)?(?:" + alt(geo_list("name_adjectives")) + r"\s+)?(?:"
        + alt(geo_list("settlement_nouns")) + r"\s+" + alt(geo_list("settlement_connectors")) + r"\s+)")


@cache
def _trailing() -> re.Pattern[str]:
    """A generic noun after a name ("Boulkessi camp", "Djibo road")."""
    return re.compile(r"\s+" + word_alternation(geo_list("trailing_nouns")) + "$")


_P_CLASSES = frozenset("PS")
_LOW_CLASSES = frozenset("HTVU")


@dataclass
class Context:
    country: CountryInfo | None = None
    countries_mentioned: set[str] = field(default_factory=set)
    units: list[Candidate] = field(default_factory=list)  # admin units named in hints
    unit_groups: list[list[Candidate]] = field(default_factory=list)  # the same, one list per hint
    hint_places: list[Candidate] = field(default_factory=list)  # towns named in hints
    direction: tuple[float | None, str] | None = None  # (azimuth, None for the centre; country)
    context: list[list[Candidate]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chosen: Candidate | None = None  # the entry the single-name constructions settled on


# --------------------------------------------------------------------------------------------- helpers


def clean_name(name: str) -> tuple[str, str | None]:
    """Strip articles and generic nouns ("the village of Karma" -> "Karma"); return (name, admin level)."""
    tf = token_form(name)
    level = None
    core, lvl = strip_admin_words(name)
    if lvl and core:
        return core, lvl
    m = _leading().match(tf)
    if m and tf[m.end():]:
        tf = tf[m.end():]
    m2 = _trailing().search(tf)
    if m2 and tf[: m2.start()]:
        tf = tf[: m2.start()]
    return tf, level


def country_point(info: CountryInfo, gaz: Gazetteer) -> tuple[float, float]:
    """The centroid of the country's largest polygon when inside it (as the gazetteer's country rows)."""
    from eventcoder.geo._build import _representative_point

    return _representative_point(gaz.country_shape(info.iso2), info.latitude, info.longitude)


def capital_point(info: CountryInfo, gaz: Gazetteer) -> tuple[float, float] | None:
    for c in gaz.lookup(info.capital, country=info.iso2) if info.capital else []:
        if c.feature_code == "PPLC" or c.importance >= 4:
            return c.latitude, c.longitude
    return None


def _unlike(key: str, own: str) -> bool:
    """An alternate name that is no spelling of the place's own name (see ``_build._alike``)."""
    from eventcoder.geo._build import _alike

    return not _alike(key, own)


def same_name(a: str, b: str) -> bool:
    return bool(a) and bool(b) and name_key(a) == name_key(b)


def in_country(c: Candidate, iso2: str) -> bool:
    if c.country == iso2:
        return True
    return bool(c.countries) and iso2 in c.countries.split(",")


def precision_of(c: Candidate) -> int:
    if c.feature_code == "ADM1" or c.is_country or c.feature_code == "CONT":
        return 3
    if c.feature_class == "A":
        return 2
    if c.feature_class == "L" and c.feature_code not in ("LCTY",):
        return 3
    return 1


def describe(c: Candidate) -> str:
    ref = f"GeoNames {c.geonameid}" if c.geonameid else (f"OSM node {c.osm_id}" if c.osm_id else c.source)
    where = ", ".join(x for x in (c.admin2, c.admin1, c.country) if x)
    return f"{c.name} ({ref}; {where})"


# ------------------------------------------------------------------------------------------ the context


def build_context(phrase: PlacePhrase, country_hint: str | None, context_names: Iterable[str],
                   gaz: Gazetteer) -> Context:
    ctx = Context()
    hint = phrase.country_hint or country_hint
    ctx.country = country_info(hint) if hint else None
    hints = list(phrase.admin_hints)
    for h in hints:
        if not h or not h.strip():
            continue
        tf = token_form(h)
        m = _direction().match(tf)
        if m:
            info = country_info(m.group("country_name"))
            if info is not None:
                ctx.direction = (_azimuth(m.group("direction_word")), info.iso2)
                if ctx.country is None:
                    ctx.country = info
                continue
        info = country_info(h)
        if info is not None and len(h.strip()) > 3:
            ctx.countries_mentioned.add(info.iso2)
            if ctx.country is None:
                ctx.country = info
            continue
        core, level = strip_admin_words(h)
        if not core:
            continue
        cands = gaz.lookup(core)
        units = [c for c in cands if c.is_admin and (
            level is None or (level == "admin1" and c.feature_code == "ADM1")
            or (level == "admin2" and c.feature_code in ("ADM2", "ADM3"))
            or (level == "admin3" and c.feature_code in ("ADM2", "ADM3")))]
        places = [c for c in cands if c.feature_class in _P_CLASSES]
        if level == "admin3":
            ctx.hint_places.extend(places)  # a commune is named after its seat
        elif units:
            ctx.units.extend(units)
            ctx.unit_groups.append(units)
        else:
            ctx.hint_places.extend(places)
    if ctx.country is not None:
        ctx.units = [u for u in ctx.units if u.country == ctx.country.iso2] or ctx.units
        ctx.unit_groups = [g2 for g in ctx.unit_groups if (g2 := [u for u in g if u in ctx.units])]
        ctx.hint_places = [p for p in ctx.hint_places if p.country == ctx.country.iso2] or ctx.hint_places
    # country from the admin hints when the text gave none
    if ctx.country is None:
        votes: dict[str, int] = {}
        for c in [*ctx.units, *ctx.hint_places]:
            votes[c.country] = votes.get(c.country, 0) + 1 + (c.importance >= 3)
        if votes:
            best = max(votes.items(), key=lambda kv: kv[1])[0]
            ctx.country = country_info(best)
    for n in context_names:
        if not n:
            continue
        info = country_info(n)
        if info is not None and len(n) > 3:
            ctx.countries_mentioned.add(info.iso2)
            continue
        core, _ = clean_name(n)
        cands = [c for c in gaz.lookup(core) if c.feature_class in "PSA" and not c.is_country]
        if ctx.country is not None:
            cands = [c for c in cands if c.country == ctx.country.iso2]
        if cands and len(cands) <= 60:
            ctx.context.append(cands)
    return ctx


# ------------------------------------------------------------------------------------------ scoring


def _azimuth(direction_word: str) -> float | None:
    """The azimuth a direction word names ("northern" 0, "sud-est" 135), None for the centre."""
    azimuth = geo_inverse("directions").get(direction_word)
    return float(azimuth) if azimuth is not None else None


def _direction_ok(c: Candidate, direction: tuple[float | None, str], gaz: Gazetteer) -> float:
    azimuth, iso2 = direction
    if c.country != iso2:
        return 0.0
    shape = gaz.country_shape(iso2)
    if shape is None:
        return 0.0
    minx, miny, maxx, maxy = shape.bounds
    x = (c.longitude - minx) / max(1e-6, maxx - minx)
    y = (c.latitude - miny) / max(1e-6, maxy - miny)
    ok = True
    if azimuth is None:
        ok = 0.15 <= x <= 0.85 and 0.12 <= y <= 0.75
    else:
        north, east = cos(radians(azimuth)), sin(radians(azimuth))
        if north > 0.5:
            ok = ok and y >= 0.45
        if north < -0.5:
            ok = ok and y <= 0.55
        if east > 0.5:
            ok = ok and x >= 0.45
        if east < -0.5:
            ok = ok and x <= 0.55
    return 1.5 if ok else -0.7


# population assumed for admin units that have none, so that "California" the state outweighs the towns
_ADMIN_POP = {"ADM1": 1_000_000, "ADM2": 100_000, "ADM3": 10_000, "CONT": 100_000_000, "RGN": 1_000_000,
              "SEA": 1_000_000, "OCN": 1_000_000, "ISL": 1_000_000}


def _score(c: Candidate, key: str, ctx: Context, gaz: Gazetteer, *, want_admin: str | None,
           want_area: bool) -> float:
    fc, code = c.feature_class, c.feature_code
    pop = c.population or _ADMIN_POP.get(code, 0)
    s = 0.45 * log10(1 + max(0, pop)) + 0.25 * c.importance
    if fc == "P":
        s += 1.0
        if code in ("PPLC", "PPLA"):
            s += 0.5
        elif code.startswith("PPLA"):
            s += 0.3
        elif code in ("PPLQ", "PPLH"):
            s -= 1.5  # abandoned / historical
    elif fc == "A" or code == "CONT":
        if c.is_country or code == "CONT":
            s += 2.5  # a bare country or continent name means the country/continent
        elif want_admin:
            s += 2.5
            if (want_admin == "admin1") == (code == "ADM1"):
                s += 1.0
        elif code == "ADM1":
            s += 1.5  # "California", "Queensland", "Texas": the state rather than a town named after it
        else:
            s -= 0.3
    elif fc == "L":
        s += 1.2 if want_area else 0.0
        if c.source == "areas":
            s += 2.0  # a named region, sea or island of the curated list: what the bare name means
    elif fc == "S":
        s -= 0.8 if code in ("CMP", "CMPMN", "MILB", "INSM") else 1.5
    elif fc in _LOW_CLASSES:
        s -= 1.5
    if want_area and fc != "L":
        s -= 0.5
    if name_key(c.name) == key:
        s += 1.0
    if c.geonameid and c.osm_id:
        s += 0.3  # GeoNames and OpenStreetMap agree on this place
    if ctx.country is not None:
        s += 3.0 if in_country(c, ctx.country.iso2) else -4.0
    elif ctx.countries_mentioned:
        s += 2.0 if c.country in ctx.countries_mentioned else 0.0
    # admin hints: the best match per hint ("Ségou" names a region and a cercle: either counts once)
    for group in ctx.unit_groups:
        both_levels = len({u.feature_code == "ADM1" for u in group}) == 2
        best = 0.0
        for u in group:
            if u.country != c.country or u.id == c.id:
                continue
            if u.feature_code == "ADM1" and same_name(c.admin1, u.admin1 or u.name):
                best = max(best, 2.5)
            elif u.feature_code in ("ADM2", "ADM3") and same_name(c.admin2, u.admin2 or u.name):
                best = max(best, 2.5 if both_levels else 3.0)
            elif u.feature_code in ("ADM2", "ADM3") and not c.admin2 and \
                    haversine_km(c.latitude, c.longitude, u.latitude, u.longitude) < 60:
                best = max(best, 1.5)
        s += best
    if ctx.hint_places:
        d = min(haversine_km(c.latitude, c.longitude, p.latitude, p.longitude) for p in ctx.hint_places
                if p.id != c.id) if any(p.id != c.id for p in ctx.hint_places) else 1e9
        s += 2.5 if d < 25 else 1.5 if d < 60 else 0.5 if d < 120 else 0.0
    if ctx.direction is not None:
        s += _direction_ok(c, ctx.direction, gaz)
    # proximity to the other places of the report
    bonus = 0.0
    for cands in ctx.context if not (c.is_country or code == "CONT") else ():
        if code == "ADM1":  # a region contains the other places rather than lying near them
            if any(o.id != c.id and o.country == c.country and same_name(o.admin1, c.admin1) for o in cands):
                bonus += 1.5
            elif cands and cands[0].country == c.country and cands[0].importance >= 3:
                bonus += 0.5  # a town of the same country is named ("Maryland" with Washington)
            continue
        near = [haversine_km(c.latitude, c.longitude, o.latitude, o.longitude) for o in cands
                if o.id != c.id and o.country == c.country]
        if not near:
            continue
        d = min(near)
        bonus += 1.5 if d < 30 else 1.0 if d < 80 else 0.5 if d < 200 else 0.0
    # a hamlet near the other places must not outweigh a state or a city of the same name
    s += min(bonus, 3.0 if c.importance >= 2 or c.country in FOCUS_COUNTRIES else 1.5)
    return s


def scored_candidates(name: str, ctx: Context, gaz: Gazetteer, *, want_admin: str | None = None,
                want_area: bool = False) -> list[tuple[float, Candidate, str]]:
    """Scored candidates for one name, best first: (score, candidate, note)."""
    key = name_key(name)
    if not key:
        return []
    cands = gaz.lookup(key)
    if not cands and " " in name:
        cands = gaz.lookup(token_form(name).split()[0]) if len(token_form(name).split()[0]) > 3 else []
    scored = [(_score(c, key, ctx, gaz, want_admin=want_admin, want_area=want_area), c, "") for c in cands]
    # a name that is some places' own name is not a city that has it as an unlike alternate name ("Franklin"
    # is a town of Tennessee, not El Paso's old name); spellings ("Arbinda" for Aribinda) are kept
    if any(name_key(c.name) == key for c in cands):
        scored = [(sc - (2.0 if _unlike(key, name_key(c.name)) else 0.0), c, note) for sc, c, note in scored]
    # a country's own name means the country, not a city that has it among its alternate names
    # ("Mexico" is not Mexico City, "Iraq" is not Arak); places whose own name it is stay candidates
    if any(c.is_country for c in cands) and not want_admin:
        scored = [(sc - (0.0 if c.is_country else 3.0 if name_key(c.name) != key else 2.0), c, note)
                  for sc, c, note in scored]
    # a region or cercle named after its capital: the bare name means the town ("Kayes", "Mopti")
    if not want_admin:
        towns = [c for c in cands if c.feature_class == "P"]
        scored = [(sc - (1.5 if c.is_admin and any(
            t.country == c.country and same_name(t.admin1 if c.feature_code == "ADM1" else t.admin2, c.admin1 if
                                           c.feature_code == "ADM1" else (c.admin2 or c.name))
            for t in towns) else 0.0), c, note) for sc, c, note in scored]
    # a village that gives its name to a commune/department next to it is its seat: more newsworthy
    seats = [c for c in cands if c.feature_code in ("ADM2", "ADM3")]
    if seats and not want_admin:
        scored = [(sc + (1.2 if c.feature_class == "P" and any(
            u.country == c.country and haversine_km(c.latitude, c.longitude, u.latitude, u.longitude) < 15
            for u in seats) else 0.0), c, note) for sc, c, note in scored]
    iso2 = ctx.country.iso2 if ctx.country else None
    inside = [t for t in scored if iso2 and in_country(t[1], iso2)]
    if iso2 and not inside and len(key) >= 5:
        admin1 = None
        units1 = [u for u in ctx.units if u.feature_code == "ADM1" and u.country == iso2]
        if len(units1) == 1:
            admin1 = units1[0].admin1 or units1[0].name
        fuzzy = gaz.fuzzy_lookup(key, country=iso2, admin1=admin1) if admin1 else []
        if not fuzzy:
            fuzzy = gaz.fuzzy_lookup(key, country=iso2)
        for c, ratio in fuzzy:
            sc = _score(c, key, ctx, gaz, want_admin=want_admin, want_area=want_area) - (100 - ratio) / 4 - 0.7
            scored.append((sc, c, f"spelling matched fuzzily ({ratio:.0f}/100)"))
    scored.sort(key=lambda t: (-t[0], -t[1].importance, t[1].id))
    return scored


def rank_candidates(name: str, *, gazetteer: Gazetteer, country: str | None = None,
                    countries_mentioned: Iterable[str] = (), admin_hints: Sequence[str] = (),
                    context: Sequence[Sequence[Candidate]] = ()) -> list[tuple[float, Candidate, str]]:
    """Scored candidates for a name, best first, with the same scoring as ``resolve_place``.

    ``context`` holds candidate lists of the other places of the text (for proximity).
    """
    ctx = build_context(PlacePhrase(names=(name,), admin_hints=tuple(admin_hints)), country, (), gazetteer)
    ctx.countries_mentioned |= set(countries_mentioned)
    ctx.context = [list(c) for c in context]
    core, level = clean_name(name)
    return scored_candidates(core, ctx, gazetteer, want_admin=level if level in ("admin1", "admin2") else None,
                       want_area=level == "area")



def best_candidate(name: str, ctx: Context, gaz: Gazetteer, **kw: object) -> tuple[Candidate | None, str, int]:
    """The best candidate; a small place outside the report's country is no answer (a village of the same
    name across the border is a homonym far more often than the place meant), a city or a country is."""
    scored = scored_candidates(name, ctx, gaz, **kw)  # type: ignore[arg-type]
    if not scored:
        return None, "", 0
    top = scored[0][1]
    if ctx.country is None and not top.is_country and top.country not in FOCUS_COUNTRIES:
        focus = [t for t in scored if t[1].country in FOCUS_COUNTRIES]
        if focus:
            return focus[0][1], focus[0][2], len(scored)
        if top.population < 100_000 and top.country not in ctx.countries_mentioned:
            return None, "", len(scored)
    if ctx.country is not None and not top.is_country and not in_country(top, ctx.country.iso2):
        inside = [t for t in scored if in_country(t[1], ctx.country.iso2)]
        if inside:
            return inside[0][1], inside[0][2], len(scored)
        if top.country not in ctx.countries_mentioned:
            return None, "", len(scored)
    return top, scored[0][2], len(scored)
