"""Counts in words and digits, ACLED's vague quantities and ranges."""

from __future__ import annotations

import pytest

from eventcoder.extract._numbers import find_numbers
from eventcoder.lexicon import load_lexicon


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from eventcoder.nlp import NlpPipelines

    return NlpPipelines()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Eleven soldiers and twenty-two others were killed.", "en", [(11, 11, 11), (22, 22, 22)]),
        ("They put the dead at between twelve and 15.", "en", [(12, 12, 15)]),
        ("Several people and dozens of villagers died.", "en", [(3, 3, 3), (12, 12, 12)]),
        ("More than 1,200 people fled.", "en", [(1200, 1200, 1200)]),
        ("quatre-vingt-dix-huit soldats et trente et une femmes", "fr", [(98, 98, 98), (31, 31, 31)]),
        ("une vingtaine de morts et plusieurs dizaines de blessés", "fr", [(20, 20, 20), (12, 12, 12)]),
        ("de 15 kilomètres en 2021", "fr", []),
    ],
)
def test_numbers(nlp, text: str, language: str, expected: list[tuple[int, int, int]]) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.parse(text, language)
    found = find_numbers(doc[:], load_lexicon(language))
    assert [(n.value, n.low, n.high) for n in found] == expected


@pytest.mark.slow
def test_qualifiers(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.parse("at least 40 civilians and about thirty soldiers", "en")
    found = find_numbers(doc[:], load_lexicon("en"))
    assert [n.qualifier for n in found] == ["at least", "about"]


def test_ages_are_not_counts(pipeline) -> None:  # type: ignore[no-untyped-def]
    from eventcoder.extract._numbers import find_numbers
    from eventcoder.lexicon import load_lexicon

    for text, language in [("22 children aged between 5 and 17 were among those killed.", "en"),
                           ("Douze élèves âgés de 12 à 15 ans ont été enlevés.", "fr")]:
        doc = pipeline.nlp.parse(text, language)
        values = [n.value for n in find_numbers(next(iter(doc.sents)), load_lexicon(language))]
        assert values in ([22], [12]), (text, values)
