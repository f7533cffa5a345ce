"""Date expressions resolved against the publication date (English and French)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.extract._dates import find_dates, most_recent_weekday
from eventcoder.lexicon import load_lexicon

FRIDAY = dt.date(2023, 4, 21)


@pytest.mark.parametrize(
    ("text", "language", "date", "precision"),
    [
        ("died in an ambush Tuesday near the border", "en", "2023-04-18", 1),
        ("a separate attack on Wednesday that killed", "en", "2023-04-19", 1),
        ("On Friday, JNIM claimed", "en", "2023-04-21", 1),
        ("gunmen attacked last Friday", "en", "2023-04-14", 1),
        ("On 14 June 2020 gunmen attacked", "en", "2020-06-14", 1),
        ("OUAGADOUGOU, Sept 28 - Eleven", "en", "2022-09-28", 1),
        ("the attack yesterday", "en", "2023-04-20", 1),
        ("an attack this week", "en", "2023-04-17", 2),
        ("clashes last week", "en", "2023-04-10", 2),
        ("killed at the weekend", "en", "2023-04-15", 2),
        ("an attack last month", "en", "2023-03-01", 3),
        ("in March, fighters", "en", "2023-03-01", 3),
        ("during the night of Dec. 30 to 31", "en", "2022-12-30", 1),
        ("mardi soir, des hommes armés", "fr", "2023-04-18", 1),
        ("le 3 mars, une attaque", "fr", "2023-03-03", 1),
        ("le jeudi 12 janvier, un premier groupe", "fr", "2023-01-12", 1),
        ("dans la nuit de samedi à dimanche", "fr", "2023-04-15", 1),
        ("dans la nuit du 2 au 3 décembre 2019", "fr", "2019-12-02", 1),
        ("la semaine dernière", "fr", "2023-04-10", 2),
        ("le 1er janvier 2019", "fr", "2019-01-01", 1),
    ],
)
def test_resolved_dates(text: str, language: str, date: str, precision: int) -> None:
    found = find_dates(text, load_lexicon(language), FRIDAY)
    assert found, text
    assert str(found[0].date) == date
    assert found[0].precision == precision


def test_weekday_is_the_most_recent_on_or_before_publication() -> None:
    assert most_recent_weekday(4, FRIDAY) == FRIDAY  # a Friday report's "Friday" is that day
    assert most_recent_weekday(5, FRIDAY) == dt.date(2023, 4, 15)
    assert most_recent_weekday(4, FRIDAY, strictly_before=True) == dt.date(2023, 4, 14)


def test_day_and_month_without_year_never_lie_in_the_future() -> None:
    (found,) = find_dates("le 30 décembre", load_lexicon("fr"), dt.date(2023, 1, 2))
    assert found.date == dt.date(2022, 12, 30)


def test_relative_dates_without_publication_date_stay_unresolved() -> None:
    (found,) = find_dates("an ambush on Tuesday", load_lexicon("en"), None)
    assert found.date is None and found.kind == "weekday"


def test_since_a_month_is_not_a_date_of_the_event() -> None:
    assert not find_dates("violence since March", load_lexicon("en"), FRIDAY)


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("informé samedi 31 décembre de la découverte, la veille, de plusieurs dépouilles", "fr", "2022-12-30"),
    ("soldiers were attacked on 12 March and, the day before, a convoy", "en", "2023-03-11"),
    ("l'attaque du 3 mars et, le lendemain, une embuscade", "fr", "2023-03-04"),
])
def test_the_day_before_or_after_a_date_of_the_same_sentence(text: str, language: str, expected: str) -> None:
    found = find_dates(text, load_lexicon(language), dt.date(2023, 4, 21) if language == "en" or "mars" in text
                       else dt.date(2023, 1, 2))
    assert str(found[-1].date) == expected and found[-1].precision == 1


def test_the_day_before_alone_stays_for_the_report_to_resolve() -> None:
    (found,) = find_dates("the day before, gunmen attacked", load_lexicon("en"), FRIDAY)
    assert found.date is None and found.kind == "anaphoric"


@pytest.mark.parametrize(("text", "language"), [("On that Sunday afternoon, fighters raided", "en"),
                                                ("Ce dimanche-là, des hommes armés", "fr")])
def test_that_weekday_refers_back_and_is_not_this_week(text: str, language: str) -> None:
    (found,) = find_dates(text, load_lexicon(language), FRIDAY)
    assert found.date is None and found.kind == "anaphoric"


# ---------------------------------------------------------------- one grammar for every written form (issue 13)

SUNDAY = dt.date(2024, 3, 24)


@pytest.mark.parametrize(
    ("text", "language", "date", "precision"),
    [
        ("On December 27, soldiers repelled an assault", "en", "2023-12-27", 1),
        ("On Dec. 27 gunmen raided the market", "en", "2023-12-27", 1),
        ("On 27 December, troops carried out an operation", "en", "2023-12-27", 1),
        ("Le 27 déc. des hommes armés ont attaqué", "fr", "2023-12-27", 1),
        ("le samedi 16 mars 2024, deux frappes aériennes", "fr", "2024-03-16", 1),
        ("Le 3 fevrier, sans accent, une embuscade", "fr", "2024-02-03", 1),
        ("the attacks of March 18-19 left dozens dead", "en", "2024-03-18", 1),
        ("from 29 February to 2 March, an offensive", "en", "2024-02-29", 1),
        ("du 23 au 31 janvier 2022, une opération", "fr", "2022-01-23", 1),
        ("du 28 février au 3 mars, des frappes", "fr", "2024-02-28", 1),
        ("between March 10 and 12, fighters seized", "en", "2024-03-10", 2),
        ("between Monday, March 10 and 12, fighters seized", "en", "2024-03-10", 2),
        ("sometime between 10 and 12 March, the convoy", "en", "2024-03-10", 2),
        ("entre le 10 et le 12 mars, des civils", "fr", "2024-03-10", 2),
        ("around 17 March a patrol vanished", "en", "2024-03-17", 2),
        ("vers le 17 mars, un berger a disparu", "fr", "2024-03-17", 2),
        ("around 17 February (between 12 and 21 February) the men were taken", "en", "2024-02-12", 2),
        ("last weekend's raid on the camp", "en", "2024-03-16", 2),
        ("le week-end dernier, des hommes armés", "fr", "2024-03-16", 2),
    ],
)
def test_every_written_form(text: str, language: str, date: str, precision: int) -> None:
    found = find_dates(text, load_lexicon(language), SUNDAY)
    assert found, text
    assert (str(found[0].date), found[0].precision) == (date, precision)


def test_a_month_first_span_with_weekdays() -> None:
    """"from Monday March 18 to Wednesday March 20": one span, each day named with its weekday."""
    (found,) = find_dates("from Monday March 18 to Wednesday March 20, an offensive", load_lexicon("en"), SUNDAY)
    assert (found.date, found.end_date) == (dt.date(2024, 3, 18), dt.date(2024, 3, 20))


def test_a_month_first_number_then_and_is_not_a_span() -> None:
    """"on March 3 and 12 soldiers": "12" counts soldiers, it is no second day."""
    (found,) = find_dates("on March 3 and 12 soldiers were hurt", load_lexicon("en"), SUNDAY)
    assert found.date == dt.date(2024, 3, 3) and found.end_date is None


@pytest.mark.parametrize(("text", "language", "date"), [
    ("dans la nuit de samedi à dimanche, des hommes armés ont attaqué", "fr", "2024-03-23"),
    ("during the night of Saturday to Sunday gunmen attacked", "en", "2024-03-23"),
    ("dans la nuit du 9 au 10 mars, vers 22 heures, des assaillants", "fr", "2024-03-09"),
    ("dans la nuit du dimanche 10 au lundi 11 mars, le poste a été attaqué vers 01 heure", "fr", "2024-03-11"),
    ("on the night of Saturday to Sunday, at around 3 a.m., fighters struck", "en", "2024-03-24"),
    ("overnight from 9 to 10 March, after midnight, the camp was shelled", "en", "2024-03-10"),
    ("dans la nuit de samedi à dimanche, aux premières heures, une attaque", "fr", "2024-03-24"),
])
def test_a_night_is_dated_when_it_began_unless_the_text_says_after_midnight(text: str, language: str,
                                                                             date: str) -> None:
    found = find_dates(text, load_lexicon(language), SUNDAY)
    assert str(found[0].date) == date and found[0].kind == "night"


def test_a_night_lasting_hours_is_not_after_midnight() -> None:
    """"5 heures de combats" is a duration, not an hour of the night."""
    (found,) = find_dates("dans la nuit de samedi à dimanche, après 5 heures de combats", load_lexicon("fr"), SUNDAY)
    assert found.date == dt.date(2024, 3, 23)


def test_overnight_is_a_night_of_the_publication_day() -> None:
    (found,) = find_dates("gunmen raided a base overnight", load_lexicon("en"), SUNDAY)
    assert found.kind == "night" and found.date == SUNDAY
