"""A cheap test run before the parser: could the pipeline find an event in this report at all?

Extraction starts from trigger phrases (``Lexicon.trigger_phrases``: the ``triggers`` of
``eventcoder/data/lexicon/<lang>.yaml`` and those the parse composes), each word matched on a token's lower-cased
form or its lemma; a report with no trigger yields no mention. The prefilter asks the same question without
spaCy: it expands each trigger word into the surface forms whose lemma it can be (the lexicon's
``language_resources.word_forms``: suffixes, rewrite rules, irregular forms), and keeps a report when every
content word (not a ``language_resources.stop_words`` word) of some trigger phrase occurs in the text
(lower-cased, accents folded, split on non-word characters). That is a necessary condition for a mention, so
the prefilter only drops reports that the pipeline would code as having no event; it never parses, and runs at
tens of thousands of reports per second. A language whose file gives no word forms matches the words as listed.

It reads the lexicons (``eventcoder.lexicon``) and imports no stage downstream of ``ingest``.

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

from eventcoder.ingest._language import detect_language
from eventcoder.lexicon import Lexicon, languages, load_lexicon
from eventcoder.records import Report
from eventcoder.settings import LEXICON_DIR

__all__ = ["Prefilter", "fold"]

_FOLD = str.maketrans({
    "à": "a", "â": "a", "ä": "a", "á": "a", "ã": "a", "å": "a", "ç": "c", "é": "e", "è": "e", "ê": "e",
    "ë": "e", "î": "i", "ï": "i", "í": "i", "ì": "i", "ô": "o", "ö": "o", "ó": "o", "ò": "o", "õ": "o",
    "ù": "u", "û": "u", "ü": "u", "ú": "u", "ÿ": "y", "ñ": "n", "œ": "oe", "æ": "ae",
})
_WORDS = re.compile(r"\w+")

def fold(text: str) -> str:
    """Lower case with French/Latin accents folded (``Tuées`` -> ``tuees``): what the prefilter compares."""
    return text.lower().translate(_FOLD)


@dataclass(frozen=True)
class _WordForms:
    """How a language inflects (``language_resources.word_forms``), compiled: see the module docstring."""

    suffixes: tuple[str, ...]
    rules: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
    lemma_rules: tuple[tuple[re.Pattern[str], str], ...]
    irregular: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, lexicon: Lexicon) -> _WordForms:
        section = "language_resources.word_forms"
        return cls(
            suffixes=tuple(str(s) for s in lexicon.section(f"{section}.suffixes") or ()),
            rules=tuple((re.compile(rule), tuple(forms)) for rule, forms in lexicon.table(f"{section}.rules").items()),
            lemma_rules=tuple((re.compile(rule), str(lemma))
                              for rule, lemma in lexicon.table(f"{section}.lemma_rules").items()),
            irregular={word: tuple(forms) for word, forms in lexicon.table(f"{section}.irregular").items()},
        )

    def regular(self, word: str) -> set[str]:
        """``word``, with each suffix, and the forms each rule that matches the whole word writes."""
        forms = {word} | {word + suffix for suffix in self.suffixes}
        for rule, templates in self.rules:
            if match := rule.fullmatch(word):
                forms |= {match.expand(template) for template in templates}
        return forms

    def forms(self, word: str) -> set[str]:
        """Every surface form whose lemma ``word`` can be: its regular forms, those of the lemma the first
        matching lemma rule gives (a participle's verb), and its irregular forms."""
        forms = self.regular(word)
        for rule, lemma in self.lemma_rules:
            if match := rule.fullmatch(word):
                forms |= self.regular(match.expand(lemma))
                break
        return forms | set(self.irregular.get(word, ()))


@dataclass(frozen=True)
class _Vocabulary:
    """One language: each surface form -> the trigger words it can be; the phrases as sets of words."""

    forms: dict[str, frozenset[int]]
    surface: frozenset[str]
    phrases: tuple[frozenset[int], ...]
    phrases_of: dict[int, tuple[int, ...]]
    words: tuple[str, ...]


def _vocabulary(phrases: Iterable[str], lexicon: Lexicon) -> _Vocabulary:
    stop = frozenset(fold(word) for word in lexicon.words("language_resources.stop_words"))
    word_forms = _WordForms.of(lexicon)
    words: dict[str, int] = {}
    compiled: list[frozenset[int]] = []
    for phrase in phrases:
        parts = [p for p in _WORDS.findall(fold(phrase)) if p not in stop] or _WORDS.findall(fold(phrase))
        compiled.append(frozenset(words.setdefault(p, len(words)) for p in parts))
    forms: dict[str, set[int]] = {}
    for word, wid in words.items():
        for form in word_forms.forms(word):
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


class Prefilter:
    """Keeps the reports that hold some violence vocabulary of their language; drops the rest unparsed.

    Args:
        triggers: trigger phrases per language (default: each lexicon's ``trigger_phrases``); the words of
            each language's phrases are expanded with its lexicon's word forms.
    """

    def __init__(self, triggers: dict[str, list[str]] | None = None) -> None:
        if triggers is None:
            triggers = {language: list(load_lexicon(language).trigger_phrases()) for language in languages()}
        self._vocabularies = {language: _vocabulary(phrases, load_lexicon(language))
                              for language, phrases in triggers.items()}

    @classmethod
    def load(cls) -> Prefilter:
        """The prefilter of the lexicons of :func:`eventcoder.lexicon.languages` (built once per process and
        lexicon folder)."""
        return _prefilter(LEXICON_DIR.raw())

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


@lru_cache(maxsize=4)
def _prefilter(lexicon_folder: str | None) -> Prefilter:
    """The default prefilter, once per extra lexicon folder (``EVENTCODER_LEXICON_DIR``)."""
    return Prefilter()
