"""ACLED coding of an event from its mentions.

An :class:`~eventcoder.records.Event` is a function of its mentions: merging reports means coding the
union of their mentions again. The rules (ACLED conventions, made explicit in EVALUATION.md):

- event type from the action (cue) and the target: remote means first (chemical weapon, suicide bomb,
  air/drone strike, shelling, IED, grenade), then armed clash when the target is armed, violence against civilians when it
  is civilians, abduction when people were taken and nobody killed, strategic developments otherwise;
- date, place and actors: the most precise wins; ties go to the most reports, then to the earliest; a date
  that only statements give ("confirmed the abduction on Wednesday") is flagged ``date_of_statement``;
- fatalities: every figure with its speaker; per side the lowest credible figure (an upward revision of
  the toll supersedes earlier counts), summed over sides; low/high span the credible figures;
- status: ``disputed`` when the coded perpetrator (or the state for its own forces) denies,
  ``confirmed`` when an official or independent source confirms, ``claimed`` when only the perpetrator's
  claim speaks for it, else ``reported``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from eventcoder.fuse._demos import demo_type, is_demo_cue
from eventcoder.fuse._match import DATE_OF_STATEMENT
from eventcoder.records import ActorRef, Claim, Event, Evidence, FatalityFigure, Mention, Place

__all__ = ["ACLED_TYPES", "CODER_VERSION", "acled_type", "code_event", "conservative_fatalities"]

CODER_VERSION = "eventcoder-0.1.0"

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
REMOTE = {"chemical": "Chemical weapon", "suicide": "Suicide bomb", "airstrike": "Air/drone strike", "shelling": "Shelling/artillery/missile attack",
          "ied": "Remote explosive/landmine/IED", "grenade": "Grenade"}
ARMED_INTER = {1, 2, 3, 4, 8}
STATUS_ORDER = ("reported", "claimed", "confirmed", "disputed")
REGION = {"Mali": "Western Africa", "Burkina Faso": "Western Africa", "Niger": "Western Africa",
          "Nigeria": "Western Africa", "Mauritania": "Western Africa", "Benin": "Western Africa",
          "Togo": "Western Africa", "Ghana": "Western Africa", "Senegal": "Western Africa",
          "Ivory Coast": "Western Africa", "Guinea": "Western Africa", "Chad": "Middle Africa",
          "Cameroon": "Middle Africa", "Central African Republic": "Middle Africa", "Algeria": "Northern Africa",
          "Libya": "Northern Africa", "Sudan": "Northern Africa"}


def acled_type(cue: str, inter1: int, inter2: int, target_kind: str, *, killed: int = 0,
               hostages: int | None = None) -> tuple[str, str]:
    """(event_type, sub_event_type) for an action ``cue`` by actor category ``inter1`` on ``inter2``."""
    civilians = inter2 == 7 or target_kind == "civilians"
    armed_target = inter2 in ARMED_INTER or target_kind in ("military", "militia", "group")
    if is_demo_cue(cue):
        return demo_type(cue, inter1, inter2, killed)
    if cue in REMOTE:
        return "Explosions/Remote violence", REMOTE[cue]
    if cue == "sexual":
        return "Violence against civilians", "Sexual violence"
    if cue == "capture":
        if inter1 == 1:
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if cue == "abduct" and not killed and not armed_target:
        return "Violence against civilians", "Abduction/forced disappearance"
    if cue == "loot" and not killed:
        return "Strategic developments", "Looting/property destruction"
    if armed_target and not civilians:
        return "Battles", "Armed clash"
    if civilians:
        if cue == "abduct" and (hostages or 0) > killed:
            return "Violence against civilians", "Abduction/forced disappearance"
        return "Violence against civilians", "Attack"
    if cue in ("ambush", "clash"):
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"


# ---------------------------------------------------------------- fatalities

VICTIM_SIDES = ("military", "militia", "civilians", "group", "people", "others")


def _side_count(items: Sequence[FatalityFigure], side: str) -> int:
    """One side's dead in one statement: the largest count of each sentence, summed over the sentences of a
    statement told over several (a communiqué's toll lines: "14 terrorists neutralised", then "9 more");
    a count given twice is one count, and one that is the sum of the others is their total."""
    by_part: dict[int, int] = {}
    for figure in items:
        if figure.side == side:
            by_part[figure.part] = max(by_part.get(figure.part, 0), figure.count)
    counts = sorted(set(by_part.values()))
    if len(counts) > 1 and counts[-1] == sum(counts[:-1]):
        return counts[-1]
    return sum(counts)


def _statement_totals(figures: Sequence[FatalityFigure]) -> list[tuple[int, FatalityFigure]]:
    """Each statement's toll: counts of different sides in one sentence add up ("27 soldiers and 10
    civilians"); a count of "people" beside them is their total, not another side."""
    by_statement: dict[str, list[FatalityFigure]] = {}
    for figure in figures:
        by_statement.setdefault(figure.statement or f"{figure.report_id}:{id(figure)}", []).append(figure)
    totals = []
    for items in by_statement.values():
        specific = sum(_side_count(items, side) for side in {f.side for f in items} if side != "people")
        people = _side_count(items, "people")
        totals.append((max(specific, people), items[0]))
    return totals


def _conservative(totals: list[tuple[int, FatalityFigure]]) -> int:
    """ACLED's conservative toll among statements: an upward revision supersedes earlier counts, an
    official or independent count is preferred to others, then the lowest; a perpetrator's own claim
    counts only when nobody else gives a figure."""
    if not totals:
        return 0
    precise = [t for t in totals if not t[1].vague] or totals
    not_claims = [t for t in precise if t[1].speaker_kind != "perpetrator"] or precise
    revised = [t for t in not_claims if t[1].revised]
    if revised:
        return max(n for n, _ in revised)
    official = [t for t in not_claims if t[1].speaker_kind == "official"]
    return min(n for n, _ in (official or not_claims))


def conservative_fatalities(figures: Sequence[FatalityFigure]) -> tuple[int, int, int]:
    """(fatalities, low, high) from every figure: per side the conservative credible figure, summed over
    the victims and the attackers; low/high span the credible statements."""
    credible = [f for f in figures if f.credible]
    if not credible:
        return 0, 0, 0
    victims = _statement_totals([f for f in credible if f.side in VICTIM_SIDES])
    attackers = _statement_totals([f for f in credible if f.side == "perpetrator"])
    total = _conservative(victims) + _conservative(attackers)
    counts = [n for n, f in victims if not f.vague] or [n for n, _ in victims]
    perp = [n for n, f in attackers if not f.vague] or [n for n, _ in attackers]
    low = min(counts, default=0) + min(perp, default=0)
    high = max(counts, default=0) + max(perp, default=0)
    return total, min(low, total), max(high, total)


# ---------------------------------------------------------------- choosing among mentions

def _choose_date(mentions: Sequence[Mention]) -> tuple[str, int]:
    dated = [m for m in mentions if m.event_date and "date_from_publication" not in m.quality_flags]
    pool = dated or [m for m in mentions if m.event_date]
    if not pool:
        return "", 3
    best_precision = min(m.time_precision for m in pool)
    votes = Counter(m.event_date for m in pool if m.time_precision == best_precision)
    top = max(votes.values())
    date = min(d for d, n in votes.items() if n == top and d)
    return str(date), best_precision


# the verbs of a statement ("the police confirmed the abduction on Wednesday", "a annoncé lundi")
STATEMENT_VERBS = frozenset({
    "said", "says", "confirmed", "announced", "stated", "told", "shared", "reported", "added", "declared",
    "claimed", "dit", "déclaré", "annoncé", "confirmé", "indiqué", "affirmé", "précisé", "revendiqué",
    "selon"})
_WORD = re.compile(r"[\w'’-]+")


def _statement_dated(mention: Mention) -> bool:
    """Is the mention's date a weekday or relative phrase said of a statement, not of the event? Its
    evidence lies in a claim's, confirmation's or denial's sentence, at most three words after a statement
    verb ("the police spokesman confirmed the abduction on Wednesday", "figures shared last Friday"), with
    no figure and not a possessive ("claimed responsibility for Tuesday's attack" dates the attack)."""
    dates = mention.evidence.get("event_date", ())
    spans = [c.evidence for c in mention.claims if c.evidence is not None]
    return bool(dates) and all(_said_of_statement(d, spans) for d in dates)


def _said_of_statement(date: Evidence, spans: Sequence[Evidence]) -> bool:
    text = date.text.strip()
    if not text or any(ch.isdigit() for ch in text) or text.endswith(("'s", "’s")):
        return False
    for span in spans:
        if span.start <= date.start and date.end <= span.end:
            before = _WORD.findall(span.text[: date.start - span.start].lower())[-4:]
            if any(word in STATEMENT_VERBS for word in before):
                return True
    return False


def _date_of_statement(mentions: Sequence[Mention], date: str, precision: int) -> bool:
    """Do the mentions that give the chosen date all give a statement's date?"""
    backing = [m for m in mentions if m.event_date == date and m.time_precision == precision]
    return bool(backing) and all(_statement_dated(m) for m in backing)


def _choose_place(mentions: Sequence[Mention]) -> Place | None:
    places = [m.place for m in mentions if m.place is not None]
    if not places:
        return None
    best = min(p.geo_precision for p in places)
    candidates = [p for p in places if p.geo_precision == best]
    votes = Counter((p.location, p.country) for p in candidates)
    key = votes.most_common(1)[0][0]
    return next(p for p in candidates if (p.location, p.country) == key)


def _actor_rank(actor: ActorRef, role: str = "actor1") -> int:
    """How much a name says: none 0, a generic one 1, a named actor 2. Civilians as the target (actor2) are
    a side, not a vague name: "villagers" and "soldiers" are two accounts of the target that vote."""
    if not actor.name:
        return 0
    if role == "actor2" and actor.name.startswith("Civilians"):
        return 2
    if actor.name.startswith(("Unidentified", "Civilians", "Protesters", "Rioters")):
        return 1
    return 2


def _choose_actor(mentions: Sequence[Mention], role: str) -> ActorRef | None:
    actors = [getattr(m, role) for m in mentions if getattr(m, role) is not None]
    if not actors:
        return None
    best = max(_actor_rank(a, role) for a in actors)
    pool = [a for a in actors if _actor_rank(a, role) == best]
    votes = Counter(a.name for a in pool)
    name = votes.most_common(1)[0][0]
    return next(a for a in pool if a.name == name)


def _choose_cue(mentions: Sequence[Mention]) -> tuple[str, str]:
    """The action most reports tell; a remote means (suicide bomb, strike, shelling, IED, grenade) wins
    unless more mentions tell another action ("explosives stopped the convoy" in one report of an ambush
    three others tell)."""
    votes = Counter(m.cue for m in mentions)
    remote_votes = sum(n for cue, n in votes.items() if cue in REMOTE)
    other_votes = max((n for cue, n in votes.items() if cue not in REMOTE), default=0)
    for remote in REMOTE:
        if remote in votes and remote_votes >= other_votes:
            kind = Counter(m.target_kind for m in mentions if m.target_kind).most_common(1)
            return remote, kind[0][0] if kind else ""
    cue = votes.most_common(1)[0][0]
    kinds = Counter(m.target_kind for m in mentions if m.target_kind)
    return cue, kinds.most_common(1)[0][0] if kinds else ""


# ---------------------------------------------------------------- claims and status

def _claimant(claims: list[Claim], actor1: ActorRef | None) -> Claim | None:
    """The claim of responsibility: the group most often named as claimant, with the earliest claim date
    and a relaying channel from any of its claims (or from another claim of the same reports)."""
    group_claims = [c for c in claims if c.kind == "claim" and c.by]
    if not group_claims or (actor1 is not None and actor1.inter == 1):
        return None
    by = Counter(c.by for c in group_claims).most_common(1)[0][0]
    own = [c for c in group_claims if c.by == by]
    dates = sorted(c.date for c in own if c.date)
    if not dates:
        dates = sorted(c.date for c in group_claims if c.date)
    channel = next((c.channel for c in own if c.channel), None) or next(
        (c.channel for c in group_claims if c.channel), None)
    return replace(own[0], date=dates[0] if dates else None, channel=channel)


def _status(claims: list[Claim], actor1: ActorRef | None, flags: set[str], claimant: Claim | None) -> str:
    denials = [c for c in claims if c.kind == "deny"]
    if actor1 is not None and any(_denier_is_actor(c.by, actor1) for c in denials):
        return "disputed"
    if any(c.kind == "confirm" for c in claims):
        return "confirmed"
    if claimant is not None:
        return "claimed"
    return "reported"


def _denier_is_actor(denier: str, actor1: ActorRef) -> bool:
    denier = denier.lower()
    if actor1.name and (actor1.name.lower() in denier or denier in actor1.name.lower()):
        return True
    if actor1.inter == 1:
        return any(w in denier for w in ("government", "army", "military", "president", "minister", "junta",
                                         "gouvernement", "armée", "président", "ministre", "état-major", "captain",
                                         "capitaine", "traore", "traoré", "authorities", "autorités"))
    return bool(actor1.text) and actor1.text.lower() in denier


# ---------------------------------------------------------------- event

def _merge_evidence(mentions: Sequence[Mention]) -> dict[str, tuple[Evidence, ...]]:
    merged: dict[str, list[Evidence]] = {}
    for mention in mentions:
        for key, items in mention.evidence.items():
            merged.setdefault(key, []).extend(items)
    return {k: tuple(v) for k, v in merged.items()}


def _notes(event_type: str, sub: str, actor1: str, actor2: str, location: str, date: str, fatalities: int,
           claimed_by: str | None) -> str:
    where = f" in {location}" if location else ""
    target = f" against {actor2}" if actor2 else ""
    toll = f"; {fatalities} killed" if fatalities else ""
    claim = f"; claimed by {claimed_by}" if claimed_by else ""
    return f"On {date}, {actor1 or 'unidentified actors'}: {sub.lower()}{target}{where}{toll}{claim}."


def _source_scale(mentions: Sequence[Mention]) -> str:
    return "Other" if not mentions else ""


def code_event(mentions: Sequence[Mention], *, event_id: str = "", timestamp: int | None = None) -> Event:
    """The ACLED-coded :class:`Event` told by ``mentions`` (one or more reports of one event)."""
    if not mentions:
        raise ValueError("code_event needs at least one mention")
    event_date, precision = _choose_date(mentions)
    place = _choose_place(mentions)
    actor1 = _choose_actor(mentions, "actor1")
    actor2 = _choose_actor(mentions, "actor2")
    cue, target_kind = _choose_cue(mentions)
    figures = [f for m in mentions for f in m.fatalities]
    fatalities, low, high = conservative_fatalities(figures)
    hostage_counts = [m.hostages for m in mentions if m.hostages is not None]
    hostages = min(hostage_counts) if hostage_counts else None
    inter1 = actor1.inter if actor1 else 0
    inter2 = actor2.inter if actor2 else 0
    event_type, sub_event_type = acled_type(cue, inter1, inter2, target_kind, killed=fatalities, hostages=hostages)
    if event_type == "Strategic developments" and sub_event_type == "Looting/property destruction":
        actor2, inter2 = None, 0
    if event_type == "Strategic developments":  # never a political-violence fatality event
        fatalities = low = high = 0
    claims = [c for m in mentions for c in m.claims]
    flags = {f for m in mentions for f in m.quality_flags}
    if event_date and _date_of_statement(mentions, event_date, precision):
        flags.add(DATE_OF_STATEMENT)
    claimant = _claimant(claims, actor1)
    status = _status(claims, actor1, flags, claimant)
    interaction = (min(inter1, inter2) * 10 + max(inter1, inter2)) if inter1 and inter2 else inter1 * 10
    civilian = "Civilian targeting" if inter2 == 7 and event_type in (
        "Violence against civilians", "Explosions/Remote violence") else ""
    outlets = sorted({m.outlet for m in mentions if m.outlet})
    country = place.country if place else (mentions[0].country_hint or "")
    actor1_name = actor1.name if actor1 else ""
    actor2_name = actor2.name if actor2 else ""
    year = int(event_date[:4]) if event_date else 0
    claimed_by = claimant.by if claimant else None
    return Event(
        event_id_cnty=event_id,
        event_date=event_date,
        year=year,
        time_precision=precision,
        disorder_type=DISORDER[event_type],
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1_name,
        assoc_actor_1=_associates(mentions, "assoc_actors1", actor1_name),
        inter1=inter1,
        actor2=actor2_name,
        assoc_actor_2=_associates(mentions, "assoc_actors2", actor2_name),
        inter2=inter2,
        interaction=interaction,
        civilian_targeting=civilian,
        iso=place.iso if place else 0,
        region=(place.region if place and place.region else REGION.get(country, "")),
        country=country,
        admin1=place.admin1 if place else "",
        admin2=place.admin2 if place else "",
        admin3=place.admin3 if place else "",
        location=place.location if place else "",
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else 3,
        source="; ".join(outlets),
        source_scale=_source_scale(mentions),
        notes=_notes(event_type, sub_event_type, actor1_name, actor2_name, place.location if place else "",
                     event_date, fatalities, claimed_by),
        fatalities=fatalities,
        tags=_tags(mentions, event_type),
        timestamp=timestamp if timestamp is not None else int(dt.datetime.now(dt.UTC).timestamp()),
        fatalities_low=low,
        fatalities_high=high,
        fatality_reports=tuple(figures),
        hostages=hostages,
        claimed_by=claimed_by,
        claim_date=claimant.date if claimant else None,
        claim_channel=claimant.channel if claimant else None,
        status=status,
        confirmed_by=tuple(dict.fromkeys(c.by for c in claims if c.kind == "confirm")),
        denied_by=tuple(dict.fromkeys(c.by for c in claims if c.kind == "deny")),
        report_ids=tuple(dict.fromkeys(m.report_id for m in mentions)),
        evidence=_merge_evidence(mentions),
        confidence=_confidence(mentions, place, actor1),
        language=tuple(sorted({m.language for m in mentions})),
        mention_ids=tuple(m.id for m in mentions),
        quality_flags=tuple(sorted(flags)),
        coder_version=CODER_VERSION,
    )


def _associates(mentions: Sequence[Mention], role: str, main: str) -> str:
    """The resolved associated actors of all mentions, ``; ``-separated, without the main actor."""
    names = dict.fromkeys(a.name for m in mentions for a in getattr(m, role) if a.name and a.name != main)
    return "; ".join(names)


def _tags(mentions: Sequence[Mention], event_type: str) -> str:
    """ACLED tags: the crowd size of a demonstration (the most precise any report gives)."""
    if DISORDER[event_type] != "Demonstrations":
        return ""
    sizes = [t for m in mentions for t in m.tags if t.startswith("crowd size=")]
    told = [t for t in sizes if t != "crowd size=no report"]
    return Counter(told).most_common(1)[0][0] if told else "crowd size=no report"


def _confidence(mentions: Sequence[Mention], place: Place | None, actor1: ActorRef | None) -> float:
    score = 0.4 + 0.1 * min(len({m.report_id for m in mentions}), 3)
    if place is not None and place.geo_precision == 1:
        score += 0.1
    if actor1 is not None and _actor_rank(actor1) == 2:
        score += 0.1
    if any("not_confirmed" in m.quality_flags for m in mentions):
        score -= 0.1
    return round(max(0.05, min(score, 0.99)), 2)
