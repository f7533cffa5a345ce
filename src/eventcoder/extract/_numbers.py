"""Numbers in text: digits, number words (text2num, English and French), ACLED's vague quantities
("several" 3, "dozens" 12, "hundreds" 100), French approximate nouns ("une vingtaine" 20) and ranges
("between twelve and 15", "d'une dizaine à une cinquantaine")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token
from text_to_num import text2num

from eventcoder.lexicon import Lexicon

__all__ = ["NumberExpr", "find_numbers"]

_DIGITS = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0 ]\d{3})*$|^\d+$")
_NOT_COUNT_AFTER = {"km", "kilometres", "kilometers", "kilomètres", "kilometre", "kilomètre", "miles", "mile",
                    "%", "percent", "pour", "p.m.", "a.m.", "pm", "am", "h", "heures", "hours", "hour",
                    "ans", "years", "year", "months", "mois", "days", "jours", "minutes", "cfa", "francs",
                    "dollars", "euros", "naira", "fcfa", "°", "mm", "m", "tonnes", "tons", "litres", "h30"}


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


def _digits_value(text: str) -> int | None:
    if not _DIGITS.match(text):
        return None
    return int(re.sub(r"\D", "", text))


_NUMBER_WORDS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "vingts", "trente", "quarante", "cinquante", "soixante", "cent", "cents", "mille", "million"])


def _is_number_word(text: str) -> bool:
    """Whether a token can start a number in words ("twenty-two", "quatre-vingt-dix-huit")."""
    return text.lower().split("-", 1)[0] in _NUMBER_WORDS


def _word_value(words: list[str], language: str) -> int | None:
    phrase = " ".join(words).lower()
    if not phrase or not re.search(r"[a-zà-ÿ]", phrase):
        return None
    try:
        return int(text2num(phrase, language))
    except (ValueError, TypeError):
        return None


def _single_value(tokens: list[Token], i: int, language: str) -> tuple[int, int] | None:
    """(value, number of tokens) of the number starting at ``tokens[i]``."""
    token = tokens[i]
    digits = _digits_value(token.text)
    if digits is not None:
        return digits, 1
    if token.text.lower() in ("a", "un", "une") or not _is_number_word(token.text):
        return None
    best: tuple[int, int] | None = None
    for n in range(1, 5):
        if i + n > len(tokens):
            break
        words = [t.text for t in tokens[i:i + n]]
        if n > 1 and words[-1].lower() in ("et", "and", "-"):
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


def _is_year_or_measure(tokens: list[Token], i: int, n: int, value: int) -> bool:
    token = tokens[i]
    nxt = tokens[i + n].text.lower() if i + n < len(tokens) else ""
    if nxt in _NOT_COUNT_AFTER:
        return True
    if token.text.isdigit() and len(token.text) == 4 and 1900 <= value <= 2100:
        return True
    prev = tokens[i - 1].text.lower() if i > 0 else ""
    return prev in ("n°", "no.", "résolution", "resolution", "rn") or _is_age(tokens, i)


_AGE_WORDS = {"aged", "age", "ages", "âgé", "âgée", "âgés", "âgées", "âge"}
_AGE_LINKS = {"between", "from", "and", "to", "-", "–", "of", "de", "d'", "entre", "et", "à", "ans", "years", ","}


def _is_age(tokens: list[Token], i: int) -> bool:
    """"22 children aged between 5 and 17", "âgés de 12 à 15 ans": ages, not counts."""
    for token in reversed(tokens[max(0, i - 5):i]):
        word = token.text.lower()
        if word in _AGE_WORDS:
            return True
        if word not in _AGE_LINKS and not token.like_num:
            return False
    return False


def find_numbers(sent: Span, lexicon: Lexicon) -> list[NumberExpr]:
    """Counts in a sentence, with ranges joined ("between 12 and 15" is one expression, 12..15)."""
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
        single = _single_value(tokens, i, lexicon.language)
        if single is not None and not _is_year_or_measure(tokens, i, single[1], single[0]):
            value, n = single
            found.append(NumberExpr(offset + i, offset + i + n, value, value, value, _qualifier(tokens, i, lexicon)))
            i += n
            continue
        i += 1
    return _join_ranges(found, sent, lexicon)


def _join_ranges(numbers: list[NumberExpr], sent: Span, lexicon: Lexicon) -> list[NumberExpr]:
    """Join "between A and B", "A to B", "A-B", "d'une dizaine à une vingtaine" into one range."""
    if len(numbers) < 2:
        return numbers
    doc = sent.doc
    joined: list[NumberExpr] = []
    skip = False
    for a, b in zip(numbers, [*numbers[1:], None], strict=False):
        if skip:
            skip = False
            continue
        if b is not None:
            between = [t.text.lower() for t in doc[a.end:b.start]]
            spaced_dash = between in (["-"], ["–"]) and bool(doc[a.end - 1].whitespace_) and bool(
                doc[a.end].whitespace_)  # "Jan 5 - Fourteen people": a dash between clauses, not "12-15"
            link = between in (["and"], ["to"], ["-"], ["–"], ["et"], ["à"], ["or"], ["ou"]) and not spaced_dash
            if link and b.value > a.value and b.start - a.end <= 1:
                before = doc[max(sent.start, a.start - 2):a.start].text.lower()
                ranged = ("between" in before or "entre" in before or between != ["and"]) and between != ["et"]
                if ranged or ("d'" in before or "de" in before.split()):
                    joined.append(NumberExpr(a.start, b.end, a.value, a.value, b.value, a.qualifier or "between",
                                             a.vague or b.vague))
                    skip = True
                    continue
        joined.append(a)
    return joined
