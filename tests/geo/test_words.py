"""Geo's words come from every language's lexicon file: a third language is read with no change to the code,
and a language whose file has no ``geo`` section leaves the rules that need words empty, not broken."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventcoder.geo import _geodesy, _geoparse, _normalize, _spans, _stopwords, _words
from eventcoder.geo._geodesy import parse_bearing
from eventcoder.geo._normalize import strip_admin_words
from eventcoder.geo._stopwords import is_stopword
from eventcoder.lexicon import load_lexicon, read_lexicon

_SPANISH = """\
language: es
triggers: {kill: [matar]}
groups: {}
geo:
  bearings: {0: [norte], 90: [este], 180: [sur], 270: [oeste]}
  bearing_fillers: [al, del, de, km]
  admin_levels: {admin1: [departamento], admin3: [municipio]}
  admin_unit_words: [departamento, municipio]
  admin_connectors: [de, del]
  stopwords: {function_words: [pero, donde]}
"""

_CACHES = (_words.geo_words, _words.geo_inverse, _words.geo_list, _words.geo_pairs,
           _geodesy._bearing_words, _geodesy._degrees, _normalize._admin_prefix, _normalize._admin_suffix,
           _stopwords._stopwords, _spans._keys, _spans._place_cue, _geoparse._generic_after,
           _geoparse._generic_before)


def _use_lexicons(monkeypatch: pytest.MonkeyPatch, lexicons: tuple) -> None:
    monkeypatch.setattr(_words, "all_lexicons", lambda: lexicons)
    for cached in _CACHES:
        cached.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    yield
    for cached in _CACHES:
        cached.cache_clear()


def test_a_third_language_file_adds_its_words(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "es.yaml"
    path.write_text(_SPANISH, "utf-8")
    assert parse_bearing("al norte de") is None  # not a word of English or French
    _use_lexicons(monkeypatch, (load_lexicon("en"), load_lexicon("fr"), read_lexicon(path)))
    assert parse_bearing("al norte de") == 0.0
    assert parse_bearing("oeste") == 270.0
    assert parse_bearing("north-east") == 45.0  # the other languages' words still count
    assert strip_admin_words("departamento del Cauca") == ("cauca", "admin1")
    assert strip_admin_words("municipio de Tame") == ("tame", "admin3")
    assert is_stopword("donde")


def test_a_language_without_a_geo_section_degrades_gracefully(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\ntriggers: {kill: [kill]}\ngroups: {}\n", "utf-8")
    _use_lexicons(monkeypatch, (read_lexicon(path),))
    assert parse_bearing("north") is None
    assert parse_bearing("45") == 45.0  # digits are structure, not words
    assert strip_admin_words("province du Soum") == ("province du soum", None)
    assert not is_stopword("the")
    assert _geoparse._with_generic_word("Dallas County", 0, 6, "GPE", "dallas") == (0, 6, "GPE", "dallas")


def test_the_gazetteer_data_version_follows_the_geo_words(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The builder reads stopwords and name rules from the lexicons: a change there rebuilds the cached
    default gazetteer."""
    from eventcoder.geo._build import data_version

    before = data_version()
    path = tmp_path / "es.yaml"
    path.write_text(_SPANISH, "utf-8")
    _use_lexicons(monkeypatch, (load_lexicon("en"), load_lexicon("fr"), read_lexicon(path)))
    assert data_version() != before
