"""Group a report's frames into its events and build one :class:`Mention` per event.

The rules follow ACLED: one event is one type of action by the same actors at one place on one day. The
first reported violence of a report (its lead) opens its main event; later sentences add to the event
they are about (same date, same place, or no date/place of their own) or open a new one when the text
says so ("a separate attack on Wednesday", a new item of a roundup, another date). Background sentences
("since 2012", "the attack came three days after an ambush ...") open nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from eventcoder.extract._actors import ActorMention
from eventcoder.extract._context import country_mentions, find_borders
from eventcoder.extract._dates import ANAPHORA_SHIFT, DateExpr
from eventcoder.extract._demos import default_actor1_kind, opens_event, read_demonstration
from eventcoder.extract._frames import Figure, Frame, PlaceMention
from eventcoder.lexicon import Lexicon
from eventcoder.records import ActorRef, Claim, Evidence, FatalityFigure, Mention, PlacePhrase, Report

__all__ = ["EventDraft", "assemble_events", "draft_to_mention", "share_claim_details", "split_battle_and_civilians"]

CUE_PRIORITY = ["chemical", "suicide", "airstrike", "shelling", "ied", "grenade", "sexual", "ambush", "attack", "clash", "kill",
                "abduct", "loot", "capture", "arrest", "release", "riot", "protest", "mob", "disrupt", "handover",
                "agreement", "change", "base", "sd_other"]
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
    if _more_precise(new, old) and _dates_compatible(new, old):
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


def _dates_compatible(a: DateExpr, b: DateExpr) -> bool:
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


def _pluperfect(frame: Frame) -> bool:
    """French plus-que-parfait on a trigger or the main verb, outside reported speech: an earlier event."""
    doc = frame.sent.doc
    if frame.speaker:
        return False
    for head in [frame.sent.root, *(doc[t.head] for t in frame.strong_triggers)]:
        for child in head.children:
            if child.dep_.startswith("aux") and ("Tense=Imp" in str(child.morph)) and child.lemma_ in ("avoir", "être"):
                return True
    return False


_CAME_AFTER = re.compile(r"\b(?:came|comes|come|follows|followed|survient|intervient|arrive|est survenue?)\b.{0,60}"
                         r"\b(?:after|après)\b", re.I)


def _recalls_from_a_non_event(frame: Frame) -> bool:
    """"The summit came weeks after one of the deadliest attacks": what came after is no violence, so the
    attack is recalled, not reported."""
    if not frame.recall or not _CAME_AFTER.search(frame.text):
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
        if draft.date is not None and draft.date.date is not None and _dates_compatible(draft.date, expr):
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


def assemble_events(frames: list[Frame], published: dt.date | None) -> list[EventDraft]:
    """Frames grouped into event drafts, background left out."""
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
        if _is_background(frame, main, published) or (frame.is_event and _pluperfect(frame)):
            continue
        if main is None and _recalls_from_a_non_event(frame):
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
    _resolve_anaphoric_dates(drafts, frames)
    _date_from_place_sentences(drafts, frames, published)
    drafts = [d for d in drafts if any(f.is_event for f in d.frames) and _codable(d)]
    drafts = [part for draft in drafts for part in split_simultaneous_attacks(draft)]
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
    has_place = any(not p.excluded and not (p.country and p.relation != "border")
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


_ANAPHORA = {**ANAPHORA_SHIFT, "same day": 0, "the same day": 0, "that day": 0, "le même jour": 0, "le jour même": 0,
             "même jour": 0, "même nuit": 0, "the following morning": 1, "the next morning": 1}


def _resolve_anaphoric_dates(drafts: list[EventDraft], frames: list[Frame]) -> None:
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
            shift = next((v for k, v in sorted(_ANAPHORA.items(), key=lambda kv: -len(kv[0])) if k in lowered), None)
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
        if current.date is None or _dates_compatible(expr, current.date):
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


# ---------------------------------------------------------------- drafts to mentions

def _evidence(report: Report, start: int, end: int) -> Evidence:
    return Evidence(report.id, start, end, report.text[start:end])


_FIGHTING = frozenset({"ambush", "attack", "clash", "kill"})


def _choose_cue(draft: EventDraft) -> tuple[str, str, Evidence | None]:
    """The draft's action: the highest cue of ``CUE_PRIORITY`` among its triggers; a cue that only weak
    triggers give ("appuyées par des vecteurs aériens") does not outrank a strongly named one ("ont repoussé
    l'assaut"): air support in a ground fight is the fight."""
    counts: Counter[str] = Counter()
    strong: set[str] = set()
    first: dict[str, tuple[str, int, int]] = {}
    for frame in draft.frames:
        if not frame.is_event:
            continue
        for trigger in frame.triggers:
            counts[trigger.cue] += 1 if trigger.weak else 2
            if not trigger.weak:
                strong.add(trigger.cue)
            doc = frame.sent.doc
            first.setdefault(trigger.cue, (trigger.text, doc[trigger.start].idx, doc[trigger.end - 1].idx
                                           + len(doc[trigger.end - 1].text)))
    if not counts:
        return "attack", "", None
    cues = sorted(counts, key=lambda c: (CUE_PRIORITY.index(c) if c in CUE_PRIORITY else 99))
    chosen = next((c for c in cues if c in strong), cues[0])
    if chosen == "kill" and "abduct" in counts and counts["abduct"] >= counts["kill"]:
        chosen = "abduct"
    if chosen in _FIGHTING and "capture" in counts:
        chosen = "capture"  # ACLED: a fight in which a place changes hands is coded by who took it
    text, start, end = first[chosen]
    return chosen, text, Evidence("", start, end, text)


def _actor_score(actor: ActorMention) -> int:
    role = {"claimant": 6, "agent": 5, "blamed": 3, "": 1, "patient": -5}.get(actor.role, 0)
    kind = {"group": 3, "perpetrators": 2, "military": 1, "militia": 1, "civilians": -5}.get(actor.kind, 0)
    return role + kind


def _best_generic_score(actors: Iterable[ActorMention]) -> int:
    """The best score of a generic attacker noun ("gunmen", "assaillants") among ``actors``, 0 if none."""
    return max((_actor_score(a) for a in actors if a.kind == "perpetrators" and a.role != "patient"), default=0)


def _protest_crackdown(draft: EventDraft) -> bool:
    """Protesters killed or hurt by the forces of order: a protest, coded as excessive force, not a battle."""
    cues = Counter(t.cue for f in draft.frames if not f.hypothetical for t in f.triggers)
    protesters = any(a.kind == "protesters" or a.text.lower().startswith(("protest", "manifest", "demonstr"))
                     for f in draft.frames for a in f.actors)
    forces = any(a.kind == "military" for f in draft.frames for a in f.actors)
    return (cues["protest"] + cues["riot"] >= 2 or protesters) and forces and not (
        cues["ambush"] or cues["ied"] or cues["suicide"] or cues["airstrike"])


def _choose_actor1(draft: EventDraft, last_group: ActorMention | None) -> ActorMention | None:
    """The perpetrator: a claimant, then the author of the action, then a group the text blames.

    A named armed group in a sentence that tells the attack ("fighters from the al Qaeda-linked JNIM
    attacked") is preferred to the generic noun beside it.
    """
    candidates: list[tuple[int, int, ActorMention]] = []
    attackers_named = any(a.kind in ("perpetrators", "group") and a.role in ("agent", "claimant", "blamed")
                          for f in draft.frames for a in f.actors)  # named as doing it, not only mentioned
    remote_attack = any(t.cue in ("ied", "suicide", "grenade") for f in draft.frames for t in f.triggers)
    # "Boko Haram fighters killed 92 soldiers ... the fighters attacked the garrison": the generic nouns of the
    # event's sentences are the group its lead names
    draft_generic = _best_generic_score(a for f in draft.frames for a in f.actors)
    for order, frame in enumerate(draft.frames):
        generic_best = draft_generic if frame is draft.anchor else _best_generic_score(frame.actors)
        for actor in frame.actors:
            if actor.kind in ("civilians",) or actor.role == "patient":
                continue
            score = _actor_score(actor)
            if actor.kind == "group" and frame.is_event and not frame.not_claimed:
                score = max(score, generic_best + 1)
            if frame.claim and actor.kind == "group":
                score += 4
            if frame.deny and actor.kind == "group":
                score -= 8
            if frame.blame and actor.kind == "group":
                score += 2
            if actor.kind in ("military", "militia") and (actor.role != "agent" or remote_attack):
                continue
            if actor.kind in ("military", "militia") and attackers_named and not _takes_ground(frame):
                continue  # "the army repelled the attack": the attackers started it (not "the army retook")
            candidates.append((score, -order, actor))
    if not candidates:
        return last_group
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    best = candidates[0][2]
    return best if candidates[0][0] > 0 else None


def _takes_ground(frame: Frame) -> bool:
    """The sentence tells a place taken ("the army recaptured the town from the jihadists")."""
    return any(t.cue == "capture" for t in frame.triggers)


def _choose_actor2(draft: EventDraft, actor1: ActorMention | None) -> tuple[ActorMention | None, str]:
    """The target: from the actors in patient role, the dead counted, and the nouns near the trigger."""
    weights: Counter[str] = Counter()
    examples: dict[str, ActorMention] = {}
    tolls: dict[str, int] = {}
    state_acts = actor1 is not None and actor1.kind == "military"
    for frame in draft.frames:
        if not frame.is_event and not frame.figures:
            continue
        for actor in frame.actors:
            if actor1 is not None and actor.start == actor1.start and actor.text == actor1.text:
                continue
            kind = _target_kind(actor, state_acts)
            if kind is None:
                continue
            if actor1 is not None and actor.kind == actor1.kind and (
                    actor.entry_id == actor1.entry_id or actor.role != "patient"):
                continue  # "soldiers killed 20 terrorists, the army said": the speaker is the author's side
            weight = 3 if actor.role == "patient" else 1
            if kind == "group" and actor.role != "patient":
                continue
            weights[kind] += weight
            if kind not in examples or (examples[kind].governing and not actor.governing):
                examples[kind] = actor
        for figure in frame.figures:
            group = "group" if state_acts and figure.group == "perpetrators" else figure.group
            if figure.kind in ("dead", "hostage") and group in ("military", "militia", "civilians", "group"):
                weights[group] += 2
                tolls[group] = max(tolls.get(group, 0), figure.number.low)
    if tolls:  # the side that lost most is the target ("16 VDP were killed; ... two civilians dead")
        weights[max(tolls, key=lambda g: tolls[g])] += 2
    if not weights:
        return None, ""
    # on a tie the armed side hit: a village attacked while its defenders die fighting is a battle (ACLED)
    kind = max(weights, key=lambda k: (weights[k], k != "civilians" and k in tolls))
    return examples.get(kind), kind


def _target_kind(actor: ActorMention, state_acts: bool) -> str | None:
    """The side an actor stands for as a target: "militants" and "terrorists" the army killed or
    "neutralised" are an armed group (a battle), not perpetrators."""
    if actor.kind == "perpetrators":
        return "group" if state_acts and actor.role == "patient" else None
    return actor.kind if actor.kind in ("military", "militia", "civilians", "group") else None


def _actor_ref(actor: ActorMention | None, role: str, report: Report, kind: str = "") -> ActorRef | None:
    if actor is None:
        if not kind:
            return None
        return ActorRef(text="", role=role, kind=kind)
    return ActorRef(text=actor.text, role=role, kind=actor.kind if actor.kind != "group" else "group",
                    entry_id=actor.entry_id, evidence=_actor_evidence(actor, report))


def _actor_evidence(actor: ActorMention, report: Report) -> Evidence | None:
    """The words the event used for its actor, not the name's first occurrence in the report."""
    if actor.char_start < 0:
        return None
    return _evidence(report, actor.char_start, actor.char_end)


_REGION_LEVELS = {"region", "région", "state", "état"}


def _place_rank(place: PlaceMention) -> float:
    """Villages, towns and points computed from them first; then admin units (the lower level first) and
    borders; countries last."""
    if place.country and place.relation != "border":
        return 0
    if place.relation == "border":
        return 1
    if place.admin_level:
        return 1.5 if place.admin_level in _REGION_LEVELS else 2
    return 3


def _choose_place(draft: EventDraft) -> tuple[PlaceMention | None, list[str], Frame | None]:
    """The event's place: the most precise kind of place, attached to a trigger in the anchor sentence first."""
    scored: list[tuple[float, int, int, PlaceMention, Frame]] = []
    admin_hints: list[str] = []
    if draft.place is not None and draft.place_frame is not None:
        hints = [p.text for f in draft.frames for p in f.places if p.admin_level and not p.excluded]
        return draft.place, hints, draft.place_frame
    for order, frame in enumerate(draft.frames):
        for place in frame.places:
            if place.excluded:
                continue
            if place.admin_level:
                admin_hints.append(place.text)
            score = 2 * place.located
            score += 4 if place.attached else 0
            if place.relation == "between" and any(
                    q.relation == "in" and not q.admin_level and not q.country and 0 < place.start - q.end <= 14
                    for q in frame.places):
                score -= 8  # the road a named village lies on
            score += 3 if frame is draft.anchor else 0
            score += 2 if frame.is_event else 0
            score -= order
            scored.append((_place_rank(place), score, -order, place, frame))
    if not scored:
        return None, admin_hints, None
    scored.sort(key=lambda s: (s[0], s[1], s[2]), reverse=True)
    place, frame = scored[0][3], scored[0][4]
    return _apposition(place, frame), admin_hints, frame


def _apposition(place: PlaceMention, frame: Frame) -> PlaceMention:
    """"Kogsablego, some 30 km east of Boulsa": an offset right after a village says where the village is
    (and the gazetteer may not know it); "Pâ, on the N1 between Bobo-Dioulasso and Ouagadougou" names the
    village itself, the road only locates it."""
    if place.relation not in ("in", "near") or place.admin_level or place.country:
        return place
    follow = [p for p in frame.places if p.relation == "offset" and 0 < p.start - place.end <= 16 and not p.excluded
              and p.distance_km is not None]  # "à une quinzaine de kilomètres de Bamako" gives no point
    # the village rides along as the offset's anchor: the resolver places the event at the village when the
    # gazetteer knows one that lies where the offset says, else at the offset point
    return replace(follow[0], anchor=place.text) if follow else place


def _border_in(draft: EventDraft) -> PlaceMention | None:
    return next((p for f in draft.frames for p in f.places if p.relation == "border" and not p.excluded), None)


def _offset_in(draft: EventDraft) -> PlaceMention | None:
    return next((p for f in draft.frames for p in f.places if p.relation == "offset" and not p.excluded), None)


def _headline_place(draft: EventDraft, chosen: PlaceMention | None) -> PlaceMention | None:
    """The headline's village when the text's best place is only a region, a border or a country."""
    if draft.headline is None or (chosen is not None and _place_rank(chosen) == 3 and not chosen.admin_level):
        return None
    return next((p for p in draft.headline.places if _place_rank(p) == 3 and not p.excluded), None)


def _fallback_names(draft: EventDraft, chosen: PlaceMention) -> list[str]:
    """Other villages the event's sentences name ("Sorgha, a village close to Bogande")."""
    names: list[str] = []
    for frame in draft.frames:
        for place in frame.places:
            if (place.excluded or place.admin_level or place.country or place.text == chosen.text
                    or place.relation in ("offset", "border") or place.text in names):
                continue
            names.append(place.text)
    return names[:4]


def _with_region_word(place: PlaceMention) -> str:
    """"dans la région de Tillabéri": the name with the word of its level ("region Tillabéri"), so that the
    resolver reads the region and not the department named after its capital; other levels as written."""
    word = {"région": "region", "region": "region", "état": "state", "state": "state"}.get(place.admin_level, "")
    return f"{word} {place.text}" if word and word not in place.text.lower() else place.text


def _place_phrase(draft: EventDraft, report: Report, country_hint: str | None,
                  header_places: tuple[str, ...] = ()) -> PlacePhrase | None:
    place, admin_hints, frame = _choose_place(draft)
    from_headline = _headline_place(draft, place)
    if from_headline is not None:  # "rally in Bamako turns violent": the text itself names no better place
        place, frame = from_headline, draft.headline
    if place is None or frame is None:
        return None
    names: tuple[str, ...] = (place.text, place.anchor) if place.relation in ("between", "offset") and place.anchor \
        else (place.text,)
    relation = place.relation
    distance, bearing = place.distance_km, place.bearing
    border = _border_in(draft)
    if relation == "offset" and border is not None:  # "400 km north of Bamako ... near the Mauritanian border"
        place = border
        relation = "border"
    if relation == "border":
        names = (place.country,)
        offset = _offset_in(draft)
        if offset is not None:
            names = (place.country, offset.text)
            distance, bearing = offset.distance_km, offset.bearing
    if place.relation == "between" and not place.anchor:
        relation = "near"
    if place.admin_level and relation == "in":
        relation = "admin"
        names = (_with_region_word(place),)
    if relation in ("in", "near") and len(names) == 1:
        names = (*names, *_fallback_names(draft, place))  # used when the first is not in the gazetteer
    doc = frame.sent.doc
    start, end = doc[place.start].idx, doc[place.end - 1].idx + len(doc[place.end - 1].text)
    context = tuple(h for h in [*admin_hints, *header_places] if h not in names and h != place.text)
    evidence = None if frame.index < 0 else _evidence(report, start, end)  # a headline has no offsets in the text
    return PlacePhrase(names=names, relation=relation, distance_km=distance, bearing=bearing,
                       admin_hints=context, country_hint=country_hint, evidence=evidence)


def _figures(draft: EventDraft, report: Report) -> tuple[FatalityFigure, ...]:
    figures: list[FatalityFigure] = []
    for frame in draft.frames:
        for figure in frame.figures:
            if figure.kind != "dead":
                continue
            if draft.figures_kept is not None and (frame.index, figure.start) not in draft.figures_kept:
                continue
            figures.append(_fatality(figure, report, frame))
    return tuple(figures)


def _speaker_kind(frame: Frame) -> str:
    if frame.claim:
        return "perpetrator"
    return "official" if frame.speaker_official else "other"


def _fatality(figure: Figure, report: Report, frame: Frame) -> FatalityFigure:
    side = {"perpetrators": "perpetrator", "others": "others"}.get(figure.group, figure.group)
    qualifier = figure.number.qualifier
    if figure.number.high != figure.number.low:
        qualifier = f"between {figure.number.low} and {figure.number.high}"
    return FatalityFigure(count=figure.number.low, by=figure.speaker or report.outlet or "", report_id=report.id,
                          side=side, qualifier=qualifier, credible=figure.credible, revised=figure.revision,
                          date=report.published, evidence=_evidence(report, figure.start, figure.end),
                          speaker_kind=_speaker_kind(frame), vague=figure.number.vague,
                          statement=f"{report.id}:{'communique' if frame.for_document else frame.index}",
                          part=frame.index)


def _hostages(draft: EventDraft) -> int | None:
    counts = [f.number.low for frame in draft.frames for f in frame.figures if f.kind == "hostage"]
    return min(counts) if counts else None


def _claims(draft: EventDraft, report: Report, last_group: ActorMention | None) -> tuple[Claim, ...]:
    claims: list[Claim] = []
    for frame in draft.frames:
        doc = frame.sent.doc
        evidence = _evidence(report, frame.sent.start_char, frame.sent.end_char)
        groups = [a for a in frame.actors if a.kind == "group"]
        if frame.claim and not frame.not_claimed:
            claimant = groups[0] if groups else last_group
            if claimant is not None:
                date = frame.claim_dates[0].date if frame.claim_dates and frame.claim_dates[0].date else None
                claims.append(Claim("claim", claimant.entry_id or claimant.text, report.id,
                                    date.isoformat() if date else None, frame.channel or None, evidence))
        if frame.deny:
            denier = frame.speaker or (groups[0].text if groups else "")
            if denier:
                claims.append(Claim("deny", denier, report.id, None, None, evidence))
        if frame.speaker and frame.speaker_official and not frame.not_confirmed and not frame.claim:
            claims.append(Claim("confirm", frame.speaker, report.id, None, None, evidence))
        del doc
    unique: dict[tuple[str, str], Claim] = {}
    for claim in claims:
        key = (claim.kind, claim.by)
        if key not in unique or (claim.date and not unique[key].date):
            unique[key] = claim
    return tuple(unique.values())


def _blamed_group(draft: EventDraft, frames: list[Frame], index: int) -> ActorMention | None:
    """"The government blamed fighters of the Katiba Macina", "les autorités attribuent l'opération aux
    combattants de la Katiba Macina": a group that the sources hold responsible for an unattributed attack.

    Only sentences after the event's own that say so, within the event's sentences (or anywhere after it for
    a report's main event), and not one that names two groups as suspects.
    """
    last = max(f.index for f in draft.frames)
    for frame in frames:
        if frame.index <= draft.anchor.index or (index > 0 and frame.index > last) or not frame.blame:
            continue
        if frame.deny or frame.hypothetical or frame.background:
            continue
        if frame.event_dates and draft.date is not None and not _dates_compatible(frame.event_dates[0], draft.date):
            continue  # "In March, 157 villagers were killed in Ogossagou, an attack blamed on Dogon hunters"
        groups = sorted((a for a in frame.actors if a.kind == "group"), key=lambda a: a.start)
        if not groups:
            continue
        if len(groups) > 1 and _ALTERNATIVES.search(frame.sent.doc[groups[0].end:groups[1].start].text):
            return None  # "whether Boko Haram or ISWAP is responsible": no single suspect
        return groups[0]  # "fighters of the Katiba Macina, the central Mali unit of JNIM"
    return None


_ALTERNATIVES = re.compile(r"\b(?:or|ou|and|et|nor|ni)\b|\bas well as\b|\bainsi que\b", re.I)


def _last_group(frames: list[Frame], before: int) -> ActorMention | None:
    for frame in reversed(frames[:before + 1]):
        groups = [a for a in frame.actors if a.kind == "group"]
        if groups:
            return groups[0]
    return None


def _draft_country(draft: EventDraft, frames: list[Frame]) -> str | None:
    """The country a draft's own sentences (and its roundup item's header) name, if they name one."""
    if draft.item:
        header_text = " ".join(_without_borders(f.text) for f in frames if f.item == draft.item and f.item_header)
        header_text = re.sub(r"\b[A-ZÉ]{2,}(?:\s+[A-ZÉ]{2,})*\b", lambda m: m.group(0).title(),
                             header_text)  # "BURKINA FASO - Oudalan (Sahel)"
        header = country_mentions(header_text)
        if header:
            return header.most_common(1)[0][0]
    counts = country_mentions(" ".join(_without_borders(f.text) for f in draft.frames))
    return counts.most_common(1)[0][0] if counts else None


def _without_borders(text: str) -> str:
    """The text with "near the Niger border" phrases blanked: a border names a neighbour, not the place."""
    for start, end, _ in reversed(find_borders(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def draft_to_mention(draft: EventDraft, index: int, report: Report, language: str, frames: list[Frame],
                     country_hint: str | None, lexicon: Lexicon) -> Mention:
    """The :class:`Mention` of one event draft."""
    cue, trigger_text, trigger_ev = _choose_cue(draft)
    if draft.item:
        country_hint = _draft_country(draft, frames) or country_hint
    last_group = _last_group(frames, draft.anchor.index)
    actor1 = _choose_actor1(draft, None)
    if actor1 is None or actor1.kind == "perpetrators":
        actor1 = _blamed_group(draft, frames, index) or actor1
    actor2, target_kind = _choose_actor2(draft, actor1)
    if _protest_crackdown(draft):
        cue, target_kind = "protest", "military"
        forces = next((a for f in draft.frames for a in f.actors if a.kind == "military"), None)
        actor1, actor2 = None, forces
    if draft.target and draft.target != target_kind:
        actor2, target_kind = None, draft.target
    reading = read_demonstration(draft, cue, lexicon)
    if reading is not None:
        cue, actor1, actor2, target_kind = reading.cue, reading.actor1, reading.actor2, reading.target_kind
    flags: list[str] = []
    date = draft.date
    event_date = date.date.isoformat() if date is not None and date.date is not None else None
    precision = date.precision if date is not None else 1
    if event_date is None and report.published:
        event_date = report.published
        precision = 2
        flags.append("date_from_publication")
    if event_date is None:
        flags.append("no_date")
    if any(f.not_confirmed for f in draft.frames):
        flags.append("not_confirmed")
    if any(f.not_claimed for f in draft.frames):
        flags.append("not_claimed")
    evidence: dict[str, tuple[Evidence, ...]] = {}
    if trigger_ev is not None:
        evidence["event_type"] = (Evidence(report.id, trigger_ev.start, trigger_ev.end, trigger_ev.text),)
    if date is not None:
        evidence["event_date"] = (_evidence(report, date.start, date.end),)
    headers = tuple(p.text for f in frames if draft.item and f.item == draft.item and f.item_header
                    for p in f.places if not p.country)
    phrase = _place_phrase(draft, report, country_hint, headers)
    if phrase is not None and phrase.evidence is not None:
        evidence["location"] = (phrase.evidence,)
    ref1 = _actor_ref(actor1, "actor1", report, "" if actor1 else default_actor1_kind(cue))
    ref2 = _actor_ref(actor2, "actor2", report, target_kind)
    if ref1 is not None and ref1.evidence is not None:
        evidence["actor1"] = (ref1.evidence,)
    if ref2 is not None and ref2.evidence is not None:
        evidence["actor2"] = (ref2.evidence,)
    fatalities = _figures(draft, report)
    if fatalities:
        evidence["fatalities"] = tuple(f.evidence for f in fatalities if f.evidence is not None)
    claims = _claims(draft, report, last_group)
    hostages = _hostages(draft)
    evidence["sentences"] = tuple(_evidence(report, f.sent.start_char, f.sent.end_char) for f in draft.frames)
    return Mention(
        id=f"{report.id}:{index}",
        report_id=report.id,
        language=language,
        trigger=trigger_text,
        cue=cue,
        published=report.published,
        event_date=event_date,
        time_precision=precision,
        actor1=ref1,
        actor2=ref2,
        place_phrase=phrase,
        country_hint=country_hint,
        fatalities=fatalities,
        hostages=hostages,
        claims=claims,
        target_kind=target_kind,
        outlet=report.outlet,
        evidence=evidence,
        quality_flags=tuple(flags),
        assoc_actors1=tuple(_actor_ref(a, "assoc_actor_1", report, a.kind) for a in reading.associates)
        if reading is not None else (),
        tags=reading.tags if reading is not None else (),
    )


def share_claim_details(mentions: list[Mention]) -> list[Mention]:
    """Claims of one report that lack a date or channel take them from its other claims ("In the same
    statement, JNIM claimed ..." is the statement dated and relayed a sentence earlier)."""
    claims = [c for m in mentions for c in m.claims if c.kind == "claim"]
    date = next((c.date for c in claims if c.date), None)
    channel = next((c.channel for c in claims if c.channel), None)
    if date is None and channel is None:
        return mentions
    out = []
    for mention in mentions:
        shared = tuple(replace(c, date=c.date or date, channel=c.channel or channel) if c.kind == "claim" else c
                       for c in mention.claims)
        out.append(replace(mention, claims=shared))
    return out


def split_battle_and_civilians(mention: Mention) -> list[Mention]:
    """An attack on troops that also killed civilians, each toll told on its own, is two ACLED events:
    the battle with the forces and the violence against the civilians (Arbinda, 24 December 2019: seven
    soldiers and gendarmes in the fighting, thirty-five civilians as the attackers withdrew).

    Civilians counted with the soldiers in one statement ("27 soldiers and 10 civilians") were caught in
    the same attack (a convoy's drivers) and stay in one event.
    """
    civilians = [f for f in mention.fatalities if f.side == "civilians"]
    forces = [f for f in mention.fatalities if f.side in ("military", "militia")]
    if not civilians or not forces or max(f.count for f in civilians) < 5:
        return [mention]
    if {f.statement for f in civilians} & {f.statement for f in forces}:
        return [mention]
    others = [f for f in mention.fatalities if f.side not in ("civilians", "military", "militia", "people")]
    battle_target = mention.actor2 if mention.target_kind in ("military", "militia") else ActorRef(
        text="", role="actor2", kind=forces[0].side)
    battle = replace(mention, id=f"{mention.id}a", fatalities=tuple(forces + others),
                     target_kind=forces[0].side, actor2=battle_target,
                     cue="clash" if mention.cue in ("kill", "attack") else mention.cue)
    attack = replace(mention, id=f"{mention.id}b", fatalities=tuple(civilians), target_kind="civilians",
                     actor2=ActorRef(text="", role="actor2", kind="civilians"),
                     cue="kill" if mention.cue in ("ambush", "clash") else mention.cue, hostages=None)
    return [battle, attack]


_PLURAL = re.compile(
    r"\b(?:two|three|four|both|deux|trois|quatre|les deux)\s+(?:[\w'-]+\s+){0,2}(?:villages|localités|attacks|"
    r"attaques|sites|positions|camps|raids|bases|towns|localities)\b|\brespectivement\b|\brespectively\b|"
    r"\battaques\s+(?:\w+\s+){0,2}distinctes\b|\bseparate attacks\b",
    re.I)


def _villages(frame: Frame) -> list[PlaceMention]:
    seen: dict[str, PlaceMention] = {}
    for place in frame.places:
        if place.excluded or place.admin_level or place.country or place.relation not in ("in", "near"):
            continue
        seen.setdefault(place.key, place)
    return list(seen.values())


def _place_of_figure(frame: Frame, figure: Figure, places: list[PlaceMention]) -> PlaceMention | None:
    """"près de 70 morts à Tchoma Bangou et d'une trentaine à Zaroumadareye": the place right after a toll."""
    doc = frame.sent.doc
    end = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if end is None:
        return None
    following = [p for p in places if p.key in {q.key for q in frame.places if 0 <= q.start - end.end <= 4}]
    return following[0] if following else None


def _target_near(frame: Frame, place: PlaceMention) -> str:
    """The kind of target named just before a place ("la position des FAMa de Bamba": military)."""
    kinds = [a for a in frame.actors if a.kind in ("military", "militia", "civilians") and 0 <= place.start - a.end <= 8]
    return kinds[-1].kind if kinds else ""


def split_simultaneous_attacks(draft: EventDraft) -> list[EventDraft]:
    """"Two villages", "deux attaques distinctes", "respectivement": simultaneous attacks on several named
    places are one event per place (ACLED), each with the tolls the text gives for it."""
    if draft.place is not None or not any(_PLURAL.search(f.text) for f in draft.frames):
        return [draft]
    frame = next((f for f in draft.frames if f.is_event and len(_villages(f)) >= 2), None)
    if frame is None:
        return [draft]
    places = _villages(frame)[:4]
    kept: dict[str, set[tuple[int, int]]] = {p.key: set() for p in places}
    unassigned: set[tuple[int, int]] = set()
    for other in draft.frames:
        for figure in other.figures:
            owner = _place_of_figure(other, figure, places)
            (kept[owner.key] if owner is not None else unassigned).add((other.index, figure.start))
    if not any(kept.values()):
        kept[places[0].key] |= unassigned
    parts = []
    for place in places:
        parts.append(EventDraft(frames=list(draft.frames), item=draft.item, date=draft.date, place=place,
                                place_frame=frame, figures_kept=kept[place.key], target=_target_near(frame, place)))
    return parts
