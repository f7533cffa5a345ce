"""Build one :class:`Mention` per event draft: its action, actors, place, date, tolls, hostages and claims,
each with the evidence of the words it was read from (the drafts are grouped by ``_grouping``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final

from eventcoder.extract._actors import AGENT, CLAIMANT, PATIENT, ActorMention
from eventcoder.extract._attribution import BLAMED
from eventcoder.extract._context import country_mentions, without_borders
from eventcoder.extract._demos import default_actor1_kind, read_demonstration
from eventcoder.extract._figures import Figure, FigureKind
from eventcoder.extract._frames import Frame
from eventcoder.extract._grouping import EventDraft, dates_compatible
from eventcoder.extract._places import PlaceMention, Relation
from eventcoder.lexicon import Lexicon
from eventcoder.records import ActorRef, Claim, Evidence, FatalityFigure, Mention, PlacePhrase, Report

__all__ = ["ADMIN", "draft_to_mention"]

ADMIN: Final = "admin"  # the relation of an event's place phrase that names the admin unit it lies in

CUE_PRIORITY = ["chemical", "suicide", "airstrike", "shelling", "ied", "grenade", "sexual", "ambush", "attack", "clash", "kill",
                "abduct", "loot", "capture", "arrest", "release", "riot", "protest", "mob", "disrupt", "handover",
                "agreement", "change", "base", "sd_other"]


def _evidence(report: Report, start: int, end: int) -> Evidence:
    return Evidence(report.id, start, end, report.text[start:end])


def _words_evidence(report: Report, offsets: tuple[int, int] | None) -> Evidence | None:
    """The evidence of the words at char ``offsets`` of the parsed text, when there are any."""
    return _evidence(report, *offsets) if offsets else None


def _token_evidence(report: Report, frame: Frame, start: int, end: int) -> Evidence:
    """The evidence of the tokens ``start:end`` of the frame's parsed text (a headline has no offsets in the
    report's text: callers leave its frames out)."""
    doc = frame.sent.doc
    return _evidence(report, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


_FIGHTING = frozenset({"ambush", "attack", "clash", "kill"})


def _choose_cue(draft: EventDraft, report: Report) -> tuple[str, str, Evidence | None]:
    """The draft's action: the highest cue of ``CUE_PRIORITY`` among its triggers; a cue that only weak
    triggers give ("appuyées par des vecteurs aériens") does not outrank a strongly named one ("ont repoussé
    l'assaut"): air support in a ground fight is the fight."""
    counts: Counter[str] = Counter()
    strong: set[str] = set()
    first: dict[str, tuple[str, Evidence]] = {}
    for frame in draft.frames:
        if not frame.is_event:
            continue
        for trigger in frame.triggers:
            counts[trigger.cue] += 1 if trigger.weak else 2
            if not trigger.weak:
                strong.add(trigger.cue)
            if trigger.cue not in first:
                first[trigger.cue] = (trigger.text, _token_evidence(report, frame, trigger.start, trigger.end))
    if not counts:
        return "attack", "", None
    cues = sorted(counts, key=lambda c: (CUE_PRIORITY.index(c) if c in CUE_PRIORITY else 99))
    chosen = next((c for c in cues if c in strong), cues[0])
    if chosen == "kill" and "abduct" in counts and counts["abduct"] >= counts["kill"]:
        chosen = "abduct"
    if chosen in _FIGHTING and "capture" in counts:
        chosen = "capture"  # ACLED: a fight in which a place changes hands is coded by who took it
    text, evidence = first[chosen]
    return chosen, text, evidence


def _actor_score(actor: ActorMention) -> int:
    role = {CLAIMANT: 6, AGENT: 5, BLAMED: 3, "": 1, PATIENT: -5}.get(actor.role, 0)
    kind = {"group": 3, "perpetrators": 2, "military": 1, "militia": 1, "civilians": -5}.get(actor.kind, 0)
    return role + kind


def _best_generic_score(actors: Iterable[ActorMention]) -> int:
    """The best score of a generic attacker noun ("gunmen", "assaillants") among ``actors``, 0 if none."""
    return max((_actor_score(a) for a in actors if a.kind == "perpetrators" and a.role != PATIENT), default=0)


def _protest_crackdown(draft: EventDraft, lexicon: Lexicon) -> bool:
    """Protesters killed or hurt by the forces of order: a protest, coded as excessive force, not a battle."""
    cues = Counter(t.cue for f in draft.frames if not f.hypothetical for t in f.triggers)
    prefixes = tuple(lexicon.words("events.protester_prefixes"))
    protesters = any(a.kind == "protesters" or (prefixes and a.text.lower().startswith(prefixes))
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
    attackers_named = any(a.kind in ("perpetrators", "group") and a.role in (AGENT, CLAIMANT, BLAMED)
                          for f in draft.frames for a in f.actors)  # named as doing it, not only mentioned
    remote_attack = any(t.cue in ("ied", "suicide", "grenade") for f in draft.frames for t in f.triggers)
    # "Boko Haram fighters killed 92 soldiers ... the fighters attacked the garrison": the generic nouns of the
    # event's sentences are the group its lead names
    draft_generic = _best_generic_score(a for f in draft.frames for a in f.actors)
    for order, frame in enumerate(draft.frames):
        generic_best = draft_generic if frame is draft.anchor else _best_generic_score(frame.actors)
        for actor in frame.actors:
            if actor.kind in ("civilians",) or actor.role == PATIENT:
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
            if actor.kind in ("military", "militia") and (actor.role != AGENT or remote_attack):
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
                    actor.entry_id == actor1.entry_id or actor.role != PATIENT):
                continue  # "soldiers killed 20 terrorists, the army said": the speaker is the author's side
            weight = 3 if actor.role == PATIENT else 1
            if kind == "group" and actor.role != PATIENT:
                continue
            weights[kind] += weight
            if kind not in examples or (examples[kind].governing and not actor.governing):
                examples[kind] = actor
        for figure in frame.figures:
            group = "group" if state_acts and figure.group == "perpetrators" else figure.group
            if figure.kind in (FigureKind.DEAD, FigureKind.HOSTAGE) and group in ("military", "militia", "civilians", "group"):
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
        return "group" if state_acts and actor.role == PATIENT else None
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


def _place_rank(place: PlaceMention, regions: dict[str, str]) -> float:
    """Villages, towns and points computed from them first; then admin units (the lower level first, a level of
    ``regions`` above the others) and borders; countries last."""
    if place.country and place.relation != Relation.BORDER:
        return 0
    if place.relation == Relation.BORDER:
        return 1
    if place.admin_level:
        return 1.5 if place.admin_level in regions else 2
    return 3


def _choose_place(draft: EventDraft, regions: dict[str, str]) -> tuple[PlaceMention | None, list[str], Frame | None]:
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
            if place.relation == Relation.BETWEEN and any(
                    q.relation == Relation.IN and not q.admin_level and not q.country and 0 < place.start - q.end <= 14
                    for q in frame.places):
                score -= 8  # the road a named village lies on
            score += 3 if frame is draft.anchor else 0
            score += 2 if frame.is_event else 0
            score -= order
            scored.append((_place_rank(place, regions), score, -order, place, frame))
    if not scored:
        return None, admin_hints, None
    scored.sort(key=lambda s: (s[0], s[1], s[2]), reverse=True)
    place, frame = scored[0][3], scored[0][4]
    return _apposition(place, frame), admin_hints, frame


def _apposition(place: PlaceMention, frame: Frame) -> PlaceMention:
    """"Kogsablego, some 30 km east of Boulsa": an offset right after a village says where the village is
    (and the gazetteer may not know it); "Pâ, on the N1 between Bobo-Dioulasso and Ouagadougou" names the
    village itself, the road only locates it."""
    if place.relation not in (Relation.IN, Relation.NEAR) or place.admin_level or place.country:
        return place
    follow = [p for p in frame.places if p.relation == Relation.OFFSET and 0 < p.start - place.end <= 16 and not p.excluded
              and p.distance_km is not None]  # "à une quinzaine de kilomètres de Bamako" gives no point
    # the village rides along as the offset's anchor: the resolver places the event at the village when the
    # gazetteer knows one that lies where the offset says, else at the offset point
    return replace(follow[0], anchor=place.text) if follow else place


def _border_in(draft: EventDraft) -> tuple[PlaceMention, Frame] | None:
    return next(((p, f) for f in draft.frames for p in f.places if p.relation == Relation.BORDER and not p.excluded),
                None)


def _offset_in(draft: EventDraft) -> PlaceMention | None:
    return next((p for f in draft.frames for p in f.places if p.relation == Relation.OFFSET and not p.excluded), None)


def _headline_place(draft: EventDraft, chosen: PlaceMention | None, regions: dict[str, str]) -> PlaceMention | None:
    """The headline's village when the text's best place is only a region, a border or a country."""
    if draft.headline is None or (chosen is not None and _place_rank(chosen, regions) == 3 and not chosen.admin_level):
        return None
    return next((p for p in draft.headline.places if _place_rank(p, regions) == 3 and not p.excluded), None)


def _fallback_names(draft: EventDraft, chosen: PlaceMention) -> list[str]:
    """Other villages the event's sentences name ("Sorgha, a village close to Bogande")."""
    names: list[str] = []
    for frame in draft.frames:
        for place in frame.places:
            if (place.excluded or place.admin_level or place.country or place.text == chosen.text
                    or place.relation in (Relation.OFFSET, Relation.BORDER) or place.text in names):
                continue
            names.append(place.text)
    return names[:4]


def _with_region_word(place: PlaceMention, regions: dict[str, str]) -> str:
    """"dans la région de Tillabéri": the name with the resolver's word of its level (the key of
    ``events.region_levels``: "region Tillabéri"), so that the resolver reads the region and not the department
    named after its capital; other levels as written."""
    word = regions.get(place.admin_level, "")
    return f"{word} {place.text}" if word and word not in place.text.lower() else place.text


def _place_phrase(draft: EventDraft, report: Report, country_hint: str | None, lexicon: Lexicon,
                  header_places: tuple[str, ...] = ()) -> PlacePhrase | None:
    regions = lexicon.inverse("events.region_levels")
    place, admin_hints, frame = _choose_place(draft, regions)
    from_headline = _headline_place(draft, place, regions)
    if from_headline is not None:  # "rally in Bamako turns violent": the text itself names no better place
        place, frame = from_headline, draft.headline
    if place is None or frame is None:
        return None
    names: tuple[str, ...] = (place.text, place.anchor) if place.relation in (Relation.BETWEEN, Relation.OFFSET) and place.anchor \
        else (place.text,)
    relation = place.relation
    distance, bearing = place.distance_km, place.bearing
    border = _border_in(draft)
    if relation == Relation.OFFSET and border is not None:  # "400 km north of Bamako ... near the Mauritanian border"
        place, frame = border  # the border's own sentence gives its evidence (the offset may be the headline's)
        relation = Relation.BORDER
    if relation == Relation.BORDER:
        names = (place.country,)
        offset = _offset_in(draft)
        if offset is not None:
            names = (place.country, offset.text)
            distance, bearing = offset.distance_km, offset.bearing
    if place.relation == Relation.BETWEEN and not place.anchor:
        relation = Relation.NEAR
    if place.admin_level and relation == Relation.IN:
        relation = ADMIN
        names = (_with_region_word(place, regions),)
    if relation in (Relation.IN, Relation.NEAR) and len(names) == 1:
        names = (*names, *_fallback_names(draft, place))  # used when the first is not in the gazetteer
    context = tuple(h for h in [*admin_hints, *header_places] if h not in names and h != place.text)
    evidence = None if frame.index < 0 else _token_evidence(report, frame, place.start, place.end)
    return PlacePhrase(names=names, relation=relation, distance_km=distance, bearing=bearing,
                       admin_hints=context, country_hint=country_hint, evidence=evidence)


def _figures(draft: EventDraft, report: Report) -> tuple[FatalityFigure, ...]:
    figures: list[FatalityFigure] = []
    for frame in draft.frames:
        for figure in frame.figures:
            if figure.kind != FigureKind.DEAD:
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


def _hostages(draft: EventDraft, report: Report) -> tuple[int | None, Evidence | None]:
    """The fewest hostages the event's sentences count, and the words that count them."""
    counts = [f for frame in draft.frames for f in frame.figures if f.kind == FigureKind.HOSTAGE]
    if not counts:
        return None, None
    fewest = min(counts, key=lambda f: f.number.low)
    return fewest.number.low, _evidence(report, fewest.start, fewest.end)


@dataclass(frozen=True)
class _Statement:
    """A claim, denial or confirmation, with the evidence of the claimant's (denier's, confirmer's) words, of
    the claim's date and of the channel it went through."""

    claim: Claim
    claimant: Evidence | None = None
    date: Evidence | None = None
    channel: Evidence | None = None


def _claims(draft: EventDraft, report: Report, last_group: ActorMention | None) -> tuple[_Statement, ...]:
    """The draft's claims, denials and confirmations, one per kind and author (a dated one first)."""
    statements: list[_Statement] = []
    for frame in draft.frames:
        evidence = _evidence(report, frame.sent.start_char, frame.sent.end_char)
        groups = [a for a in frame.actors if a.kind == "group"]
        if frame.claim and not frame.not_claimed:
            claimant = groups[0] if groups else last_group
            if claimant is not None:
                dated = frame.claim_dates[0] if frame.claim_dates and frame.claim_dates[0].date else None
                claim = Claim("claim", claimant.entry_id or claimant.text, report.id,
                              dated.date.isoformat() if dated and dated.date else None, frame.channel or None,
                              evidence)
                statements.append(_Statement(claim, _actor_evidence(claimant, report),
                                             _evidence(report, dated.start, dated.end) if dated else None,
                                             _words_evidence(report, frame.channel_at)))
        if frame.deny:
            denier = frame.speaker or (groups[0].text if groups else "")
            if denier:
                words = (_words_evidence(report, frame.speaker_at) if frame.speaker else
                         _actor_evidence(groups[0], report)) or _words_evidence(report, frame.deny_at)
                statements.append(_Statement(Claim("deny", denier, report.id, None, None, evidence), words))
        if frame.speaker and frame.speaker_official and not frame.not_confirmed and not frame.claim:
            statements.append(_Statement(Claim("confirm", frame.speaker, report.id, None, None, evidence),
                                         _words_evidence(report, frame.speaker_at)))
    unique: dict[tuple[str, str], _Statement] = {}
    for statement in statements:
        key = (statement.claim.kind, statement.claim.by)
        if key not in unique or (statement.claim.date and not unique[key].claim.date):
            unique[key] = statement
    return tuple(unique.values())


def _blamed_group(draft: EventDraft, frames: list[Frame], index: int, lexicon: Lexicon) -> ActorMention | None:
    """"The government blamed fighters of the Katiba Macina", "les autorités attribuent l'opération aux
    combattants de la Katiba Macina": a group that the sources hold responsible for an unattributed attack.

    Only sentences after the event's own that say so, within the event's sentences (or anywhere after it for
    a report's main event), and not one that names two groups as suspects.
    """
    last = max(f.index for f in draft.frames)
    alternatives = lexicon.pattern("events.suspect_alternatives")
    for frame in frames:
        if frame.index <= draft.anchor.index or (index > 0 and frame.index > last) or not frame.blame:
            continue
        if frame.deny or frame.hypothetical or frame.background:
            continue
        if frame.event_dates and draft.date is not None and not dates_compatible(frame.event_dates[0], draft.date):
            continue  # "In March, 157 villagers were killed in Ogossagou, an attack blamed on Dogon hunters"
        groups = sorted((a for a in frame.actors if a.kind == "group"), key=lambda a: a.start)
        if not groups:
            continue
        if len(groups) > 1 and alternatives is not None and alternatives.search(
                frame.sent.doc[groups[0].end:groups[1].start].text):
            return None  # "whether Boko Haram or ISWAP is responsible": no single suspect
        return groups[0]  # "fighters of the Katiba Macina, the central Mali unit of JNIM"
    return None


def _last_group(frames: list[Frame], before: int) -> ActorMention | None:
    for frame in reversed(frames[:before + 1]):
        groups = [a for a in frame.actors if a.kind == "group"]
        if groups:
            return groups[0]
    return None


def _draft_country(draft: EventDraft, frames: list[Frame], lexicon: Lexicon) -> str | None:
    """The country a draft's own sentences (and its roundup item's header) name, if they name one."""
    if draft.item:
        header_text = " ".join(without_borders(f.text, lexicon) for f in frames if f.item == draft.item and f.item_header)
        header_text = re.sub(r"\b[A-ZÉ]{2,}(?:\s+[A-ZÉ]{2,})*\b", lambda m: m.group(0).title(),
                             header_text)  # "BURKINA FASO - Oudalan (Sahel)"
        header = country_mentions(header_text, lexicon)
        if header:
            return header.most_common(1)[0][0]
    counts = country_mentions(" ".join(without_borders(f.text, lexicon) for f in draft.frames), lexicon)
    return counts.most_common(1)[0][0] if counts else None




def draft_to_mention(draft: EventDraft, index: int, report: Report, language: str, frames: list[Frame],
                     country_hint: str | None, lexicon: Lexicon) -> Mention:
    """The :class:`Mention` of one event draft."""
    cue, trigger_text, trigger_ev = _choose_cue(draft, report)
    if draft.item:
        country_hint = _draft_country(draft, frames, lexicon) or country_hint
    last_group = _last_group(frames, draft.anchor.index)
    actor1 = _choose_actor1(draft, None)
    if actor1 is None or actor1.kind == "perpetrators":
        actor1 = _blamed_group(draft, frames, index, lexicon) or actor1
    actor2, target_kind = _choose_actor2(draft, actor1)
    if _protest_crackdown(draft, lexicon):
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
        evidence["event_type"] = (trigger_ev,)
    if date is not None:
        evidence["event_date"] = (_evidence(report, date.start, date.end),)
    headers = tuple(p.text for f in frames if draft.item and f.item == draft.item and f.item_header
                    for p in f.places if not p.country)
    phrase = _place_phrase(draft, report, country_hint, lexicon, headers)
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
    statements = _claims(draft, report, last_group)
    claims = tuple(s.claim for s in statements)
    said = {"claimed_by": [s.claimant for s in statements if s.claim.kind == "claim"],
            "claim_date": [s.date for s in statements], "claim_channel": [s.channel for s in statements],
            "denied_by": [s.claimant for s in statements if s.claim.kind == "deny"],
            "confirmed_by": [s.claimant for s in statements if s.claim.kind == "confirm"]}
    for name, spans in said.items():
        if any(spans):
            evidence[name] = tuple(dict.fromkeys(span for span in spans if span is not None))
    hostages, hostages_ev = _hostages(draft, report)
    if hostages_ev is not None:
        evidence["hostages"] = (hostages_ev,)
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
