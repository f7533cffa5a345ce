"""Group a report's frames into its event drafts.

The rules follow ACLED: one event is one type of action by the same actors at one place on one day. The
first reported violence of a report (its lead) opens its main event; later sentences add to the event
they are about (same date, same place, or no date/place of their own) or open a new one when the text
says so ("a separate attack on Wednesday", a new item of a roundup, another date). Background sentences
("since 2012", "the attack came three days after an ambush ...") open nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from eventcoder.extract._dates import DateExpr, anaphora_shift
from eventcoder.extract._demos import opens_event
from eventcoder.extract._frames import Frame
from eventcoder.extract._places import PlaceMention, Relation
from eventcoder.extract._splits import split_simultaneous_attacks
from eventcoder.lexicon import Lexicon

__all__ = ["EventDraft", "assemble_events", "dates_compatible", "drop_old_events"]

VIOLENT_CUES = {"chemical", "suicide", "airstrike", "shelling", "ied", "grenade", "ambush", "attack", "clash", "kill", "abduct",
                "sexual", "loot"}
MAX_GAP_DAYS = 10
RECALLED_AFTER_DAYS = 60  # a later sentence's date (of a week or month) this long before the main event: history


@dataclass
class EventDraft:
    """The frames of one event of a report, in text order."""

    frames: list[Frame] = field(default_factory=list)
    item: int = 0
    date: DateExpr | None = None
    place: PlaceMention | None = None  # set when simultaneous attacks on several villages are split
    place_frame: Frame | None = None
    figures_kept: set[tuple[int, int]] | None = None  # (frame index, figure start) of this place's tolls
    target: str = ""
    headline: Frame | None = None  # the report's headline, for the main event only
    found_dates: list[DateExpr] = field(default_factory=list)  # a discovery date taken for want of a better one

    @property
    def anchor(self) -> Frame:
        return next((f for f in self.frames if f.is_event), self.frames[0])

    def add(self, frame: Frame) -> None:
        self.frames.append(frame)
        if frame.event_dates and (self.date is None or self.date in self.found_dates or _refines(
                frame.event_dates[0], self.date)):
            self.date = frame.event_dates[0]
        elif self.date is None and frame.discovery_dates:  # the killing undated: the day the bodies were found
            self.date = frame.discovery_dates[0]
            self.found_dates.append(self.date)


def _refines(new: DateExpr, old: DateExpr) -> bool:
    """A later date of the event says more: the day within its week or month, or the evening an "overnight"
    began ("an overnight raid ... The attack began at around 10 pm on Sunday")."""
    if _more_precise(new, old) and dates_compatible(new, old):
        return True
    return (old.kind == "night" and old.end_date is None and new.date is not None and old.date is not None
            and new.precision == 1 and new.date == old.date - dt.timedelta(days=1))


def _more_precise(a: DateExpr, b: DateExpr) -> bool:
    return a.date is not None and (b.date is None or a.precision < b.precision)


def _span_days(expr: DateExpr) -> tuple[dt.date, dt.date] | None:
    if expr.date is None:
        return None
    if expr.precision == 3:
        return expr.date, expr.date + dt.timedelta(days=31)
    if expr.precision == 2:
        return expr.date, expr.date + dt.timedelta(days=7)
    if expr.kind == "night" and expr.end_date is None:  # "overnight": the night that ended that morning
        return expr.date - dt.timedelta(days=1), expr.date
    return expr.date, expr.end_date or expr.date


def dates_compatible(a: DateExpr, b: DateExpr) -> bool:
    """Same day, or one lies within the week/month the other names, or "the night of X to Y"."""
    sa, sb = _span_days(a), _span_days(b)
    if sa is None or sb is None:
        return True
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def _days_before(expr: DateExpr, reference: dt.date | None) -> int:
    if expr.date is None or reference is None:
        return 0
    return (reference - expr.date).days


def _is_background(frame: Frame, main: EventDraft | None, published: dt.date | None) -> bool:
    """Context and history, not an event of the report."""
    if frame.background:
        # a lead that dates its attack to the day ("the killing of 141 people in Tillia on 21 March marks the
        # deadliest attack") reports it, even weeks later; a later sentence must be recent
        lead = main is None and bool(frame.event_dates) and frame.event_dates[0].precision == 1
        limit = RECALLED_AFTER_DAYS if lead else MAX_GAP_DAYS
        if not (frame.event_dates and _days_before(frame.event_dates[0], published) <= limit):
            return True
    if frame.recall and main is not None:
        return True
    if frame.event_dates and main is not None:
        expr = frame.event_dates[0]
        main_date = main.date.date if main.date is not None else None
        if main_date is not None and expr.precision == 1:
            return _days_before(expr, main_date) > MAX_GAP_DAYS
        # "In January 2019, reprisals in Yirgou left 49 dead" in a report on this week's killings: a week or a
        # month long before the main event (or, when it has no date, the publication) is history
        return _days_before(expr, main_date or published) > RECALLED_AFTER_DAYS
    return False


def _pluperfect(frame: Frame, auxiliaries: frozenset[str]) -> bool:
    """A plus-que-parfait (an imperfect auxiliary of ``events.pluperfect_auxiliaries``) on a trigger or the
    main verb, outside reported speech: an earlier event."""
    doc = frame.sent.doc
    if frame.speaker or not auxiliaries:
        return False
    for head in [frame.sent.root, *(doc[t.head] for t in frame.strong_triggers)]:
        for child in head.children:
            if child.dep_.startswith("aux") and ("Tense=Imp" in str(child.morph)) and child.lemma_ in auxiliaries:
                return True
    return False


def _recalls_from_a_non_event(frame: Frame, came_after: re.Pattern[str] | None) -> bool:
    """"The summit came weeks after one of the deadliest attacks" (``events.came_after``): what came after is
    no violence, so the attack is recalled, not reported."""
    if not frame.recall or came_after is None or not came_after.search(frame.text):
        return False
    root = frame.sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass", "expl")]
    trigger_tokens = {i for t in frame.triggers for i in range(t.start, t.end)}
    return bool(subjects) and not any(s.i in trigger_tokens or s.pos_ == "PRON" for s in subjects)


def _places_differ(frame: Frame, draft: EventDraft) -> bool:
    own = {p.key for p in frame.places if not p.excluded and not p.admin_level and p.attached}
    theirs = {p.key for f in draft.frames for p in f.places if not p.excluded and not p.admin_level}
    return bool(own) and bool(theirs) and not (own & theirs)


def _find_by_date(drafts: list[EventDraft], expr: DateExpr) -> EventDraft | None:
    for draft in reversed(drafts):
        if draft.date is not None and draft.date.date is not None and dates_compatible(draft.date, expr):
            return draft
    return None


OLD_EVENT_DAYS = 45


def drop_old_events(drafts: list[EventDraft], published: dt.date | None, title: Frame | None) -> list[EventDraft]:
    """An event told more than six weeks after it happened is the report's subject only when the headline
    says so (a claim, a video of a hostage, an inquiry's findings), never in an anniversary piece."""
    if published is None:
        return drafts
    anniversary = title is not None and bool(title.background) and not title.event_dates
    title_cues = {t.cue for t in title.triggers} if title is not None else set()
    kept = []
    for draft in drafts:
        date = draft.date.date if draft.date is not None else None
        recent = date is not None and (published - date).days <= OLD_EVENT_DAYS
        if anniversary and not (date is not None and (published - date).days <= 7):
            continue
        if date is not None and not recent:
            cues = {t.cue for f in draft.frames for t in f.triggers}
            if not (title_cues & cues):
                continue
        kept.append(draft)
    return kept


def assemble_events(frames: list[Frame], published: dt.date | None, lexicon: Lexicon) -> list[EventDraft]:
    """Frames grouped into event drafts, background left out."""
    auxiliaries = lexicon.words("events.pluperfect_auxiliaries")
    came_after = lexicon.pattern("events.came_after")
    drafts: list[EventDraft] = []
    current: EventDraft | None = None
    prelude: list[Frame] = []  # the scene the lead sets before the first event sentence
    for frame in frames:
        relevant = frame.is_event or frame.figures or frame.claim or frame.deny or frame.not_confirmed
        if not drafts and _sets_a_scene(frame) and not relevant and not frame.background and not frame.item:
            prelude.append(frame)
        if not relevant:
            continue
        main = drafts[0] if drafts else None
        if _is_background(frame, main, published) or (frame.is_event and _pluperfect(frame, auxiliaries)):
            continue
        if main is None and _recalls_from_a_non_event(frame, came_after):
            continue
        if current is not None and frame.item != current.item and frame.item > 0:
            current = None
        if current is None:
            if not frame.is_event or not _violent(frame):
                continue
            current = EventDraft(item=frame.item)
            if not drafts and not frame.item:
                _add_scene(current, prelude, frame)
            current.add(frame)
            drafts.append(current)
            continue
        current = _place_frame(frame, current, drafts)
    _date_from_item_headers(drafts, frames)
    _resolve_anaphoric_dates(drafts, frames, _anaphora_shifts(lexicon))
    _date_from_place_sentences(drafts, frames, published)
    drafts = [d for d in drafts if any(f.is_event for f in d.frames) and _codable(d)]
    drafts = [part for draft in drafts for part in split_simultaneous_attacks(draft, lexicon)]
    if any(f.item for f in frames):  # a roundup: the introduction only summarises its items
        drafts = [d for d in drafts if d.item] or drafts
    return _prune_secondary(drafts, published)


def _sets_a_scene(frame: Frame) -> bool:
    """A lead sentence that can give the first event its place and day: it tells violence without a toll
    ("woke to the sound of explosions"), or an actor at a place ("les FAMa ont mené samedi une opération de
    ratissage dans la zone de Moura")."""
    return bool(frame.triggers) or bool(frame.actors and frame.places)


def _add_scene(draft: EventDraft, prelude: list[Frame], first: Frame) -> None:
    """"La ville-garnison de Kati s'est réveillée ce vendredi au son des explosions. Des assaillants ont lancé
    deux véhicules piégés contre le camp": the lead's place and day are the event's when the first event
    sentence names neither."""
    if first.event_dates or any(not p.excluded and not p.country for p in first.places):
        return
    for frame in prelude:
        draft.add(frame)


def _codable(draft: EventDraft) -> bool:
    """ACLED codes an event at a place on a day: a draft with neither a place below the country nor a date
    closer than the month is a mention of violence, not an event."""
    has_place = any(not p.excluded and not (p.country and p.relation != Relation.BORDER)
                    for f in draft.frames for p in f.places)
    has_day = draft.date is not None and draft.date.date is not None and draft.date.precision < 3
    return has_place or has_day


def _has_place(draft: EventDraft) -> bool:
    return any(not p.excluded for f in draft.frames for p in f.places)


def _prune_secondary(drafts: list[EventDraft], published: dt.date | None) -> list[EventDraft]:
    """Drop the later drafts that are older events recalled in passing, or too vague to be events.

    The first draft is the report's main event and is always kept (a report may be about an old event).
    A later one is kept only when it has a day-precise date close to the main event's (or to the
    publication date) and a place of its own, or belongs to a list item of a roundup.
    """
    if len(drafts) < 2:
        return drafts
    main = drafts[0]
    reference = main.date.date if main.date is not None and main.date.date is not None else published
    kept = [main]
    for draft in drafts[1:]:
        date = draft.date
        if date is None or date.date is None:
            if draft.item and draft.item != main.item and _has_place(draft):
                kept.append(draft)
            continue
        if date.precision == 3:
            continue
        if reference is not None and (reference - date.date).days > MAX_GAP_DAYS:
            continue
        if published is not None and (published - date.date).days > 45 and not draft.item:
            continue
        if not _has_place(draft) and not draft.item:
            continue
        kept.append(draft)
    return kept


def _anaphora_shifts(lexicon: Lexicon) -> list[tuple[str, int]]:
    """(phrase, days) of ``dates.anaphora_shift`` and ``events.anaphora_shift``, longest phrase first."""
    shifts = {**anaphora_shift(lexicon), **lexicon.table("events.anaphora_shift")}
    return sorted(((phrase, int(days)) for phrase, days in shifts.items()), key=lambda kv: -len(kv[0]))


def _resolve_anaphoric_dates(drafts: list[EventDraft], frames: list[Frame], shifts: list[tuple[str, int]]) -> None:
    """"BURKINA FASO - Oudalan, same day.", "le lendemain": a draft without a date of its own takes the
    previous draft's date, moved by the day the expression says."""
    previous: DateExpr | None = None
    for draft in drafts:
        if draft.date is not None and draft.date.date is not None:
            previous = draft.date
            continue
        if previous is None or previous.date is None:
            continue
        texts = [f.text for f in draft.frames]
        if draft.item:
            texts = [f.text for f in frames if f.item == draft.item][:2] + texts
        for text in texts:
            lowered = text.lower()
            shift = next((days for phrase, days in shifts if phrase in lowered), None)
            if shift is not None:
                draft.date = DateExpr(previous.start, previous.end, previous.text,
                                      previous.date + dt.timedelta(days=shift), previous.precision, "anaphoric")
                break


def _date_from_place_sentences(drafts: list[EventDraft], frames: list[Frame], published: dt.date | None) -> None:
    """"28 people were killed in Nouna ... authorities were informed of a tragedy in Nouna during the night of
    Dec. 30 to 31": a draft with no date of its own takes the recent day-precise date of a sentence without
    trigger that names the draft's village or town."""
    if published is None:
        return
    for draft in drafts:
        if draft.date is not None:
            continue
        own = {p.key for f in draft.frames for p in f.places if not p.excluded and not p.admin_level and not p.country}
        for frame in frames:
            if frame.triggers or not own & {p.key for p in frame.places if not p.excluded}:
                continue
            recent = [d for d in frame.place_dates
                      if d.date is not None and d.precision == 1 and 0 <= (published - d.date).days <= MAX_GAP_DAYS]
            if recent:
                draft.date = recent[0]
                break


def _date_from_item_headers(drafts: list[EventDraft], frames: list[Frame]) -> None:
    """A roundup item's date ("2. NAMENTENGA - Friday.") dates the item's events that have none."""
    header_dates: dict[int, DateExpr] = {}
    for frame in frames:
        if not frame.item or frame.item in header_dates:
            continue
        if frame.dates and frame.dates[0].date is not None:
            header_dates[frame.item] = frame.dates[0]
        elif frame.strong_triggers:
            header_dates[frame.item] = None  # type: ignore[assignment]
    for draft in drafts:
        if draft.date is None and header_dates.get(draft.item) is not None:
            draft.date = header_dates[draft.item]


def _violent(frame: Frame) -> bool:
    return any(t.cue in VIOLENT_CUES or t.cue in ("release", "capture", "arrest", "protest", "riot", "mob")
               for t in frame.triggers) or opens_event(frame)


def _place_frame(frame: Frame, current: EventDraft, drafts: list[EventDraft]) -> EventDraft:
    """Add ``frame`` to the draft it is about; return the draft now current."""
    if frame.event_dates and frame.event_dates[0].date is not None:
        expr = frame.event_dates[0]
        if current.date is None or dates_compatible(expr, current.date):
            if frame.separate and frame.strong_triggers and current.date is not None and _places_differ(frame, current):
                return _new_draft(frame, current.item, drafts)
            current.add(frame)
            return current
        same = _find_by_date(drafts, expr)
        if same is not None:
            same.add(frame)
            return same
        if frame.strong_triggers and not frame.anaphoric and (frame.separate or _names_own_place(frame, current)):
            return _new_draft(frame, current.item, drafts)
        current.frames.append(frame)
        return current
    if frame.separate and frame.strong_triggers and _places_differ(frame, current):
        return _new_draft(frame, current.item, drafts)
    current.add(frame)
    return current


def _names_own_place(frame: Frame, draft: EventDraft) -> bool:
    """The frame names a village or town of its own, other than the draft's: another date there is another
    event; another date with no place of its own is more likely a later moment of the same story."""
    own = {p.key for p in frame.places if not p.excluded and not p.admin_level and not p.country}
    theirs = {p.key for f in draft.frames for p in f.places}
    return bool(own - theirs)


def _new_draft(frame: Frame, item: int, drafts: list[EventDraft]) -> EventDraft:
    draft = EventDraft(item=item)
    draft.add(frame)
    drafts.append(draft)
    return draft
