"""Per-sentence analysis: what one sentence says about violence.

A :class:`Frame` holds, for one sentence, the event triggers, the dates (and whether each dates the event,
a statement or a claim), the places, the actors with their roles, the casualty figures with their
speaker, and the attribution cues (claims, denials, "has not confirmed"). :func:`build_frame` assembles it
from the readers of each noun (``_triggers``, ``_date_roles`` and the modules of places, actors, figures and
attribution); ``_events`` then groups frames into the events of the report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from eventcoder.extract._actors import AGENT, PATIENT, ActorMention, find_actors, generic_noun_kind
from eventcoder.extract._attribution import BLAMED, attribute, flag
from eventcoder.extract._date_roles import date_role, trigger_distance
from eventcoder.extract._dates import DateExpr, find_dates
from eventcoder.extract._figures import Figure, FigureKind, find_figures
from eventcoder.extract._layout import item_starts
from eventcoder.extract._places import PlaceMention, find_places
from eventcoder.extract._tokens import (
    DATELINE,
    Trigger,
    doc_text,
    index_sentences,
    sent_start,
)
from eventcoder.extract._triggers import find_triggers, under_modal
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
    # char offsets in the parsed text of the words that named the speaker, the denial and the channel
    speaker_at: tuple[int, int] | None = None
    deny_at: tuple[int, int] | None = None
    channel_at: tuple[int, int] | None = None
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
    def counts_dead(self) -> bool:
        """One of the sentence's figures counts dead people."""
        return any(f.kind == FigureKind.DEAD for f in self.figures)

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


# ---------------------------------------------------------------- frames

def build_frames(doc: Doc, lexicon: Lexicon, published: dt.date | None, speaker: str = "") -> list[Frame]:
    """One frame per sentence of ``doc``; sentences of a roundup's list items carry the item's number.

    ``speaker``: the official body whose communiqué the report is; sentences that name no speaker speak for it.
    """
    frames: list[Frame] = []
    starts = item_starts(doc_text(doc), lexicon, published)
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
        role = "dateline" if (expr.start < 40 and DATELINE.match(text)) else date_role(
            doc, absolute, event_triggers, lexicon, sent)
        frame.dates.append(absolute)
        if role == "event":
            frame.event_dates.append(absolute)
            frame.event_dates.sort(key=lambda d: trigger_distance(doc, d, event_triggers))
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
    frame.hypothetical = under_modal(sent, frame.triggers, lexicon) or flag(lexicon.not_violence, text)
    return frame


def headline_frame(title: str | None, doc: Doc, lexicon: Lexicon, published: dt.date | None) -> Frame | None:
    """The report's headline analysed like a sentence (its tokens are made with the doc's vocabulary, no
    parse): triggers, dates and background cues, for deciding what the report is about."""
    if not title:
        return None
    words = re.findall(r"\w+(?:['’-]\w+)*|[^\w\s]", title)
    if not words:
        return None
    headline = Doc(doc.vocab, words=words)
    headline.user_data["ec_text"] = headline.text
    frame = Frame(index=-1, sent=headline[:], item=0)
    frame.triggers = find_triggers(headline[:], lexicon)
    frame.dates = find_dates(headline.text, lexicon, published)
    frame.event_dates = list(frame.dates)
    match = lexicon.background.search(headline.text) if lexicon.background is not None else None
    frame.background = match.group(0) if match else ""
    return frame
