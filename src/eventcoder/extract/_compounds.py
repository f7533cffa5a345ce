"""Triggers built on the parse from parts the lexicon lists, rather than listed whole.

Two constructions name an action with more than one word, and a list of whole phrases cannot follow their
inflections and inserted words:

- a weapon or attack head noun with a modifier that sets the sub-type (``trigger_heads`` and
  ``trigger_modifiers``): "roadside bomb", "car bombs", "frappes aériennes", "frappe de drone",
  "véhicule piégé", joined by a compound, adjectival or nominal dependency;
- a verb and its object (``verb_objects``): "opened heavy fire", "ont ouvert le feu", "a fait irruption".

Each is found by lemma (or by form less an inflection ending) and becomes a trigger spanning both words,
with the cue the modifier or the verb-object pair gives.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span, Token

from eventcoder.lexicon import Lexicon

__all__ = ["ParsedTrigger", "parsed_triggers"]

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "acl", "nn"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "nmod", "obl", "obl:arg", "obl:mod", "iobj", "attr"})


class ParsedTrigger(NamedTuple):
    """A trigger read from the parse: the tokens ``start``..``end`` (doc indices), its head and its cue."""

    start: int
    end: int
    head: int
    cue: str


def _forms(token: Token, lexicon: Lexicon) -> set[str]:
    """The token's lower-cased form, its lemma and both less an inflection ending."""
    lemma = token.lemma_.lower() or token.lower_
    return {token.lower_, lemma, lexicon.stem(token.lower_), lexicon.stem(lemma)}


def _listed(token: Token, words: dict[str, str], lexicon: Lexicon) -> str | None:
    """The value ``words`` gives the token under any of its forms, if any."""
    return next((words[form] for form in _forms(token, lexicon) if form in words), None)


def _compound(token: Token, lexicon: Lexicon) -> ParsedTrigger | None:
    """A sub-type modifier ``token`` attached to a weapon or attack head noun: "roadside bomb"."""
    cue = _listed(token, lexicon.trigger_modifiers, lexicon)
    head = token.head
    if cue is None or head is token or token.dep_.split(":")[0] not in _MODIFIER_DEPS:
        return None
    if _listed(head, lexicon.trigger_heads, lexicon) is None:
        return None
    return ParsedTrigger(min(token.i, head.i), max(token.i, head.i) + 1, head.i, cue)


def _verb_object(token: Token, lexicon: Lexicon) -> ParsedTrigger | None:
    """An object noun ``token`` whose verb makes with it a listed trigger: "opened fire", "fait irruption"."""
    verb = token.head
    if verb is token or verb.pos_ not in ("VERB", "AUX") or token.dep_ not in _OBJECT_DEPS:
        return None
    objects = _forms(token, lexicon)
    for verb_form in _forms(verb, lexicon):
        for obj in objects:
            cue = lexicon.verb_objects.get((verb_form, obj))
            if cue is not None:
                return ParsedTrigger(min(token.i, verb.i), max(token.i, verb.i) + 1, verb.i, cue)
    return None


def parsed_triggers(sent: Span, lexicon: Lexicon) -> dict[int, ParsedTrigger]:
    """``{start: trigger}`` for the compound and verb-object triggers of the sentence, without overlaps."""
    found: dict[int, ParsedTrigger] = {}
    covered: set[int] = set()
    for token in sent:
        trigger = _compound(token, lexicon) or _verb_object(token, lexicon)
        if trigger is None or covered & set(range(trigger.start, trigger.end)):
            continue
        found[trigger.start] = trigger
        covered.update(range(trigger.start, trigger.end))
    return found
