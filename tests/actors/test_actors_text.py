"""Folding text for alias matching, with offsets back into the original."""

from __future__ import annotations

import pytest

from eventcoder import actors as actors_stage
from eventcoder.actors._text import (
    acronym_forms,
    alias_keys,
    fold,
    fold_with_offsets,
    is_acronym,
    number_variants,
    strip_determiners,
)


@pytest.mark.parametrize(("text", "folded"), [
    ("Jama’at Nusrat al-Islam", "jama at nusrat al islam"),
    ("État islamique", "etat islamique"),
    ("« GSIM »", "gsim"),
    ("Al-Qaïda", "al qaida"),
    ("Œuvres  sociales", "oeuvres sociales"),
    ("M5–RFP", "m5 rfp"),
    ("STRASSE", "strasse"),
    ("E\u0301tat", "etat"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_offsets_point_to_the_original_characters() -> None:
    text = "l'Œuvre  d’État"
    folded, origin = fold_with_offsets(text)
    assert folded == "l oeuvre d etat"
    assert len(origin) == len(folded)
    assert "".join(text[i] for i in origin) == "l'ŒŒuvre d’État"  # one source character per folded one
    assert origin[2] == origin[3] == 2  # "oe" both come from "Œ"
    assert text[origin[folded.index("etat")]] == "É"


def test_alias_keys_cover_apostrophes_and_the_article_al() -> None:
    assert alias_keys("Jama'at Nusrat") == ("jama at nusrat", "jamaat nusrat")
    assert "mourabitoune" in alias_keys("Al-Mourabitoune")
    assert alias_keys("al Qaeda") == ("al qaeda",)  # too short to drop "al"


def test_determiners_and_number() -> None:
    assert strip_determiners("the jnim.") == "jnim"
    assert strip_determiners("l eigs") == "eigs"
    assert strip_determiners("la") == "la"
    assert number_variants("dozo") == ["dozos"]
    assert number_variants("dozos") == ["dozo"]
    assert number_variants("dozos", singular=False) == []
    assert number_variants("group for support of islam") == []


def test_acronyms() -> None:
    assert is_acronym("JAS") and is_acronym("FAMa") and is_acronym("CSP-PSD") and is_acronym("M5-RFP")
    assert not is_acronym("Dozo") and not is_acronym("Boko Haram") and not is_acronym("A")
    assert acronym_forms("ISWAP") == {"ISWAP", "Iswap"}
    assert acronym_forms("JAS") == {"JAS"}
    assert acronym_forms("FAMa") == {"FAMa", "FAMA"}


def test_stage_exports() -> None:
    assert sorted(actors_stage.__all__) == actors_stage.__all__
    for name in actors_stage.__all__:
        assert getattr(actors_stage, name) is not None
