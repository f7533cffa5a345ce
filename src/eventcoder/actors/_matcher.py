"""Whole-word phrase matching with Aho-Corasick over folded text, with offsets into the original.

A ``PhraseMatcher`` holds folded keys. Keys added from acronyms carry the case signatures they may
take ("JAS" matches "JAS", not "jas"); other keys match whatever the case. ``find`` returns the longest
non-overlapping whole-word matches, each with character offsets into the text as given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from eventcoder.actors._text import fold_with_offsets, signature

__all__ = ["Match", "PhraseMatcher"]


@dataclass(frozen=True, slots=True)
class Match:
    """A key found in a text: ``text[start:end]`` is the matched surface form."""

    start: int
    end: int
    key: str


class PhraseMatcher:
    """Aho-Corasick automaton over folded phrase keys."""

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._case_forms: dict[str, frozenset[str] | None] = {}
        self._built = False

    def add(self, key: str, case_forms: Iterable[str] | None = None) -> None:
        """Add a folded key; ``case_forms`` (acronym signatures) make it case-sensitive.

        A key added once without case forms stays case-insensitive.
        """
        if not key:
            return
        if key in self._case_forms:
            known = self._case_forms[key]
            merged = None if known is None or case_forms is None else known | frozenset(case_forms)
            self._case_forms[key] = merged
            return
        self._case_forms[key] = None if case_forms is None else frozenset(case_forms)
        self._automaton.add_word(key, key)
        self._built = False

    def __contains__(self, key: object) -> bool:
        return key in self._case_forms

    def __len__(self) -> int:
        return len(self._case_forms)

    def find(self, text: str) -> list[Match]:
        """Longest non-overlapping whole-word matches in ``text``, in text order."""
        if not self._case_forms:
            return []
        self._build()
        folded, origin = fold_with_offsets(text)
        found = [m for m in self._raw_matches(text, folded, origin) if m is not None]
        return _longest_first(found)

    def _build(self) -> None:
        if not self._built:
            self._automaton.make_automaton()
            self._built = True

    def _raw_matches(self, text: str, folded: str, origin: list[int]) -> Iterable[Match | None]:
        for last, key in self._automaton.iter(folded):
            first = last - len(key) + 1
            if not _is_whole_word(folded, first, last):
                yield None
                continue
            start, end = origin[first], origin[last] + 1
            forms = self._case_forms[key]
            if forms is not None and signature(text[start:end]) not in forms:
                yield None
                continue
            yield Match(start, end, key)


def _is_whole_word(folded: str, first: int, last: int) -> bool:
    """Whether ``folded[first:last + 1]`` is not part of a longer word."""
    before = folded[first - 1] if first > 0 else " "
    after = folded[last + 1] if last + 1 < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


def _longest_first(matches: list[Match]) -> list[Match]:
    """Keep the longest matches that do not overlap a longer (or earlier equal) one."""
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(match.end <= s or match.start >= e for s, e in taken):
            chosen.append(match)
            taken.append((match.start, match.end))
    return sorted(chosen, key=lambda m: m.start)
