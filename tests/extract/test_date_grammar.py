"""A language's date grammar is data (``dates:`` in its lexicon file): a third language needs no Python."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventcoder.errors import ConfigError
from eventcoder.extract._dates import anaphora_shift, find_dates
from eventcoder.lexicon import Lexicon, load_lexicon, read_lexicon

TUESDAY, THURSDAY = dt.date(2024, 3, 19), dt.date(2024, 3, 21)
_HEAD = "language: {language}\ntriggers: {{kill: [matar]}}\ngroups: {{}}\n"
_SPANISH_DATES = r"""
dates:
  months: [[enero], [febrero], [marzo], [abril], [mayo], [junio], [julio], [agosto], [septiembre], [octubre],
           [noviembre], [diciembre]]
  weekdays: [[lunes], [martes], [miércoles], [jueves], [viernes], [sábado], [domingo]]
  patterns:
    explicit: ['\b(?P<d>{day})\s+de\s+(?P<m>{month})(?:\s+de\s+(?P<y>\d{4}))?']
    relative_day: ['\b(?P<rel_day>{relative_days})\b']
    anaphoric: ['\b(?P<ana>{anaphora_shift})\b']
    weekday: ['\b(?:el\s+)?(?P<w>{weekday})(?P<strictly_before>\s+pasado)?\b']
  relative_days: {"ayer": -1, "anteayer": -2, "hoy": 0}
  anaphora_shift: {"al día siguiente": 1, "la víspera": -1}
"""


def _lexicon(tmp_path: Path, language: str, body: str) -> Lexicon:
    path = tmp_path / f"{language}.yaml"
    path.write_text(_HEAD.format(language=language) + body, "utf-8")
    return read_lexicon(path)


@pytest.mark.parametrize("language", ["es", "zz"])  # zz: a language dateparser does not know, names from the file
@pytest.mark.parametrize(("text", "date", "kind"), [
    ("el martes, hombres armados atacaron", "2024-03-19", "weekday"),
    ("el jueves pasado, una emboscada", "2024-03-14", "weekday"),  # published on a Thursday: the one before
    ("el 3 de marzo de 2023 murieron", "2023-03-03", "explicit"),
    ("ayer, en Djibo", "2024-03-20", "relative_day"),
])
def test_a_third_language_reads_dates_from_its_lexicon_file(tmp_path: Path, language: str, text: str, date: str,
                                                             kind: str) -> None:
    (found,) = find_dates(text, _lexicon(tmp_path, language, _SPANISH_DATES), THURSDAY)
    assert (str(found.date), found.kind) == (date, kind)
    assert text[found.start:found.end] == found.text


def test_a_third_language_resolves_the_day_after_a_date(tmp_path: Path) -> None:
    found = find_dates("el 3 de marzo y, al día siguiente, una emboscada", _lexicon(tmp_path, "zz", _SPANISH_DATES),
                       THURSDAY)
    assert [str(d.date) for d in found] == ["2024-03-03", "2024-03-04"]


def test_a_file_without_date_rules_reads_day_month_year_and_weekdays(tmp_path: Path) -> None:
    """No ``dates.patterns``: the structural default (day, month name, year; a weekday name) still reads."""
    lexicon = _lexicon(tmp_path, "es", "dates: {}\n")
    explicit, weekday = find_dates("14 marzo 2020 y martes", lexicon, THURSDAY)
    assert (explicit.date, weekday.date) == (dt.date(2020, 3, 14), TUESDAY)


def test_a_file_without_dates_or_names_finds_none(tmp_path: Path) -> None:
    """A language neither dateparser nor the file names: no date, and no error."""
    assert find_dates("14 marzo 2020, martes", _lexicon(tmp_path, "zz", ""), THURSDAY) == []


def test_a_rule_the_code_does_not_know_is_a_config_error(tmp_path: Path) -> None:
    lexicon = _lexicon(tmp_path, "es", "dates:\n  patterns:\n    fortnight: ['\\bquincena\\b']\n")
    with pytest.raises(ConfigError, match="no date rule 'fortnight'"):
        find_dates("una quincena", lexicon, THURSDAY)


def test_anaphora_shift_of_every_language_by_default() -> None:
    every = anaphora_shift()
    assert every["la veille"] == -1 and every["the next day"] == 1
    assert "la veille" not in anaphora_shift(load_lexicon("en"))
