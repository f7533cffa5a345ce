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

The scoring is in ``_ranking``, the places built from candidates and the relative constructions in
``_relations``; this module picks the construction for a phrase and falls back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from eventcoder.geo._countries import country_info
from eventcoder.geo._gazetteer import Candidate, Gazetteer
from eventcoder.geo._normalize import name_key
from eventcoder.geo._ranking import (
    FOCUS_COUNTRIES,
    Context,
    best_candidate,
    build_context,
    clean_name,
    describe,
    same_name,
)
from eventcoder.geo._relations import (
    country_place,
    place_of_candidate,
    resolve_between,
    resolve_border,
    resolve_offset,
)
from eventcoder.records import COUNTRY_ONLY, FLAG_COUNTRY_ONLY, Mention, Place, PlacePhrase

__all__ = ["resolve_place", "resolve_places"]


def _resolve_single(name: str, phrase: PlacePhrase, ctx: Context, gaz: Gazetteer, *, precision: int | None,
                    verb: str) -> Place | None:
    core, level = clean_name(name)
    want_admin = level if level in ("admin1", "admin2") else ("admin2" if phrase.relation == "admin" else None)
    want_area = phrase.relation == "area"
    if level == "area":
        want_area = True
    cand, note, n = None, "", 0
    if name_key(core) != name_key(name):  # "tri-border area", "Wagadou forest": the whole name first
        cand, note, n = best_candidate(name, ctx, gaz, want_admin=want_admin, want_area=want_area)
    if cand is None:
        cand, note, n = best_candidate(core, ctx, gaz, want_admin=want_admin, want_area=want_area)
    if cand is None:
        return None
    ctx.chosen = cand
    if want_admin and not cand.is_admin and not cand.is_country:
        precision = 2 if precision is None else max(precision, 2)
    how = f"{verb} {describe(cand)}; best of {n} candidate(s)"
    if note:
        how += f"; {note}"
    return place_of_candidate(cand, gaz, phrase, ctx, precision=precision, how=how)



def _fallback(phrase: PlacePhrase, ctx: Context, gaz: Gazetteer, reason: str) -> Place | None:
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
        return place_of_candidate(u, gaz, phrase, ctx, precision=prec,
                               how=f"{reason}; fell back to the {u.feature_code.lower()} named: {describe(u)}")
    if ctx.hint_places:
        p = max(ctx.hint_places, key=lambda c: (c.importance, c.population))
        return place_of_candidate(p, gaz, phrase, ctx, precision=2,
                               how=f"{reason}; fell back to the place named with it: {describe(p)}")
    if ctx.country is not None:
        return country_place(ctx.country, gaz, reason=reason, phrase=phrase)
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
    ctx = build_context(phrase, country_hint, [n for n in context_names if name_key(n) not in own], gazetteer)
    rel = phrase.relation or "in"
    place: Place | None = None
    if not names:
        return _fallback(phrase, ctx, gazetteer, reason="no place name")
    if rel == "between" and len(names) >= 2:
        place = resolve_between(replace(phrase, names=tuple(names)), ctx, gazetteer)
    elif rel == "offset":
        place = resolve_offset(replace(phrase, names=tuple(names)), ctx, gazetteer)
    elif rel == "border":
        place = resolve_border(replace(phrase, names=tuple(names)), ctx, gazetteer)
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
            return country_place(info, gazetteer, reason=f"the text names only {info.name}", phrase=phrase)
        place = _resolve_single(names[0], phrase, ctx, gazetteer, precision=None, verb="at")
        if place is None and len(names) > 1:
            for other in names[1:]:
                place = _resolve_single(other, phrase, ctx, gazetteer, precision=2, verb="at")
                if place is not None:
                    place = replace(place, how=f"{names[0]!r} not in the gazetteer; {place.how}")
                    break
    if place is None:
        return _fallback(phrase, ctx, gazetteer, reason=f"{' / '.join(names)!r} not in the gazetteer")
    return _more_specific(place, phrase, ctx, gazetteer)


def _more_specific(place: Place, phrase: PlacePhrase, ctx: Context, gaz: Gazetteer) -> Place:
    """A region whose hints name a town inside it ("the Tillia department, in the north of the Tahoua
    region", read as Tahoua with the hint Tillia): the town, precision 2, is the better point."""
    unit = ctx.chosen
    if unit is None or unit.feature_code not in ("ADM1", "ADM2") or phrase.relation not in ("in", "admin"):
        return place

    def within(c: Candidate) -> bool:
        if c.country != unit.country or c.feature_class != "P" or c.id == unit.id:
            return False
        if unit.feature_code == "ADM2":
            return same_name(c.admin2, unit.admin2 or unit.name)
        return same_name(c.admin1, unit.admin1 or unit.name)

    # a village the phrase itself names after the unit ("KOSSI (Boucle du Mouhoun): Bourasso"): the village
    for other in phrase.names[1:]:
        cand, _note, _n = best_candidate(clean_name(other)[0], ctx, gaz)
        if cand is not None and within(cand):
            return place_of_candidate(cand, gaz, phrase, ctx, precision=None,
                                   how=f"{unit.name} is an admin unit; the text also names {describe(cand)} "
                                       "inside it: placed there")
    inside = [p for p in ctx.hint_places if within(p)] if unit.feature_code == "ADM1" else []
    if not inside:
        return place
    best = max(inside, key=lambda c: (c.importance, c.population))
    return place_of_candidate(best, gaz, phrase, ctx, precision=2,
                           how=f"{unit.name} is a region; the text also names {describe(best)} inside it: "
                               "placed there")




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
                place = country_place(info, gazetteer, reason="the mention names no place")
        if place is not None:
            flags = m.quality_flags
            if place.how.startswith(COUNTRY_ONLY) and FLAG_COUNTRY_ONLY not in flags:
                flags = (*flags, FLAG_COUNTRY_ONLY)
            out.append(replace(m, place=place, quality_flags=flags))
        else:
            out.append(m)
    return out
