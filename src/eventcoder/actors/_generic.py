"""Generic actor nouns ("soldiers", "gunmen", "villageois") and the kind of actor they denote.

The vocabulary is data (data/actors_generic.yaml). ``generic_kind("suspected jihadists", "en")`` is
``"unidentified"``; the resolver turns a kind, a country and a date into a dictionary entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventcoder.actors._matcher import Match, PhraseMatcher
from eventcoder.actors._text import acronym_forms, alias_keys, is_acronym, number_variants
from eventcoder.errors import ConfigError

__all__ = ["KINDS", "GenericVocabulary", "generic_kind"]

KINDS = (
    "military", "police", "gendarmerie", "government", "civilians", "unidentified", "militia_vdp",
    "communal_militia", "protesters", "rioters", "women", "refugees_idps", "journalists", "aid_workers",
    "health_workers", "teachers", "students", "christians", "farmers", "labor_group",
)


class GenericVocabulary:
    """Words per actor kind and language, matched as whole words in folded text."""

    def __init__(self, kinds: Mapping[str, Mapping[str, Sequence[str]]], version: str = "") -> None:
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ConfigError(f"generic actor vocabulary: unknown kinds {sorted(unknown)}")
        self.version = version
        self._words = {kind: {lang: tuple(words) for lang, words in by_lang.items()}
                       for kind, by_lang in kinds.items()}
        self._languages = tuple(dict.fromkeys(lang for by_lang in kinds.values() for lang in by_lang))
        self._matchers: dict[tuple[str, ...], tuple[PhraseMatcher, dict[str, str]]] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> GenericVocabulary:
        """The packaged vocabulary (cached), or the one at ``path``.

        Raises:
            ConfigError: [E900] the file is missing or malformed.
        """
        if path is None:
            return _default_vocabulary()
        return cls.from_file(Path(path))

    @classmethod
    def from_file(cls, path: Path) -> GenericVocabulary:
        """Read a vocabulary YAML file (``kinds: {kind: {language: [words]}}``)."""
        try:
            raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
            return cls(raw["kinds"], str(raw.get("version", "")))
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            raise ConfigError(f"cannot read generic actor vocabulary {path}: {exc!r}") from exc

    def words(self, kind: str, language: str | None = None) -> tuple[str, ...]:
        """The words of a kind, in one language or all."""
        by_lang = self._words.get(kind, {})
        languages = (language,) if language else tuple(by_lang)
        return tuple(word for lang in languages for word in by_lang.get(lang, ()))

    def spans(self, text: str, language: str | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, kind)`` of every generic actor phrase in ``text`` (longest matches)."""
        matcher, kinds = self._matcher(language)
        return [(m.start, m.end, kinds[m.key]) for m in matcher.find(text)]

    def kind(self, text: str, language: str | None = None) -> str | None:
        """The kind of the longest generic phrase in ``text`` (the first of equal length), or ``None``."""
        matcher, kinds = self._matcher(language)
        matches = matcher.find(text)
        if not matches:
            return None
        best = max(matches, key=_length_then_first)
        return kinds[best.key]

    def _matcher(self, language: str | None) -> tuple[PhraseMatcher, dict[str, str]]:
        languages = (language,) if language else self._languages
        if languages not in self._matchers:
            self._matchers[languages] = self._build(languages)
        return self._matchers[languages]

    def _build(self, languages: tuple[str, ...]) -> tuple[PhraseMatcher, dict[str, str]]:
        matcher = PhraseMatcher()
        kinds: dict[str, str] = {}
        variants: list[tuple[str, str]] = []
        for kind, by_lang in self._words.items():
            for lang in languages:
                for word in by_lang.get(lang, ()):
                    keys = alias_keys(word)
                    acronym = is_acronym(word)
                    for key in keys:
                        kinds.setdefault(key, kind)
                        matcher.add(key, acronym_forms(word) if acronym else None)
                    if not acronym:
                        variants.extend((v, kind) for v in number_variants(keys[0], singular=False))
        for key, kind in variants:
            if key not in kinds:
                kinds[key] = kind
                matcher.add(key)
        return matcher, kinds


def _length_then_first(match: Match) -> tuple[int, int]:
    return (match.end - match.start, -match.start)


@lru_cache(maxsize=1)
def _default_vocabulary() -> GenericVocabulary:
    path = resources.files("eventcoder") / "data" / "actors_generic.yaml"
    with resources.as_file(path) as real:
        return GenericVocabulary.from_file(Path(real))


def generic_kind(text: str, language: str | None = None) -> str | None:
    """The kind of actor a generic phrase denotes, from the packaged vocabulary.

    One of ``military``, ``police``, ``gendarmerie``, ``government``, ``civilians``, ``unidentified``,
    ``militia_vdp``, ``communal_militia``, ``protesters``, ``rioters`` or a victim group (``women``,
    ``refugees_idps``, ``journalists``, ``aid_workers``, ...); ``None`` when no generic word is found.

    >>> generic_kind("des hommes armés non identifiés", "fr")
    'unidentified'
    """
    return _default_vocabulary().kind(text, language)
