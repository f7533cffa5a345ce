"""Event triggers of a sentence: the words and phrases that name a violent action.

The lexicon's ``triggers`` give the phrases (matched by form, lemma or inflected form, longest first);
``_compounds`` adds the triggers read from the parse ("roadside bomb", "ont ouvert le feu"). A trigger is
dropped when it is part of a name or negated ("no attack was reported"), and marked ``definite`` when it
refers back to an event already told ("the attack"). The words that decide negation, definiteness and
modality are the lexicon's ``frames`` section.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventcoder.extract._compounds import ParsedTrigger, parsed_triggers
from eventcoder.extract._tokens import (
    Trigger,
    head_chain,
    is_passive,
    is_proper_name_part,
    lemma_key,
    sent_start,
)
from eventcoder.lexicon import Lexicon

__all__ = ["find_triggers", "under_modal"]

_LOOK_BACK = 3  # words before a trigger where a negation or a determiner counts


@dataclass(frozen=True, slots=True)
class _Cues:
    """The ``frames`` words a sentence's triggers are read with, fetched once per lexicon."""

    negations: frozenset[str]  # before the trigger: "no attack", "aucun accrochage"
    negating_adverbs: frozenset[str]  # the head's adverb: "were not killed", "n'ont pas été tués"
    definite: frozenset[str]  # "the attack", "cette embuscade"
    not_definite: frozenset[str]  # "another attack", "une nouvelle attaque": a new event

    @classmethod
    def of(cls, lexicon: Lexicon) -> _Cues:
        return cls(lexicon.words("frames.negations"), lexicon.words("frames.negating_adverbs"),
                   lexicon.words("frames.definite"), lexicon.words("frames.not_definite"))


def _matches(window: list[Token], phrase: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Each word of ``phrase`` is the token's form, its lemma, or its form less an inflection ending."""
    return all(w == t.lower_ or w == lemma_key(t) or (lexicon.inflections and lexicon.stem(w) == lexicon.stem(t.lower_))
               for t, w in zip(window, phrase, strict=True))


def _phrases_starting(token: Token, lexicon: Lexicon) -> tuple[tuple[str, ...], ...]:
    """Trigger phrases whose first word is the token's form, lemma or inflected form."""
    found = lexicon.triggers_by_first.get(token.lower_, ()) + lexicon.triggers_by_first.get(lemma_key(token), ())
    if lexicon.inflections:
        found += lexicon.triggers_by_stem.get(lexicon.stem(token.lower_), ())
    return found


def _listed_phrase(tokens: list[Token], i: int, lexicon: Lexicon) -> tuple[int, str, tuple[str, ...]] | None:
    """The longest trigger phrase of the lexicon starting at ``tokens[i]``: (its length, cue, key)."""
    for n in range(min(lexicon.max_trigger_len, len(tokens) - i), 0, -1):
        window = tokens[i:i + n]
        for phrase in _phrases_starting(window[0], lexicon):
            if len(phrase) == n and _matches(window, phrase, lexicon):
                return n, lexicon.triggers[phrase], phrase
    return None


def _trigger(sent: Span, start: int, end: int, head: Token, cue: str, weak: bool, cues: _Cues) -> Trigger | None:
    """The trigger over doc tokens ``start``..``end``, unless it is part of a name or negated."""
    if is_proper_name_part(sent.doc[start]) or _negated(sent, start, head, cues):
        return None
    return Trigger(start, end, head.i, cue, weak, sent.doc[start:end].text, _definite(head, cues))


def _parsed_inside(parsed: dict[int, ParsedTrigger], start: int, length: int) -> ParsedTrigger | None:
    """A parsed trigger that starts inside the listed phrase at ``start`` and ends after it ("essuyé des
    tirs de mortier"): the two are one trigger, with the parsed one's sub-type."""
    return next((t for s, t in parsed.items() if start < s < start + length and t.end > start + length), None)


def find_triggers(sent: Span, lexicon: Lexicon) -> list[Trigger]:
    """Trigger phrases of the sentence, longest first, without overlaps (each word by lemma or form).

    A listed phrase and a trigger read from the parse (``_compounds``: "roadside bomb", "ont ouvert le feu")
    starting on the same word: the longer wins, the parsed one on a tie (it names the sub-type); one that
    starts inside a listed phrase and ends after it joins it.
    """
    tokens = list(sent)
    parsed = parsed_triggers(sent, lexicon)
    cues = lexicon.compiled("frames.cues", _Cues.of)
    found: list[Trigger] = []
    i = 0
    while i < len(tokens):
        listed = _listed_phrase(tokens, i, lexicon)
        compound = parsed.get(tokens[i].i) or (_parsed_inside(parsed, tokens[i].i, listed[0]) if listed else None)
        if compound is not None and (listed is None or compound.end - tokens[i].i >= listed[0]):
            trigger = _trigger(sent, tokens[i].i, compound.end, sent.doc[compound.head], compound.cue, False, cues)
            n = compound.end - tokens[i].i
        elif listed is not None:
            n, cue, key = listed
            window = tokens[i:i + n]
            head = next((t for t in window if t.pos_ in ("VERB", "NOUN")), window[0])
            weak = key in lexicon.weak_triggers and not (cue == "abduct" and is_passive(head))  # "he was seized"
            trigger = _trigger(sent, window[0].i, window[-1].i + 1, head, cue, weak, cues)
        else:
            i += 1
            continue
        if trigger is not None:
            found.append(trigger)
        i += n
    return found


def _negated(sent: Span, start: int, head: Token, cues: _Cues) -> bool:
    """"aucun nouvel accrochage", "no attack was reported", "n'ont pas été tués": nothing happened."""
    doc = sent.doc
    before = doc[max(sent.start, start - _LOOK_BACK):start]
    if any(t.lower_ in cues.negations for t in before):
        return True
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in cues.negating_adverbs) for c in head.children)


def _definite(head: Token, cues: _Cues) -> bool:
    """A noun trigger with a definite determiner ("the attack", "cette embuscade")."""
    if head.pos_ != "NOUN":
        return False
    previous = head.doc[max(sent_start(head.doc, head.i), head.i - _LOOK_BACK):head.i]
    return any(t.lower_ in cues.definite for t in previous) and not any(
        t.lower_ in cues.not_definite for t in previous)


def under_modal(sent: Span, triggers: list[Trigger], lexicon: Lexicon) -> bool:
    """Every trigger sits under a modal or future verb ("an attack ... will be treated as", "pourrait")."""
    if not triggers:
        return False
    doc = sent.doc
    modals = lexicon.words("frames.modals")

    def modal(token: Token) -> bool:
        for candidate in [token, *head_chain(token, 3)]:
            if any(c.dep_ in ("aux", "aux:tense") and (c.lower_ in modals or "Tense=Fut" in str(c.morph))
                   for c in candidate.children):
                return True
            if "Tense=Fut" in str(candidate.morph):
                return True
        return False

    return all(modal(doc[t.head]) for t in triggers)
