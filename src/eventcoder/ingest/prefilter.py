"""A cheap test run before the parser: could the pipeline find an event in this report at all?

Extraction starts from trigger phrases (``triggers`` in ``eventcoder/data/lexicon/<lang>.yaml``), each word
matched on a token's lower-cased form or its lemma; a report with no trigger yields no mention. The prefilter
asks the same question without spaCy: it reads the same lexicon files, expands each trigger word into the
surface forms whose lemma it can be (regular English and French inflection plus a table of irregular forms),
and keeps a report when every content word of some trigger phrase occurs in the text (lower-cased, accents
folded, split on non-word characters). That is a necessary condition for a mention, so the prefilter only
drops reports that the pipeline would code as having no event; it never parses, and runs at tens of thousands
of reports per second.

It reads the lexicons as data and imports no stage downstream of ``ingest``.

Example:
    >>> from eventcoder.ingest.prefilter import Prefilter
    >>> prefilter = Prefilter.load()
    >>> prefilter.keep_text("Gunmen ambushed a convoy near Djibo.", "en")
    True
    >>> prefilter.keep_text("The city council approved the budget.", "en")
    False
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from eventcoder.ingest._language import SUPPORTED_LANGUAGES, detect_language
from eventcoder.records import Report

__all__ = ["Prefilter", "fold"]

_FOLD = str.maketrans({
    "à": "a", "â": "a", "ä": "a", "á": "a", "ã": "a", "å": "a", "ç": "c", "é": "e", "è": "e", "ê": "e",
    "ë": "e", "î": "i", "ï": "i", "í": "i", "ì": "i", "ô": "o", "ö": "o", "ó": "o", "ò": "o", "õ": "o",
    "ù": "u", "û": "u", "ü": "u", "ú": "u", "ÿ": "y", "ñ": "n", "œ": "oe", "æ": "ae",
})
_WORDS = re.compile(r"\w+")

# French function words of trigger phrases ("ouvrir le feu", "s'en prendre à"): the parser's lemma of an
# article or elided pronoun ("l'" -> "le", "s'" -> "se") is not one of its surface forms, so the phrase's
# other words decide. Leaving a word out only makes the test looser, never drops a report it needs.
_STOP = {"fr": frozenset(("a", "au", "aux", "ce", "ces", "cet", "cette", "d", "de", "des", "du", "en", "est", "l",
                          "la", "le", "les", "leur", "leurs", "par", "pour", "s", "sa", "se", "ses", "son", "sur",
                          "un", "une", "y"))}

# Irregular forms, by lemma (after folding). Regular inflection is generated below.
_IRREGULAR = {
    "en": {
        "die": "died dying dies", "slay": "slain slew slays slaying", "shoot": "shot shooting shoots",
        "fight": "fought", "strike": "struck stricken striking", "take": "took taken taking takes",
        "hold": "held holding", "lose": "lost losing", "set": "sets setting", "run": "ran running runs",
        "come": "came coming comes", "burn": "burnt burned", "steal": "stole stolen stealing",
        "blow": "blew blown", "overrun": "overran overrunning", "hit": "hitting hits", "give": "gave given",
        "life": "lives", "body": "bodies", "gun": "gunned gunning", "free": "freed freeing",
        "seize": "seized seizing", "rescue": "rescued rescuing", "mine": "mined mining",
        "explosive": "explosives", "sexually": "sexual", "carry": "carried carries carrying",
        "retake": "retook retaken", "overtake": "overtook overtaken", "engage": "engaged engaging",
        "lynch": "lynched lynching lynches", "ambush": "ambushed ambushes ambushing",
    },
    "fr": {
        "abattre": "abat abats abattu abattue abattus abattues abattent abattit abattirent abattant abattra "
                   "abattront abattait abattaient",
        "detruire": "detruit detruite detruits detruites detruisent detruisant detruisit detruisirent "
                    "detruira detruiront detruisait detruisaient detruis",
        "prendre": "prend prends pris prise prises prennent prenant prit prirent prendra prendront prenait "
                   "prenaient prenne",
        "reprendre": "reprend reprends repris reprise reprises reprennent reprenant reprit reprirent "
                     "reprendra reprenait",
        "perdre": "perd perds perdu perdue perdus perdues perdent perdant perdit perdirent perdra perdront "
                  "perdait perdaient",
        "mettre": "met mets mis mise mises mettent mettant mit mirent mettra mettront mettait mettaient",
        "faire": "fait faite faits faites font fit firent fera feront faisant faisait faisaient fais",
        "tendre": "tend tends tendu tendue tendus tendues tendent tendant tendit tendirent tendra tendait",
        "ouvrir": "ouvre ouvres ouvrent ouvert ouverte ouverts ouvertes ouvrit ouvrirent ouvrira ouvriront "
                  "ouvrant ouvrait ouvraient",
        "perir": "peri perit perissent perissant perirent perira",
        "investir": "investi investie investis investies investit investissent investissant investirent",
        "mort": "mourir meurt meurent mourut moururent mourra mourant",
        "mourir": "mort morte morts mortes meurt meurent mourut moururent mourra mourant",
        "emmener": "emmene emmenent emmenes",
        "enlever": "enleve enlevent",
        "tomber": "tombe tombes tombent",
        "oeil": "yeux",
    },
}

_EN_SUFFIXES = ("", "s", "es", "ed", "d", "ing", "er", "ers", "ings")
_FR_NOUN = ("", "s", "x", "e", "es")
_FR_ER = ("e", "es", "ent", "er", "ez", "ons", "ai", "as", "a", "ais", "ait", "aient", "ions", "iez", "erai",
          "eras", "era", "erons", "erez", "eront", "erais", "erait", "erions", "eriez", "eraient", "ant", "ee",
          "ees", "erent", "ames", "at", "asse", "assent", "eons", "eant", "eais", "eait", "eaient", "ea")
_FR_IR = ("i", "ie", "is", "ies", "it", "issons", "issez", "issent", "issais", "issait", "issaient",
          "issant", "irent", "ira", "iront", "irait", "iraient", "ir", "isse")
_FR_RE = ("", "s", "t", "ent", "u", "ue", "us", "ues", "ant", "it", "irent", "ra", "ront", "rait",
          "raient", "ais", "ait", "aient", "re")


def fold(text: str) -> str:
    """Lower case with French/Latin accents folded (``Tuées`` -> ``tuees``): what the prefilter compares."""
    return text.lower().translate(_FOLD)


def _forms_en(word: str) -> set[str]:
    forms = {word + suffix for suffix in _EN_SUFFIXES}
    if word.endswith("e"):
        forms |= {word[:-1] + s for s in ("ing", "ed", "er", "ers", "ings")}
    if word.endswith("ie"):
        forms |= {word[:-2] + "ying"}
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        forms |= {word[:-1] + s for s in ("ies", "ied", "ier", "iers")}
    if word[-1:] not in "aeiouwxy" and len(word) > 2:
        forms |= {word + word[-1] + s for s in ("ed", "ing", "er", "ers", "ings")}
    return forms


def _forms_fr(word: str) -> set[str]:
    forms = {word + suffix for suffix in _FR_NOUN}
    if word.endswith("al"):
        forms.add(word[:-2] + "aux")
    if len(word) > 3:
        stem = word[:-2]
        if word.endswith("er"):
            forms |= {stem + e for e in _FR_ER}
        elif word.endswith("ir"):
            forms |= {stem + e for e in _FR_IR}
        elif word.endswith("re"):
            forms |= {stem + e for e in _FR_RE}
    # a past participle given as the trigger ("tué", "enlevés"): the verb's other forms too
    for ending in ("ees", "ee", "es", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            forms |= _forms_fr(word[:-len(ending)] + "er") if not word.endswith("er") else set()
            break
    return forms


def _forms(word: str, language: str) -> set[str]:
    forms = _forms_en(word) if language == "en" else _forms_fr(word)
    forms |= set(_IRREGULAR.get(language, {}).get(word, "").split())
    return forms


@dataclass(frozen=True)
class _Vocabulary:
    """One language: each surface form -> the trigger words it can be; the phrases as sets of words."""

    forms: dict[str, frozenset[int]]
    surface: frozenset[str]
    phrases: tuple[frozenset[int], ...]
    phrases_of: dict[int, tuple[int, ...]]
    words: tuple[str, ...]


def _vocabulary(phrases: Iterable[str], language: str) -> _Vocabulary:
    words: dict[str, int] = {}
    compiled: list[frozenset[int]] = []
    for phrase in phrases:
        stop = _STOP.get(language, frozenset())
        parts = [p for p in _WORDS.findall(fold(phrase)) if p not in stop] or _WORDS.findall(fold(phrase))
        compiled.append(frozenset(words.setdefault(p, len(words)) for p in parts))
    forms: dict[str, set[int]] = {}
    for word, wid in words.items():
        for form in _forms(word, language):
            forms.setdefault(form, set()).add(wid)
    phrases_of: dict[int, list[int]] = {}
    for pid, ids in enumerate(compiled):
        for wid in ids:
            phrases_of.setdefault(wid, []).append(pid)
    return _Vocabulary(
        forms={k: frozenset(v) for k, v in forms.items()},
        surface=frozenset(forms),
        phrases=tuple(compiled),
        phrases_of={k: tuple(v) for k, v in phrases_of.items()},
        words=tuple(words),
    )


def _read_triggers(language: str) -> list[str]:
    """The lexicon's trigger phrases, and those the parse builds: each head noun with each sub-type modifier
    ("véhicule piégé"), each verb with its object ("ouvrir le feu")."""
    text = resources.files("eventcoder.data").joinpath("lexicon", f"{language}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    listed = [phrase for phrases in data["triggers"].values() for phrase in phrases]
    modifiers = [word for words in (data.get("trigger_modifiers") or {}).values() for word in words]
    compounds = [f"{head} {modifier}" for head in data.get("trigger_heads") or () for modifier in modifiers]
    verb_objects = [" ".join(pair) for pairs in (data.get("verb_objects") or {}).values() for pair in pairs]
    return listed + compounds + verb_objects


class Prefilter:
    """Keeps the reports that hold some violence vocabulary of their language; drops the rest unparsed.

    Args:
        triggers: trigger phrases per language (default: the packaged lexicons' ``triggers``).
    """

    def __init__(self, triggers: dict[str, list[str]] | None = None) -> None:
        if triggers is None:
            triggers = {language: _read_triggers(language) for language in SUPPORTED_LANGUAGES}
        self._vocabularies = {language: _vocabulary(phrases, language) for language, phrases in triggers.items()}

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Prefilter:
        """The prefilter of the packaged lexicons (built once per process)."""
        return cls()

    def match(self, text: str, language: str) -> str | None:
        """The first trigger word (folded) of a phrase whose words all occur in ``text``, else ``None``."""
        vocabulary = self._vocabularies.get(language)
        if vocabulary is None:  # a language without a lexicon: the pipeline decides
            return "?"
        tokens = set(_WORDS.findall(text.lower()))
        hits = {t if t.isascii() else t.translate(_FOLD) for t in tokens} & vocabulary.surface
        if not hits:
            return None
        present: set[int] = set()
        for form in hits:
            present |= vocabulary.forms[form]
        for wid in present:
            for pid in vocabulary.phrases_of.get(wid, ()):
                if vocabulary.phrases[pid] <= present:
                    return vocabulary.words[wid]
        return None

    def keep_text(self, text: str, language: str) -> bool:
        """Could the pipeline find an event in ``text`` (in ``language``)?"""
        return self.match(text, language) is not None

    def keep(self, report: Report) -> bool:
        """Could the pipeline find an event in ``report``? (Its language is detected when not given.)"""
        return self.keep_text(report.text, report.language or detect_language(report.text))
