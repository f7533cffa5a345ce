"""Numbers in text: digits, number words (read by text2num), ACLED's vague quantities ("several" 3, "dozens"
12, "hundreds" 100), approximate nouns ("une vingtaine" 20) and ranges ("between twelve and 15", "d'une
dizaine à une cinquantaine").

The words are the lexicon's (``figures`` section: the words that start a number, units, age words, range
links); a language whose file lists none still has its counts in digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token
from text_to_num import text2num

from eventcoder.lexicon import Lexicon

__all__ = ["NumberExpr", "find_numbers"]

_DIGITS = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0 ]\d{3})*$|^\d+$")
_LETTER = re.compile(r"[^\W\d_]")
_DASHES = ("-", "\u2013")
_SYMBOLS_NOT_COUNTED = frozenset({"%", "\u00b0"})  # "12 %", "45 °": a share, a temperature, an angle
_AGE_PUNCTUATION = frozenset({"-", "\u2013", ","})


@dataclass(frozen=True, slots=True)
class NumberExpr:
    """A count in a sentence: tokens ``[start, end)`` of the doc, its value and range."""

    start: int
    end: int
    value: int
    low: int
    high: int
    qualifier: str = ""
    vague: bool = False


@dataclass(frozen=True, slots=True)
class _NumberWords:
    """The lexicon's words for reading numbers, fetched once per lexicon."""

    starts: frozenset[str]  # words that may start a number in words
    links: frozenset[str]  # "and", "et": a number does not end on one
    not_count_after: frozenset[str]
    reference_before: frozenset[str]
    age_words: frozenset[str]
    age_links: frozenset[str]
    range_links: dict[str, frozenset[str]]  # link word -> the words one of which must come before ("between")

    @classmethod
    def of(cls, lexicon: Lexicon) -> _NumberWords:
        return cls(
            starts=lexicon.words("figures.number_words"),
            links=lexicon.words("figures.number_links"),
            not_count_after=lexicon.words("figures.not_count_after") | _SYMBOLS_NOT_COUNTED,
            reference_before=lexicon.words("figures.reference_before"),
            age_words=lexicon.words("figures.age_words"),
            age_links=lexicon.words("figures.age_links") | _AGE_PUNCTUATION,
            range_links={link: frozenset(w.lower() for w in before or ())
                         for link, before in lexicon.table("figures.range_links").items()},
        )


def _digits_value(text: str) -> int | None:
    if not _DIGITS.match(text):
        return None
    return int(re.sub(r"\D", "", text))


def _word_value(words: list[str], language: str) -> int | None:
    """The value text2num reads in the words, or None (also for a language text2num does not know)."""
    phrase = " ".join(words).lower()
    if not phrase or not _LETTER.search(phrase):
        return None
    try:
        return int(text2num(phrase, language))
    except (ValueError, TypeError):
        return None


def _single_value(tokens: list[Token], i: int, language: str, words: _NumberWords) -> tuple[int, int] | None:
    """(value, number of tokens) of the number starting at ``tokens[i]``."""
    token = tokens[i]
    digits = _digits_value(token.text)
    if digits is not None:
        return digits, 1
    if token.text.lower().split("-", 1)[0] not in words.starts:  # "twenty-two", "quatre-vingt-dix-huit"
        return None
    best: tuple[int, int] | None = None
    for n in range(1, 5):
        if i + n > len(tokens):
            break
        last = tokens[i + n - 1].text.lower()
        if n > 1 and (last in words.links or last == "-"):
            continue
        text = tokens[i].doc[tokens[i].i:tokens[i + n - 1].i + 1].text
        value = _word_value([text], language)
        if value is not None:
            best = (value, n)
    return best


def _vague_value(tokens: list[Token], i: int, lexicon: Lexicon) -> tuple[int, int, bool] | None:
    """(value, length, is_vague) of a vague quantity or approximate noun starting at ``tokens[i]``."""
    first = tokens[i].lower_
    if first not in lexicon.vague_first_words and tokens[i].lemma_.lower() not in lexicon.approx_nouns:
        return None
    for n in (4, 3, 2, 1):
        if i + n > len(tokens):
            continue
        phrase = " ".join(t.text.lower() for t in tokens[i:i + n])
        if phrase in lexicon.vague_numbers:
            return lexicon.vague_numbers[phrase], n, True
        if phrase in lexicon.approx_nouns:
            return lexicon.approx_nouns[phrase], n, False
    lemma = tokens[i].lemma_.lower()
    if lemma in lexicon.approx_nouns:
        return lexicon.approx_nouns[lemma], 1, False
    return None


def _qualifier(tokens: list[Token], i: int, lexicon: Lexicon) -> str:
    before = " ".join(t.text.lower() for t in tokens[max(0, i - 4):i])
    if lexicon.at_least is not None and lexicon.at_least.search(before[-24:]):
        return "at least"
    if lexicon.about is not None and lexicon.about.search(before[-16:]):
        return "about"
    return ""


def _is_year_or_measure(tokens: list[Token], i: int, n: int, value: int, words: _NumberWords) -> bool:
    token = tokens[i]
    nxt = tokens[i + n].text.lower() if i + n < len(tokens) else ""
    if nxt in words.not_count_after:
        return True
    if token.text.isdigit() and len(token.text) == 4 and 1900 <= value <= 2100:
        return True
    prev = tokens[i - 1].text.lower() if i > 0 else ""
    return prev in words.reference_before or _is_age(tokens, i, words)


def _is_age(tokens: list[Token], i: int, words: _NumberWords) -> bool:
    """"22 children aged between 5 and 17", "âgés de 12 à 15 ans": ages, not counts."""
    for token in reversed(tokens[max(0, i - 5):i]):
        word = token.text.lower()
        if word in words.age_words:
            return True
        if word not in words.age_links and not token.like_num:
            return False
    return False


def find_numbers(sent: Span, lexicon: Lexicon) -> list[NumberExpr]:
    """Counts in a sentence, with ranges joined ("between 12 and 15" is one expression, 12..15)."""
    words = lexicon.compiled("figures.numbers", _NumberWords.of)
    tokens = list(sent)
    offset = sent.start
    found: list[NumberExpr] = []
    i = 0
    while i < len(tokens):
        vague = _vague_value(tokens, i, lexicon)
        if vague is not None:
            value, n, is_vague = vague
            found.append(NumberExpr(offset + i, offset + i + n, value, value, value,
                                    _qualifier(tokens, i, lexicon), is_vague))
            i += n
            continue
        single = _single_value(tokens, i, lexicon.language, words)
        if single is not None and not _is_year_or_measure(tokens, i, single[1], single[0], words):
            value, n = single
            found.append(NumberExpr(offset + i, offset + i + n, value, value, value, _qualifier(tokens, i, lexicon)))
            i += n
            continue
        i += 1
    return _join_ranges(found, sent, words)


def _joins_a_range(a: NumberExpr, b: NumberExpr, sent: Span, words: _NumberWords) -> bool:
    """Whether the words between ``a`` and ``b`` make them one range: a dash ("12-15"; a spaced one is a dash
    between clauses: "Jan 5 - Fourteen people"), or a range link ("to", "à"), some ("and", "et") only after
    the words the lexicon gives them ("between", "de")."""
    doc = sent.doc
    if b.value <= a.value or not 0 <= b.start - a.end <= 1:
        return False
    between = [t.text.lower() for t in doc[a.end:b.start]]
    if len(between) != 1:
        return False
    link = between[0]
    if link in _DASHES:
        return not (doc[a.end - 1].whitespace_ and doc[a.end].whitespace_)
    if link not in words.range_links:
        return False
    required = words.range_links[link]
    return not required or any(t.lower_ in required for t in doc[max(sent.start, a.start - 2):a.start])


def _join_ranges(numbers: list[NumberExpr], sent: Span, words: _NumberWords) -> list[NumberExpr]:
    """Join "between A and B", "A to B", "A-B", "d'une dizaine à une vingtaine" into one range."""
    if len(numbers) < 2:
        return numbers
    joined: list[NumberExpr] = []
    skip = False
    for a, b in zip(numbers, [*numbers[1:], None], strict=False):
        if skip:
            skip = False
            continue
        if b is not None and _joins_a_range(a, b, sent, words):
            joined.append(NumberExpr(a.start, b.end, a.value, a.value, b.value, a.qualifier or "between",
                                     a.vague or b.vague))
            skip = True
            continue
        joined.append(a)
    return joined
