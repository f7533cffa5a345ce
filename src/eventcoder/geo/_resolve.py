"""From a ``PlacePhrase`` (what extraction read) to a ``Place`` (a point, its admin units and precision).

Candidates for each name are scored, never taken in gazetteer order:

- country context: the phrase's or the report's country (+3), other countries (-4);
- admin hints: "Niono cercle", "Ségou region", "province du Soum", "(Koutiala, Sikasso)" (+2.5 admin1,
  +3 admin2, or proximity to a named town), and directions such as "central Mali";
- population, feature class (towns and villages over wells and dunes), importance;
- proximity to the other places the report names.

Relative places use geographiclib: "between A and B" -> geodesic midpoint (precision 2); "N km north of X"
-> forward geodesic (precision 2; X itself without a bearing); "near X" -> X (2); "near the Mauritanian
border" -> a point on the home side of that border (3, or 2 with an anchor place); a named area -> its
point moved inside the country named (3); an admin unit -> its centroid (admin1: 3, admin2/3: 2). Every
computed point is kept inside the country named. When no name resolves, the best admin unit named is
used, and then the country ("country only", precision 3); ``Place.how`` says which.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from math import log10

from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, nearest_points

from eventcoder.geo._countries import CountryInfo, country_info
from eventcoder.geo._gazetteer import Candidate, Gazetteer, haversine_km
from eventcoder.geo._geodesy import destination, keep_inside, midpoint, parse_bearing, toward
from eventcoder.geo._normalize import name_key, strip_admin_words, token_form
from eventcoder.records import Mention, Place, PlacePhrase

__all__ = ["country_place", "rank_candidates", "resolve_place", "resolve_places"]

_DIRECTION = re.compile(
    r"^(?:the )?(?P<dir>north|northern|nord|south|southern|sud|east|eastern|est|west|western|ouest|central|"
    r"centre|center|north ?east(?:ern)?|nord ?est|north ?west(?:ern)?|nord ?ouest|south ?east(?:ern)?|sud ?est|"
    r"south ?west(?:ern)?|sud ?ouest)(?: part)?(?: (?:of|du|de|de la|des|d))?(?: the| l| la)? (?P<rest>.+)$")

_LEADING = re.compile(
    r"^(?:(?:the|la|le|les|l|un|une|a)\s+)?(?:(?:small|remote|petit|petite)\s+)?"
    r"(?:(?:village|villages|town|city|ville|localite|locality|localites|hameau|hamlet|hamlets|bourgade|"
    r"market town|settlement|agglomeration|camp|military camp|army camp|base|military base|garrison|post|"
    r"army post|outpost|mine|gold mine|site|market|marche|quartier|district|neighbourhood|chef lieu|"
    r"chef lieu de commune)\s+(?:of|de|du|d|des)\s+)")
_TRAILING = re.compile(r"\s+(?:village|villages|town|city|area|locality|axis|axe|road|route|market|camp|"
                       r"base|outskirts|zone|vicinity|environs|region area)$")

_P_CLASSES = frozenset("PS")
_LOW_CLASSES = frozenset("HTVU")


@dataclass
class _Context:
    country: CountryInfo | None = None
    countries_mentioned: set[str] = field(default_factory=set)
    units: list[Candidate] = field(default_factory=list)  # admin units named in hints
    unit_groups: list[list[Candidate]] = field(default_factory=list)  # the same, one list per hint
    hint_places: list[Candidate] = field(default_factory=list)  # towns named in hints
    direction: tuple[str, str] | None = None
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
    m = _LEADING.match(tf)
    if m and tf[m.end():]:
        tf = tf[m.end():]
    m2 = _TRAILING.search(tf)
    if m2 and tf[: m2.start()]:
        tf = tf[: m2.start()]
    return tf, level


def _country_point(info: CountryInfo, gaz: Gazetteer) -> tuple[float, float]:
    """The centroid of the country's largest polygon when inside it (as the gazetteer's country rows)."""
    from eventcoder.geo._build import _representative_point

    return _representative_point(gaz.country_shape(info.iso2), info.latitude, info.longitude)


def _capital_point(info: CountryInfo, gaz: Gazetteer) -> tuple[float, float] | None:
    for c in gaz.lookup(info.capital, country=info.iso2) if info.capital else []:
        if c.feature_code == "PPLC" or c.importance >= 4:
            return c.latitude, c.longitude
    return None


def _unlike(key: str, own: str) -> bool:
    """An alternate name that is no spelling of the place's own name (see ``_build._alike``)."""
    from eventcoder.geo._build import _alike

    return not _alike(key, own)


def _eq(a: str, b: str) -> bool:
    return bool(a) and bool(b) and name_key(a) == name_key(b)


def _in_country(c: Candidate, iso2: str) -> bool:
    if c.country == iso2:
        return True
    return bool(c.countries) and iso2 in c.countries.split(",")


def _precision_of(c: Candidate) -> int:
    if c.feature_code == "ADM1" or c.is_country or c.feature_code == "CONT":
        return 3
    if c.feature_class == "A":
        return 2
    if c.feature_class == "L" and c.feature_code not in ("LCTY",):
        return 3
    return 1


def _describe(c: Candidate) -> str:
    ref = f"GeoNames {c.geonameid}" if c.geonameid else (f"OSM node {c.osm_id}" if c.osm_id else c.source)
    where = ", ".join(x for x in (c.admin2, c.admin1, c.country) if x)
    return f"{c.name} ({ref}; {where})"


# ------------------------------------------------------------------------------------------ the context


def _build_context(phrase: PlacePhrase, country_hint: str | None, context_names: Iterable[str],
                   gaz: Gazetteer) -> _Context:
    ctx = _Context()
    hint = phrase.country_hint or country_hint
    ctx.country = country_info(hint) if hint else None
    hints = list(phrase.admin_hints)
    for h in hints:
        if not h or not h.strip():
            continue
        tf = token_form(h)
        m = _DIRECTION.match(tf)
        if m:
            info = country_info(m.group("rest"))
            if info is not None:
                ctx.direction = (m.group("dir").replace(" ", ""), info.iso2)
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


def _direction_ok(c: Candidate, direction: tuple[str, str], gaz: Gazetteer) -> float:
    word, iso2 = direction
    if c.country != iso2:
        return 0.0
    shape = gaz.country_shape(iso2)
    if shape is None:
        return 0.0
    minx, miny, maxx, maxy = shape.bounds
    x = (c.longitude - minx) / max(1e-6, maxx - minx)
    y = (c.latitude - miny) / max(1e-6, maxy - miny)
    ok = True
    if word in ("central", "centre", "center"):
        ok = 0.15 <= x <= 0.85 and 0.12 <= y <= 0.75
    else:
        if word.startswith(("north", "nord")):
            ok = ok and y >= 0.45
        if word.startswith(("south", "sud")):
            ok = ok and y <= 0.55
        if word.endswith(("east", "eastern", "est")) and not word.endswith("ouest"):
            ok = ok and x >= 0.45
        if word.endswith(("west", "western", "ouest")):
            ok = ok and x <= 0.55
    return 1.5 if ok else -0.7


# population assumed for admin units that have none, so that "California" the state outweighs the towns
_ADMIN_POP = {"ADM1": 1_000_000, "ADM2": 100_000, "ADM3": 10_000, "CONT": 100_000_000, "RGN": 1_000_000,
              "SEA": 1_000_000, "OCN": 1_000_000, "ISL": 1_000_000}


def _score(c: Candidate, key: str, ctx: _Context, gaz: Gazetteer, *, want_admin: str | None,
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
        s += 3.0 if _in_country(c, ctx.country.iso2) else -4.0
    elif ctx.countries_mentioned:
        s += 2.0 if c.country in ctx.countries_mentioned else 0.0
    # admin hints: the best match per hint ("Ségou" names a region and a cercle: either counts once)
    for group in ctx.unit_groups:
        both_levels = len({u.feature_code == "ADM1" for u in group}) == 2
        best = 0.0
        for u in group:
            if u.country != c.country or u.id == c.id:
                continue
            if u.feature_code == "ADM1" and _eq(c.admin1, u.admin1 or u.name):
                best = max(best, 2.5)
            elif u.feature_code in ("ADM2", "ADM3") and _eq(c.admin2, u.admin2 or u.name):
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
            if any(o.id != c.id and o.country == c.country and _eq(o.admin1, c.admin1) for o in cands):
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


def _candidates(name: str, ctx: _Context, gaz: Gazetteer, *, want_admin: str | None = None,
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
            t.country == c.country and _eq(t.admin1 if c.feature_code == "ADM1" else t.admin2, c.admin1 if
                                           c.feature_code == "ADM1" else (c.admin2 or c.name))
            for t in towns) else 0.0), c, note) for sc, c, note in scored]
    # a village that gives its name to a commune/department next to it is its seat: more newsworthy
    seats = [c for c in cands if c.feature_code in ("ADM2", "ADM3")]
    if seats and not want_admin:
        scored = [(sc + (1.2 if c.feature_class == "P" and any(
            u.country == c.country and haversine_km(c.latitude, c.longitude, u.latitude, u.longitude) < 15
            for u in seats) else 0.0), c, note) for sc, c, note in scored]
    iso2 = ctx.country.iso2 if ctx.country else None
    in_country = [t for t in scored if iso2 and _in_country(t[1], iso2)]
    if iso2 and not in_country and len(key) >= 5:
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
    ctx = _build_context(PlacePhrase(names=(name,), admin_hints=tuple(admin_hints)), country, (), gazetteer)
    ctx.countries_mentioned |= set(countries_mentioned)
    ctx.context = [list(c) for c in context]
    core, level = clean_name(name)
    return _candidates(core, ctx, gazetteer, want_admin=level if level in ("admin1", "admin2") else None,
                       want_area=level == "area")


# --------------------------------------------------------------------------------------- building Places


def _place(gaz: Gazetteer, *, location: str, lat: float, lon: float, precision: int, iso2: str,
           cand: Candidate | None, how: str, phrase: PlacePhrase) -> Place:
    info = country_info(iso2) if iso2 else None
    admin1 = admin2 = ""
    if cand is not None and not cand.is_country and (cand.admin1 or cand.admin2):
        admin1, admin2 = cand.admin1, cand.admin2
        if cand.feature_code == "ADM1":
            admin2 = ""
    if not admin1 and (cand is None or not cand.is_country):
        cc, admin1, admin2 = gaz.admin_at(lat, lon, iso2 or None)
        if info is None and cc:
            info = country_info(cc)
    return Place(
        location=location, latitude=round(lat, 5), longitude=round(lon, 5), geo_precision=precision,
        country=info.name if info else "", iso3=info.iso3 if info else "", iso=info.iso if info else 0,
        region=info.region if info else "", admin1=admin1, admin2=admin2, admin3="",
        geonameid=cand.geonameid if cand is not None else None, how=how, evidence=phrase.evidence)


def country_place(info: CountryInfo, gaz: Gazetteer, *, how: str = "", phrase: PlacePhrase | None = None) -> Place:
    """A precision-3 place on a representative point of the country; ``how`` says "country only"."""
    lat, lon = _country_point(info, gaz)
    return Place(location=info.name, latitude=round(lat, 5), longitude=round(lon, 5), geo_precision=3,
                 country=info.name, iso3=info.iso3, iso=info.iso, region=info.region,
                 geonameid=info.geonameid, how=("country only: " + how).strip(),
                 evidence=phrase.evidence if phrase else None)


def _from_candidate(c: Candidate, gaz: Gazetteer, phrase: PlacePhrase, ctx: _Context, *, precision: int | None,
                    how: str) -> Place:
    if c.is_country:
        info = country_info(c.country)
        if info is not None:
            return country_place(info, gaz, how=how, phrase=phrase)
    lat, lon = c.latitude, c.longitude
    iso2 = c.country
    if c.countries and ctx.country is not None and ctx.country.iso2 in c.countries.split(","):
        iso2 = ctx.country.iso2
    prec = precision if precision is not None else _precision_of(c)
    if c.feature_class == "L" and c.source == "areas":
        lat, lon = _area_point(c, iso2, gaz)
        if c.feature_code == "TRIPOINT":
            how += f"; moved inside {iso2} from the tri-border point"
    elif c.feature_class == "L" or c.is_admin:
        prec = max(prec, _precision_of(c)) if precision is None or precision < 3 else precision
    return _place(gaz, location=c.name, lat=lat, lon=lon, precision=prec, iso2=iso2, cand=c, how=how,
                  phrase=phrase)


def _area_point(c: Candidate, iso2: str, gaz: Gazetteer) -> tuple[float, float]:
    shape = gaz.country_shape(iso2)
    lat, lon = c.latitude, c.longitude
    if c.feature_code == "TRIPOINT" and shape is not None:
        info = country_info(iso2)
        if info is not None:
            clat, clon = _country_point(info, gaz)
            lat, lon = toward(lat, lon, clat, clon, 40.0)
    lat, lon, _ = keep_inside(lat, lon, shape, inset_km=25.0)
    return lat, lon


# ---------------------------------------------------------------------------------- the constructions


def _best(name: str, ctx: _Context, gaz: Gazetteer, **kw: object) -> tuple[Candidate | None, str, int]:
    """The best candidate; a small place outside the report's country is no answer (a village of the same
    name across the border is a homonym far more often than the place meant), a city or a country is."""
    scored = _candidates(name, ctx, gaz, **kw)  # type: ignore[arg-type]
    if not scored:
        return None, "", 0
    top = scored[0][1]
    if ctx.country is None and not top.is_country and top.country not in FOCUS_COUNTRIES:
        focus = [t for t in scored if t[1].country in FOCUS_COUNTRIES]
        if focus:
            return focus[0][1], focus[0][2], len(scored)
        if top.population < 100_000 and top.country not in ctx.countries_mentioned:
            return None, "", len(scored)
    if ctx.country is not None and not top.is_country and not _in_country(top, ctx.country.iso2):
        inside = [t for t in scored if _in_country(t[1], ctx.country.iso2)]
        if inside:
            return inside[0][1], inside[0][2], len(scored)
        if top.country not in ctx.countries_mentioned:
            return None, "", len(scored)
    return top, scored[0][2], len(scored)


def _resolve_single(name: str, phrase: PlacePhrase, ctx: _Context, gaz: Gazetteer, *, precision: int | None,
                    verb: str) -> Place | None:
    core, level = clean_name(name)
    want_admin = level if level in ("admin1", "admin2") else ("admin2" if phrase.relation == "admin" else None)
    want_area = phrase.relation == "area"
    if level == "area":
        want_area = True
    cand, note, n = None, "", 0
    if name_key(core) != name_key(name):  # "tri-border area", "Wagadou forest": the whole name first
        cand, note, n = _best(name, ctx, gaz, want_admin=want_admin, want_area=want_area)
    if cand is None:
        cand, note, n = _best(core, ctx, gaz, want_admin=want_admin, want_area=want_area)
    if cand is None:
        return None
    ctx.chosen = cand
    if want_admin and not cand.is_admin and not cand.is_country:
        precision = 2 if precision is None else max(precision, 2)
    how = f"{verb} {_describe(cand)}; best of {n} candidate(s)"
    if note:
        how += f"; {note}"
    return _from_candidate(cand, gaz, phrase, ctx, precision=precision, how=how)


def _resolve_between(phrase: PlacePhrase, ctx: _Context, gaz: Gazetteer) -> Place | None:
    a_name, b_name = phrase.names[0], phrase.names[1]
    ca = _candidates(clean_name(a_name)[0], ctx, gaz)[:8]
    cb = _candidates(clean_name(b_name)[0], ctx, gaz)[:8]
    if ca and cb:
        best = None
        for sa, a, _ in ca:
            for sb, b, _ in cb:
                d = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
                pair = sa + sb + (2.0 if d < 80 else 1.0 if d < 200 else -1.5)
                if a.id == b.id:
                    pair -= 5
                if best is None or pair > best[0]:
                    best = (pair, a, b, d)
        assert best is not None
        _, a, b, d = best
        lat, lon = midpoint(a.latitude, a.longitude, b.latitude, b.longitude)
        iso2 = ctx.country.iso2 if ctx.country else a.country
        lat, lon, moved = keep_inside(lat, lon, gaz.country_shape(iso2), anchor=(a.latitude, a.longitude))
        how = f"midpoint between {_describe(a)} and {_describe(b)} ({d:.0f} km apart)"
        if moved:
            how += f"; moved inside {iso2}"
        return _place(gaz, location=a.name, lat=lat, lon=lon, precision=2, iso2=iso2, cand=None, how=how,
                      phrase=phrase)
    for cands, other in ((ca, b_name), (cb, a_name)):
        if cands:
            c = cands[0][1]
            return _from_candidate(c, gaz, phrase, ctx, precision=2,
                                   how=f"between {a_name} and {b_name}: {other!r} not in the gazetteer; "
                                       f"placed at {_describe(c)}")
    return None


def _resolve_offset(phrase: PlacePhrase, ctx: _Context, gaz: Gazetteer) -> Place | None:
    anchor_name = phrase.names[0]
    cand, note, _n = _best(clean_name(anchor_name)[0], ctx, gaz)
    if cand is None:
        return None
    az = parse_bearing(phrase.bearing)
    if phrase.distance_km is None or az is None:
        village = _village_at_offset(phrase, ctx, gaz, cand, None)
        if village is not None:
            return village
        why = "no bearing given" if phrase.distance_km is not None else "no distance given"
        return _from_candidate(cand, gaz, phrase, ctx, precision=2,
                               how=f"{phrase.distance_km or ''} km from {_describe(cand)}: {why}, placed at "
                                   f"{cand.name}".strip())
    lat, lon = destination(cand.latitude, cand.longitude, float(phrase.distance_km), az)
    village = _village_at_offset(phrase, ctx, gaz, cand, (lat, lon))
    if village is not None:
        return village
    iso2 = ctx.country.iso2 if ctx.country else cand.country
    lat, lon, moved = keep_inside(lat, lon, gaz.country_shape(iso2), anchor=(cand.latitude, cand.longitude))
    how = f"{phrase.distance_km:g} km {phrase.bearing} of {_describe(cand)} (forward geodesic)"
    if moved:
        how += f"; pulled back inside {iso2}"
    if note:
        how += f"; {note}"
    return _place(gaz, location=cand.name, lat=lat, lon=lon, precision=2, iso2=iso2, cand=None, how=how,
                  phrase=phrase)


def _village_at_offset(phrase: PlacePhrase, ctx: _Context, gaz: Gazetteer, anchor: Candidate,
                       point: tuple[float, float] | None) -> Place | None:
    """"the village of Koutougou, 52 km south-west of Torodi": the village itself (``names[1]``) when the
    gazetteer has one where the offset says (near the offset point, or at about that distance from the anchor
    when no bearing is given); None when it has none there (a homonym elsewhere is not the village)."""
    if len(phrase.names) < 2 or phrase.distance_km is None:
        return None
    km = float(phrase.distance_km)
    slack = max(20.0, 0.5 * km)  # distances in words are round ("une cinquantaine")
    best: tuple[float, Candidate] | None = None
    for _, c, _ in _candidates(clean_name(phrase.names[1])[0], ctx, gaz)[:12]:
        if c.is_country or c.is_admin or c.id == anchor.id:
            continue
        if point is not None:
            off = haversine_km(point[0], point[1], c.latitude, c.longitude)
        else:
            off = abs(haversine_km(anchor.latitude, anchor.longitude, c.latitude, c.longitude) - km)
        if off <= slack and (best is None or off < best[0]):
            best = (off, c)
    if best is None:
        return None
    off, c = best
    where = "from the offset point" if point is not None else "off the stated distance"
    return _from_candidate(c, gaz, phrase, ctx, precision=1,
                           how=f"{_describe(c)}, {off:.0f} km {where} ({km:g} km {phrase.bearing or ''} of "
                               f"{_describe(anchor)})".replace("  ", " "))


def _border_line(home: str, other: str, gaz: Gazetteer) -> BaseGeometry | None:
    """The home country's boundary where it meets the other country (outlines may be coarse: 0.15° slack)."""
    hs, os_ = gaz.country_shape(home), gaz.country_shape(other)
    if hs is None or os_ is None:
        return None
    line = hs.boundary.intersection(os_.buffer(0.15))
    if line.is_empty:
        return None
    if isinstance(line, LineString | MultiLineString):
        return line
    parts = [g for g in getattr(line, "geoms", []) if isinstance(g, LineString)]
    return MultiLineString(parts) if parts else None


def _longest_part(line: BaseGeometry) -> LineString:
    if isinstance(line, MultiLineString):
        merged = linemerge(line)
        parts = list(merged.geoms) if isinstance(merged, MultiLineString) else [merged]
        return max(parts, key=lambda g: g.length)
    return line  # type: ignore[return-value]


def _inward(lat: float, lon: float, shape: BaseGeometry | None, km: float,
            fallback: tuple[float, float]) -> tuple[float, float]:
    """The point of ``shape`` shrunk by ``km`` nearest to (lat, lon): ``km`` inside the border."""
    if shape is not None:
        inner = shape.buffer(-km / 111.0)
        if not inner.is_empty:
            p = nearest_points(inner, Point(lon, lat))[0]
            return p.y, p.x
    return toward(lat, lon, fallback[0], fallback[1], km)


def _resolve_border(phrase: PlacePhrase, ctx: _Context, gaz: Gazetteer) -> Place | None:
    other = country_info(phrase.names[0]) if phrase.names else None
    home = ctx.country
    if other is None:
        return None
    if home is None or home.iso2 == other.iso2:
        # "near the border" of the country named, with no other country known: its point, precision 3
        return country_place(other, gaz, how=f"near the border of {other.name}; the other side is unknown",
                             phrase=phrase)
    line = _border_line(home.iso2, other.iso2, gaz)
    hshape = gaz.country_shape(home.iso2)
    hlat, hlon = _country_point(home, gaz)
    anchor: tuple[float, float] | None = None
    anchor_desc = ""
    precision = 3
    if len(phrase.names) > 1:
        cand, _note, _n = _best(clean_name(phrase.names[1])[0], ctx, gaz)
        if cand is not None:
            anchor = (cand.latitude, cand.longitude)
            anchor_desc = _describe(cand)
            az = parse_bearing(phrase.bearing)
            if phrase.distance_km is not None and az is not None:
                anchor = destination(cand.latitude, cand.longitude, float(phrase.distance_km), az)
                anchor_desc = f"{phrase.distance_km:g} km {phrase.bearing} of {anchor_desc}"
            precision = 2
    if anchor is None and ctx.units:
        u = ctx.units[0]
        ushape = gaz.admin_shape(u.country, u.admin1 or u.name, u.admin2 if u.feature_code != "ADM1" else "")
        if line is not None and ushape is not None:
            part = line.intersection(ushape.buffer(0.1))
            if not part.is_empty:
                rp = _longest_part(part).interpolate(0.5, normalized=True) if isinstance(
                    part, LineString | MultiLineString) else part.centroid
                anchor = (rp.y, rp.x)
                anchor_desc = f"the part of the border in {u.name}"
    if line is None:
        return country_place(home, gaz, how=f"near the {other.name} border: no shared border found",
                             phrase=phrase)
    if anchor is not None:
        apt = Point(anchor[1], anchor[0])
        bp = nearest_points(line, apt)[0]
        dist = haversine_km(anchor[0], anchor[1], bp.y, bp.x)
        if dist <= 60 and hshape is not None and hshape.covers(apt) and precision == 2:
            lat, lon = anchor
        else:
            lat, lon = _inward(bp.y, bp.x, hshape, 20.0, (hlat, hlon))
        how = f"near the {other.name} border, at {anchor_desc}"
    else:
        # the stretch of border nearest the home capital: where people live and news comes from
        cap = _capital_point(home, gaz)
        if cap is not None:
            mid = nearest_points(line, Point(cap[1], cap[0]))[0]
            where = f"the point of the {home.name}-{other.name} border nearest {home.capital}"
        else:
            mid = _longest_part(line).interpolate(0.5, normalized=True)
            where = f"the middle of the {home.name}-{other.name} border"
        lat, lon = _inward(mid.y, mid.x, hshape, 20.0, (hlat, hlon))
        how = f"near the {other.name} border: {where}, 20 km inside"
    lat, lon, _ = keep_inside(lat, lon, hshape, anchor=(hlat, hlon))
    return _place(gaz, location=f"{home.name}-{other.name} border", lat=lat, lon=lon, precision=precision,
                  iso2=home.iso2, cand=None, how=how, phrase=phrase)


def _fallback(phrase: PlacePhrase, ctx: _Context, gaz: Gazetteer, why: str) -> Place | None:
    # a bare hint that names a region and the cercle/department of its capital ("Tillabéri") names the
    # region: the cercle is read only with its word ("cercle de Tillabéri")
    shadowed = {u.id for g in ctx.unit_groups if len({x.feature_code == "ADM1" for x in g}) == 2
                for u in g if u.feature_code != "ADM1"}
    units = sorted((u for u in ctx.units if u.id not in shadowed),
                   key=lambda u: (u.feature_code != "ADM2" and u.feature_code != "ADM3",
                                  -(ctx.country is not None and u.country == ctx.country.iso2)))
    if ctx.country is not None:
        units = [u for u in units if u.country == ctx.country.iso2] or []
    if units:
        u = units[0]
        prec = 3 if u.feature_code == "ADM1" else 2
        return _from_candidate(u, gaz, phrase, ctx, precision=prec,
                               how=f"{why}; fell back to the {u.feature_code.lower()} named: {_describe(u)}")
    if ctx.hint_places:
        p = max(ctx.hint_places, key=lambda c: (c.importance, c.population))
        return _from_candidate(p, gaz, phrase, ctx, precision=2,
                               how=f"{why}; fell back to the place named with it: {_describe(p)}")
    if ctx.country is not None:
        return country_place(ctx.country, gaz, how=why, phrase=phrase)
    return None


def resolve_place(phrase: PlacePhrase, *, country_hint: str | None = None, context_names: Sequence[str] = (),
                  gazetteer: Gazetteer) -> Place | None:
    """Resolve a place phrase to a point, admin units and a geo_precision.

    Args:
        phrase: what extraction read ("between A and B", "30 km north of X", ...).
        country_hint: ISO2/ISO3/name of the report's country, when the phrase has none.
        context_names: other place names of the sentence/report (help choose among homonyms).
        gazetteer: where names are looked up.

    Returns:
        A Place, or None when neither a name, an admin unit nor a country could be resolved. ``Place.how``
        says how the point was obtained (and "country only" when that is all that is known).
    """
    names = [n for n in phrase.names if n and n.strip()]
    own = {name_key(n) for n in names}
    ctx = _build_context(phrase, country_hint, [n for n in context_names if name_key(n) not in own], gazetteer)
    rel = phrase.relation or "in"
    place: Place | None = None
    if not names:
        return _fallback(phrase, ctx, gazetteer, "no place name")
    if rel == "between" and len(names) >= 2:
        place = _resolve_between(replace(phrase, names=tuple(names)), ctx, gazetteer)
    elif rel == "offset":
        place = _resolve_offset(replace(phrase, names=tuple(names)), ctx, gazetteer)
    elif rel == "border":
        place = _resolve_border(replace(phrase, names=tuple(names)), ctx, gazetteer)
    elif rel == "near":
        place = _resolve_single(names[0], phrase, ctx, gazetteer, precision=2, verb="near")
        for other in names[1:] if place is None else ():
            place = _resolve_single(other, phrase, ctx, gazetteer, precision=2, verb="near")
            if place is not None:
                place = replace(place, how=f"{names[0]!r} not in the gazetteer; {place.how}")
                break
    elif rel in ("area", "admin"):
        place = _resolve_single(names[0], phrase, ctx, gazetteer, precision=None, verb=rel)
    else:
        info = country_info(names[0]) if len(names) == 1 else None
        if info is not None and len(names[0]) > 3:
            return country_place(info, gazetteer, how=f"the text names only {info.name}", phrase=phrase)
        place = _resolve_single(names[0], phrase, ctx, gazetteer, precision=None, verb="at")
        if place is None and len(names) > 1:
            for other in names[1:]:
                place = _resolve_single(other, phrase, ctx, gazetteer, precision=2, verb="at")
                if place is not None:
                    place = replace(place, how=f"{names[0]!r} not in the gazetteer; {place.how}")
                    break
    if place is None:
        return _fallback(phrase, ctx, gazetteer, f"{' / '.join(names)!r} not in the gazetteer")
    return _more_specific(place, phrase, ctx, gazetteer)


def _more_specific(place: Place, phrase: PlacePhrase, ctx: _Context, gaz: Gazetteer) -> Place:
    """A region whose hints name a town inside it ("the Tillia department, in the north of the Tahoua
    region", read as Tahoua with the hint Tillia): the town, precision 2, is the better point."""
    unit = ctx.chosen
    if unit is None or unit.feature_code not in ("ADM1", "ADM2") or phrase.relation not in ("in", "admin"):
        return place

    def within(c: Candidate) -> bool:
        if c.country != unit.country or c.feature_class != "P" or c.id == unit.id:
            return False
        if unit.feature_code == "ADM2":
            return _eq(c.admin2, unit.admin2 or unit.name)
        return _eq(c.admin1, unit.admin1 or unit.name)

    # a village the phrase itself names after the unit ("KOSSI (Boucle du Mouhoun): Bourasso"): the village
    for other in phrase.names[1:]:
        cand, _note, _n = _best(clean_name(other)[0], ctx, gaz)
        if cand is not None and within(cand):
            return _from_candidate(cand, gaz, phrase, ctx, precision=None,
                                   how=f"{unit.name} is an admin unit; the text also names {_describe(cand)} "
                                       "inside it: placed there")
    inside = [p for p in ctx.hint_places if within(p)] if unit.feature_code == "ADM1" else []
    if not inside:
        return place
    best = max(inside, key=lambda c: (c.importance, c.population))
    return _from_candidate(best, gaz, phrase, ctx, precision=2,
                           how=f"{unit.name} is a region; the text also names {_describe(best)} inside it: "
                               "placed there")


# Where eventcoder's reports happen: a name found in one of these countries only is evidence of the country
FOCUS_COUNTRIES = frozenset(["ML", "BF", "NE", "NG", "TD", "MR", "CM", "BJ", "TG", "GH", "CI", "SN", "GN", "GM", "GW", "SL", "LR", "DZ", "LY", "SD", "CF", "EH", "MA", "TN"])


def _unambiguous_country(name: str, gaz: Gazetteer) -> str | None:
    """The one country every populated place or admin unit of this name lies in, if there is one."""
    if country_info(name) is not None:
        return None
    core, _ = clean_name(name)
    cands = [c for c in gaz.lookup(core) if c.feature_class in ("P", "A") and not c.is_country]
    countries = {c.country for c in cands}
    return countries.pop() if len(countries) == 1 else None


def _country_from_places(own: Sequence[str], context: Sequence[str], hint: str | None,
                         gaz: Gazetteer) -> str | None:
    """The report's country as its text says it, unless its places say otherwise.

    The text's country comes from names and demonyms ("near the Malian border" can mislead it); places
    that exist in one country only ("Oudalan", "Tin-Akoff") outvote it when they agree with each other.
    """
    votes: dict[str, float] = {}
    for weight, names in ((2.0, own), (1.0, context)):
        for name in dict.fromkeys(names):
            iso2 = _unambiguous_country(name, gaz) if name else None
            if iso2 in FOCUS_COUNTRIES:
                votes[iso2] = votes.get(iso2, 0.0) + weight
    if not votes:
        return hint
    best, score = max(votes.items(), key=lambda kv: kv[1])
    hint_info = country_info(hint) if hint else None
    hint_score = votes.get(hint_info.iso2, 0.0) if hint_info else 0.0
    if hint_info is None or (score >= 3.0 and hint_score * 2 < score):
        return best
    return hint


def resolve_places(mentions: Sequence[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Fill ``Mention.place`` from ``Mention.place_phrase`` for each mention.

    The other place names of the same report serve as context, and ``Mention.country_hint`` as the
    country when the phrase has none. A mention with no phrase but a country gets a "country only" place.
    Mentions that already have a place are returned unchanged.
    """
    by_report: dict[str, list[str]] = {}
    for m in mentions:
        if m.place_phrase is not None:
            by_report.setdefault(m.report_id, []).extend(m.place_phrase.names)
            by_report[m.report_id].extend(m.place_phrase.admin_hints)
    out: list[Mention] = []
    for m in mentions:
        if m.place is not None:
            out.append(m)
            continue
        phrase = m.place_phrase
        place: Place | None = None
        if phrase is not None:
            own = {name_key(n) for n in phrase.names}
            context = [n for n in by_report.get(m.report_id, []) if name_key(n) not in own]
            hint = _country_from_places([*phrase.names, *phrase.admin_hints], context,
                                        phrase.country_hint or m.country_hint, gazetteer)
            place = resolve_place(replace(phrase, country_hint=hint), country_hint=hint, context_names=context,
                                  gazetteer=gazetteer)
        elif m.country_hint:
            info = country_info(m.country_hint)
            if info is not None:
                place = country_place(info, gazetteer, how="the mention names no place")
        if place is not None:
            flags = m.quality_flags
            if place.how.startswith("country only") and "place: country only" not in flags:
                flags = (*flags, "place: country only")
            out.append(replace(m, place=place, quality_flags=flags))
        else:
            out.append(m)
    return out
