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
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import dateparser
from dateparser.languages.loader import default_loader

__all__ = ["DateExpr", "find_dates", "parse_published"]

_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _plain(word: str) -> str:
    """"décembre" -> "decembre": texts drop accents, and the names must still match."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=4)
def _names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """Month names (with abbreviations of three letters or more) and full weekday names of ``language``,
    from dateparser's locale data (no month table of our own): ``{name: month}``, ``{name: 0..6}``."""
    info = default_loader.get_locale(language).info
    months: dict[str, int] = {}
    for number, key in enumerate(_MONTH_KEYS, start=1):
        for name in info.get(key, []):
            if len(name) >= 3:
                months[name.lower()] = number
                months[_plain(name.lower())] = number
    weekdays: dict[str, int] = {}
    for number, key in enumerate(_WEEKDAY_KEYS):
        for name in info.get(key, []):
            if len(name) >= 5:  # "mar", "sam", "sun": words of their own
                weekdays[name.lower()] = number
    return months, weekdays


@lru_cache(maxsize=4)
def _words(language: str) -> dict[str, list[str]]:
    """The date words of the language's lexicon (``dates:`` in ``data/lexicon/<lang>.yaml``)."""
    from eventcoder.lexicon import load_lexicon

    return {k: [str(w) for w in v] for k, v in (load_lexicon(language).raw.get("dates") or {}).items()}


def _alt(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in sorted(words, key=len, reverse=True))


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


def _span_patterns(mon: str, wd: str, day: str, words: dict[str, list[str]], joiner: str,
                   language: str) -> list[tuple[str, re.Pattern[str]]]:
    """"between April 26 and 28", "June 18-19", "30 March to 2 April", "du 30 mars au 2 avril", "entre le 12 et
    le 21 mai": a span of days (``between``: the text does not know which day)."""
    between = rf"(?P<between>(?:{_alt(words.get('between', []))})\s+(?:le\s+)?)?" if words.get("between") else ""
    year1 = r"(?:,?\s+(?P<y1>\d{4}))?"
    year = r"(?:,?\s+(?P<y>\d{4}))?"
    wd_opt = rf"(?:(?:le\s+)?(?:{wd}),?\s+)?"
    out = [("span", re.compile(
        rf"\b{between}(?:from\s+|du\s+)?{wd_opt}(?P<d1>{day})\s+(?:of\s+)?(?P<m1>{mon})\.?{year1}\s*{joiner}\s*"
        rf"{wd_opt}(?P<d2>{day})\s+(?:of\s+)?(?P<m>{mon})\.?{year}", re.I))]
    if language == "en":  # month first: "and" only after "between" ("June 18 and 20 people")
        out.append(("span", re.compile(
            rf"\b(?:(?P<between>between\s+)(?:{wd},?\s+)?(?P<m1>{mon})\.?\s+(?P<d1>{day})\s*(?:and|-|–|to)|"
            rf"(?:from\s+)?(?:{wd},?\s+)?(?P<m1b>{mon})\.?\s+(?P<d1b>{day})\s*(?:-|–|to|through|until))\s*"
            rf"(?:{wd},?\s+)?(?:(?P<m>{mon})\.?\s+)?(?P<d2>{day})(?![\d:]){year}", re.I)))
    return out


@lru_cache(maxsize=4)
def _patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """Ordered (kind, regex) pairs; earlier patterns win on overlaps."""
    months, weekdays = _names(language)
    mon = _month_alt(months)
    wd = "|".join(sorted(weekdays, key=len, reverse=True))
    words = _words(language)
    if language == "fr":
        day = r"(?:1er|premier|\d{1,2})"
        return [
            ("night_range", re.compile(
                rf"\bnuit\s+du\s+(?:(?:{wd})\s+)?(?P<d1>{day})\s+(?:au|à)\s+(?:(?:{wd})\s+)?(?P<d2>{day})"
                rf"\s+(?P<m>{mon})\.?(?:\s+(?P<y>\d{{4}}))?", re.I)),
            *_span_patterns(mon, wd, day, words, r"(?:au|et(?:\s+le)?|-|–)", language),
            ("day_range", re.compile(
                rf"\b(?P<between>entre\s+(?:le\s+)?)?(?:(?:{wd})\s+)?(?P<d1>{day})\s+(?:et|au|-)\s+"
                rf"(?:le\s+)?(?:(?:{wd})\s+)?(?P<d2>{day})\s+(?P<m>{mon})\.?(?:\s+(?P<y>\d{{4}}))?", re.I)),
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
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    return [
        ("night_range", re.compile(
            rf"\b(?:night\s+of|overnight\s+(?:from|between))\s+(?:(?P<m0>{mon})\.?\s+)?(?P<d1>{day})"
            rf"\s+(?:to|and|-)\s+(?P<d2>{day})(?:\s+(?P<m>{mon})\.?)?(?:,?\s+(?P<y>\d{{4}}))?", re.I)),
        *_span_patterns(mon, wd, day, words, r"(?:and|to|until|through|-|–)", language),
        ("day_range", re.compile(
            rf"\b(?P<between>between\s+)?(?P<d1>{day})\s+(?:and|to|-|–)\s+(?P<d2>{day})\s+(?P<m>{mon})\.?"
            rf"(?:,?\s+(?P<y>\d{{4}}))?", re.I)),
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
        ("weekend", re.compile(r"\b(?P<wk>(?:at|over|on)\s+the\s+weekend|(?:last|this)\s+weekend)(?:'s|’s)?", re.I)),
        ("week", re.compile(r"\b(?P<week>this week|last week|earlier this week|in recent days|"
                            r"the previous week)(?:'s|’s)?", re.I)),
        ("month", re.compile(
            rf"\b(?P<mrel>last month|earlier this month|this month|(?:in|early|late|mid-|since)\s*"
            rf"(?:early\s+|late\s+|mid-)?(?P<m>{mon})(?:\s+(?P<y>\d{{4}}))?)\b", re.I)),
    ]


def _month_number(name: str, language: str) -> int:
    key = name.lower().rstrip(".")
    other = "en" if language == "fr" else "fr"
    return _names(language)[0].get(key) or _names(other)[0].get(key, 0)


def _day_number(text: str) -> int:
    text = text.lower()
    if text in ("1er", "premier"):
        return 1
    return int(re.sub(r"\D", "", text) or 0)


def _weekday_index(name: str) -> int:
    name = name.lower()
    return _names("en")[1].get(name, _names("fr")[1].get(name, 0))


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
    first_month_name = groups.get("m1") or groups.get("m1b") or month_name
    month_name = month_name or first_month_name
    if not month_name:
        return None, None
    month = _month_number(month_name, language)
    year = int(groups["y"]) if groups.get("y") else None
    d1 = groups.get("d1") or groups.get("d1b")
    if d1:
        second = _latest_on_or_before(month, _day_number(groups["d2"]), year, ref)
        first_month = _month_number(first_month_name or month_name, language)
        first_year = int(groups["y1"]) if groups.get("y1") else None
        if first_month != month or first_year:  # "30 March to 2 April", "du 30 décembre 2022 au 2 janvier 2023"
            first = _latest_on_or_before(first_month, _day_number(d1), first_year, second or ref)
            return first, second
        first = _latest_on_or_before(month, _day_number(d1), year, ref)
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
    if ref.weekday() >= 5 and ("last" in word or "dernier" in word):  # a weekend report: the one before
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
    if kind in ("explicit", "explicit_md", "day_range", "night_range", "span"):
        first, second = _explicit(m, language, ref)
        if first is None and second is None:
            return None
        # "between 12 and 21 May": the text allows any of those days; ACLED dates it on the first, to the week
        precision = 2 if m.groupdict().get("between") else 1
        return DateExpr(start, end, text, first or second, precision, "night" if kind == "night_range" else "explicit",
                        second)
    if kind == "night_weekdays" and ref is not None:
        w1 = most_recent_weekday(_weekday_index(m.group("w1")), ref)
        return DateExpr(start, end, text, w1, 1, "night", w1 + dt.timedelta(days=1))
    if kind == "weekday":
        if ref is None or _THAT_DAY.search(m.string[max(0, start - 8):start]) or _THAT_DAY_AFTER.match(m.string[end:]):
            # "on that Sunday", "ce dimanche-là": the day of an event told before, not of this week
            return DateExpr(start, end, text, None, 1, "weekday" if ref is None else "anaphoric")
        strictly = bool(m.groupdict().get("last"))
        day = most_recent_weekday(_weekday_index(m.group("w")), ref, strictly_before=strictly)
        return DateExpr(start, end, text, day, 1, "weekday")
    if kind == "relative_day":
        rel = m.group("rel").lower()
        night = rel in _words(language).get("night_words", [])
        return DateExpr(start, end, text, _relative_day(rel, ref), 1, "night" if night else "relative_day")
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
    found = _approximate(text, language, sorted(found, key=lambda d: d.start))
    found = _after_midnight(text, language, found)
    return _resolve_against_neighbours(found)


@lru_cache(maxsize=4)
def _approx_before(language: str) -> re.Pattern[str] | None:
    words = _words(language).get("approximate")
    return re.compile(rf"\b(?:{_alt(words)})\s*(?:the\s+|le\s+)?$", re.I) if words else None


def _approximate(text: str, language: str, found: list[DateExpr]) -> list[DateExpr]:
    """"around 17 May", "vers le 17 mai": the day is not known, the week is (time_precision 2); "around 17 May
    (between 12 and 21 May)": the first day of the span the text allows."""
    before = _approx_before(language)
    if before is None:
        return found
    out: list[DateExpr] = []
    skip: set[int] = set()
    for i, expr in enumerate(found):
        if i in skip:
            continue
        if expr.date is not None and expr.precision == 1 and before.search(text[max(0, expr.start - 30):expr.start]):
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is not None and nxt.date is not None and re.fullmatch(r"\s*[(,]\s*", text[expr.end:nxt.start]):
                skip.add(i + 1)
                expr = DateExpr(expr.start, nxt.end, text[expr.start:nxt.end], min(expr.date, nxt.date), 2,
                                "explicit", nxt.end_date)
            else:
                expr = DateExpr(expr.start, expr.end, expr.text, expr.date, 2, expr.kind, expr.end_date)
        out.append(expr)
    return out


@lru_cache(maxsize=4)
def _small_hours(language: str) -> re.Pattern[str] | None:
    """An hour between midnight and dawn ("vers 01 heure", "around 3 a.m.", "04:30", "après minuit")."""
    words = _words(language)
    clock_before = _alt(words.get("clock_before", []))
    phrases = _alt(words.get("after_midnight", []))
    hour = r"(?:0?[0-5])"
    parts = [r"\b0[0-5][:h]\d\d\b", rf"\b{hour}(?:[:.]\d\d)?\s*a\.?m\b"]
    if clock_before:
        parts.append(rf"\b(?:{clock_before})\s+{hour}\s*(?:h\b|h\d\d|heures?\b|:\d\d)")
    if phrases:
        parts.append(rf"\b(?:{phrases})\b")
    return re.compile("|".join(parts), re.I)


def _after_midnight(text: str, language: str, found: list[DateExpr]) -> list[DateExpr]:
    """"dans la nuit du dimanche 29 au lundi 30 septembre ..., vers 01 heure": ACLED dates a night on the day it
    began unless the text says it happened after midnight; then on the second day."""
    small = _small_hours(language)
    if small is None or not small.search(text):
        return found
    return [DateExpr(e.start, e.end, e.text, e.end_date, e.precision, e.kind, e.end_date)
            if e.kind == "night" and e.end_date is not None and e.end_date != e.date else e for e in found]


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
