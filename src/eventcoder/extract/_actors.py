"""The actors one sentence names, and their roles towards its triggers.

Dictionary actors are the entities the pipeline labelled ``ACTOR...``; their ACLED category comes from the
typed actor spans (``doc.spans[ACTOR_SPAN_KEY]``, ``label_`` the category, ``kb_id_`` the entry). Generic
actor nouns ("gunmen", "soldiers", "villageois") come from the lexicon's ``groups``. A role (agent, patient,
claimant) is read from the dependency parse. The words this needs are the ``actors`` section of the
language's lexicon (``actors.governing_heads``, ``actors.of`` ...); where the section is empty, the parse
and the groups decide alone.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Final

from spacy.tokens import Doc, Span, Token

from eventcoder.extract._tokens import Trigger, is_passive, lemma_key
from eventcoder.lexicon import Lexicon
from eventcoder.nlp.factories import ACTOR_SPAN_KEY

__all__ = ["AGENT", "CLAIMANT", "PATIENT", "ActorMention", "find_actors", "generic_noun_kind"]

# The roles an actor takes towards a trigger (``ActorMention.role``): keys of the code, not words.
AGENT: Final = "agent"  # who acts
PATIENT: Final = "patient"  # whom the action is done to
CLAIMANT: Final = "claimant"  # who claims it


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a sentence: a dictionary entry (``entry_id``) or a generic noun (``kind``)."""

    start: int
    end: int
    text: str
    kind: str
    entry_id: str = ""
    role: str = ""  # AGENT, PATIENT, CLAIMANT, "" (none read); build_frame re-roles a blamed group
    char_start: int = -1  # char offsets of the words in the parsed text (-1: no words of the text)
    char_end: int = -1
    governing: bool = False  # the words name a government or a presidency (``actors.governing_names``)


@dataclass(frozen=True, slots=True)
class _Words:
    """The language's ``actors`` section (with its lexicon), fetched once per lexicon."""

    lexicon: Lexicon
    governing_heads: frozenset[str]
    governing_suffixes: frozenset[str]
    governing_names: frozenset[str]
    armed: frozenset[str]
    armed_nouns: frozenset[str]
    no_side_nouns: frozenset[str]
    adjective_nouns: frozenset[str]
    of: frozenset[str]
    agent_markers: frozenset[str]
    target_markers: frozenset[str]
    claimant_verbs: frozenset[str]

    @classmethod
    def of_lexicon(cls, lexicon: Lexicon) -> _Words:
        return cls(lexicon, *map(lexicon.words, _SECTIONS))


_SECTIONS = tuple(f"actors.{f.name}" for f in fields(_Words)[1:])  # the section names, by field


def _names_a_government(text: str, words: _Words) -> bool:
    """A government or presidency named as an actor: rarely the target of an attack itself."""
    text = text.lower()
    return any(word in text for word in words.governing_names)


def _qualifies_a_government(token: Token, words: _Words) -> bool:
    """"Burkina Faso's military-led government", "the military junta", "le pouvoir militaire": the word says
    who governs; the actor is the government (usually the speaker), not troops in the event."""
    doc = token.doc
    if doc[token.i + 1:token.i + 3].text.replace(" ", "").lower() in words.governing_suffixes:
        return True
    return token.dep_ in ("amod", "compound") and lemma_key(token.head) in words.governing_heads


def generic_noun_kind(token: Token, lexicon: Lexicon) -> str | None:
    """The group a generic actor noun denotes ("gunmen": perpetrators, "soldiers": military), or None."""
    return _generic_kind(token, lexicon.compiled("actors.words", _Words.of_lexicon))


def _generic_kind(token: Token, words: _Words) -> str | None:
    """:func:`generic_noun_kind` with the section already fetched."""
    lemma = lemma_key(token)
    counted = token.i > 0 and (token.nbor(-1).like_num or token.nbor(-1).pos_ in ("NUM", "DET"))
    if token.pos_ not in ("NOUN", "PROPN", "ADJ") and lemma not in words.adjective_nouns and not (
            counted and token.pos_ in ("ADP", "ADV", "X")):  # "douze villageois" tagged ADP by the small model
        return None
    if lemma in words.armed_nouns and any(c.lower_ in words.armed for c in token.children):
        return "perpetrators"
    if lemma in words.no_side_nouns:
        return None
    group = words.lexicon.group_of(lemma)
    if group == "people":
        return None
    return group


def _carrier_of(token: Token, words: _Words) -> Token | None:
    """The carrier noun whose of-phrase ``token`` is ("a unit of [the army]", "les vecteurs aériens des [FAMa]")."""
    of, lexicon = words.of, words.lexicon
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in of:
        head = head.head
    elif not (token.dep_ in ("nmod", "obl") and any(c.lower_ in of for c in token.children)):
        return None
    carries = lemma_key(head) in lexicon.carriers or _counts_with_a_noun(head, lexicon)
    return head if head.i != token.i and carries else None


def _counts_with_a_noun(token: Token, lexicon: Lexicon) -> bool:
    """"une dizaine de", "des centaines de", "dozens of": a count noun, whose of-phrase is the actor."""
    word = token.lower_
    return word in lexicon.approx_nouns or any(key.split()[-1] == word for key in lexicon.vague_numbers)


def _owner(token: Token, words: _Words) -> Token | None:
    """The of-phrase noun of a carrier noun ("members of the [community]"), if any."""
    if lemma_key(token) not in words.lexicon.carriers:
        return None
    of = words.of
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in of:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "nmod" and any(c.lower_ in of for c in child.children):
            return child
    return None


def _phrase_head(token: Token, trigger_heads: set[int], words: _Words) -> Token:
    """The noun whose role an actor word takes: a modifier's noun ("a [military] operation", "an army
    position"), a carrier's noun for its owner ("a unit of the army")."""
    for _ in range(4):
        head = token.head
        if token.dep_ in ("amod", "compound") and head.i not in trigger_heads and head.i != token.i and not (
                head.ent_type_.startswith("ACTOR")):  # "Boko Haram/ISWAP fighters": two actors, not one phrase
            token = token.head
            continue
        carrier = _carrier_of(token, words)
        if carrier is None:
            break
        token = carrier
    return token


def _acts_through(verb: Token, trigger_heads: set[int], lexicon: Lexicon) -> bool:
    """The subject of ``verb`` is the author of a trigger: the verb names the action by its object ("carried
    out an airstrike"), has the trigger verb joined to it ("carried out an operation and killed 15", "ont
    mené deux frappes, neutralisant"), or says
    that its subject did it ("the army said it killed")."""
    for child in verb.children:
        if child.i not in trigger_heads:
            continue
        own_subject = [c for c in child.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
        if child.dep_ in ("dobj", "obj") and lemma_key(verb) in lexicon.light_verbs:
            return True
        if child.dep_ in ("conj", "advcl") and not own_subject:  # "... and killed 15", "..., neutralisant"
            return True
        if child.dep_ in ("ccomp", "xcomp") and lemma_key(verb) in lexicon.speech_verbs and (
                not own_subject or own_subject[0].pos_ == "PRON") and not is_passive(child):
            return True
    return False


def _conducts_an_operation(verb: Token, lexicon: Lexicon) -> bool:
    """``verb`` is a light verb whose object is an operation ("carried out a sweep", "ont mené une opération
    de ratissage"): its subject is the author of the operation, which is no event on its own."""
    return lemma_key(verb) in lexicon.light_verbs and any(
        child.dep_ in ("dobj", "obj") and lemma_key(child) in lexicon.operations for child in verb.children)


def _role(token: Token, trigger_heads: set[int], words: _Words) -> str:
    """The actor token's role towards the nearest trigger, from the dependency parse."""
    lexicon = words.lexicon
    word, token = token, _phrase_head(token, trigger_heads, words)
    dep = token.dep_
    if token.i != word.i and token.i in trigger_heads and dep == "nsubj":
        return AGENT  # "les vecteurs aériens des FAMa ont mené": the owner of the acting aircraft
    if dep == "nsubj" and token.head.i not in trigger_heads and _acts_through(token.head, trigger_heads, lexicon):
        return AGENT
    if dep == "nsubj" and _conducts_an_operation(token.head, lexicon):
        return AGENT  # "the army carried out a sweep near Djibo": the author of what the next sentence tells
    head = token.head
    if head.i in trigger_heads:
        if dep in ("nsubj", "agent"):
            return AGENT
        if dep in ("dobj", "obj", "nsubjpass", "nsubj:pass", "attr", "iobj"):
            return PATIENT
    if dep == "pobj" and head.lower_ in lexicon.passive_agent and (head.head.i in trigger_heads or (
            head.head.dep_ == "nsubj" and head.head.head.i in trigger_heads)):
        return AGENT  # "killed by the army", "an operation by the army killed"
    by_agent = dep == "obl:agent" or (dep in ("nmod", "obl") and any(
        c.lower_ in words.agent_markers for c in token.children))
    if by_agent and (head.i in trigger_heads or head.head.i in trigger_heads):
        return AGENT
    if dep == "pobj" and head.lower_ in lexicon.target_preps and head.head.i in trigger_heads:
        return PATIENT
    if dep in ("nmod", "obl") and head.i in trigger_heads and any(
            c.lower_ in words.target_markers for c in token.children):
        return PATIENT
    if dep in ("compound", "nmod", "poss") and head.i in trigger_heads:
        return PATIENT
    if dep in ("nsubj", "nsubj:pass") and head.lemma_.lower() in words.claimant_verbs:
        return CLAIMANT
    return ""


def _owner_names_actor(token: Token, words: _Words) -> bool:
    """A carrier noun whose of-phrase names the actor ("members of the Fulani community", "une unité de
    l'armée"): the owner is the actor, not the carrier."""
    owner = _owner(token, words)
    if owner is None:
        return False
    phrase = [owner, *(c for c in owner.children if c.dep_ in ("amod", "compound"))]
    return any(w.ent_type_.startswith("ACTOR") or _generic_kind(w, words) is not None for w in phrase)


def find_actors(sent: Span, triggers: list[Trigger], lexicon: Lexicon,
                ents: list[Span] | None = None) -> list[ActorMention]:
    """Dictionary actors (entities labelled ACTOR) and generic actor nouns, with their roles."""
    doc = sent.doc
    ents = list(sent.ents) if ents is None else ents
    trigger_heads = {t.head for t in triggers}
    found: list[ActorMention] = []
    covered: set[int] = set()
    categories = _categories(doc)
    words = lexicon.compiled("actors.words", _Words.of_lexicon)
    for ent in ents:
        if not ent.label_.startswith("ACTOR"):
            continue
        covered.update(range(ent.start, ent.end))
        if _qualifies_a_government(doc[ent.end - 1], words):
            continue
        role = _role(ent.root, trigger_heads, words)
        kind = categories.get((ent.start, ent.end), "group")
        found.append(ActorMention(ent.start, ent.end, ent.text, kind, ent.kb_id_, role, ent.start_char, ent.end_char,
                                  _names_a_government(ent.text, words)))
    found = _joined_alternatives(doc, found, words)
    for token in sent:
        if token.i in covered or token.ent_type_.startswith("ACTOR"):
            continue
        kind = _generic_kind(token, words)
        if kind is None or _qualifies_a_government(token, words) or _owner_names_actor(token, words):
            continue
        start = min((c.i for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i), default=token.i)
        end = max((c.i + 1 for c in token.children if c.dep_ == "amod" and c.i > token.i), default=token.i + 1)
        phrase = doc[start:end]
        found.append(ActorMention(start, end, phrase.text, kind, "", _role(token, trigger_heads, words),
                                  phrase.start_char, phrase.end_char, _names_a_government(phrase.text, words)))
    return found


def _categories(doc: Doc) -> dict[tuple[int, int], str]:
    """The ACLED category of each dictionary actor span, by its token bounds (read once per doc)."""
    categories = doc.user_data.get("ec_actor_categories")
    if categories is None:
        categories = doc.user_data["ec_actor_categories"] = {
            (span.start, span.end): span.label_ for span in doc.spans.get(ACTOR_SPAN_KEY, ())}
    return categories


def _joined_alternatives(doc: Doc, groups: list[ActorMention], words: _Words) -> list[ActorMention]:
    """Two named groups given as alternatives ("JNIM and/or ISGS", "le JNIM ou l'EIGS") as one mention
    spanning both, which the actor dictionary resolves to the joint actor ACLED codes."""
    joined: list[ActorMention] = []
    for actor in groups:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.kind == actor.kind == "group" and previous.char_end >= 0
                and _alternative_between(doc, previous.end, actor.start, words.lexicon)):
            role = previous.role if previous.role not in ("", "other") else actor.role
            text = doc.text[previous.char_start:actor.char_end]
            joined[-1] = ActorMention(previous.start, actor.end, text, "group", "", role, previous.char_start,
                                      actor.char_end, _names_a_government(text, words))
            continue
        joined.append(actor)
    return joined


def _alternative_between(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the words between two names, articles and prepositions aside, are an alternative ("or",
    "and/or", "ou de l'")."""
    words = "".join(token.lower_ for token in doc[start:end] if token.pos_ not in ("DET", "ADP"))
    return words in lexicon.alternatives
