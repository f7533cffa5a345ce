"""Words that are also place names somewhere but almost never mean a place in news text.

Keys are ``name_key`` forms (lower case, no accents, no spaces). The span finder never reports these as
single-word places; multi-word names that contain them ("Port Said") are unaffected.

The words are the ``geo.stopwords`` and ``geo.titles`` sections of every language's lexicon; the family and
given names are in ``data/geo/names.yaml``.
"""

from __future__ import annotations

from functools import cache

from eventcoder.geo._normalize import name_key
from eventcoder.geo._words import geo_data, geo_words

__all__ = ["given_names", "is_stopword", "surnames", "titles"]


def _keys(words: frozenset[str] | list[str]) -> frozenset[str]:
    return frozenset(name_key(w) for w in words)


@cache
def _stopwords() -> frozenset[str]:
    return _keys(geo_words("stopwords"))


@cache
def titles() -> frozenset[str]:
    """Titles and name particles before a person's name ("colonel", "Mme", "ould"), as name keys."""
    return _keys(geo_words("titles"))


@cache
def surnames() -> frozenset[str]:
    """Frequent West African and Sahelian family and given names: a single word that is also a village name
    is read as a person unless a locative word comes before it ("in Traore")."""
    return _keys(geo_data().get("surnames") or [])


@cache
def given_names() -> frozenset[str]:
    """Common given names (English, French, Spanish): a capitalised word right after one is a surname ("Brian
    Evans", "Tim Whitley"), and the given name itself is no place there ("Julia Peters"); both are then that
    person all through the text. Places named like people ("Victoria", "Florence") still count on their own."""
    return _keys(geo_data().get("given_names") or [])


def is_stopword(key: str) -> bool:
    """True when ``key`` (a ``name_key``) is a common word that is never reported as a place on its own."""
    return key in _stopwords()
