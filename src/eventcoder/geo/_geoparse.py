"""Geoparse a text: every place it names, recognised and resolved (``eventcoder geoparse FILE``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from eventcoder.geo._countries import country_info
from eventcoder.geo._gazetteer import Candidate, Gazetteer
from eventcoder.geo._resolve import rank_candidates

__all__ = ["PlaceMention", "geoparse"]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place named in a text, with the gazetteer entry it was resolved to."""

    start: int
    end: int
    text: str
    label: str  # GPE or LOC
    name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    admin1: str = ""
    country: str = ""  # ACLED country name
    iso2: str = ""
    feature_class: str = ""
    feature_code: str = ""
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def geoparse(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Find the places a text names and resolve each one, using the others as context.

    Countries named in the text weigh for candidates in them; the other places weigh by proximity;
    "Santa Ana, California" / "Djibo (Soum)" use the second name as an admin hint for the first.
    """
    spans = gazetteer.find_spans(text)
    if not spans:
        return []
    lookups: list[list[Candidate]] = [gazetteer.lookup(key) for *_, key in spans]
    countries: Counter[str] = Counter()
    for cands in lookups:
        for c in cands:
            if c.is_country:
                countries[c.country] += 2
                break
        else:
            strong = [c for c in cands if c.importance >= 3]
            if len({c.country for c in strong}) == 1:
                countries[strong[0].country] += 1
    mentioned = {cc for cc, n in countries.items() if n >= 1}
    context_all = [
        sorted([c for c in cands if not c.is_country and c.feature_code != "CONT"],
               key=lambda c: -c.importance)[:12]
        for cands in lookups
    ]
    out: list[PlaceMention] = []
    for i, (start, end, label, key) in enumerate(spans):
        hints: list[str] = []
        # "Santa Ana, California", "Djibo (Soum)": the next place is an admin hint when it directly follows
        if i + 1 < len(spans):
            gap = text[end: spans[i + 1][0]]
            if gap.strip() in {",", "(", ", ("}:
                hints.append(text[spans[i + 1][0]: spans[i + 1][1]])
        context = [c for j, c in enumerate(context_all) if j != i and spans[j][3] != key and c]
        ranked = rank_candidates(key, gazetteer=gazetteer, countries_mentioned=mentioned, admin_hints=hints,
                                 context=context)
        if not ranked:
            out.append(PlaceMention(start=start, end=end, text=text[start:end], label=label))
            continue
        score, c, _ = ranked[0]
        info = country_info(c.country) if c.country else None
        out.append(PlaceMention(
            start=start, end=end, text=text[start:end], label=label, name=c.name, latitude=c.latitude,
            longitude=c.longitude, geonameid=c.geonameid, admin1=c.admin1 if not c.is_country else "",
            country=info.name if info else "", iso2=c.country, feature_class=c.feature_class,
            feature_code=c.feature_code, score=round(score, 2)))
    return out
