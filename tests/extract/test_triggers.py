"""Triggers and date roles read with the words of the lexicon's ``frames`` section (extract/_triggers.py,
extract/_date_roles.py): negation, definiteness, modality and statement dates come from the language's file,
and a file without the section still finds the triggers.

Sentences written for these tests.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml
from spacy.tokens import Doc

from eventcoder.extract._date_roles import date_role
from eventcoder.extract._dates import DateExpr, find_dates
from eventcoder.extract._triggers import find_triggers, under_modal
from eventcoder.lexicon import Lexicon, load_lexicon, read_lexicon
from eventcoder.nlp._pipelines import load_language

pytestmark = pytest.mark.slow

PACKAGED = Path(__file__).parents[2] / "src" / "eventcoder" / "data" / "lexicon"


@cache
def _parse(language: str, text: str) -> Doc:
    return load_language(language)(text)


def _without_frames(language: str, tmp_path: Path) -> Lexicon:
    """The packaged lexicon of ``language`` with an empty ``frames`` section."""
    data = yaml.safe_load((PACKAGED / f"{language}.yaml").read_text("utf-8"))
    data["frames"] = {}
    path = tmp_path / f"{language}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return read_lexicon(path)


def _triggers(language: str, text: str, lexicon: Lexicon | None = None) -> list[tuple[str, bool]]:
    lexicon = lexicon or load_lexicon(language)
    return [(t.text, t.definite) for sent in _parse(language, text).sents for t in find_triggers(sent, lexicon)]


@pytest.mark.parametrize(("language", "text", "word"), [
    ("en", "No attack was reported in the region on Sunday.", "attack"),
    ("fr", "Aucune attaque n'a été signalée dans la région dimanche.", "attaque"),
])
def test_a_negated_trigger_is_dropped_and_the_negations_come_from_the_lexicon(
        language: str, text: str, word: str, tmp_path: Path) -> None:
    assert word not in [t for t, _ in _triggers(language, text)]
    assert word in [t for t, _ in _triggers(language, text, _without_frames(language, tmp_path))]


@pytest.mark.parametrize(("language", "text", "word"), [
    ("en", "The attack left the village empty.", "attack"),
    ("fr", "Cette embuscade a vidé le village.", "embuscade"),
])
def test_a_definite_trigger_refers_back_and_the_determiners_come_from_the_lexicon(
        language: str, text: str, word: str, tmp_path: Path) -> None:
    assert (word, True) in _triggers(language, text)
    assert (word, False) in _triggers(language, text, _without_frames(language, tmp_path))


@pytest.mark.parametrize(("language", "text", "word"), [
    ("en", "Another attack left the village empty.", "attack"),
    ("fr", "Une nouvelle embuscade a vidé le village.", "embuscade"),
])
def test_a_new_event_is_not_definite(language: str, text: str, word: str) -> None:
    assert (word, False) in _triggers(language, text)


def test_a_trigger_under_a_modal_is_hypothetical_by_the_lexicons_modals(tmp_path: Path) -> None:
    text = "Any attack on the base would be treated as an act of war."
    sent = next(iter(_parse("en", text).sents))
    lexicon = load_lexicon("en")
    triggers = find_triggers(sent, lexicon)
    assert triggers
    assert under_modal(sent, triggers, lexicon)
    assert not under_modal(sent, triggers, _without_frames("en", tmp_path))


def _role(language: str, text: str, lexicon: Lexicon) -> str:
    doc = _parse(language, text)
    sent = next(iter(doc.sents))
    expr: DateExpr = find_dates(text, lexicon, None)[0]
    triggers = find_triggers(sent, lexicon)
    strong = [t for t in triggers if not t.weak]  # as build_frame: the strong triggers, when there are any
    return date_role(doc, expr, strong or triggers, lexicon, sent)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Soldiers were killed near Djibo, the army said in a statement released on Monday."),
    ("fr", "Des soldats ont été tués près de Djibo, selon un communiqué publié lundi."),
])
def test_a_date_after_a_statement_dates_the_statement(language: str, text: str, tmp_path: Path) -> None:
    assert _role(language, text, load_lexicon(language)) == "speech"
    assert _role(language, text, _without_frames(language, tmp_path)) == "event"  # no statement words: the event's
