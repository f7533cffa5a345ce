"""The words geo reads, from data files: the ``geo`` section of every language's lexicon, and the geo data file.

Geo reads a place name without knowing the language of the text around it, so a ``geo.<name>`` section is
the union of that section in every ``data/lexicon/<lang>.yaml`` (a new language's file is picked up with no
change here). Names of places, peoples and persons are no words of a language: they are in
``data/geo/names.yaml`` and ``data/geo/countries.yaml`` (:func:`geo_data`). All are read once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

from eventcoder.lexicon import all_lexicons

__all__ = ["geo_data", "geo_digest", "geo_inverse", "geo_list", "geo_pairs", "geo_words", "word_alternation"]


@cache
def geo_words(name: str) -> frozenset[str]:
    """The words and phrases of ``geo.<name>`` in every language's lexicon, lower-cased."""
    return frozenset(w for lexicon in all_lexicons() for w in lexicon.words(f"geo.{name}"))


@cache
def geo_list(name: str) -> tuple[str, ...]:
    """The strings of ``geo.<name>`` as written, in order, every language's after the one before (for
    patterns where the order of alternatives matters, or case does)."""
    found: dict[str, None] = {}
    for lexicon in all_lexicons():
        for item in _strings(lexicon.section(f"geo.{name}")):
            found.setdefault(item, None)
    return tuple(found)


@cache
def geo_pairs(name: str) -> tuple[tuple[str, str], ...]:
    """The ``key: value`` pairs of the mapping ``geo.<name>`` as written (case kept), every language's in turn."""
    found: dict[str, str] = {}
    for lexicon in all_lexicons():
        section = lexicon.section(f"geo.{name}")
        for key, value in (section.items() if isinstance(section, dict) else ()):
            found.setdefault(str(key), str(value))
    return tuple(found.items())


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [item for sub in value.values() for item in _strings(sub)]
    if isinstance(value, list):
        return [item for sub in value for item in _strings(sub)]
    return [] if value is None else [str(value)]


@cache
def geo_inverse(name: str) -> dict[str, str]:
    """``{word: key}`` for the ``key: [words]`` table ``geo.<name>`` of every language (first language wins)."""
    found: dict[str, str] = {}
    for lexicon in all_lexicons():
        for word, key in lexicon.inverse(f"geo.{name}").items():
            found.setdefault(word, key)
    return found


def word_alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (escaped; a sequence keeps its order, a set goes longest first), or a
    pattern that matches nothing when there are none, so that an empty section degrades gracefully."""
    ordered = sorted(words, key=lambda w: (-len(w), w)) if isinstance(words, (set, frozenset)) else list(words)
    if not ordered:
        return r"(?!x)x"
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


@cache
def geo_data(name: str = "names") -> dict[str, Any]:
    """``data/geo/<name>.yaml``: the place, people and person names the geo rules use (``names``), the
    country tables (``countries``)."""
    text = resources.files("eventcoder.data").joinpath("geo", f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


def geo_digest() -> str:
    """The geo sections of every lexicon and the geo data file as one string (the gazetteer's data version
    hashes it: the builder reads them)."""
    return json.dumps([[lexicon.language, lexicon.section("geo")] for lexicon in all_lexicons()]
                      + [geo_data(), geo_data("countries")], sort_keys=True, ensure_ascii=False, default=str)
