"""Geoparse a text: every place it names, recognised and resolved (``eventcoder geoparse FILE``)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from eventcoder.geo._countries import country_info
from eventcoder.geo._gazetteer import Candidate, Gazetteer
from eventcoder.geo._ranking import FOCUS_COUNTRIES, rank_candidates
from eventcoder.geo._words import geo_list, geo_words, word_alternation

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
    spans = [_with_generic_word(text, s, e, label, key) for s, e, label, key in gazetteer.find_spans(text)]
    if not spans:
        return []
    lookups: list[list[Candidate]] = [gazetteer.lookup(key) for *_, key in spans]
    # the countries each name stands for: a country's name, or a town/unit found in one country only
    votes: dict[str, set[str]] = {}
    for (*_, key), cands in zip(spans, lookups, strict=True):
        country = next((c.country for c in cands if c.is_country), None)
        if country is None:
            strong = {c.country for c in cands if c.importance >= 3}
            country = strong.pop() if len(strong) == 1 else None
        if country:
            votes.setdefault(key, set()).add(country)
    context_all = [
        sorted([c for c in cands if not c.is_country and c.feature_code != "CONT"],
               key=lambda c: -c.importance)[:12]
        for cands in lookups
    ]
    out: list[PlaceMention] = []
    ranked_by: dict[tuple[str, tuple[str, ...]], list[Any]] = {}
    for i, (start, end, label, key) in enumerate(spans):
        # countries named by the other names of the text (a name does not vote for its own reading)
        mentioned = {cc for k, ccs in votes.items() if k != key for cc in ccs}
        hints: list[str] = []
        # "Santa Ana, California", "Djibo (Soum)": the next place is an admin hint when it directly follows,
        # unless the first is a country or both are items of a list ("Iraq, Iran, Syria")
        if i + 1 < len(spans) and not any(c.is_country for c in lookups[i]) and not _in_list(text, spans, lookups, i):
            gap = text[end: spans[i + 1][0]]
            if gap.strip() in {",", "(", ", ("}:
                hints.append(text[spans[i + 1][0]: spans[i + 1][1]])
        # the same name with the same hints ranks the same way all through the text
        ranked = ranked_by.get((key, tuple(hints)))
        if ranked is None:
            context = [c for j, c in enumerate(context_all) if spans[j][3] != key and c]
            ranked = rank_candidates(key, gazetteer=gazetteer, countries_mentioned=mentioned, admin_hints=hints,
                                     context=context)
            ranked_by[(key, tuple(hints))] = ranked
        if not ranked:
            out.append(PlaceMention(start=start, end=end, text=text[start:end], label=label))
            continue
        score, c, _ = ranked[0]
        if mentioned and c.country not in mentioned and c.importance < 3 and not c.is_country \
                and c.source != "areas" and c.country not in FOCUS_COUNTRIES:
            # a small place in a country the text never names, while it names others: most often a place
            # the gazetteer lacks ("Suffolk" in a story on England read as a town of Virginia); left
            # unresolved, as the event resolver does
            out.append(PlaceMention(start=start, end=end, text=text[start:end], label=label))
            continue
        info = country_info(c.country) if c.country else None
        out.append(PlaceMention(
            start=start, end=end, text=text[start:end], label=label, name=c.name, latitude=c.latitude,
            longitude=c.longitude, geonameid=c.geonameid, admin1=c.admin1 if not c.is_country else "",
            country=info.name if info else "", iso2=c.country, feature_class=c.feature_class,
            feature_code=c.feature_code, score=round(score, 2)))
    return out


@cache
def _generic_after() -> re.Pattern[str]:
    """A capitalised generic word after a name ("Dallas County"): ``geo.generic_after``, case as written."""
    return re.compile(" " + word_alternation(geo_list("generic_after")) + r"\b")


@cache
def _generic_before() -> re.Pattern[str]:
    """A capitalised generic word before a name ("Lake Erie"): ``geo.generic_before``, case as written."""
    return re.compile(r"\b" + word_alternation(geo_list("generic_before")) + " $")


def _with_generic_word(text: str, start: int, end: int, label: str, key: str) -> tuple[int, int, str, str]:
    """"Dallas County", "Akita Prefecture", "Lake Erie": the mention takes in the capitalised generic word
    that names the unit or the feature (the name is still looked up without it)."""
    after = _generic_after().match(text, end)
    if after:
        end = after.end()
    before = _generic_before().search(text, max(0, start - 6), start)
    if before:
        start = before.start()
    return start, end, label, key


def _in_list(text: str, spans: list[tuple[int, int, str, str]], lookups: list[list[Candidate]], i: int) -> bool:
    """Whether the name after span i is an item of a list of countries ("Iraq, Iran, Syria and Turkey")."""
    j = i + 1
    if j + 1 >= len(spans):
        return False
    gap = text[spans[j][1]: spans[j + 1][0]].strip()
    return (gap == "," or gap in geo_words("list_joiners")) and \
        any(c.is_country for c in lookups[j]) and any(c.is_country for c in lookups[j + 1])
