"""Name normalisation shared by the gazetteer builder, the lookups and the span finder.

Two forms of a name:

- the *token form* (``token_form``): lower case, accents stripped, every run of characters that are not
  letters or digits folded to one space ("Tin-Akoff" -> "tin akoff", "N'Goutjina" -> "n goutjina");
- the *key* (``name_key``): the token form without spaces ("tinakoff", "ngoutjina"), so that
  "N'Goutjina", "NGoutjina" and "N Goutjina" share one key.

``normalize_with_offsets`` gives the token form of a whole text with a map from each output character to
the input character it came from, so that matches found in the normalised text point back into the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from eventcoder.geo._words import geo_data, geo_inverse, geo_list, word_alternation

__all__ = ["name_key", "name_variants", "normalize_with_offsets", "strip_admin_words",
           "token_form"]

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES_HYPHENS = re.compile(r"['’‘`´ʼʻ\-]")

_FOLD_CACHE: dict[str, str] = {}


@cache
def _letter_folds() -> dict[int, str]:
    """Letters that NFKD does not decompose into a base letter + accent ("ø", "ß", "ɛ"), from the geo data file."""
    return str.maketrans(geo_data().get("letter_folds") or {})


@lru_cache(maxsize=1 << 19)
def _fold(text: str) -> str:
    """Lower case, accents removed, every character that is not a-z/0-9 replaced by a space."""
    if text.isascii():
        return _NON_WORD.sub(" ", text.lower())
    s = unicodedata.normalize("NFKD", text.translate(_letter_folds())).lower()
    return _NON_WORD.sub(" ", _COMBINING.sub("", s))


def _fold_char(ch: str) -> str:
    """One character folded as ``_fold`` does ("" for a lone combining accent)."""
    cached = _FOLD_CACHE.get(ch)
    if cached is None:
        cached = "" if _COMBINING.match(ch) else _fold(ch)
        _FOLD_CACHE[ch] = cached
    return cached


def token_form(text: str) -> str:
    """Lower case, no accents, one space between words: ``"Ségou-Région"`` -> ``"segou region"``."""
    return " ".join(_fold(text).split())


def name_key(text: str) -> str:
    """The lookup key of a name: its token form without spaces (``"N'Goutjina"`` -> ``"ngoutjina"``)."""
    return _fold(text).replace(" ", "")


def name_variants(name: str) -> set[str]:
    """Token forms under which a name is recognised in running text.

    "N'Goutjina" gives {"n goutjina", "ngoutjina"}; "Tin-Akoff" gives {"tin akoff", "tinakoff"}; a
    name joined by an apostrophe is also written without it ("NGoutjina").
    """
    base = token_form(name)
    if not base:
        return set()
    out = {base}
    if _APOSTROPHES_HYPHENS.search(name):
        # apostrophes and hyphens are often dropped: the joined form is a variant too
        joined = token_form(_APOSTROPHES_HYPHENS.sub("", name))
        if joined:
            out.add(joined)
    return out


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Token form of ``text`` and, for each of its characters, the index of the source character.

    Runs of separators collapse to one space; the result has no leading space. ``offsets`` has one more
    entry than the normalised text (``len(text)``), so that a match ``[s, e)`` maps to
    ``[offsets[s], offsets[e - 1] + 1)``.
    """
    out: list[str] = []
    offsets: list[int] = []
    last_space = True
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        for c in folded:
            if c == " ":
                if last_space:
                    continue
                last_space = True
            else:
                last_space = False
            out.append(c)
            offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


@cache
def _admin_prefix() -> re.Pattern[str]:
    """An admin unit's kind before its name: "la région de ", "province du ", "the district of "."""
    return re.compile(
        "^(?:" + word_alternation(geo_list("admin_articles")) + " )?(?:(?:" + word_alternation(
            geo_list("admin_qualifiers")) + " )?" + word_alternation(geo_list("admin_unit_words") + geo_list(
                "area_unit_words")) + "s?)(?: " + word_alternation(geo_list("admin_connectors")) + ")? ")


@cache
def _admin_suffix() -> re.Pattern[str]:
    """An admin unit's kind after its name: " cercle", " region"."""
    return re.compile(" (?:(?:" + word_alternation(geo_list("admin_qualifiers")) + " )?" + word_alternation(
        geo_list("admin_unit_words")) + ")s?$")


def strip_admin_words(text: str) -> tuple[str, str | None]:
    """Split "province du Soum" / "Niono cercle" into the unit's name and its level word.

    Returns (token form of the name, level) where level is "admin1"/"admin2"/"admin3" or None when the
    phrase names no admin kind.
    """
    tf = token_form(text)
    level = None
    m = _admin_prefix().match(tf)
    if m:
        word = m.group(0).split()
        level = _level_of(word)
        tf = tf[m.end():]
    else:
        m = _admin_suffix().search(tf)
        if m:
            level = _level_of(m.group(0).split())
            tf = tf[: m.start()]
    return tf.strip(), level


def _level_of(words: list[str]) -> str | None:
    """The level the kind words name (``geo.admin_levels``: "cercle" -> admin2, "zone" -> area); a kind of
    several words ("local government") names it when all its words are there."""
    levels = geo_inverse("admin_levels")
    for w in words:
        w2 = w[:-1] if w.endswith("s") and w[:-1] in levels else w
        if w2 in levels:
            return levels[w2]
    for kind, level in levels.items():
        if " " in kind and all(part in words for part in kind.split()):
            return level
    return None
