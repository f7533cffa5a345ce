"""Toponym recognition: Aho-Corasick over the normalised text, then filters against false hits.

Every gazetteer name (in its token forms, see ``name_variants``) is a pattern. A match counts when it is
whole words, capitalised in the text, and survives these filters:

- single common words ("Said", "Tuesday", "Army") never count (``_stopwords``); neither does a single
  word that the same text also writes in lower case ("Security ... security");
- abbreviations ("US", "DRC") only count in capitals, and capitals-only words of 4 letters or fewer only
  when the gazetteer has them as abbreviations ("NARA" is not Nara);
- names after a title or inside a person's name ("Colonel Assimi Goita", "Amadou Koufa", "Iyad Ag Ghaly")
  and inside an organisation's name ("Katiba Macina", "Islamic State Sahel Province") do not count,
  unless the place is a country;
- small places (importance below 3) next to another capitalised word that is not a place and not a
  sentence start do not count (a surname that is also a village).

Countries used as adjectives ("the Mali army", "Niger troops") stay countries. Demonyms ("Malian") are
not toponyms and are not reported (``country_info`` handles them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import pairwise
from typing import Any

import ahocorasick

from eventcoder.geo._normalize import name_key, normalize_with_offsets
from eventcoder.geo._stopwords import given_names, is_stopword, surnames, titles
from eventcoder.geo._words import geo_data, geo_list, geo_words, word_alternation

__all__ = ["SpanFinder"]


_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


@cache
def _keys(name: str) -> frozenset[str]:
    """The words of the lexicons' ``geo.<name>`` as name keys."""
    return frozenset(name_key(w) for w in geo_words(name))


@cache
def _name_particles() -> frozenset[str]:
    """Person-name particles ("Ag Ghaly", "Ould Sidi"), as name keys."""
    return frozenset(name_key(w) for w in geo_data().get("name_particles") or ())


@cache
def _river_names() -> frozenset[str]:
    """Names of a country and a river both ("Niger"): the river (LOC) in a river context."""
    return frozenset(name_key(w) for w in geo_data().get("river_names") or ())


# The lexicons' word lists the span finder reads (``geo.<name>``), as name keys unless said:
# generic_words: capitalised words that may precede or follow a place name without making it part of a
#   person's or an organisation's name; org_words: words that make a capitalised run an organisation's name
#   (org_lower_words: the same in lower case); disease_words (as written): words after a place that make it
#   the name of a disease or a virus strain ("Marburg virus", "Reston ebolavirus"); speech_verbs; connectors
#   (as written); dotted_titles: titles written with a full stop before a name ("Dr. Moll", "Mr. Kemp"; "St."
#   starts place names); locative (as written): words before a place; not_person_titles: titles that also
#   start place or organisation names ("Saint-Louis", "Ag", "Al", "President Hotel").

# A rejected match's reason is a key (``find(explain=True)`` lists them: "after_title", "common_word" ...).
# The reasons that say a word is (part of) a person's name: the same word elsewhere in the text is that person
_PERSON_REASONS = frozenset(["after_title", "after_name_particle",
                             "after_capitalised_word",
                             "before_capitalised_word",
                             "before_speech_verb", "two_names_in_a_row"])

_DOTTED_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]")

_LOWER_AREA_OK = 2  # pattern flag: a lower-case area phrase ("tri-border area") counts


class SpanFinder:
    """Finds gazetteer names in text; built once per gazetteer from its ``patterns`` rows."""

    def __init__(self, rows: Iterable[tuple[str, str, str, int, int]]) -> None:
        self._auto = ahocorasick.Automaton()
        n = 0
        for token, key, label, importance, flags in rows:
            if token:
                self._auto.add_word(token, (len(token), key, label, int(importance), int(flags)))
                n += 1
        if n:
            self._auto.make_automaton()
        self.size = n

    def find(self, text: str, explain: bool = False) -> Any:
        if not self.size or not text:
            return []
        norm, offsets = normalize_with_offsets(text)
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
        word_starts = {w[0]: i for i, w in enumerate(words)}
        word_ends = {w[1]: i for i, w in enumerate(words)}
        lower_words = {name_key(w) for _, _, w in words if w.islower()}
        raw: list[dict[str, Any]] = []
        for end_idx, (length, key, label, importance, flags) in self._auto.iter(norm):
            s = end_idx - length + 1
            e = end_idx + 1
            if (s > 0 and norm[s - 1] != " ") or (e < len(norm) and norm[e] != " "):
                continue
            start, end = offsets[s], offsets[e - 1] + 1
            while end < len(text) and not _is_boundary(text, end):
                end += 1  # a character folded to two letters ("æ") ends inside the word
            i0, i1 = word_starts.get(start), word_ends.get(end)
            if i0 is None or i1 is None:
                continue
            if text[end: end + 1] == "." and _DOTTED_ABBREVIATION.fullmatch(text[start:end]):
                end += 1  # "U.S.", "U.K.": the abbreviation's last full stop is part of the name
            raw.append({"start": start, "end": end, "label": label, "key": key, "importance": importance,
                        "flags": flags, "w0": i0, "w1": i1, "text": text[start:end]})
        # filters that need only the match itself
        kept: list[dict[str, Any]] = []
        for m in raw:
            reason = self._local_reject(m, words, lower_words, text)
            m["reason"] = reason
            if not reason:
                kept.append(m)
        chosen = _longest_non_overlapping(kept)
        # filters that look at the neighbours (which may be other places)
        covered = {i for m in chosen if m["importance"] >= 3 or m["w1"] > m["w0"]
                   for i in range(m["w0"], m["w1"] + 1)}
        small = frozenset(m["w0"] for m in chosen if m["w0"] == m["w1"] and m["importance"] < 3)
        final = []
        person_keys: set[str] = set()
        for m in chosen:
            reason = self._context_reject(m, words, covered, text, small)
            m["reason"] = reason
            if reason in _PERSON_REASONS and m["w0"] == m["w1"]:
                person_keys.add(m["key"])
            if not reason:
                if m["key"] in _river_names() and _river_context(words, m):
                    m["label"] = "LOC"
                final.append(m)
        # a word read as a person's name once is that person elsewhere in the text ("Dr. Dunn ... Dunn said")
        person_keys |= _names_after_titles(words, text)
        if person_keys:
            for m in final:
                if m["key"] in person_keys and m["w0"] == m["w1"] and m["importance"] < 4:
                    m["reason"] = "person_named_elsewhere"
            final = [m for m in final if not m.get("reason")]
        if explain:
            out = final + [m for m in raw if m.get("reason")]
            return sorted(out, key=lambda m: m["start"])
        return [(m["start"], m["end"], m["label"], m["key"]) for m in final]

    # ---------------------------------------------------------------------------------------- filters
    @staticmethod
    def _local_reject(m: dict[str, Any], words: list[tuple[int, int, str]], lower_words: set[str],
                      text: str) -> str:
        span = m["text"]
        multi = m["w1"] > m["w0"]
        first = span[0]
        letters = [c for c in span if c.isalpha()]
        all_caps = bool(letters) and all(c.isupper() for c in letters)
        if m["flags"] & 1:  # abbreviation
            return "" if all_caps else "abbreviation_not_in_capitals"
        if not first.isupper():
            if multi and m["flags"] & _LOWER_AREA_OK:
                return ""
            if multi and any(w[2][:1].isupper() for w in words[m["w0"]: m["w1"] + 1]) and m["label"] == "LOC":
                return ""
            return "not_capitalised"
        if multi and m["label"] == "LOC" and m["flags"] & _LOWER_AREA_OK:
            return ""
        if all_caps and len(letters) <= 4:
            return "short_word_in_capitals"
        if not multi and not all_caps and sum(c.isupper() for c in span[:3]) >= 2 and "'" not in span:
            return "acronym_in_mixed_case"
        if multi:
            ws = words[m["w0"]: m["w1"] + 1]
            for a, b in pairwise(ws):
                gap = text[a[1]: b[0]]
                if len(gap) > 3 or any(ch not in " -'’‑" for ch in gap):
                    return "runs_over_punctuation"
            for w in ws[1:]:
                k = name_key(w[2])
                if w[2] == "s" and text[w[0] - 1: w[0]] in ("'", "’"):
                    continue  # "People's Republic of China"
                if not w[2][:1].isupper() and k not in geo_words("connectors") and k not in _keys("generic_words") and not w[2].isdigit():
                    return "lower_case_word_inside"
            if name_key(ws[-1][2]) in geo_words("connectors"):
                return "ends_with_article"
            first = name_key(ws[0][2])
            if (first in geo_words("connectors") or first in geo_words("leading_articles")) and m["importance"] < 4:
                return "starts_with_article"
        # a disease or virus named after the place ("Marburg virus"), a strain ("A/California/7/2009")
        nxt = words[m["w1"] + 1][2].lower() if m["w1"] + 1 < len(words) else ""
        if nxt in geo_words("disease_words") and _adjacent(text, words[m["w1"]], words[m["w1"] + 1]):
            return "names_disease"
        if text[m["start"] - 1: m["start"]] == "/" or text[m["end"]: m["end"] + 1] == "/":
            return "part_of_strain_or_path"
        # part of a longer word: "Jama'at", "al-Islam"
        after = text[m["end"]: m["end"] + 2]
        if len(after) == 2 and after[0] in "'’" and after[1].isalpha() and after[1].lower() != "s":
            return "part_of_longer_word"
        before = text[max(0, m["start"] - 4): m["start"]].lower()
        if re.search(r"(?:^|[^a-z])(?:al|el|ul|ad|as|ar|an)[-‑]$", before) and m["importance"] < 4:
            return "part_of_arabic_name"
        if not multi:
            k = name_key(span)
            if is_stopword(k):
                return "common_word"
            if k in surnames() and m["importance"] < 5:
                prev = words[m["w0"] - 1][2].lower() if m["w0"] > 0 else ""
                if prev not in geo_words("locative"):
                    return "family_or_given_name"
            if m["importance"] < 4 and k in lower_words:
                return "lower_case_elsewhere"
            if len(k) <= 2 and m["importance"] < 3:
                prev = words[m["w0"] - 1][2].lower() if m["w0"] > 0 else ""
                if prev not in geo_words("locative"):
                    return "two_letters_without_locative"
        return ""

    @staticmethod
    def _context_reject(m: dict[str, Any], words: list[tuple[int, int, str]], covered: set[int],
                        text: str, small_places: frozenset[int] = frozenset()) -> str:
        i0, i1 = m["w0"], m["w1"]
        importance = m["importance"]
        # a title right before, possibly with first names in between: "Colonel Assimi Goita"
        j = i0 - 1
        while j >= 0 and (_adjacent(text, words[j], words[j + 1]) or _dotted_title(text, words[j], words[j + 1])) \
                and words[j][2][:1].isupper():
            if name_key(words[j][2].rstrip(".")) in titles():
                return "" if importance >= 5 else "after_title"
            if j < i0 - 3:
                break
            j -= 1
        # a person-name particle right before ("Ag Ghaly", "Ould Sidi") in lower or upper case
        if i0 > 0 and _adjacent(text, words[i0 - 1], words[i0]) and name_key(words[i0 - 1][2]) in _name_particles():
            return "" if importance >= 5 else "after_name_particle"
        # an organisation's name around it
        if importance < 5 and _in_org_name(words, i0, i1, text):
            return "inside_organisation_name"
        if importance >= 5:
            return ""
        # a given name right before ("Brian Evans"), or a given name itself before a capitalised word
        if i0 > 0 and name_key(words[i0 - 1][2]) in given_names() and words[i0 - 1][2][:1].isupper() \
                and _adjacent(text, words[i0 - 1], words[i0]) and i0 == i1 and importance < 4:
            return "after_capitalised_word"
        if i0 == i1 and i1 + 1 < len(words) and name_key(words[i0][2]) in given_names() and importance < 4 \
                and words[i1 + 1][2][:1].isupper() and _adjacent(text, words[i1], words[i1 + 1]):
            return "before_capitalised_word"
        # a capitalised neighbour that is not a place, not generic, not a sentence start
        if i0 > 0:
            prev = words[i0 - 1]
            pk = name_key(prev[2])
            if (prev[2][:1].isupper() and _adjacent(text, prev, words[i0]) and (i0 - 1) not in covered
                    and pk not in _keys("generic_words") and not is_stopword(pk)
                    and (pk in surnames() or not _sentence_start(text, words, i0 - 1))):
                return "after_capitalised_word"
        if importance >= 4:
            return ""
        if i0 == i1 and importance < 3:
            for a, b in ((i0 - 1, i0), (i1, i1 + 1)):
                if a >= 0 and b < len(words) and _adjacent(text, words[a], words[b]) and \
                        a in small_places and b in small_places and a != b:
                    return "two_names_in_a_row"
        if i1 + 1 < len(words):
            nxt = words[i1 + 1]
            nk = name_key(nxt[2])
            if (nxt[2][:1].isupper() and _adjacent(text, words[i1], nxt) and (i1 + 1) not in covered
                    and nk not in _keys("generic_words") and not is_stopword(nk) and not nxt[2].isupper()):
                return "before_capitalised_word"
            if i0 == i1 and nk in _keys("speech_verbs") and _adjacent(text, words[i1], nxt):
                return "before_speech_verb"
        return ""


def _dotted_title(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """``a`` is a title abbreviation written with a full stop right before ``b`` ("Dr. Moll")."""
    return name_key(a[2]) in _keys("dotted_titles") and text[a[1]: b[0]].rstrip(" ") == "." and "\n" not in text[a[1]: b[0]]


def _names_after_titles(words: list[tuple[int, int, str]], text: str) -> set[str]:
    """Keys of the capitalised words that follow a title ("Dr. Ivins", "Senator Dunn", "Mr Kemp") and end
    a person's name: the last capitalised word of the run after the title."""
    out: set[str] = set()
    for i in range(len(words) - 1):
        w = words[i]
        if not w[2][:1].isupper() or name_key(w[2]) not in titles() or name_key(w[2]) in _keys("not_person_titles"):
            continue
        j = i
        while j + 1 < len(words) and words[j + 1][2][:1].isupper() and (
                _adjacent(text, words[j], words[j + 1]) or (j == i and _dotted_title(text, words[j], words[j + 1]))):
            j += 1
            if j > i + 3:
                break
        if j > i:
            out.add(name_key(words[j][2]))
    return out


def _is_boundary(text: str, i: int) -> bool:
    return not (text[i].isalnum())


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Only spaces between two words (no punctuation, no line break)."""
    gap = text[a[1]: b[0]]
    return gap.strip(" \t") == "" and "\n" not in gap


def _sentence_start(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    if i == 0:
        return True
    gap = text[words[i - 1][1]: words[i][0]]
    return any(c in gap for c in ".!?:\n\"“«(") or words[i - 1][2] in {"-", "—"}


def _in_org_name(words: list[tuple[int, int, str]], i0: int, i1: int, text: str) -> bool:
    """True when an organisation word (``geo.org_words``) is in the same capitalised run as the span."""

    def org_word(w: str) -> bool:
        k = name_key(w)
        return k in _keys("org_words") if w[:1].isupper() else k in _keys("org_lower_words")

    j = i0 - 1
    while j >= 0 and j >= i0 - 5 and _adjacent(text, words[j], words[j + 1]):
        w = words[j][2]
        if org_word(w):
            return True
        if not w[:1].isupper() and name_key(w) not in geo_words("connectors"):
            break
        j -= 1
    j = i1 + 1
    while j < len(words) and j <= i1 + 4 and _adjacent(text, words[j - 1], words[j]):
        w = words[j][2]
        if org_word(w):
            return True
        if not w[:1].isupper() and name_key(w) not in geo_words("connectors"):
            break
        j += 1
    return False


def _river_context(words: list[tuple[int, int, str]], m: dict[str, Any]) -> bool:
    nxt = words[m["w1"] + 1][2].lower() if m["w1"] + 1 < len(words) else ""
    prev = words[m["w0"] - 1][2].lower() if m["w0"] > 0 else ""
    return nxt in geo_words("river_after") or prev in geo_words("river_before")


def _longest_non_overlapping(matches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    last_end = -1
    for m in sorted(matches, key=lambda m: (m["start"], -(m["end"] - m["start"]), -m["importance"])):
        if m["start"] >= last_end:
            out.append(m)
            last_end = m["end"]
    return out


# a settlement or area noun that says the capitalised name after it is a place ("le village de Tayaret",
# "dans le secteur d'Archam", "the village of Sona"): such names are looked up even when the gazetteer keeps
# them out of the patterns (localities and hamlets of no importance, too many to match everywhere)
@cache
def _place_cue() -> re.Pattern[str]:
    """A settlement noun and its connector before a capitalised name (``geo.place_cues``)."""
    nouns = geo_list("place_cues.nouns")
    connectors = [re.escape(c[:-1]) + "['’]" if c.endswith("'") else re.escape(c) + r"\s+"
                  for c in geo_list("place_cues.connectors")]
    return re.compile(r"\b" + word_alternation(nouns) + r"\s+(?:" + ("|".join(connectors) or r"(?!x)x") + ")"
                      r"(?P<name>[A-ZÀ-Ý][^\W\d_]{3,}(?:[ -][A-ZÀ-Ý][^\W\d_]+){0,2})")


def cued_spans(text: str, taken: list[tuple[int, int, str, str]],
               known: Any) -> list[tuple[int, int, str, str]]:
    """Names after a place cue that the pattern pass did not find and that ``known(key)`` says the
    gazetteer has; spans as :meth:`SpanFinder.find` gives them."""
    out: list[tuple[int, int, str, str]] = []
    for m in _place_cue().finditer(text):
        start, end = m.span("name")
        if any(s < end and start < e for s, e, *_ in taken):
            continue
        name = m.group("name")
        key = name_key(name)
        if is_stopword(key) or name.isupper() or not known(key):
            continue
        out.append((start, end, "GPE", key))
    return out
