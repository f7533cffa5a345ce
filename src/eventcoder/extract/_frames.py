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

from eventcoder.extract._actors import AGENT, PATIENT, ActorMention, find_actors, generic_noun_kind
from eventcoder.extract._attribution import BLAMED, attribute, flag
from eventcoder.extract._compounds import ParsedTrigger, parsed_triggers
from eventcoder.extract._dates import DateExpr, find_dates
from eventcoder.extract._figures import Figure, find_figures
from eventcoder.extract._layout import item_starts
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

__all__ = ["Frame", "Trigger", "build_frames"]
_DATED_CUES = {"protest", "arrest", "handover", "change", "disrupt", "sd_other"}  # weak cues that a dated sentence reports (a gathering, an arrest)


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
    if flag(lexicon.victim_subject, text):
        frame.actors = [a if a.role != AGENT or a.kind not in ("military", "militia", "civilians")
                        else replace(a, role=PATIENT) for a in frame.actors]
    attribute(frame, lexicon, speaker)
    if frame.blame:  # "les autorités attribuent l'attaque aux combattants de l'EIGS": blamed, not attacked
        frame.actors = [replace(a, role=BLAMED) if a.kind == "group" and a.role == PATIENT else a
                        for a in frame.actors]
    frame.figures = find_figures(frame, lexicon, lambda token: generic_noun_kind(token, lexicon))
    frame.hypothetical = _hypothetical(sent, frame.triggers) or flag(lexicon.not_violence, text)
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
