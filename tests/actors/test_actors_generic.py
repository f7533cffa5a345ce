"""Generic actor nouns and their kinds."""

from __future__ import annotations

import pytest

from eventcoder.actors import GenericVocabulary, generic_kind


@pytest.mark.parametrize(("text", "language", "kind"), [
    ("soldiers", "en", "military"),
    ("Burkinabe troops", "en", "military"),
    ("les militaires", "fr", "military"),
    ("les FDS", "fr", "military"),
    ("forces de défense et de sécurité", "fr", "military"),
    ("gendarmes", "en", "gendarmerie"),
    ("élèves gendarmes", "fr", "gendarmerie"),
    ("riot police", "en", "police"),
    ("policiers", "fr", "police"),
    ("the junta", "en", "government"),
    ("villagers", "en", "civilians"),
    ("worshippers", "en", "civilians"),
    ("des orpailleurs", "fr", "civilians"),
    ("les fidèles", "fr", "civilians"),
    ("gunmen", "en", "unidentified"),
    ("suspected jihadists", "en", "unidentified"),
    ("des hommes armés non identifiés", "fr", "unidentified"),
    ("HANI", "fr", "unidentified"),
    ("des individus armés", "fr", "unidentified"),
    ("terroristes", "fr", "unidentified"),
    ("civilian auxiliaries", "en", "militia_vdp"),
    ("supplétifs civils", "fr", "militia_vdp"),
    ("self-defence militia", "en", "communal_militia"),
    ("protesters", "en", "protesters"),
    ("manifestants", "fr", "protesters"),
    ("an angry mob", "en", "rioters"),
    ("displaced people", "en", "refugees_idps"),
    ("humanitaires", "fr", "aid_workers"),
])
def test_kinds(text: str, language: str, kind: str) -> None:
    assert generic_kind(text, language) == kind


def test_longest_phrase_decides() -> None:
    assert generic_kind("men in military uniform", "en") == "unidentified"
    assert generic_kind("civilian auxiliaries of the army", "en") == "militia_vdp"
    assert generic_kind("suicide bomber", "en") == "unidentified"


def test_plurals_are_matched_but_adjectives_are_not() -> None:
    assert generic_kind("two civilians", "en") == "civilians"
    assert generic_kind("one civilian", "en") == "civilians"
    assert generic_kind("local", "en") is None  # "locals" is a noun, "local" is not
    assert generic_kind("humanitarian agencies", "en") is None


def test_no_kind_for_other_words() -> None:
    assert generic_kind("Tuesday's statement", "en") is None
    assert generic_kind("", "fr") is None
    assert generic_kind("jas", "en") is None
    assert generic_kind("hani", "fr") is None  # the acronym needs its capitals


def test_language_restricts_the_vocabulary(vocabulary: GenericVocabulary) -> None:
    assert vocabulary.kind("soldats", "en") is None
    assert vocabulary.kind("soldats", "fr") == "military"
    assert vocabulary.kind("soldats") == "military"


def test_spans_give_offsets_and_kinds(vocabulary: GenericVocabulary) -> None:
    text = "Gunmen killed 12 villagers and two soldiers."
    assert vocabulary.spans(text, "en") == [(0, 6, "unidentified"), (17, 26, "civilians"), (35, 43, "military")]


def test_words_are_exported_per_kind(vocabulary: GenericVocabulary) -> None:
    assert "gunmen" in vocabulary.words("unidentified", "en")
    assert "hommes armés" in vocabulary.words("unidentified", "fr")
    assert "villageois" in vocabulary.words("civilians")
    assert "villageois" not in vocabulary.words("civilians", "en")
