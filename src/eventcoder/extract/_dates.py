"""Date expressions, resolved against the publication date.

Each language's date grammar is data: the rules and regexes of ``dates.patterns`` in
``data/lexicon/<lang>.yaml``, with month and weekday names from dateparser's locale data for the file's
language (and ``dates.months``/``dates.weekdays`` where the file gives them) and the phrase tables that say
what a relative phrase means. Explicit dates ("on 14 June 2020", "le 3 mars", "Sept 28") are read by the day
rules; relative ones ("Tuesday", "samedi dernier", "last week", "dans la nuit de lundi à mardi") by the small
rules here:

- a weekday is the most recent such day on or before the publication date;
- ``relative_days`` ("yesterday", "hier") count days from the publication day;
- ``weeks`` ("this week", "last week") give the Monday of that week with time_precision 2, a weekend its
  Saturday with precision 2; ``relative_months`` ("last month") and "in March" the first of the month with
  precision 3;
- "the night of X to Y" gives X (ACLED codes the first day unless the text says after midnight);
- ``anaphora_shift`` ("the next day", "le lendemain") is relative to the previous date in the text.

A language whose file has no ``dates.patterns`` still reads "14 <month> 2020" and a weekday name. Without a
publication date, relative expressions cannot be resolved: they are returned unresolved and the caller flags
the record.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum, auto
from typing import Any

from dateparser.languages.loader import default_loader

from eventcoder.errors import ConfigError
from eventcoder.lexicon import Lexicon, all_lexicons

__all__ = ["DateExpr", "DateKind", "anaphora_shift", "find_dates", "most_recent_weekday", "parse_published"]


class DateKind(StrEnum):
    """How a date expression was resolved."""

    explicit = auto()
    weekday = auto()
    relative_day = auto()
    week = auto()
    weekend = auto()
    month = auto()
    anaphoric = auto()
    night = auto()


class _Rule(StrEnum):
    """The rules of a date grammar (the keys of ``dates.patterns``): what their regexes read."""

    night_range = auto()
    span = auto()
    day_range = auto()
    explicit = auto()
    explicit_md = auto()
    night_weekdays = auto()
    relative_day = auto()
    anaphoric = auto()
    weekday = auto()
    weekend = auto()
    week = auto()
    month = auto()


_DAY_RULES = {_Rule.explicit, _Rule.explicit_md, _Rule.day_range, _Rule.night_range, _Rule.span}
# the grammar of a language whose file has none: pure structure around the month and weekday names
_DEFAULT_PATTERNS = {_Rule.explicit: [r"\b(?P<d>\d{1,2})\s+(?P<m>{month})\.?(?:,?\s+(?P<y>\d{4}))?"],
                     _Rule.weekday: [r"\b(?P<w>{weekday})\b"]}
_DEFAULT_DAY = r"\d{1,2}"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_SPAN_BETWEEN = re.compile(r"\s*[(,]\s*")


def _plain(word: str) -> str:
    """"décembre" -> "decembre": texts drop accents, and the names must still match."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _key(phrase: str) -> str:
    """A phrase as the tables hold it: lower-cased, one space between words."""
    return " ".join(phrase.lower().split())


def _locale_names(language: str) -> tuple[list[list[str]], list[list[str]]]:
    """dateparser's month names (three letters or more) and full weekday names (five or more: "mar", "sam",
    "sun" are words of their own) for ``language``, by month and weekday; none for a language it lacks.

    dateparser's locale data is keyed by the English names, which :mod:`calendar` gives (C locale)."""
    try:
        info = default_loader.get_locale(language).info
    except ValueError:
        return [], []
    months = [[n for n in info.get(calendar.month_name[m].lower(), []) if len(n) >= 3] for m in range(1, 13)]
    weekdays = [[n for n in info.get(calendar.day_name[d].lower(), []) if len(n) >= 5] for d in range(7)]
    return months, weekdays


def _numbered(locale: list[list[str]], own: Any, start: int, *, plain: bool) -> dict[str, int]:
    """``{name: number}`` from lists of names in order, dateparser's (``locale``) then the lexicon's (``own``),
    numbered from ``start``; with ``plain``, each name also without its accents."""
    numbered: dict[str, int] = {}
    for names_in_order in (locale, own if isinstance(own, list) else []):
        for index, names in enumerate(names_in_order):
            for name in (str(n).lower() for n in names):
                numbered.setdefault(name, index + start)
                if plain:
                    numbered.setdefault(_plain(name), index + start)
    return numbered


def _phrases(value: Any) -> list[str]:
    """The phrases of a section: a list's strings, a table's keys (or the strings of its lists)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in (_phrases(v) if isinstance(v, (list, dict)) else [str(k)])]
    if isinstance(value, list):
        return [p for v in value for p in (_phrases(v) if isinstance(v, (list, dict)) else [str(v)])]
    return []


def _alt(words: list[str] | set[str]) -> str:
    """The words as regex alternatives, longest first, any run of spaces in them matching any white space."""
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in sorted(words, key=len, reverse=True))


def _compile(regex: str) -> re.Pattern[str]:
    try:
        return re.compile(regex, re.I)
    except re.error as exc:
        raise ConfigError(f"date regex {regex!r} does not compile: {exc}") from exc


def _expand(template: str, fixed: dict[str, str], section: dict[str, Any]) -> str | None:
    """``template`` with each ``{name}`` filled in (``fixed``: the names and the day regex; any other name: the
    alternation of the phrases of ``dates.<name>``); None when one of them stands for nothing."""
    fills = {name: fixed.get(name) or _alt(_phrases(section.get(name))) for name in _PLACEHOLDER.findall(template)}
    if not all(fills.values()):
        return None
    return _PLACEHOLDER.sub(lambda m: fills[m.group(1)], template)


def _alternatives(templates: Any, fixed: dict[str, str], section: dict[str, Any]) -> re.Pattern[str] | None:
    """The templates, filled in, as one regex of alternatives; None when none of them can be filled in."""
    regexes = [r for template in _phrases(templates) if (r := _expand(template, fixed, section))]
    return _compile("|".join(f"(?:{r})" for r in regexes)) if regexes else None


@dataclass(frozen=True)
class _Grammar:
    """A language's date grammar, compiled once from its lexicon's ``dates`` section."""

    months: dict[str, int]
    weekdays: dict[str, int]
    patterns: tuple[tuple[_Rule, re.Pattern[str]], ...]
    first_day: frozenset[str]
    night_words: frozenset[str]
    relative_days: dict[str, int]
    weeks: dict[str, str]
    weekend_before: frozenset[str]
    relative_months: dict[str, int]
    anaphora_shift: dict[str, int]
    refers_back_before: re.Pattern[str] | None
    refers_back_after: re.Pattern[str] | None
    approximate_before: re.Pattern[str] | None
    small_hours: re.Pattern[str] | None

    @classmethod
    def of(cls, lexicon: Lexicon) -> _Grammar:
        section = lexicon.section("dates") or {}
        months, weekdays = _locale_names(lexicon.language)
        month_names = _numbered(months, section.get("months"), 1, plain=True)
        weekday_names = _numbered(weekdays, section.get("weekdays"), 0, plain=False)
        fixed = {"month": _alt(month_names), "weekday": _alt(weekday_names),
                 "day": "|".join(_phrases(section.get("day"))) or _DEFAULT_DAY}
        rules = section.get("patterns") or _DEFAULT_PATTERNS
        patterns = tuple((_rule(name), _compile(regex)) for name, templates in rules.items()
                         for template in _phrases(templates) if (regex := _expand(template, fixed, section)))
        return cls(
            months=month_names,
            weekdays=weekday_names,
            patterns=patterns,
            first_day=lexicon.words("dates.first_day"),
            night_words=frozenset(_key(w) for w in lexicon.words("dates.night_words")),
            relative_days={_key(k): int(v) for k, v in lexicon.table("dates.relative_days").items()},
            weeks={_key(k): v for k, v in lexicon.inverse("dates.weeks").items()},
            weekend_before=lexicon.words("dates.weekend_before"),
            relative_months={_key(k): int(v) for k, v in lexicon.table("dates.relative_months").items()},
            anaphora_shift=anaphora_shift(lexicon),
            refers_back_before=lexicon.pattern("dates.refers_back_before"),
            refers_back_after=lexicon.pattern("dates.refers_back_after"),
            approximate_before=_alternatives(section.get("approximate_before"), fixed, section),
            small_hours=_alternatives(section.get("small_hours"), fixed, section),
        )


def _rule(name: str) -> _Rule:
    try:
        return _Rule(name)
    except ValueError as exc:
        raise ConfigError(f"dates.patterns: no date rule {name!r} (rules: {', '.join(_Rule)})") from exc


def _grammar(lexicon: Lexicon) -> _Grammar:
    """The lexicon's date grammar, compiled on first use and kept with the lexicon's other sections."""
    return lexicon.compiled("dates.grammar", _Grammar.of)


def anaphora_shift(*lexicons: Lexicon) -> dict[str, int]:
    """``{phrase: days}`` of the lexicons' ``dates.anaphora_shift`` (every language's when none is given):
    "the day before" -1, "le lendemain" 1, days from the date the phrase refers to; phrases lower-cased with
    one space between words."""
    return {_key(k): int(v) for lexicon in lexicons or all_lexicons()
            for k, v in lexicon.table("dates.anaphora_shift").items()}


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in a text.

    ``date`` is ``None`` when the expression is relative and no publication date was given.
    ``kind`` says how it was resolved (a :class:`DateKind`).
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


def _month_number(name: str, grammar: _Grammar) -> int:
    """The month ``name`` gives: in the text's language, else in any language's lexicon (0 if none)."""
    key = name.lower().rstrip(".")
    return grammar.months.get(key) or next(
        (number for lexicon in all_lexicons() if (number := _grammar(lexicon).months.get(key))), 0)


def _weekday_index(name: str, grammar: _Grammar) -> int:
    """The weekday ``name`` gives (0 = Monday): in the text's language, else in any language's lexicon."""
    key = name.lower()
    if key in grammar.weekdays:
        return grammar.weekdays[key]
    return next((days[key] for lexicon in all_lexicons() if key in (days := _grammar(lexicon).weekdays)), 0)


def _day_number(text: str, grammar: _Grammar) -> int:
    if text.lower() in grammar.first_day:
        return 1
    return int(re.sub(r"\D", "", text) or 0)


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


def _explicit(m: re.Match[str], grammar: _Grammar, ref: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    groups = m.groupdict()
    month_name = groups.get("m") or groups.get("m0")
    first_month_name = groups.get("m1") or groups.get("m1b") or month_name
    month_name = month_name or first_month_name
    if not month_name:
        return None, None
    month = _month_number(month_name, grammar)
    year = int(groups["y"]) if groups.get("y") else None
    d1 = groups.get("d1") or groups.get("d1b")
    if d1:
        second = _latest_on_or_before(month, _day_number(groups["d2"], grammar), year, ref)
        first_month = _month_number(first_month_name or month_name, grammar)
        first_year = int(groups["y1"]) if groups.get("y1") else None
        if first_month != month or first_year:  # "30 March to 2 April", "du 30 décembre 2022 au 2 janvier 2023"
            first = _latest_on_or_before(first_month, _day_number(d1, grammar), first_year, second or ref)
            return first, second
        first = _latest_on_or_before(month, _day_number(d1, grammar), year, ref)
        if first and second and second < first:  # "30 to 1 January": the first day is in the month before
            first = None
        return first, second
    return _latest_on_or_before(month, _day_number(groups["d"], grammar), year, ref), None


def _week(phrase: str, grammar: _Grammar, ref: dt.date | None) -> dt.date | None:
    """The Monday of the week the phrase names (``dates.weeks``); "in recent days": six days back."""
    if ref is None:
        return None
    monday = ref - dt.timedelta(days=ref.weekday())
    which = grammar.weeks.get(_key(phrase))
    if which == "week_before":
        return monday - dt.timedelta(days=7)
    if which == "recent_days":
        return ref - dt.timedelta(days=6)
    return monday


def _weekend(phrase: str, grammar: _Grammar, ref: dt.date | None) -> dt.date | None:
    if ref is None:
        return None
    saturday = most_recent_weekday(5, ref)
    phrase = phrase.lower()
    if ref.weekday() >= 5 and any(w in phrase for w in grammar.weekend_before):  # a weekend report: the one before
        saturday -= dt.timedelta(days=7)
    return saturday


def _month(m: re.Match[str], grammar: _Grammar, ref: dt.date | None) -> dt.date | None:
    groups = m.groupdict()
    if groups.get("m"):
        month = _month_number(groups["m"], grammar)
        year = int(groups["y"]) if groups.get("y") else None
        if year is None:
            if ref is None:
                return None
            year = ref.year if month <= ref.month else ref.year - 1
        return dt.date(year, month, 1)
    if ref is None:
        return None
    months_back = -grammar.relative_months.get(_key(groups.get("rel_month") or ""), 0)
    first = ref.replace(day=1)
    for _ in range(months_back):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first


def _refers_back(m: re.Match[str], grammar: _Grammar) -> bool:
    """"on that Sunday", "ce dimanche-là": the day of an event told before, not of this week."""
    start, end = m.span()
    before, after = grammar.refers_back_before, grammar.refers_back_after
    return bool((before is not None and before.search(m.string[max(0, start - 8):start]))
                or (after is not None and after.match(m.string[end:])))


def _resolve(rule: _Rule, m: re.Match[str], grammar: _Grammar, ref: dt.date | None) -> DateExpr | None:
    text = m.group(0)
    start, end = m.span()
    groups = m.groupdict()
    if rule in _DAY_RULES:
        first, second = _explicit(m, grammar, ref)
        if first is None and second is None:
            return None
        # "between 12 and 21 May": the text allows any of those days; ACLED dates it on the first, to the week
        precision = 2 if groups.get("any_day") else 1
        kind = DateKind.night if rule == _Rule.night_range else DateKind.explicit
        return DateExpr(start, end, text, first or second, precision, kind, second)
    if rule == _Rule.night_weekdays and ref is not None:
        w1 = most_recent_weekday(_weekday_index(m.group("w1"), grammar), ref)
        return DateExpr(start, end, text, w1, 1, DateKind.night, w1 + dt.timedelta(days=1))
    if rule == _Rule.weekday:
        if ref is None or _refers_back(m, grammar):
            return DateExpr(start, end, text, None, 1, DateKind.weekday if ref is None else DateKind.anaphoric)
        strictly = bool(groups.get("strictly_before"))
        day = most_recent_weekday(_weekday_index(m.group("w"), grammar), ref, strictly_before=strictly)
        return DateExpr(start, end, text, day, 1, DateKind.weekday)
    if rule == _Rule.relative_day:
        phrase = _key(m.group("rel_day"))
        date = None if ref is None else ref + dt.timedelta(days=grammar.relative_days.get(phrase, 0))
        kind = DateKind.night if phrase in grammar.night_words else DateKind.relative_day
        return DateExpr(start, end, text, date, 1, kind)
    if rule == _Rule.anaphoric:
        return DateExpr(start, end, text, None, 1, DateKind.anaphoric)
    if rule == _Rule.week:
        return DateExpr(start, end, text, _week(m.group("rel_week"), grammar, ref), 2, DateKind.week)
    if rule == _Rule.weekend:
        return DateExpr(start, end, text, _weekend(m.group("rel_weekend"), grammar, ref), 2, DateKind.weekend)
    if rule == _Rule.month:
        if groups.get("no_date"):  # "since March": not the date of an event
            return None
        return DateExpr(start, end, text, _month(m, grammar, ref), 3, DateKind.month)
    return None


def _iter_matches(text: str, grammar: _Grammar) -> Iterator[tuple[_Rule, re.Match[str]]]:
    for rule, pattern in grammar.patterns:
        for m in pattern.finditer(text):
            yield rule, m


def find_dates(text: str, lexicon: Lexicon, published: dt.date | None) -> list[DateExpr]:
    """Every date expression in ``text`` (written in the lexicon's language), resolved against ``published``,
    without overlaps, in text order."""
    grammar = _grammar(lexicon)
    taken: list[tuple[int, int]] = []
    found: list[DateExpr] = []
    for rule, m in _iter_matches(text, grammar):
        start, end = m.span()
        if any(start < e and s < end for s, e in taken):
            continue
        expr = _resolve(rule, m, grammar, published)
        if expr is None:
            continue
        taken.append((start, end))
        found.append(expr)
    found = _approximate(text, grammar, sorted(found, key=lambda d: d.start))
    found = _after_midnight(text, grammar, found)
    return _resolve_against_neighbours(found, grammar)


def _approximate(text: str, grammar: _Grammar, found: list[DateExpr]) -> list[DateExpr]:
    """"around 17 May", "vers le 17 mai": the day is not known, the week is (time_precision 2); "around 17 May
    (between 12 and 21 May)": the first day of the span the text allows."""
    before = grammar.approximate_before
    if before is None:
        return found
    out: list[DateExpr] = []
    skip: set[int] = set()
    for i, expr in enumerate(found):
        if i in skip:
            continue
        if expr.date is not None and expr.precision == 1 and before.search(text[max(0, expr.start - 30):expr.start]):
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is not None and nxt.date is not None and _SPAN_BETWEEN.fullmatch(text[expr.end:nxt.start]):
                skip.add(i + 1)
                expr = DateExpr(expr.start, nxt.end, text[expr.start:nxt.end], min(expr.date, nxt.date), 2,
                                DateKind.explicit, nxt.end_date)
            else:
                expr = DateExpr(expr.start, expr.end, expr.text, expr.date, 2, expr.kind, expr.end_date)
        out.append(expr)
    return out


def _after_midnight(text: str, grammar: _Grammar, found: list[DateExpr]) -> list[DateExpr]:
    """"dans la nuit du dimanche 29 au lundi 30 septembre ..., vers 01 heure": ACLED dates a night on the day it
    began unless the text says it happened after midnight (``dates.small_hours``); then on the second day."""
    small = grammar.small_hours
    if small is None or not small.search(text):
        return found
    return [DateExpr(e.start, e.end, e.text, e.end_date, e.precision, e.kind, e.end_date)
            if e.kind == DateKind.night and e.end_date is not None and e.end_date != e.date else e for e in found]


def _resolve_against_neighbours(found: list[DateExpr], grammar: _Grammar) -> list[DateExpr]:
    """"informé samedi 31 décembre de la découverte, la veille, de plusieurs dépouilles": "the day before" right
    after a day-precise date of the same text is the day before that date."""
    out: list[DateExpr] = []
    for expr in found:
        shift = grammar.anaphora_shift.get(_key(expr.text))
        anchor = next((d for d in reversed(out) if d.date is not None and d.precision == 1), None)
        if expr.kind == DateKind.anaphoric and expr.date is None and shift is not None and anchor is not None:
            expr = DateExpr(expr.start, expr.end, expr.text, anchor.date + dt.timedelta(days=shift), 1,
                            DateKind.anaphoric)
        out.append(expr)
    return out
