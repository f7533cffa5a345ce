"""Places built from candidates, and the relative constructions: "between A and B" (geodesic midpoint),
"N km north of X" (forward geodesic, or the village the text names there), "near the Mauritanian border"
(a point on the home side of that border)."""

from __future__ import annotations

from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, nearest_points

from eventcoder.geo._countries import CountryInfo, country_info
from eventcoder.geo._gazetteer import Candidate, Gazetteer, haversine_km
from eventcoder.geo._geodesy import destination, keep_inside, midpoint, parse_bearing, toward
from eventcoder.geo._ranking import (
    Context,
    best_candidate,
    capital_point,
    clean_name,
    country_point,
    describe,
    precision_of,
    scored_candidates,
)
from eventcoder.records import COUNTRY_ONLY, Place, PlacePhrase

__all__ = ["country_place", "make_place", "place_of_candidate", "resolve_between", "resolve_border",
           "resolve_offset"]

def make_place(gaz: Gazetteer, *, location: str, lat: float, lon: float, precision: int, iso2: str,
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


def country_place(info: CountryInfo, gaz: Gazetteer, *, reason: str = "",
                  phrase: PlacePhrase | None = None) -> Place:
    """A precision-3 place on a representative point of the country; its ``how`` says "country only" and
    ``reason``."""
    lat, lon = country_point(info, gaz)
    return Place(location=info.name, latitude=round(lat, 5), longitude=round(lon, 5), geo_precision=3,
                 country=info.name, iso3=info.iso3, iso=info.iso, region=info.region,
                 geonameid=info.geonameid, how=f"{COUNTRY_ONLY}: {reason}".strip(),
                 evidence=phrase.evidence if phrase else None)


def place_of_candidate(c: Candidate, gaz: Gazetteer, phrase: PlacePhrase, ctx: Context, *, precision: int | None,
                    how: str) -> Place:
    if c.is_country:
        info = country_info(c.country)
        if info is not None:
            return country_place(info, gaz, reason=how, phrase=phrase)
    lat, lon = c.latitude, c.longitude
    iso2 = c.country
    if c.countries and ctx.country is not None and ctx.country.iso2 in c.countries.split(","):
        iso2 = ctx.country.iso2
    prec = precision if precision is not None else precision_of(c)
    if c.feature_class == "L" and c.source == "areas":
        lat, lon = _area_point(c, iso2, gaz)
        if c.feature_code == "TRIPOINT":
            how += f"; moved inside {iso2} from the tri-border point"
    elif c.feature_class == "L" or c.is_admin:
        prec = max(prec, precision_of(c)) if precision is None or precision < 3 else precision
    return make_place(gaz, location=c.name, lat=lat, lon=lon, precision=prec, iso2=iso2, cand=c, how=how,
                  phrase=phrase)


def _area_point(c: Candidate, iso2: str, gaz: Gazetteer) -> tuple[float, float]:
    shape = gaz.country_shape(iso2)
    lat, lon = c.latitude, c.longitude
    if c.feature_code == "TRIPOINT" and shape is not None:
        info = country_info(iso2)
        if info is not None:
            clat, clon = country_point(info, gaz)
            lat, lon = toward(lat, lon, clat, clon, 40.0)
    lat, lon, _ = keep_inside(lat, lon, shape, inset_km=25.0)
    return lat, lon



def resolve_between(phrase: PlacePhrase, ctx: Context, gaz: Gazetteer) -> Place | None:
    a_name, b_name = phrase.names[0], phrase.names[1]
    ca = scored_candidates(clean_name(a_name)[0], ctx, gaz)[:8]
    cb = scored_candidates(clean_name(b_name)[0], ctx, gaz)[:8]
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
        how = f"midpoint between {describe(a)} and {describe(b)} ({d:.0f} km apart)"
        if moved:
            how += f"; moved inside {iso2}"
        return make_place(gaz, location=a.name, lat=lat, lon=lon, precision=2, iso2=iso2, cand=None, how=how,
                      phrase=phrase)
    for cands, other in ((ca, b_name), (cb, a_name)):
        if cands:
            c = cands[0][1]
            return place_of_candidate(c, gaz, phrase, ctx, precision=2,
                                   how=f"between {a_name} and {b_name}: {other!r} not in the gazetteer; "
                                       f"placed at {describe(c)}")
    return None


def resolve_offset(phrase: PlacePhrase, ctx: Context, gaz: Gazetteer) -> Place | None:
    anchor_name = phrase.names[0]
    cand, note, _n = best_candidate(clean_name(anchor_name)[0], ctx, gaz)
    if cand is None:
        return None
    az = parse_bearing(phrase.bearing)
    if phrase.distance_km is None or az is None:
        village = _village_at_offset(phrase, ctx, gaz, cand, None)
        if village is not None:
            return village
        missing = "bearing" if phrase.distance_km is not None else "distance"
        return place_of_candidate(cand, gaz, phrase, ctx, precision=2,
                                  how=f"{phrase.distance_km or ''} km from {describe(cand)}: no {missing} given, "
                                      f"placed at {cand.name}".strip())
    lat, lon = destination(cand.latitude, cand.longitude, float(phrase.distance_km), az)
    village = _village_at_offset(phrase, ctx, gaz, cand, (lat, lon))
    if village is not None:
        return village
    iso2 = ctx.country.iso2 if ctx.country else cand.country
    lat, lon, moved = keep_inside(lat, lon, gaz.country_shape(iso2), anchor=(cand.latitude, cand.longitude))
    how = f"{phrase.distance_km:g} km {phrase.bearing} of {describe(cand)} (forward geodesic)"
    if moved:
        how += f"; pulled back inside {iso2}"
    if note:
        how += f"; {note}"
    return make_place(gaz, location=cand.name, lat=lat, lon=lon, precision=2, iso2=iso2, cand=None, how=how,
                  phrase=phrase)


def _village_at_offset(phrase: PlacePhrase, ctx: Context, gaz: Gazetteer, anchor: Candidate,
                       point: tuple[float, float] | None) -> Place | None:
    """"the village of Koutougou, 52 km south-west of Torodi": the village itself (``names[1]``) when the
    gazetteer has one where the offset says (near the offset point, or at about that distance from the anchor
    when no bearing is given); None when it has none there (a homonym elsewhere is not the village)."""
    if len(phrase.names) < 2 or phrase.distance_km is None:
        return None
    km = float(phrase.distance_km)
    slack = max(20.0, 0.5 * km)  # distances in words are round ("une cinquantaine")
    best: tuple[float, Candidate] | None = None
    for _, c, _ in scored_candidates(clean_name(phrase.names[1])[0], ctx, gaz)[:12]:
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
    return place_of_candidate(c, gaz, phrase, ctx, precision=1,
                              how=f"{describe(c)}, {off:.0f} km "
                                  f"{'from the offset point' if point is not None else 'off the stated distance'} "
                                  f"({km:g} km {phrase.bearing or ''} of {describe(anchor)})".replace("  ", " "))


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


def resolve_border(phrase: PlacePhrase, ctx: Context, gaz: Gazetteer) -> Place | None:
    other = country_info(phrase.names[0]) if phrase.names else None
    home = ctx.country
    if other is None:
        return None
    if home is None or home.iso2 == other.iso2:
        # "near the border" of the country named, with no other country known: its point, precision 3
        return country_place(other, gaz, reason=f"near the border of {other.name}; the other side is unknown",
                             phrase=phrase)
    line = _border_line(home.iso2, other.iso2, gaz)
    hshape = gaz.country_shape(home.iso2)
    hlat, hlon = country_point(home, gaz)
    anchor: tuple[float, float] | None = None
    anchor_desc = ""
    precision = 3
    if len(phrase.names) > 1:
        cand, _note, _n = best_candidate(clean_name(phrase.names[1])[0], ctx, gaz)
        if cand is not None:
            anchor = (cand.latitude, cand.longitude)
            anchor_desc = describe(cand)
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
        return country_place(home, gaz, reason=f"near the {other.name} border: no shared border found",
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
        cap = capital_point(home, gaz)
        if cap is not None:
            mid = nearest_points(line, Point(cap[1], cap[0]))[0]
            where = f"the point of the {home.name}-{other.name} border nearest {home.capital}"
        else:
            mid = _longest_part(line).interpolate(0.5, normalized=True)
            where = f"the middle of the {home.name}-{other.name} border"
        lat, lon = _inward(mid.y, mid.x, hshape, 20.0, (hlat, hlon))
        how = f"near the {other.name} border: {where}, 20 km inside"
    lat, lon, _ = keep_inside(lat, lon, hshape, anchor=(hlat, hlon))
    return make_place(gaz, location=f"{home.name}-{other.name} border", lat=lat, lon=lon, precision=precision,
                  iso2=home.iso2, cand=None, how=how, phrase=phrase)
