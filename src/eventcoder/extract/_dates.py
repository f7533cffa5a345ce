"""Date expressions in English and French, resolved against the publication date.

Explicit dates ("on 14 June 2020", "le 3 mars", "Sept 28") are parsed with ``dateparser``; relative ones
("Tuesday", "samedi dernier", "last week", "dans la nuit de lundi à mardi") by the small rules here:

- a weekday is the most recent such day on or before the publication date;
- "yesterday"/"hier" is the day before, "overnight"/"today"/"ce matin" the publication day;
- "this week"/"last week" give the Monday of that week with time_precision 2, "at the weekend" its
  Saturday with precision 2; "last month"/"in March" the first of the month with precision 3;
- "the night of X to Y" gives X (ACLED codes the first day unless the text says after midnight);
- "the next day"/"le lendemain" and "the same day"/"le même jour" are relative to the previous date in
  the text.

Without a publication date, relative expressions cannot be resolved: they are returned unresolved and
the caller flags the record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import dateparser

__all__ = ["DateExpr", "find_dates", "parse_published"]

_MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTHS_FR = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12,
}
_WEEKDAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in a text.

    ``date`` is ``None`` when the expression is relative and no publication date was given.
    ``kind`` says how it was resolved: explicit, weekday, relative_day, week, weekend, month, anaphoric.
    ``end_date`` is the last day of a span ("12 and 13 January", "the night of 29 to 30 December").
    """

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int
    kind: str
    end_date: dt.date | None = None


def parse_published(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO time) to a date; ``None`` for empty values.

    Raises:
        ValueError: the value is not an ISO date.
    """
    if not value:
        return None
    return dt.date.fromisoformat(str(value)[:10])


def _month_alt(months: dict[str, int]) -> str:
    names = sorted(months, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@lru_cache(maxsize=4)
def _patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """Ordered (kind, regex) pairs; earlier patterns win on overlaps."""
    if language == "fr":
        mon = _month_alt(_MONTHS_FR)
        wd = "|".join(_WEEKDAYS_FR)
        day = r"(?:1er|premier|\d{1,2})"
        return [
            ("night_range", re.compile(
                rf"\bnuit\s+du\s+(?:(?:{wd})\s+)?(?P<d1>{day})\s+(?:au|à)\s+(?:(?:{wd})\s+)?(?P<d2>{day})"
                rf"\s+(?P<m>{mon})\.?(?:\s+(?P<y>\d{{4}}))?", re.I)),
            ("day_range", re.compile(
                rf"\b(?:(?:{wd})\s+)?(?P<d1>{day})\s+(?:et|au|-)\s+(?:(?:le\s+)?(?:{wd})\s+)?(?P<d2>{day})"
                rf"\s+(?P<m>{mon})\.?(?:\s+(?P<y>\d{{4}}))?", re.I)),
            ("explicit", re.compile(
                rf"\b(?:(?P<wd>{wd})\s+)?(?P<d>{day})\s+(?P<m>{mon})\.?(?:\s+(?P<y>\d{{4}}))?", re.I)),
            ("night_weekdays", re.compile(
                rf"\bnuit\s+(?:de|du)\s+(?P<w1>{wd})\s+(?:à|au)\s+(?P<w2>{wd})", re.I)),
            ("relative_day", re.compile(r"\b(?P<rel>avant-hier|hier|aujourd'hui|ce matin|cette nuit)\b", re.I)),
            ("anaphoric", re.compile(r"\b(?P<ana>le lendemain|le même jour|la veille|le jour même)\b", re.I)),
            ("weekday", re.compile(rf"\b(?P<w>{wd})(?P<last>\s+dernier)?\b", re.I)),
            ("weekend", re.compile(r"\b(?P<wk>(?:le|ce|du)\s+week-end(?:\s+dernier)?|en fin de semaine)\b", re.I)),
            ("week", re.compile(
                r"\b(?P<week>la semaine dernière|la semaine passée|cette semaine|en début de semaine|"
                r"ces derniers jours)\b", re.I)),
            ("month", re.compile(
                rf"\b(?P<mrel>le mois dernier|ce mois-ci|(?:en|au mois de|début|fin|mi-)\s*(?P<m>{mon})"
                rf"(?:\s+(?P<y>\d{{4}}))?)\b", re.I)),
        ]
    mon = _month_alt(_MONTHS_EN)
    wd = "|".join(_WEEKDAYS_EN)
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    return [
        ("night_range", re.compile(
            rf"\b(?:night\s+of|overnight\s+(?:from|between))\s+(?:(?P<m0>{mon})\.?\s+)?(?P<d1>{day})"
            rf"\s+(?:to|and|-)\s+(?P<d2>{day})(?:\s+(?P<m>{mon})\.?)?(?:,?\s+(?P<y>\d{{4}}))?", re.I)),
        ("day_range", re.compile(
            rf"\b(?P<d1>{day})\s+(?:and|to|-|–)\s+(?P<d2>{day})\s+(?P<m>{mon})\.?(?:,?\s+(?P<y>\d{{4}}))?", re.I)),
        ("explicit", re.compile(
            rf"\b(?:(?P<wd>{wd}),?\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<m>{mon})\.?(?:,?\s+(?P<y>\d{{4}}))?", re.I)),
        ("explicit_md", re.compile(
            rf"\b(?:(?P<wd>{wd}),?\s+)?(?P<m>{mon})\.?\s+(?P<d>{day})(?![\d:])(?:,?\s+(?P<y>\d{{4}}))?", re.I)),
        ("night_weekdays", re.compile(
            rf"\bnight\s+(?:of|from)\s+(?P<w1>{wd})\s+(?:to|into)\s+(?P<w2>{wd})", re.I)),
        ("relative_day", re.compile(
            r"\b(?P<rel>the day before yesterday|yesterday|last night|overnight|today|this morning|"
            r"earlier today|tonight|this afternoon|this evening)\b", re.I)),
        ("anaphoric", re.compile(
            r"\b(?P<ana>the following day|the next day|the day after|the same day|that day|the previous day|"
            r"the day before|the following morning|the next morning|same day)\b", re.I)),
        ("weekday", re.compile(rf"\b(?P<last>last\s+)?(?P<w>{wd})(?:'s)?\b", re.I)),
        ("weekend", re.compile(r"\b(?P<wk>(?:at|over|on)\s+the\s+weekend|(?:last|this)\s+weekend)\b", re.I)),
        ("week", re.compile(r"\b(?P<week>this week|last week|earlier this week|in recent days|"
                            r"the previous week)\b", re.I)),
        ("month", re.compile(
            rf"\b(?P<mrel>last month|earlier this month|this month|(?:in|early|late|mid-|since)\s*"
            rf"(?:early\s+|late\s+|mid-)?(?P<m>{mon})(?:\s+(?P<y>\d{{4}}))?)\b", re.I)),
    ]


def _month_number(name: str, language: str) -> int:
    key = name.lower().rstrip(".")
    table = _MONTHS_FR if language == "fr" else _MONTHS_EN
    return table.get(key) or _MONTHS_EN.get(key) or _MONTHS_FR.get(key, 0)


def _day_number(text: str) -> int:
    text = text.lower()
    if text in ("1er", "premier"):
        return 1
    return int(re.sub(r"\D", "", text) or 0)


def _weekday_index(name: str) -> int:
    name = name.lower()
    if name in _WEEKDAYS_EN:
        return _WEEKDAYS_EN.index(name)
    return _WEEKDAYS_FR.index(name)


def _latest_on_or_before(month: int, day: int, year: int | None, ref: dt.date | None) -> dt.date | None:
    """The dated day; without a year, the latest such day on or before ``ref`` (a few days' grace)."""
    try:
        if year:
            return dt.date(year, month, day)
        if ref is None:
            return None
        candidate = dt.date(ref.year, month, day)
        if candidate > ref + dt.timedelta(days=3):
            candidate = dt.date(ref.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def most_recent_weekday(weekday: int, ref: dt.date, *, strictly_before: bool = False) -> dt.date:
    """The most recent ``weekday`` (0 = Monday) on or before ``ref`` (before it when ``strictly_before``)."""
    delta = (ref.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return ref - dt.timedelta(days=delta)


def _explicit(m: re.Match[str], language: str, ref: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    groups = m.groupdict()
    month_name = groups.get("m") or groups.get("m0")
    if not month_name:
        return None, None
    month = _month_number(month_name, language)
    year = int(groups["y"]) if groups.get("y") else None
    if "d1" in groups and groups.get("d1"):
        first = _latest_on_or_before(month, _day_number(groups["d1"]), year, ref)
        second = _latest_on_or_before(month, _day_number(groups["d2"]), year, ref)
        if first and second and second < first:  # "30 to 1 January": the first day is in the month before
            first = None
        return first, second
    day = _day_number(groups["d"])
    return _latest_on_or_before(month, day, year, ref), None


def _relative_day(word: str, ref: dt.date | None) -> dt.date | None:
    if ref is None:
        return None
    word = word.lower()
    if word in ("the day before yesterday", "avant-hier"):
        return ref - dt.timedelta(days=2)
    if word in ("yesterday", "hier", "last night"):
        return ref - dt.timedelta(days=1)
    return ref


def _week(word: str, ref: dt.date | None) -> dt.date | None:
    if ref is None:
        return None
    monday = ref - dt.timedelta(days=ref.weekday())
    word = word.lower()
    if word in ("last week", "la semaine dernière", "la semaine passée", "the previous week"):
        return monday - dt.timedelta(days=7)
    if word in ("in recent days", "ces derniers jours"):
        return ref - dt.timedelta(days=6)
    return monday


def _weekend(word: str, ref: dt.date | None) -> dt.date | None:
    if ref is None:
        return None
    word = word.lower()
    saturday = most_recent_weekday(5, ref)
    if ref.weekday() == 5 and ("last" in word or "dernier" in word):
        saturday -= dt.timedelta(days=7)
    return saturday


def _month(m: re.Match[str], language: str, ref: dt.date | None) -> dt.date | None:
    groups = m.groupdict()
    rel = (groups.get("mrel") or "").lower()
    if groups.get("m"):
        month = _month_number(groups["m"], language)
        year = int(groups["y"]) if groups.get("y") else None
        if year is None:
            if ref is None:
                return None
            year = ref.year if month <= ref.month else ref.year - 1
        return dt.date(year, month, 1)
    if ref is None:
        return None
    if rel in ("last month", "le mois dernier"):
        first = ref.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1)
    return ref.replace(day=1)


_THAT_DAY = re.compile(r"\b(?:that|the same)\s+$", re.I)
_THAT_DAY_AFTER = re.compile(r"^-là\b", re.I)


def _resolve(kind: str, m: re.Match[str], language: str, ref: dt.date | None) -> DateExpr | None:
    text = m.group(0)
    start, end = m.span()
    if kind in ("explicit", "explicit_md", "day_range", "night_range"):
        first, second = _explicit(m, language, ref)
        if first is None and second is None:
            return None
        return DateExpr(start, end, text, first or second, 1, "explicit", second)
    if kind == "night_weekdays" and ref is not None:
        w1 = most_recent_weekday(_weekday_index(m.group("w1")), ref)
        return DateExpr(start, end, text, w1, 1, "weekday", w1 + dt.timedelta(days=1))
    if kind == "weekday":
        if ref is None or _THAT_DAY.search(m.string[max(0, start - 8):start]) or _THAT_DAY_AFTER.match(m.string[end:]):
            # "on that Sunday", "ce dimanche-là": the day of an event told before, not of this week
            return DateExpr(start, end, text, None, 1, "weekday" if ref is None else "anaphoric")
        strictly = bool(m.groupdict().get("last"))
        day = most_recent_weekday(_weekday_index(m.group("w")), ref, strictly_before=strictly)
        return DateExpr(start, end, text, day, 1, "weekday")
    if kind == "relative_day":
        return DateExpr(start, end, text, _relative_day(m.group("rel"), ref), 1, "relative_day")
    if kind == "anaphoric":
        return DateExpr(start, end, text, None, 1, "anaphoric")
    if kind == "week":
        return DateExpr(start, end, text, _week(m.group("week"), ref), 2, "week")
    if kind == "weekend":
        return DateExpr(start, end, text, _weekend(m.group("wk"), ref), 2, "weekend")
    if kind == "month":
        if (m.group(0).lower().startswith("since")):
            return None
        return DateExpr(start, end, text, _month(m, language, ref), 3, "month")
    return None


def _iter_matches(text: str, language: str) -> Iterator[tuple[str, re.Match[str]]]:
    for kind, pattern in _patterns(language):
        for m in pattern.finditer(text):
            yield kind, m


def find_dates(text: str, language: str, published: dt.date | None) -> list[DateExpr]:
    """Every date expression in ``text``, resolved against ``published``, without overlaps, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DateExpr] = []
    for kind, m in _iter_matches(text, language):
        start, end = m.span()
        if any(start < e and s < end for s, e in taken):
            continue
        expr = _resolve(kind, m, language, published)
        if expr is None:
            continue
        taken.append((start, end))
        found.append(expr)
    return _resolve_against_neighbours(sorted(found, key=lambda d: d.start))


# "the day before", "le lendemain": how many days from the date they refer to (the report-level pass in
# extract/_events.py adds the same-day phrases and mornings to this table)
ANAPHORA_SHIFT = {"la veille": -1, "the day before": -1, "the previous day": -1, "le lendemain": 1,
                  "the next day": 1, "the following day": 1, "the day after": 1}


def _resolve_against_neighbours(found: list[DateExpr]) -> list[DateExpr]:
    """"informé samedi 31 décembre de la découverte, la veille, de plusieurs dépouilles": "the day before" right
    after a day-precise date of the same text is the day before that date."""
    out: list[DateExpr] = []
    for expr in found:
        shift = ANAPHORA_SHIFT.get(expr.text.lower())
        anchor = next((d for d in reversed(out) if d.date is not None and d.precision == 1), None)
        if expr.kind == "anaphoric" and expr.date is None and shift is not None and anchor is not None:
            expr = DateExpr(expr.start, expr.end, expr.text, anchor.date + dt.timedelta(days=shift), 1, "anaphoric")
        out.append(expr)
    return out


def parse_explicit_date(text: str, language: str = "en") -> dt.date | None:
    """An explicit date in free form ("17 February 2023", "le 3 mars 2021") via dateparser."""
    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(text, languages=[language], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None
