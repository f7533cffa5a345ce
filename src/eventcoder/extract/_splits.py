"""One mention or draft that is several ACLED events: a battle that also killed civilians, simultaneous attacks
on several villages; and the claim details one report's events share."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from eventcoder.extract._figures import Figure
from eventcoder.extract._frames import Frame
from eventcoder.extract._places import PlaceMention, Relation
from eventcoder.lexicon import Lexicon
from eventcoder.records import ActorRef, Mention

if TYPE_CHECKING:
    from eventcoder.extract._grouping import EventDraft

__all__ = ["share_claim_details", "split_battle_and_civilians", "split_simultaneous_attacks"]


def share_claim_details(mentions: list[Mention]) -> list[Mention]:
    """Claims of one report that lack a date or channel take them from its other claims ("In the same
    statement, JNIM claimed ..." is the statement dated and relayed a sentence earlier)."""
    claims = [c for m in mentions for c in m.claims if c.kind == "claim"]
    date = next((c.date for c in claims if c.date), None)
    channel = next((c.channel for c in claims if c.channel), None)
    if date is None and channel is None:
        return mentions
    dated = next((m for m in mentions if any(c.kind == "claim" and c.date == date for c in m.claims)), None)
    date_evidence = dated.evidence.get("claim_date", ()) if dated is not None else ()
    out = []
    for mention in mentions:
        shared = tuple(replace(c, date=c.date or date, channel=c.channel or channel) if c.kind == "claim" else c
                       for c in mention.claims)
        evidence = mention.evidence
        if date_evidence and "claim_date" not in evidence and any(c.kind == "claim" for c in mention.claims):
            evidence = {**evidence, "claim_date": date_evidence}  # the date is the other claim's words
        out.append(replace(mention, claims=shared, evidence=evidence))
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
    battle = _part(mention, id=f"{mention.id}a", fatalities=tuple(forces + others),
                   target_kind=forces[0].side, actor2=battle_target,
                   cue="clash" if mention.cue in ("kill", "attack") else mention.cue)
    attack = _part(mention, id=f"{mention.id}b", fatalities=tuple(civilians), target_kind="civilians",
                   actor2=ActorRef(text="", role="actor2", kind="civilians"),
                   cue="kill" if mention.cue in ("ambush", "clash") else mention.cue, hostages=None)
    return [battle, attack]


def _part(mention: Mention, **changes: Any) -> Mention:
    """``mention`` with ``changes``, its evidence of the tolls, the target and the hostages kept only for
    the words this part still uses."""
    part = replace(mention, **changes)
    evidence = dict(part.evidence)
    used = {"fatalities": tuple(f.evidence for f in part.fatalities if f.evidence is not None),
            "actor2": (part.actor2.evidence,) if part.actor2 is not None and part.actor2.evidence else (),
            "hostages": evidence.get("hostages", ()) if part.hostages is not None else ()}
    for name, spans in used.items():
        if spans:
            evidence[name] = spans
        else:
            evidence.pop(name, None)
    return replace(part, evidence=evidence)


def _villages(frame: Frame) -> list[PlaceMention]:
    seen: dict[str, PlaceMention] = {}
    for place in frame.places:
        if place.excluded or place.admin_level or place.country or place.relation not in (Relation.IN, Relation.NEAR):
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


def split_simultaneous_attacks(draft: EventDraft, lexicon: Lexicon) -> list[EventDraft]:
    """"Two villages", "deux attaques distinctes", "respectivement" (``events.several_places``): simultaneous
    attacks on several named places are one event per place (ACLED), each with the tolls the text gives for it."""
    several = lexicon.pattern("events.several_places")
    if draft.place is not None or several is None or not any(several.search(f.text) for f in draft.frames):
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
        parts.append(replace(draft, frames=list(draft.frames), place=place, place_frame=frame,
                             figures_kept=kept[place.key], target=_target_near(frame, place), headline=None,
                             found_dates=[]))
    return parts
