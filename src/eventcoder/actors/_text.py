"""Text folding for alias matching: case, accents, apostrophes, quotes and hyphens.

``fold("Jama’at Nusrat al-Islam")`` gives ``"jama at nusrat al islam"``: lower case, no accents, apostrophes,
quotes and dashes turned into spaces, runs of spaces collapsed. ``fold_with_offsets`` does the same and
keeps, for each folded character, the index of the original character it came from, so that a match in
the folded text maps back to exact offsets in the report.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = [
    "acronym_forms",
    "alias_keys",
    "fold",
    "fold_with_offsets",
    "is_acronym",
    "number_variants",
    "signature",
    "strip_determiners",
]

_APOSTROPHES = frozenset("'’‘`´ʼʹ′")
_QUOTES = frozenset('"“”«»„‟‹›')
_DASHES = frozenset("-‐‑‒–—―−")
_SPECIAL = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d", "ł": "l", "Ł": "l"}
_DETERMINERS = ("the ", "a ", "an ", "le ", "la ", "les ", "l ", "des ", "du ", "de la ", "de ", "d ")
_TRAILING = " .,;:!?"


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """The folded form of one character (may be empty or several characters)."""
    if char in _APOSTROPHES or char in _QUOTES or char in _DASHES:
        return " "
    if char in _SPECIAL:
        return _SPECIAL[char]
    decomposed = unicodedata.normalize("NFKD", char)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " " if folded.isspace() else folded


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return the folded text with the original index of each folded character."""
    out: list[str] = []
    origin: list[int] = []
    last_space = False
    for index, char in enumerate(text):
        for folded in _fold_char(char):
            if folded == " ":
                if last_space:
                    continue
                last_space = True
            else:
                last_space = False
            out.append(folded)
            origin.append(index)
    return "".join(out), origin


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold ``text`` for comparison: case, accents, apostrophes, quotes, dashes and spaces."""
    return fold_with_offsets(text)[0].strip()


def strip_determiners(key: str) -> str:
    """Drop a leading article ("the", "les", "l'") and trailing punctuation from a folded phrase."""
    key = key.strip(_TRAILING)
    for determiner in _DETERMINERS:
        if key.startswith(determiner) and len(key) > len(determiner) + 2:
            return key[len(determiner):]
    return key


@lru_cache(maxsize=65536)
def alias_keys(alias: str) -> tuple[str, ...]:
    """Folded keys an alias is matched under: as written, apostrophes dropped, leading "al" dropped."""
    keys = [fold(alias)]
    without_apostrophes = fold("".join(c for c in alias if c not in _APOSTROPHES))
    keys.append(without_apostrophes)
    for key in list(keys):
        if key.startswith("al ") and len(key) >= 9:
            keys.append(key[3:])
    return tuple(dict.fromkeys(k for k in keys if k))


def number_variants(key: str, *, singular: bool = True) -> list[str]:
    """Plural (and, with ``singular``, singular) forms of a short folded phrase ("dozo" <-> "dozos");
    empty for phrases of more than two words."""
    words = key.split(" ")
    last = words[-1]
    if len(words) > 2 or not last.isalpha() or len(last) < 3:
        return []
    if last.endswith("s"):
        return [key[:-1]] if singular and len(last) > 4 and not last.endswith("ss") else []
    return [key + "s"]


@lru_cache(maxsize=65536)
def is_acronym(alias: str) -> bool:
    """Whether an alias is an acronym matched case-sensitively ("JAS", "FAMa", "CSP-PSD", "M5-RFP")."""
    if any(c.isspace() for c in alias):
        return False
    letters = [c for c in alias if c.isalpha()]
    if len(letters) < 2:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= 0.6


def signature(text: str) -> str:
    """Letters and digits of ``text`` without accents, case kept: how an acronym's case is compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def acronym_forms(alias: str) -> frozenset[str]:
    """Signatures an acronym may take in text: as written, all capitals, and Title case when it has
    four letters or more and is written in capitals ("ISWAP" -> "Iswap", "MINUSMA" -> "Minusma")."""
    written = signature(alias)
    forms = {written, written.upper()}
    if written.isupper() and sum(c.isalpha() for c in written) >= 4:
        forms.add(written.capitalize())
    return frozenset(forms)
