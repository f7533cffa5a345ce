"""Triggers read on the parse from parts the lexicon lists (extract/_compounds.py): a weapon or attack head
with a sub-type modifier, and a verb with its object, in words and inflections no list spells out whole.

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from eventcoder.extract._triggers import find_triggers
from eventcoder.ingest import report_from_text
from eventcoder.lexicon import load_lexicon
from eventcoder.nlp._pipelines import load_language

pytestmark = pytest.mark.slow


def triggers(language: str, text: str) -> list[tuple[str, str, bool]]:
    nlp, lexicon = load_language(language), load_lexicon(language)
    return [(t.text, t.cue, t.weak) for sent in nlp(text).sents for t in find_triggers(sent, lexicon)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [("en", "A lorry ran into a roadside bomb outside the village.", ("roadside bomb", "ied")),
     ("en", "Two car bombs went off beside the barracks gate.", ("car bombs", "suicide")),
     ("en", "Jets launched several air strikes on the hideout.", ("air strikes", "airstrike")),
     ("en", "The rebels lobbed mortar rounds into the camp overnight.", ("mortar rounds", "shelling")),
     ("fr", "Deux frappes aériennes ont détruit le dépôt des insurgés.", ("frappes aériennes", "airstrike")),
     ("fr", "Une voiture piégée a explosé devant le commissariat.", ("voiture piégée", "suicide")),
     ("fr", "Des frappes de drone ont touché un convoi de motos.", ("frappes de drone", "airstrike")),
     ("fr", "Le camp a essuyé des tirs de mortier pendant la nuit.", ("essuyé des tirs de mortier", "shelling"))],
)
def test_a_head_and_its_modifier_make_one_trigger_with_the_modifiers_sub_type(
        language: str, text: str, expected: tuple[str, str]) -> None:
    found = triggers(language, text)
    assert (*expected, False) in found, found


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [("en", "Gunmen opened sustained fire on the worshippers.", ("opened sustained fire", "attack")),
     ("en", "The raiders then set fire to the granaries.", ("set fire", "loot")),
     ("fr", "Les assaillants ont ouvert le feu sur la foule.", ("ouvert le feu", "attack")),
     ("fr", "Des hommes armés avaient fait irruption dans la salle de classe.", ("fait irruption", "attack")),
     ("fr", "Ils ont ensuite mis le feu aux greniers.", ("mis le feu", "loot"))],
)
def test_a_verb_and_its_object_make_one_trigger_whatever_comes_between(
        language: str, text: str, expected: tuple[str, str]) -> None:
    found = triggers(language, text)
    assert (*expected, False) in found, found


def test_a_modifier_without_a_weapon_head_is_no_trigger() -> None:
    assert triggers("en", "The roadside market reopened and the car park was full.") == []
    assert triggers("fr", "Le trafic aérien a repris et les voitures circulent.") == []


def test_a_verb_with_another_object_is_no_trigger() -> None:
    assert triggers("en", "The shop opened its doors at dawn.") == []
    assert triggers("fr", "Le maire a ouvert la séance du conseil.") == []


def test_a_compound_trigger_sets_the_sub_event_type(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Three soldiers were killed on Tuesday when their patrol vehicle struck a homemade bomb near Dori, "
            "the army said.")
    (event,) = [e.to_dict() for e in pipeline.extract_report(report_from_text(text, published="2024-03-15"))]
    assert event["sub_event_type"] == "Remote explosive/landmine/IED"
