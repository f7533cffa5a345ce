"""Casualty figures: the counts of dead, injured, taken and missing people a sentence gives, each with its
group (soldiers, civilians, attackers ...) and its speaker, and one named death when it gives no count.

The words are the lexicon's: the top-level ``deaths``/``injuries``/``hostages``/``groups`` lists, and the
``figures`` section (the nouns that count people, the words of missing people, "among the dead" ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from spacy.tokens import Doc, Span, Token

from eventcoder.extract._attribution import flag
from eventcoder.extract._numbers import NumberExpr, find_numbers
from eventcoder.extract._tokens import doc_text, head_chain, lemma_key
from eventcoder.lexicon import Lexicon

__all__ = ["Figure", "FigureKind", "find_figures"]

KindOf = Callable[[Token], str | None]  # the actor kind a noun denotes ("military", "civilians"), if any
_GROUPS_OF_A_FIGURE = ("military", "militia", "civilians", "perpetrators")
_OPENERS = ("(", " - ", " \u2013 ", " \u2014 ", ": ")  # a parenthesis or a dash opens a break-down of a toll
_NOUN_SEARCH_ENDS = (",", ";", ":", "(")


class FigureKind(StrEnum):
    """What a figure counts."""

    DEAD = "dead"
    INJURED = "injured"
    HOSTAGE = "hostage"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Figure:
    """A count of people (dead, injured, taken) as one speaker gave it."""

    number: NumberExpr
    kind: FigureKind
    group: str  # military, militia, civilians, perpetrators, people, others
    speaker: str
    start: int  # char offsets of the figure's phrase
    end: int
    text: str
    revision: bool = False
    credible: bool = True
    perpetrator_claim: bool = False


class Counted(Protocol):
    """What :func:`find_figures` reads of a sentence's frame."""

    sent: Span
    speaker: str
    claim: bool
    not_confirmed: bool
    dates: list[Any]  # DateExpr: char offsets start, end
    triggers: list[Any]


@dataclass(frozen=True, slots=True)
class _FigureWords:
    """The lexicon's words for reading figures, fetched once per lexicon."""

    person_nouns: frozenset[str]
    counted_noun_links: frozenset[str]
    coordinators: frozenset[str]
    missing: frozenset[str]
    others: frozenset[str]
    topic_markers: frozenset[str]
    named_victim_before: frozenset[str]
    militia_entries: tuple[str, ...]
    among_the_dead: re.Pattern[str] | None
    singular_death: re.Pattern[str] | None

    @classmethod
    def of(cls, lexicon: Lexicon) -> _FigureWords:
        return cls(
            person_nouns=lexicon.words("figures.person_nouns"),
            counted_noun_links=lexicon.words("figures.counted_noun_links"),
            coordinators=lexicon.words("figures.coordinators"),
            missing=lexicon.words("figures.missing"),
            others=lexicon.words("figures.others"),
            topic_markers=lexicon.words("figures.topic_markers"),
            named_victim_before=lexicon.words("figures.named_victim_before"),
            militia_entries=tuple(sorted(lexicon.words("figures.militia_entries"))),
            among_the_dead=lexicon.pattern("figures.among_the_dead"),
            singular_death=lexicon.pattern("figures.singular_death"),
        )


def _counted_noun(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon, words: _FigureWords) -> Token | None:
    """The noun a number counts ("11 soldiers", "une vingtaine de morts")."""
    end = number.end
    if doc[end:end + 3].text.replace(" ", "").startswith("(") and doc[end + 1:end + 2].text.isdigit():
        end += 3  # "quarante-neuf (49) civils"
    for token in doc[end:min(sent.end, end + 5)]:
        if token.pos_ in ("NOUN", "PROPN") or token.lower_ in words.person_nouns or (
                token.pos_ == "ADJ" and any(token.lower_ in group for group in lexicon.groups.values())):
            return token
        if token.pos_ not in ("ADJ", "ADP", "DET", "NUM", "PUNCT", "CCONJ") and (
                token.lower_ not in words.counted_noun_links):
            break
        if token.text in _NOUN_SEARCH_ENDS or token.lower_ in words.coordinators:
            break
    root = doc[number.start:number.end].root
    if root.dep_ in ("nummod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    return None


def _window_lemmas(doc: Doc, start: int, end: int, sent: Span) -> list[str]:
    return [lemma_key(t) for t in doc[max(sent.start, start):min(sent.end, end)]]


def _kind_of_lemma(lemma: str, lexicon: Lexicon, words: _FigureWords) -> FigureKind | None:
    """The kind of figure a word near a count names ("missing", "wounded", "killed", "abducted")."""
    if lemma in words.missing:
        return FigureKind.MISSING
    if lemma in lexicon.injuries:
        return FigureKind.INJURED
    if lemma in lexicon.deaths:
        return FigureKind.DEAD
    if lemma in lexicon.hostages:
        return FigureKind.HOSTAGE
    return None


def _figure_kind(doc: Doc, number: NumberExpr, noun: Token | None, sent: Span, lexicon: Lexicon,
                 words: _FigureWords) -> FigureKind | None:
    """dead / injured / hostage / missing for a count, or None when it counts something else."""
    candidates: list[Token] = []
    if noun is not None:
        candidates.append(noun)
        candidates.extend(head_chain(noun, 3))
    candidates.extend(head_chain(doc[number.start:number.end].root, 3))
    after = _window_lemmas(doc, number.end, number.end + 7, sent)
    before = _window_lemmas(doc, number.start - 4, number.start, sent)
    noun_lemma = lemma_key(noun) if noun is not None else ""
    counts_things = noun_lemma in lexicon.not_deaths and noun_lemma not in lexicon.injuries | lexicon.hostages
    if counts_things and noun_lemma not in lexicon.groups.get("civilians", ()):  # "passengers" can die
        return None
    for lemma in [noun_lemma, *after[:3]]:
        if lemma in lexicon.injuries:
            return FigureKind.INJURED
        if lemma in words.missing:
            return FigureKind.MISSING
        if lemma in lexicon.deaths:
            break
    for token in candidates:
        lemma = lemma_key(token)
        if lemma in lexicon.injuries:
            return FigureKind.INJURED
        if lemma in lexicon.deaths:
            return FigureKind.DEAD
        if lemma in lexicon.hostages:
            return FigureKind.HOSTAGE
    # no syntactic link: the nearest cue word on either side ("put the dead at between twelve and 15")
    nearby = sorted([(i, lemma) for i, lemma in enumerate(after, start=1)]
                    + [(i, lemma) for i, lemma in enumerate(reversed(before), start=1)])
    for _, lemma in nearby:
        kind = _kind_of_lemma(lemma, lexicon, words)
        if kind is not None:
            return kind
    return _verb_of_the_clause(doc, number, sent, lexicon)


def _verb_of_the_clause(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon) -> FigureKind | None:
    """"six humanitaires français ainsi que leur guide et leur chauffeur avaient été tués": a long subject,
    whose verb lies past the window, up to the clause's end."""
    for token in doc[number.end + 7:min(sent.end, number.end + 16)]:
        if token.is_punct or token.like_num:
            return None
        lemma = lemma_key(token)
        if token.pos_ in ("VERB", "ADJ") and lemma in lexicon.deaths:
            return FigureKind.DEAD
        if token.pos_ in ("VERB", "ADJ") and lemma in lexicon.injuries:
            return FigureKind.INJURED
    return None


def _counts_people(noun: Token | None, lexicon: Lexicon, words: _FigureWords) -> bool:
    """A count of people (or of dead/bodies) rather than of graves, vehicles or days."""
    if noun is None:
        return True
    lemma = lemma_key(noun)
    if noun.lower_ in words.person_nouns or lemma in words.person_nouns:
        return True
    if noun.ent_type_.startswith("ACTOR") or noun.ent_type_ in ("NORP",):
        return True
    if any(lemma in group for group in lexicon.groups.values()):
        return True
    return lemma in lexicon.deaths or lemma in lexicon.injuries or lemma in lexicon.hostages


def _figure_group(noun: Token | None, doc: Doc, words: _FigureWords, kind_of: KindOf) -> str:
    if noun is None:
        return "people"
    if lemma_key(noun) in words.others:
        following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if following is not None and following.pos_ == "NOUN":  # "nine other soldiers": soldiers, not others
            return _figure_group(following, doc, words, kind_of)
        return "others"
    for candidate in [noun, *[c for c in noun.children if c.dep_ in ("compound", "amod")]]:
        kind = kind_of(candidate)
        if kind in _GROUPS_OF_A_FIGURE:
            return kind
    if noun.ent_type_ == "ACTOR":
        return "militia" if noun.ent_kb_id_.startswith(words.militia_entries) else "group"
    return "people"


def _is_subcount(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon, previous: list[NumberExpr],
                 words: _FigureWords) -> bool:
    """"seven of them pupils", "dont une vingtaine d'enfants", "(quatre soldats et trois gendarmes)"."""
    after = doc[number.end:min(sent.end, number.end + 3)].text.lower()
    before = doc[max(sent.start, number.start - 3):number.start].text.lower()
    if lexicon.subcount is not None and (lexicon.subcount.match(after.strip()) or lexicon.subcount.search(before)):
        return True
    rest = doc[number.end:min(sent.end, number.end + 12)].text.lower()
    if flag(words.among_the_dead, rest):
        return True  # "22 children aged between 5 and 17 were among those killed": part of a toll
    here = doc[number.start].idx
    opener = max(doc_text(doc).rfind(mark, sent.start_char, here) for mark in _OPENERS)
    if opener < 0 or doc_text(doc).rfind(")", sent.start_char, here) > opener:
        return False
    opener_token = doc.char_span(opener, opener + 1, alignment_mode="expand")
    if opener_token is None:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in doc[opener_token.end:number.start]):
        return False  # "sept dépouilles supplémentaires : le décompte s'établit à vingt-huit morts": a new clause
    return any(0 <= opener_token.start - p.end <= 3 for p in previous)


def _topic_group(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon, words: _FigureWords) -> str | None:
    """"Du côté des terroristes, douze ont été neutralisés": a bare count takes the group named before it."""
    for token in reversed(doc[max(sent.start, number.start - 8):number.start]):
        group = lexicon.group_of(lemma_key(token)) or lexicon.group_of(token.lower_)
        if group in _GROUPS_OF_A_FIGURE:
            marker = {t.lower_ for t in doc[max(sent.start, token.i - 3):token.i]}
            return group if marker & words.topic_markers else None
    return None


def _single_victim(frame: Counted, words: _FigureWords, kind_of: KindOf) -> list[Figure]:
    """"Le chef de poste ... a été tué", "his bodyguard was killed": one person, one death."""
    sent = frame.sent
    match = words.singular_death.search(sent.text) if words.singular_death is not None else None
    if match is None or not frame.triggers:
        return []
    start = sent.start_char + match.start()
    # One named death is a floor, not a toll: like "several", it yields to any precise count of the event.
    number = NumberExpr(sent.start, sent.start, 1, 1, 1, "at least", vague=True)
    subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and t.idx < start]
    group = "people"
    if subjects:
        kind = kind_of(subjects[-1])
        group = kind if kind in _GROUPS_OF_A_FIGURE else "people"
    return [Figure(number, FigureKind.DEAD, group, frame.speaker, start, sent.start_char + match.end(),
                   match.group(0))]


def _after_named_person(doc: Doc, number: NumberExpr, sent: Span, words: _FigureWords) -> bool:
    """"killed Traore and two members of the army": a named victim joined to the count."""
    if number.start - 2 < sent.start:
        return False
    conj, name = doc[number.start - 1], doc[number.start - 2]
    if conj.lower_ not in words.coordinators:
        return False
    if name.ent_type_ == "PERSON":
        return True
    return name.pos_ == "PROPN" and name.is_title and not name.ent_type_ and (
        lemma_key(doc[number.start - 3]) in words.named_victim_before)


def find_figures(frame: Counted, lexicon: Lexicon, kind_of: KindOf) -> list[Figure]:
    """Counts of dead, injured and taken people in the frame's sentence (numbers inside its dates left out),
    as its speaker gave them; one named death ("his bodyguard was killed") when it counts no dead.

    ``kind_of``: the actor kind a noun denotes, for the group a count is of."""
    sent = frame.sent
    doc = sent.doc
    words = lexicon.compiled("figures.words", _FigureWords.of)
    revision = flag(lexicon.revision, sent.text)
    figures: list[Figure] = []
    numbers = [n for n in find_numbers(sent, lexicon)
               if not any(d.start <= doc[n.start].idx < d.end for d in frame.dates)]
    for index, number in enumerate(numbers):
        if _is_subcount(doc, number, sent, lexicon, numbers[:index], words):
            continue
        noun = _counted_noun(doc, number, sent, lexicon, words)
        if not _counts_people(noun, lexicon, words):
            continue
        kind = _figure_kind(doc, number, noun, sent, lexicon, words)
        if kind is None:
            continue
        group = _figure_group(noun, doc, words, kind_of)
        if noun is None and group == "people":
            group = _topic_group(doc, number, sent, lexicon, words) or group
        if group == "others" or _after_named_person(doc, number, sent, words):
            # "three others also died" (besides the person named), "killed Traore and two soldiers"
            number = NumberExpr(number.start, number.end, number.value + 1, number.low + 1, number.high + 1,
                                number.qualifier, number.vague)
            group = "people" if group == "others" else group
        end_tok = max(number.end, noun.i + 1) if noun is not None and noun.i < number.end + 6 else number.end
        span = doc[number.start:end_tok]
        own_count = group == "perpetrators" or frame.claim
        figures.append(Figure(number, kind, group, frame.speaker, span.start_char, span.end_char, span.text,
                              revision=revision,
                              # "a figure that could not be verified": only a party's own count is discarded
                              credible=not (frame.not_confirmed and own_count),
                              perpetrator_claim=frame.claim))
    if not any(f.kind == FigureKind.DEAD for f in figures):
        figures.extend(_single_victim(frame, words, kind_of))
    return figures
