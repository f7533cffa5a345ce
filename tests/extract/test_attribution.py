"""Negated claims and confirmations read from the parse, in wordings the lexicon does not list."""

from __future__ import annotations

import pytest

from eventcoder.extract import load_lexicon
from eventcoder.extract._negation import negated_word
from eventcoder.ingest import report_from_text

pytestmark = pytest.mark.slow

NOT_CLAIMED = [
    ("en", "No armed group has claimed the massacre so far."),
    ("en", "The ambush has still not been claimed."),
    ("en", "Nobody has taken responsibility for the killings."),
    ("fr", "Aucun groupe armé n'a pour l'heure revendiqué le massacre."),
    ("fr", "L'embuscade n'a toujours pas été revendiquée."),
    ("fr", "Aucune revendication n'a été publiée."),
]
NOT_CONFIRMED = [
    ("en", "The defence ministry did not confirm the toll."),
    ("en", "The figures could not be verified by reporters."),
    ("en", "The army never confirmed the attack."),
    ("fr", "L'état-major n'a pas confirmé ce bilan."),
    ("fr", "Ces chiffres n'ont pu être vérifiés."),
    ("fr", "Une information non confirmée par l'armée."),
]
NEITHER = [
    ("en", "The army confirmed that ten soldiers died."),
    ("en", "The toll was not known, but JNIM claimed the attack."),
    ("fr", "L'armée a confirmé la mort de dix soldats."),
    ("fr", "Le bilan n'est pas connu, mais le JNIM a revendiqué l'attaque."),
    ("fr", "Les vols non coordonnés observés dans la zone confirment un appui extérieur."),
    ("en", "None of the fighters in the claim were named."),
]


def _flags(pipeline, language: str, text: str) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    lexicon = load_lexicon(language)
    sent = pipeline.nlp.parse(text, language)[:]
    return (negated_word(sent, lexicon.claim_words, lexicon.negators, lexicon.clause_negators),
            negated_word(sent, lexicon.confirm_words, lexicon.negators, lexicon.clause_negators))


@pytest.mark.parametrize(("language", "text"), NOT_CLAIMED)
def test_a_negated_claim_is_read_from_the_parse(pipeline, language: str, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _flags(pipeline, language, text) == (True, False)


@pytest.mark.parametrize(("language", "text"), NOT_CONFIRMED)
def test_a_negated_confirmation_is_read_from_the_parse(pipeline, language: str, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _flags(pipeline, language, text) == (False, True)


@pytest.mark.parametrize(("language", "text"), NEITHER)
def test_a_negation_elsewhere_in_the_sentence_negates_nothing(pipeline, language: str, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _flags(pipeline, language, text) == (False, False)


def test_an_unclaimed_attack_has_no_claimant_and_a_denied_confirmation_keeps_it_claimed(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Des hommes armés ont tué sept civils mercredi à Kassela, dans la région de Ségou. "
            "Aucun groupe armé n'a pour l'heure revendiqué la tuerie.")
    (event,) = [e.to_dict() for e in pipeline.extract_report(report_from_text(text, published="2024-03-15"))]
    assert event["claimed_by"] is None and event["status"] != "claimed"
    text = ("Le JNIM a revendiqué jeudi l'attaque de mardi contre un poste de l'armée à Boni, affirmant avoir "
            "tué neuf soldats. L'état-major ne l'a jamais confirmée.")
    (event,) = [e.to_dict() for e in pipeline.extract_report(report_from_text(text, published="2024-03-15"))]
    assert event["status"] == "claimed"
    assert event["claimed_by"] == "JNIM: Group for Support of Islam and Muslims"


@pytest.mark.parametrize(("text", "cue"), [
    ("Deux frappes aériennes ont visé un campement au nord de Ménaka.", "airstrike"),
    ("Des voitures piégées ont explosé devant le camp.", "suicide"),
    ("Les gendarmes sont tombées dans une embuscade près de Sebba.", "ambush"),
    ("Des engins explosifs improvisés ont été posés sur la route.", "ied"),
    ("Des affrontements ont opposé des chasseurs dozos aux assaillants.", "clash"),
])
def test_one_french_trigger_entry_finds_every_inflection(pipeline, text: str, cue: str) -> None:  # type: ignore[no-untyped-def]
    from eventcoder.extract._triggers import find_triggers

    lexicon = load_lexicon("fr")
    assert cue in {t.cue for t in find_triggers(pipeline.nlp.parse(text, "fr")[:], lexicon)}


def test_inflection_endings_are_stripped_only_from_long_enough_words() -> None:
    lexicon = load_lexicon("fr")
    assert lexicon.stem("aériennes") == lexicon.stem("aérienne") == "aérienn"
    assert lexicon.stem("piégées") == lexicon.stem("piégé") == "piégé"
    assert lexicon.stem("mines") == "mine" and lexicon.stem("mise") == "mise"
    assert load_lexicon("en").stem("mines") == "mines"  # English lemmas already do this
