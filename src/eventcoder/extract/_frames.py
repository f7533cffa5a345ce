"""Per-sentence analysis: what one sentence says about violence.

A :class:`Frame` holds, for one sentence, the event triggers, the dates (and whether each dates the event,
a statement or a claim), the places, the actors with their roles, the casualty figures with their
speaker, and the attribution cues (claims, denials, "has not confirmed"). ``_events`` then groups frames
into the events of the report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from eventcoder.extract._compounds import ParsedTrigger, parsed_triggers
from eventcoder.extract._dates import DateExpr, find_dates
from eventcoder.extract._layout import item_starts
from eventcoder.extract._negation import negated_word
from eventcoder.extract._numbers import NumberExpr, find_numbers
from eventcoder.extract._places import PlaceMention, find_places
from eventcoder.extract._tokens import (
    DATELINE,
    Trigger,
    doc_text,
    head_chain,
    index_sentences,
    is_passive,
    is_proper_name_part,
    lemma_key,
    sent_start,
    tokens_of,
)
from eventcoder.lexicon import Lexicon

__all__ = ["ActorMention", "Figure", "Frame", "Trigger", "build_frames"]

# Labels the pipeline gives dictionary actors, by ACLED category (see pipeline.ActorSpans).
ACTOR_LABEL_KINDS = {"ACTOR_STATE": "military", "ACTOR_GROUP": "group", "ACTOR_MILITIA": "militia",
                     "ACTOR_CIVILIANS": "civilians", "ACTOR_PROTESTERS": "protesters", "ACTOR": "group"}
_PERSON_NOUNS_EXTRA = {"dead", "others", "autres", "morts", "tués", "blessés", "victims", "victimes", "bodies",
                       "corps", "body", "lives", "vies", "hostages", "otages", "people", "personnes", "persons"}
_ARMED = {"armed", "armés", "armé", "arme", "armées"}
_MEN = {"man", "men", "homme", "hommes", "individu", "individus", "élément", "éléments", "people", "person",
        "group", "groupe", "groups", "groupes"}
_DATED_CUES = {"protest", "arrest", "handover", "change", "disrupt", "sd_other"}  # weak cues that a dated sentence reports (a gathering, an arrest)
_UNIDENTIFIED = {"unidentified", "unknown", "non", "identifiés", "inconnus", "suspected", "présumés",
                 "presumed", "suspect"}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a sentence: a dictionary entry (``entry_id``) or a generic noun (``kind``)."""

    start: int
    end: int
    text: str
    kind: str
    entry_id: str = ""
    role: str = ""  # agent, patient, claimant, blamed, denier, speaker, other
    char_start: int = -1  # char offsets of the words in the parsed text (-1: no words of the text)
    char_end: int = -1


@dataclass(frozen=True, slots=True)
class Figure:
    """A count of people (dead, injured, taken) as one speaker gave it."""

    number: NumberExpr
    kind: str  # dead, injured, hostage, missing
    group: str  # military, militia, civilians, perpetrators, people, others
    speaker: str
    start: int  # char offsets of the figure's phrase
    end: int
    text: str
    revision: bool = False
    credible: bool = True
    perpetrator_claim: bool = False


@dataclass
class Frame:
    """Everything one sentence says about violence."""

    index: int
    sent: Span
    item: int
    triggers: list[Trigger] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    event_dates: list[DateExpr] = field(default_factory=list)
    claim_dates: list[DateExpr] = field(default_factory=list)
    discovery_dates: list[DateExpr] = field(default_factory=list)  # the day remains were found
    place_dates: list[DateExpr] = field(default_factory=list)  # of a sentence with no trigger ("a tragedy in X on ...")
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    speaker: str = ""
    speaker_official: bool = False
    for_document: bool = False  # names no speaker of its own: speaks for the communiqué the report is
    claim: bool = False
    not_claimed: bool = False
    deny: bool = False
    not_confirmed: bool = False
    blame: bool = False
    channel: str = ""
    background: str = ""
    recall: bool = False
    separate: bool = False
    item_header: bool = False
    hypothetical: bool = False

    @property
    def text(self) -> str:
        return self.sent.text

    @property
    def strong_triggers(self) -> list[Trigger]:
        return [] if self.hypothetical else [t for t in self.triggers if not t.weak]

    @property
    def anaphoric(self) -> bool:
        """Every strong trigger refers back to an event already told ("the attack", "l'embuscade")."""
        strong = self.strong_triggers
        return bool(strong) and all(t.definite for t in strong)

    @property
    def is_event(self) -> bool:
        """A sentence that reports violence (not only mentions a word of it)."""
        if self.strong_triggers:
            return True
        if not self.triggers:
            return False
        if self.hypothetical:
            return False
        if self.event_dates and not self.background and any(t.cue in _DATED_CUES for t in self.triggers) and (
                any(t.cue in ("protest", "sd_other") for t in self.triggers)
                or any(a.kind in ("military", "protesters") for a in self.actors)):
            return True  # "police detained a journalist on Tuesday", "protesting in Niamey on Tuesday"
        deaths = any(f.kind in ("dead", "hostage") for f in self.figures)
        armed = any(a.kind in ("group", "perpetrators") for a in self.actors)
        return deaths or armed


# ---------------------------------------------------------------- triggers

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


def _trigger(sent: Span, start: int, end: int, head: Token, cue: str, weak: bool) -> Trigger | None:
    """The trigger over doc tokens ``start``..``end``, unless it is part of a name or negated."""
    if is_proper_name_part(sent.doc[start]) or _negated(sent, start, head):
        return None
    return Trigger(start, end, head.i, cue, weak, sent.doc[start:end].text, _definite(head))


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
    found: list[Trigger] = []
    i = 0
    while i < len(tokens):
        listed = _listed_phrase(tokens, i, lexicon)
        compound = parsed.get(tokens[i].i) or (_parsed_inside(parsed, tokens[i].i, listed[0]) if listed else None)
        if compound is not None and (listed is None or compound.end - tokens[i].i >= listed[0]):
            trigger = _trigger(sent, tokens[i].i, compound.end, sent.doc[compound.head], compound.cue, False)
            n = compound.end - tokens[i].i
        elif listed is not None:
            n, cue, key = listed
            window = tokens[i:i + n]
            head = next((t for t in window if t.pos_ in ("VERB", "NOUN")), window[0])
            weak = key in lexicon.weak_triggers and not (cue == "abduct" and is_passive(head))  # "he was seized"
            trigger = _trigger(sent, window[0].i, window[-1].i + 1, head, cue, weak)
        else:
            i += 1
            continue
        if trigger is not None:
            found.append(trigger)
        i += n
    return found


_NEGATIONS = {"no", "not", "never", "aucun", "aucune", "nul", "nulle", "jamais", "sans", "ni"}


def _negated(sent: Span, start: int, head: Token) -> bool:
    """"aucun nouvel accrochage", "no attack was reported", "n'ont pas été tués": nothing happened."""
    doc = sent.doc
    before = doc[max(sent.start, start - 3):start]
    if any(t.lower_ in _NEGATIONS for t in before):
        return True
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("pas", "jamais", "never", "not"))
               for c in head.children)


_DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "l'", "la", "le", "les", "cette", "ce", "cet",
             "ces", "sa", "son", "leur", "same", "même"}


def _definite(head: Token) -> bool:
    """A noun trigger with a definite determiner ("the attack", "cette embuscade")."""
    if head.pos_ != "NOUN":
        return False
    previous = head.doc[max(sent_start(head.doc, head.i), head.i - 3):head.i]
    return any(t.lower_ in _DEFINITE for t in previous) and not any(
        t.lower_ in ("another", "separate", "second", "autre", "seconde", "second", "new", "nouvelle", "nouvel")
        for t in previous)


# ---------------------------------------------------------------- dates

_STATEMENT_BEFORE = re.compile(
    r"(?:statement|communiqu[ée]|interview|press conference|conférence de presse|video|vidéo|bulletin|newsletter|"
    r"briefing|broadcast|message|publié|diffusé|released|published|issued|posted|circulated)"
    r"[\s,]+(?:(?:on|of|le|ce|du|dated|late|early|last|in|the|evening|morning)[\s,]+){0,3}$", re.I)


def _date_role(doc: Doc, expr: DateExpr, triggers: list[Trigger], lexicon: Lexicon, sent: Span | None = None) -> str:
    """``event``, ``speech``, ``claim`` or ``other`` for a date expression.

    The parse of the small models is too weak to attach dates reliably, so the words around the date
    decide: a date right after "said"/"a annoncé"/"in a statement on" dates a statement, right after
    "claimed" a claim; any other date of a sentence that reports violence dates the event.
    """
    span = tokens_of(doc, expr.start, expr.end)
    if span is None:
        return "other"
    qualifies = expr.text.endswith(("'s", "’s")) or (span.start > 0 and doc[span.start - 1].lower_ in (
        "the", "a", "an", "this", "that"))
    if qualifies and any(t.start == span.end for t in triggers):
        return "event"  # "claimed Tuesday's attack", "a claim for the 20 February 2023 assault"
    first = sent_start(doc, span.start)
    window = doc[max(first, span.start - 4):span.start]
    trigger_between = any(window.start <= t.start < span.start for t in triggers)
    trigger_tokens = {i for t in triggers for i in range(t.start, t.end)}
    for token in reversed(window):  # the nearer of a trigger and a speech verb before the date governs it
        if token.i in trigger_tokens:
            break
        lemma = lemma_key(token)
        if lemma in ("claim", "revendiquer", "revendication"):
            return "claim"
        if lemma in lexicon.speech_verbs and token.pos_ in ("VERB", "AUX"):
            return "speech"
    if _discovery(doc, span, first, lexicon):
        return "discovery"
    before = doc_text(doc)[max(doc[first].idx, expr.start - 60):expr.start]
    if _STATEMENT_BEFORE.search(before) and not trigger_between:
        return "speech"
    if sent is not None and span.start - sent.start <= 2:  # "On Friday, JNIM claimed ...": the main verb's date
        root = lemma_key(sent.root)
        if root in ("claim", "revendiquer"):
            return "claim"
        if root in lexicon.speech_verbs and not any(t.head == sent.root.i for t in triggers):
            return "speech"
    return "event" if triggers else "other"


def _discovery(doc: Doc, span: Span, sent_start: int, lexicon: Lexicon) -> bool:
    """"the bodies were found on Monday", "les corps retrouvés lundi": the date the remains were found, not
    the day of the killing (ACLED codes the killing or abduction where the text dates it)."""
    words = lexicon.raw.get("dates") or {}
    found, remains = set(words.get("discovery", [])), set(words.get("remains", []))
    if not found or not remains:
        return False
    sent_end = doc[span.start].sent.end
    near = doc[max(sent_start, span.start - 4):min(sent_end, span.end + 5)]
    if not any(t.lower_ in found for t in near):
        return False
    return any(t.lower_ in remains or t.lemma_.lower() in remains for t in doc[sent_start:sent_end])


def _trigger_distance(doc: Doc, expr: DateExpr, triggers: list[Trigger]) -> int:
    span = tokens_of(doc, expr.start, expr.end)
    if span is None or not triggers:
        return 99
    return min(min(abs(t.start - span.end), abs(span.start - t.end)) for t in triggers)


# ---------------------------------------------------------------- actors

_GOVERNING = {"government", "junta", "regime", "authorities", "authority", "administration", "ruler", "leader",
              "leadership", "council", "gouvernement", "junte", "régime", "autorités", "autorité", "pouvoir",
              "transition"}


def _qualifies_a_government(token: Token) -> bool:
    """"Burkina Faso's military-led government", "the military junta", "le pouvoir militaire": the word says
    who governs; the actor is the government (usually the speaker), not troops in the event."""
    doc = token.doc
    if doc[token.i + 1:token.i + 3].text.replace(" ", "").lower() == "-led":
        return True
    return token.dep_ in ("amod", "compound") and lemma_key(token.head) in _GOVERNING


def _generic_kind(token: Token, lexicon: Lexicon) -> str | None:
    lemma = lemma_key(token)
    counted = token.i > 0 and (token.nbor(-1).like_num or token.nbor(-1).pos_ in ("NUM", "DET"))
    if token.pos_ not in ("NOUN", "PROPN", "ADJ") and lemma not in ("dead",) and not (
            counted and token.pos_ in ("ADP", "ADV", "X")):  # "douze villageois" tagged ADP by the small model
        return None
    if lemma in _MEN and any(c.lower_ in _ARMED for c in token.children):
        return "perpetrators"
    if lemma in ("people", "person", "man", "men", "homme", "personne", "individu"):
        return None
    group = lexicon.group_of(lemma)
    if group == "people":
        return None
    return group


_OF = {"of", "de", "des", "du", "d'", "d’"}


def _carrier_of(token: Token, lexicon: Lexicon) -> Token | None:
    """The carrier noun whose of-phrase ``token`` is ("a unit of [the army]", "les vecteurs aériens des [FAMa]")."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in _OF:
        head = head.head
    elif not (token.dep_ in ("nmod", "obl") and any(c.lower_ in _OF for c in token.children)):
        return None
    carries = lemma_key(head) in lexicon.carriers or _counts_with_a_noun(head, lexicon)
    return head if head.i != token.i and carries else None


def _counts_with_a_noun(token: Token, lexicon: Lexicon) -> bool:
    """"une dizaine de", "des centaines de", "dozens of": a count noun, whose of-phrase is the actor."""
    word = token.lower_
    return word in lexicon.approx_nouns or any(key.split()[-1] == word for key in lexicon.vague_numbers)


def _owner(token: Token, lexicon: Lexicon) -> Token | None:
    """The of-phrase noun of a carrier noun ("members of the [community]"), if any."""
    if lemma_key(token) not in lexicon.carriers:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _OF:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "nmod" and any(c.lower_ in _OF for c in child.children):
            return child
    return None


def _phrase_head(token: Token, trigger_heads: set[int], lexicon: Lexicon) -> Token:
    """The noun whose role an actor word takes: a modifier's noun ("a [military] operation", "an army
    position"), a carrier's noun for its owner ("a unit of the army")."""
    for _ in range(4):
        head = token.head
        if token.dep_ in ("amod", "compound") and head.i not in trigger_heads and head.i != token.i and not (
                head.ent_type_.startswith("ACTOR")):  # "Boko Haram/ISWAP fighters": two actors, not one phrase
            token = token.head
            continue
        carrier = _carrier_of(token, lexicon)
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


def _role(token: Token, trigger_heads: set[int], lexicon: Lexicon) -> str:
    """The actor token's role towards the nearest trigger, from the dependency parse."""
    word, token = token, _phrase_head(token, trigger_heads, lexicon)
    dep = token.dep_
    if token.i != word.i and token.i in trigger_heads and dep == "nsubj":
        return "agent"  # "les vecteurs aériens des FAMa ont mené": the owner of the acting aircraft
    if dep == "nsubj" and token.head.i not in trigger_heads and _acts_through(token.head, trigger_heads, lexicon):
        return "agent"
    if dep == "nsubj" and _conducts_an_operation(token.head, lexicon):
        return "agent"  # "the army carried out a sweep near Djibo": the author of what the next sentence tells
    head = token.head
    if head.i in trigger_heads:
        if dep in ("nsubj", "agent"):
            return "agent"
        if dep in ("dobj", "obj", "nsubjpass", "nsubj:pass", "attr", "iobj"):
            return "patient"
    if dep == "pobj" and head.lower_ in lexicon.passive_agent and (head.head.i in trigger_heads or (
            head.head.dep_ == "nsubj" and head.head.head.i in trigger_heads)):
        return "agent"  # "killed by the army", "an operation by the army killed"
    by_agent = dep == "obl:agent" or (dep in ("nmod", "obl") and any(c.lower_ == "par" for c in token.children))
    if by_agent and (head.i in trigger_heads or head.head.i in trigger_heads):
        return "agent"
    if dep == "pobj" and head.lower_ in lexicon.target_preps and head.head.i in trigger_heads:
        return "patient"
    if dep in ("nmod", "obl") and head.i in trigger_heads and any(
            c.lower_ in ("contre", "sur", "du", "de", "des") for c in token.children):
        return "patient"
    if dep in ("compound", "nmod", "poss") and head.i in trigger_heads:
        return "patient"
    if dep in ("nsubj", "nsubj:pass") and head.lemma_.lower() in ("claim", "revendiquer"):
        return "claimant"
    return ""


def _owner_names_actor(token: Token, lexicon: Lexicon) -> bool:
    """A carrier noun whose of-phrase names the actor ("members of the Fulani community", "une unité de
    l'armée"): the owner is the actor, not the carrier."""
    owner = _owner(token, lexicon)
    if owner is None:
        return False
    words = [owner, *(c for c in owner.children if c.dep_ in ("amod", "compound"))]
    return any(w.ent_type_.startswith("ACTOR") or _generic_kind(w, lexicon) is not None for w in words)


def find_actors(sent: Span, triggers: list[Trigger], lexicon: Lexicon,
                ents: list[Span] | None = None) -> list[ActorMention]:
    """Dictionary actors (entities labelled ACTOR) and generic actor nouns, with their roles."""
    doc = sent.doc
    ents = list(sent.ents) if ents is None else ents
    trigger_heads = {t.head for t in triggers}
    found: list[ActorMention] = []
    covered: set[int] = set()
    for ent in ents:
        if not ent.label_.startswith("ACTOR"):
            continue
        covered.update(range(ent.start, ent.end))
        if _qualifies_a_government(doc[ent.end - 1]):
            continue
        role = _role(ent.root, trigger_heads, lexicon)
        kind = ACTOR_LABEL_KINDS.get(ent.label_, "group")
        found.append(ActorMention(ent.start, ent.end, ent.text, kind, ent.kb_id_, role, ent.start_char, ent.end_char))
    found = _joined_alternatives(doc, found, lexicon)
    for token in sent:
        if token.i in covered or token.ent_type_.startswith("ACTOR"):
            continue
        kind = _generic_kind(token, lexicon)
        if kind is None or _qualifies_a_government(token) or _owner_names_actor(token, lexicon):
            continue
        start = min((c.i for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i), default=token.i)
        end = max((c.i + 1 for c in token.children if c.dep_ == "amod" and c.i > token.i), default=token.i + 1)
        words = doc[start:end]
        found.append(ActorMention(start, end, words.text, kind, "", _role(token, trigger_heads, lexicon),
                                  words.start_char, words.end_char))
    return found


def _joined_alternatives(doc: Doc, groups: list[ActorMention], lexicon: Lexicon) -> list[ActorMention]:
    """Two named groups given as alternatives ("JNIM and/or ISGS", "le JNIM ou l'EIGS") as one mention
    spanning both, which the actor dictionary resolves to the joint actor ACLED codes."""
    joined: list[ActorMention] = []
    for actor in groups:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.kind == actor.kind == "group" and previous.char_end >= 0
                and _alternative_between(doc, previous.end, actor.start, lexicon)):
            role = previous.role if previous.role not in ("", "other") else actor.role
            joined[-1] = ActorMention(previous.start, actor.end, doc.text[previous.char_start:actor.char_end],
                                      "group", "", role, previous.char_start, actor.char_end)
            continue
        joined.append(actor)
    return joined


def _alternative_between(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the words between two names, articles and prepositions aside, are an alternative ("or",
    "and/or", "ou de l'")."""
    words = "".join(token.lower_ for token in doc[start:end] if token.pos_ not in ("DET", "ADP"))
    return words in lexicon.alternatives


# ---------------------------------------------------------------- figures

def _counted_noun(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon) -> Token | None:
    """The noun a number counts ("11 soldiers", "une vingtaine de morts")."""
    end = number.end
    if doc[end:end + 3].text.replace(" ", "").startswith("(") and doc[end + 1:end + 2].text.isdigit():
        end += 3  # "quarante-neuf (49) civils"
    for token in doc[end:min(sent.end, end + 5)]:
        if token.pos_ in ("NOUN", "PROPN") or token.lower_ in _PERSON_NOUNS_EXTRA or (
                token.pos_ == "ADJ" and any(token.lower_ in words for words in lexicon.groups.values())):
            return token
        if token.pos_ not in ("ADJ", "ADP", "DET", "NUM", "PUNCT", "CCONJ") and token.lower_ not in (
                "of", "de", "d'", "its", "their", "his", "her", "own", "leurs", "leur", "ses", "son", "sa", "propres"):
            break
        if token.text in (",", ";", ":", "(") or token.lower_ in ("and", "et"):
            break
    root = doc[number.start:number.end].root
    if root.dep_ in ("nummod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    return None


def _window_lemmas(doc: Doc, start: int, end: int, sent: Span) -> list[str]:
    return [lemma_key(t) for t in doc[max(sent.start, start):min(sent.end, end)]]


def _figure_kind(doc: Doc, number: NumberExpr, noun: Token | None, sent: Span, lexicon: Lexicon) -> str | None:
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
            return "injured"
        if lemma in ("missing", "disparu", "disparus", "disparue", "disparues", "unaccounted"):
            return "missing"
        if lemma in lexicon.deaths:
            break
    for token in candidates:
        lemma = lemma_key(token)
        if lemma in lexicon.injuries:
            return "injured"
        if lemma in lexicon.deaths:
            return "dead"
        if lemma in lexicon.hostages:
            return "hostage"
    # no syntactic link: the nearest cue word on either side ("put the dead at between twelve and 15")
    nearby = sorted([(i, lemma) for i, lemma in enumerate(after, start=1)]
                    + [(i, lemma) for i, lemma in enumerate(reversed(before), start=1)])
    for _, lemma in nearby:
        if lemma in ("missing", "unaccounted", "disparu"):
            return "missing"
        if lemma in lexicon.injuries:
            return "injured"
        if lemma in lexicon.deaths:
            return "dead"
        if lemma in lexicon.hostages:
            return "hostage"
    return _verb_of_the_clause(doc, number, sent, lexicon)


def _verb_of_the_clause(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon) -> str | None:
    """"six humanitaires français ainsi que leur guide et leur chauffeur avaient été tués": a long subject,
    whose verb lies past the window, up to the clause's end."""
    for token in doc[number.end + 7:min(sent.end, number.end + 16)]:
        if token.is_punct or token.like_num:
            return None
        lemma = lemma_key(token)
        if token.pos_ in ("VERB", "ADJ") and lemma in lexicon.deaths:
            return "dead"
        if token.pos_ in ("VERB", "ADJ") and lemma in lexicon.injuries:
            return "injured"
    return None


def _counts_people(noun: Token | None, lexicon: Lexicon) -> bool:
    """A count of people (or of dead/bodies) rather than of graves, vehicles or days."""
    if noun is None:
        return True
    lemma = lemma_key(noun)
    if noun.lower_ in _PERSON_NOUNS_EXTRA or lemma in _PERSON_NOUNS_EXTRA:
        return True
    if noun.ent_type_.startswith("ACTOR") or noun.ent_type_ in ("NORP",):
        return True
    if any(lemma in words for words in lexicon.groups.values()):
        return True
    return lemma in lexicon.deaths or lemma in lexicon.injuries or lemma in lexicon.hostages


def _figure_group(noun: Token | None, doc: Doc, number: NumberExpr, lexicon: Lexicon) -> str:
    if noun is None:
        return "people"
    lemma = lemma_key(noun)
    if lemma in ("other", "others", "autre", "autres"):
        following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if following is not None and following.pos_ == "NOUN":  # "nine other soldiers": soldiers, not others
            return _figure_group(following, doc, number, lexicon)
        return "others"
    for candidate in [noun, *[c for c in noun.children if c.dep_ in ("compound", "amod")]]:
        kind = _generic_kind(candidate, lexicon)
        if kind in ("military", "militia", "civilians", "perpetrators"):
            return kind
    if noun.ent_type_ == "ACTOR":
        return "militia" if noun.ent_kb_id_.startswith(("vdp", "dozo", "koglweogo", "cjtf")) else "group"
    return "people"


_AMONG_THE_DEAD = re.compile(r"\b(?:were|are|was|is) among (?:those killed|the dead|the victims|the fatalities)\b|"
                             r"\b(?:figurent|figuraient|sont|étaient) parmi les (?:victimes|morts|tués)\b")


def _is_subcount(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon, previous: list[NumberExpr]) -> bool:
    """"seven of them pupils", "dont une vingtaine d'enfants", "(quatre soldats et trois gendarmes)"."""
    after = doc[number.end:min(sent.end, number.end + 3)].text.lower()
    before = doc[max(sent.start, number.start - 3):number.start].text.lower()
    if lexicon.subcount is not None and (lexicon.subcount.match(after.strip()) or lexicon.subcount.search(before)):
        return True
    if re.search(r"(?:\bdont|\bparmi lesquels|\bparmi lesquelles|\bincluding|\bamong them|\bamong whom)\s*$", before):
        return True
    rest = doc[number.end:min(sent.end, number.end + 12)].text.lower()
    if _AMONG_THE_DEAD.search(rest):
        return True  # "22 children aged between 5 and 17 were among those killed": part of a toll
    here = doc[number.start].idx
    openers = [doc_text(doc).rfind(mark, sent.start_char, here) for mark in ("(", " - ", " – ", " — ", ": ")]
    opener = max(openers)
    if opener < 0 or doc_text(doc).rfind(")", sent.start_char, here) > opener:
        return False
    opener_token = doc.char_span(opener, opener + 1, alignment_mode="expand")
    if opener_token is None:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in doc[opener_token.end:number.start]):
        return False  # "sept dépouilles supplémentaires : le décompte s'établit à vingt-huit morts": a new clause
    return any(0 <= opener_token.start - p.end <= 3 for p in previous)


def _topic_group(doc: Doc, number: NumberExpr, sent: Span, lexicon: Lexicon) -> str | None:
    """"Du côté des terroristes, douze ont été neutralisés": a bare count takes the group named before it."""
    for token in reversed(doc[max(sent.start, number.start - 8):number.start]):
        group = lexicon.group_of(lemma_key(token)) or lexicon.group_of(token.lower_)
        if group in ("perpetrators", "military", "militia", "civilians"):
            marker = {t.lower_ for t in doc[max(sent.start, token.i - 3):token.i]}
            return group if marker & {"côté", "among", "parmi", "side", "rangs", "ranks"} else None
    return None


_SINGULAR_DEATH = re.compile(r"\b(?:was|has been) (?:shot dead|killed|murdered|executed|beheaded|fatally)\b|"
                             r"\b(?:a été|est) (?:tué|tuée|abattu|abattue|assassiné|assassinée|exécuté|exécutée|"
                             r"mortellement)\b", re.I)


def _single_victim(sent: Span, triggers: list[Trigger], lexicon: Lexicon, speaker: str) -> list[Figure]:
    """"Le chef de poste ... a été tué", "his bodyguard was killed": one person, one death."""
    match = _SINGULAR_DEATH.search(sent.text)
    if match is None or not triggers:
        return []
    start = sent.start_char + match.start()
    # One named death is a floor, not a toll: like "several", it yields to any precise count of the event.
    number = NumberExpr(sent.start, sent.start, 1, 1, 1, "at least", vague=True)
    subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and t.idx < start]
    group = "people"
    if subjects:
        kind = _generic_kind(subjects[-1], lexicon)
        group = kind if kind in ("military", "militia", "civilians", "perpetrators") else "people"
    return [Figure(number, "dead", group, speaker, start, sent.start_char + match.end(), match.group(0))]


def _after_named_person(doc: Doc, number: NumberExpr, sent: Span) -> bool:
    """"killed Traore and two members of the army": a named victim joined to the count."""
    if number.start - 2 < sent.start:
        return False
    conj, name = doc[number.start - 1], doc[number.start - 2]
    if conj.lower_ not in ("and", "et"):
        return False
    if name.ent_type_ == "PERSON":
        return True
    return name.pos_ == "PROPN" and name.is_title and not name.ent_type_ and lemma_key(doc[number.start - 3]) in (
        "kill", "tuer", "kidnap", "abduct", "enlever", "and", "including", "dont")


def find_figures(sent: Span, lexicon: Lexicon, speaker: str, sentence_flags: dict[str, bool],
                 date_spans: list[tuple[int, int]] = ()) -> list[Figure]:  # type: ignore[assignment]
    """Counts of dead, injured and taken people in a sentence (numbers inside dates left out)."""
    doc = sent.doc
    figures: list[Figure] = []
    numbers = [n for n in find_numbers(sent, lexicon)
               if not any(d[0] <= doc[n.start].idx < d[1] for d in date_spans)]
    for index, number in enumerate(numbers):
        if _is_subcount(doc, number, sent, lexicon, numbers[:index]):
            continue
        noun = _counted_noun(doc, number, sent, lexicon)
        if not _counts_people(noun, lexicon):
            continue
        kind = _figure_kind(doc, number, noun, sent, lexicon)
        if kind is None:
            continue
        group = _figure_group(noun, doc, number, lexicon)
        if noun is None and group == "people":
            group = _topic_group(doc, number, sent, lexicon) or group
        if group == "others" or _after_named_person(doc, number, sent):
            # "three others also died" (besides the person named), "killed Traore and two soldiers"
            number = NumberExpr(number.start, number.end, number.value + 1, number.low + 1, number.high + 1,
                                number.qualifier, number.vague)
            group = "people" if group == "others" else group
        end_tok = max(number.end, noun.i + 1) if noun is not None and noun.i < number.end + 6 else number.end
        span = doc[number.start:end_tok]
        own_count = group == "perpetrators" or sentence_flags.get("claim", False)
        figures.append(Figure(number, kind, group, speaker, span.start_char, span.end_char, span.text,
                              revision=sentence_flags.get("revision", False),
                              # "a figure that could not be verified": only a party's own count is discarded
                              credible=not (sentence_flags.get("not_confirmed", False) and own_count),
                              perpetrator_claim=sentence_flags.get("claim", False)))
    return figures


# ---------------------------------------------------------------- attribution

def find_speaker(sent: Span, lexicon: Lexicon) -> str:
    """Who the sentence attributes its content to ("according to X", "X said", "selon X"), or ""."""
    text = sent.text
    if lexicon.according_to is not None:
        m = lexicon.according_to.search(text)
        if m:
            rest = text[m.end():]
            phrase = re.split(r"[,.;:]| who | which | qui | que ", rest, maxsplit=1)[0]
            return phrase.strip()[:80]
    for token in reversed(sent):
        if lemma_key(token) in lexicon.speech_verbs and token.pos_ in ("VERB", "AUX"):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if subjects:
                subject = subjects[0]
                if subject.pos_ == "PRON":
                    return subject.text
                span = sent.doc[subject.left_edge.i:subject.right_edge.i + 1]
                return span.text[:80]
    return ""


_MODALS = {"will", "would", "could", "may", "might", "should", "must", "shall", "'ll", "can"}


def _hypothetical(sent: Span, triggers: list[Trigger]) -> bool:
    """Every trigger sits under a modal or future verb ("an attack ... will be treated as", "pourrait")."""
    if not triggers:
        return False
    doc = sent.doc

    def modal(token: Token) -> bool:
        for candidate in [token, *head_chain(token, 3)]:
            if any(c.dep_ in ("aux", "aux:tense") and (c.lower_ in _MODALS or "Tense=Fut" in str(c.morph))
                   for c in candidate.children):
                return True
            if "Tense=Fut" in str(candidate.morph):
                return True
        return False

    return all(modal(doc[t.head]) for t in triggers)


def _flag(pattern: re.Pattern[str] | None, text: str) -> bool:
    return bool(pattern is not None and pattern.search(text))


# ---------------------------------------------------------------- frames

def build_frames(doc: Doc, lexicon: Lexicon, published: dt.date | None, speaker: str = "") -> list[Frame]:
    """One frame per sentence of ``doc``; sentences of a roundup's list items carry the item's number.

    ``speaker``: the official body whose communiqué the report is; sentences that name no speaker speak for it.
    """
    frames: list[Frame] = []
    starts = item_starts(doc_text(doc), lexicon.language, published)
    seen_items: set[int] = set()
    sentences = list(doc.sents)
    index_sentences(doc, sentences)
    ents_by_sent: dict[int, list[Span]] = {}
    for ent in doc.ents:
        ents_by_sent.setdefault(sent_start(doc, ent.start), []).append(ent)
    for index, sent in enumerate(sentences):
        item = sum(1 for start in starts if start < sent.end_char)
        header = item > 0 and item not in seen_items and sent.start_char <= starts[item - 1] < sent.end_char
        if header:
            seen_items.add(item)
        frame = build_frame(index, sent, item, lexicon, published, header, ents_by_sent.get(sent.start, []),
                            speaker=speaker)
        frames.append(frame)
    return frames


def build_frame(index: int, sent: Span, item: int, lexicon: Lexicon, published: dt.date | None,
                item_header: bool = False, ents: list[Span] | None = None, speaker: str = "") -> Frame:
    """Analyse one sentence (``ents``: its entities, when the caller has them at hand; ``speaker``: the
    official issuer of the report, for a sentence that names no speaker of its own)."""
    if "ec_sent_start" not in sent.doc.user_data:
        index_sentences(sent.doc, list(sent.doc.sents))
    ents = list(sent.ents) if ents is None else ents
    doc = sent.doc
    text = sent.text
    frame = Frame(index=index, sent=sent, item=item, item_header=item_header)
    frame.triggers = find_triggers(sent, lexicon)
    trigger_tokens = {i for t in frame.triggers for i in range(t.start, t.end)} | {t.head for t in frame.triggers}
    actor_chars = [(e.start_char, e.end_char) for e in ents if e.label_.startswith("ACTOR")]
    for expr in find_dates(text, lexicon, published):
        if any(a <= sent.start_char + expr.start < b for a, b in actor_chars):
            continue
        absolute = DateExpr(expr.start + sent.start_char, expr.end + sent.start_char, expr.text, expr.date,
                            expr.precision, expr.kind, expr.end_date)
        event_triggers = frame.strong_triggers or frame.triggers
        role = "dateline" if (expr.start < 40 and DATELINE.match(text)) else _date_role(
            doc, absolute, event_triggers, lexicon, sent)
        frame.dates.append(absolute)
        if role == "event":
            frame.event_dates.append(absolute)
            frame.event_dates.sort(key=lambda d: _trigger_distance(doc, d, event_triggers))
        elif role == "claim":
            frame.claim_dates.append(absolute)
        elif role == "discovery":
            frame.discovery_dates.append(absolute)
        elif role == "other":
            frame.place_dates.append(absolute)
    frame.places = find_places(doc, sent, ents, trigger_tokens, lexicon)
    frame.actors = find_actors(sent, frame.triggers, lexicon, ents)
    if _flag(lexicon.victim_subject, text):
        frame.actors = [a if a.role != "agent" or a.kind not in ("military", "militia", "civilians")
                        else replace(a, role="patient") for a in frame.actors]
    frame.speaker = find_speaker(sent, lexicon)
    frame.speaker_official = _flag(lexicon.official_speakers, frame.speaker.lower()) or (
        _flag(lexicon.official_speakers, text) and (_flag(lexicon.speech_phrases, text) or any(
            lemma_key(t) in lexicon.speech_verbs or t.lower_ in lexicon.speech_verbs for t in sent)))
    if not frame.speaker and frame.speaker_official:
        official = lexicon.official_speakers.search(text) if lexicon.official_speakers else None
        frame.speaker = official.group(0) if official else ""
    if not frame.speaker and speaker:
        frame.speaker, frame.speaker_official, frame.for_document = speaker, True, True
    frame.not_claimed = _flag(lexicon.not_claimed, text) or negated_word(
        sent, lexicon.claim_words, lexicon.negators, lexicon.clause_negators)
    frame.claim = (_flag(lexicon.claim, text) or any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in
                                                     lexicon.claim_verbs for t in sent)) and not frame.not_claimed
    frame.deny = _flag(lexicon.deny, text)
    frame.not_confirmed = _flag(lexicon.not_confirmed, text) or negated_word(
        sent, lexicon.confirm_words, lexicon.negators, lexicon.clause_negators)
    frame.blame = _flag(lexicon.blame, text)
    if frame.blame:  # "les autorités attribuent l'attaque aux combattants de l'EIGS": blamed, not attacked
        frame.actors = [replace(a, role="blamed") if a.kind == "group" and a.role == "patient" else a
                        for a in frame.actors]
    frame.channel = next((name for name, rx in lexicon.channels.items() if rx.search(text)), "")
    frame.recall = _flag(lexicon.recall, text)
    frame.separate = _flag(lexicon.separate, text)
    background = lexicon.background.search(text) if lexicon.background is not None else None
    frame.background = background.group(0) if background else ""
    flags = {"revision": _flag(lexicon.revision, text), "not_confirmed": frame.not_confirmed, "claim": frame.claim}
    frame.figures = find_figures(sent, lexicon, frame.speaker, flags, [(d.start, d.end) for d in frame.dates])
    if not any(f.kind == "dead" for f in frame.figures):
        frame.figures.extend(_single_victim(sent, frame.triggers, lexicon, frame.speaker))
    frame.hypothetical = _hypothetical(sent, frame.triggers) or _flag(lexicon.not_violence, text)
    return frame


def headline_frame(title: str | None, doc: Doc, lexicon: Lexicon, published: dt.date | None) -> Frame | None:
    """The report's headline analysed like a sentence (its tokens are made with the doc's vocabulary, no
    parse): triggers, dates and background cues, for deciding what the report is about."""
    if not title:
        return None
    from spacy.tokens import Doc as SpacyDoc

    words = re.findall(r"\w+(?:['’-]\w+)*|[^\w\s]", title)
    if not words:
        return None
    headline = SpacyDoc(doc.vocab, words=words)
    headline.user_data["ec_text"] = headline.text
    frame = Frame(index=-1, sent=headline[:], item=0)
    frame.triggers = find_triggers(headline[:], lexicon)
    frame.dates = find_dates(headline.text, lexicon, published)
    frame.event_dates = list(frame.dates)
    match = lexicon.background.search(headline.text) if lexicon.background is not None else None
    frame.background = match.group(0) if match else ""
    return frame
