"""Protests, riots and strategic developments: what a draft's sentences say beyond violence.

The lexicon gives the cues (``protest``, ``riot``, ``mob`` and the strategic-development cues ``agreement``,
``arrest``, ``change``, ``disrupt``, ``base``, ``handover``, ``sd_other``); :func:`read_demonstration` turns
the cues of an event's sentences, the forces named beside them and the casualties into one refined cue
and the actors ACLED codes for it. ``eventcoder.fuse`` maps the cue and the actors' categories to the
ACLED type (one table, ``fuse._demos``).

- A gathering (``protest``) is a peaceful protest; with the forces' intervention (tear gas, dispersal,
  arrests) ``protest_intervention``; with people killed by the forces ``protest_force``.
- A gathering whose crowd is violent (stones, burnt tyres, ransacking) is a violent demonstration
  (``riot``); a crowd that lynches or attacks a person or a house is mob violence (``mob``).
- A strategic development opens an event only in a sentence that dates it, and never takes over an event
  whose sentences tell violence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventcoder.extract._actors import ActorMention
from eventcoder.extract._frames import Frame
from eventcoder.lexicon import Lexicon

if TYPE_CHECKING:
    from eventcoder.extract._grouping import EventDraft

__all__ = ["DEMO_CUES", "SD_CUES", "Reading", "crowd_tag", "default_actor1_kind", "opens_event",
           "read_demonstration"]

SD_CUES = frozenset({"agreement", "change", "disrupt", "base", "handover", "sd_other"})
DEMO_CUES = frozenset({"protest", "riot", "mob"}) | SD_CUES
_REMOTE = frozenset({"chemical", "suicide", "airstrike", "shelling", "ied", "grenade"})
_CROWD_ACTIONS = frozenset({"loot", "attack"})  # what a crowd does in a violent demonstration


@dataclass(frozen=True)
class Reading:
    """The refined cue of a demonstration or strategic development, and its actors."""

    cue: str
    actor1: ActorMention | None
    actor2: ActorMention | None
    target_kind: str
    actor1_kind: str = ""  # the generic actor1 when none is named (protesters, rioters)
    associates: tuple[ActorMention, ...] = field(default=())
    tags: tuple[str, ...] = ()


def opens_event(frame: Frame) -> bool:
    """An event sentence (``Frame.is_event``) whose cue is a demonstration or a development, dated in it."""
    return bool(frame.event_dates or frame.dates) and not frame.background and not frame.hypothetical and any(
        t.cue in DEMO_CUES for t in frame.triggers)


def default_actor1_kind(cue: str) -> str:
    """The kind of the unnamed initiator of an event of ``cue``."""
    if cue.startswith("protest"):
        return "protesters"
    if cue in ("riot", "mob"):
        return "rioters"
    return "unidentified"


def _has(lexicon: Lexicon, section: str, text: str) -> bool:
    pattern = lexicon.pattern(section)
    return bool(pattern is not None and pattern.search(text))


def crowd_tag(frames: list[Frame], lexicon: Lexicon) -> str:
    """ACLED's crowd-size tag the text gives (``crowd size=thousands``), or "" (fuse writes ACLED's tag for
    a crowd of no reported size)."""
    text = " ".join(f.text for f in frames)
    for size in lexicon.table("crowd_sizes"):
        if _has(lexicon, f"crowd_sizes.{size}", text):
            return f"crowd size={size}"
    return ""


def _associates(frames: list[Frame], lexicon: Lexicon) -> tuple[ActorMention, ...]:
    """The groups the protesters march with: a dictionary movement or party, or a named trade (teachers)."""
    found: dict[str, ActorMention] = {}
    for frame in frames:
        for actor in frame.actors:
            if actor.kind == "protesters" and actor.entry_id:
                found.setdefault(actor.entry_id, actor)
        for kind in lexicon.table("protest_groups"):
            pattern = lexicon.pattern(f"protest_groups.{kind}")
            match = pattern.search(frame.text) if pattern is not None else None
            if match is not None and kind not in found:
                offset = frame.sent.start_char
                found[kind] = ActorMention(0, 0, match.group(0), kind, char_start=offset + match.start(),
                                           char_end=offset + match.end())
    return tuple(found.values())


def _forces(frames: list[Frame], lexicon: Lexicon) -> ActorMention | None:
    """The forces of order that acted: the subject of "fired", "dispersed", or the forces of the sentence
    that tells the deaths or the intervention, else the first named ("against the foreign troops")."""
    ranked = []
    for order, frame in enumerate(frames):
        acting = frame.counts_dead or _has(lexicon, "intervention", frame.text)
        ranked.extend(((a.role == "agent") + acting, -order, a) for a in frame.actors if a.kind == "military")
    return max(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def read_demonstration(draft: EventDraft, cue: str, lexicon: Lexicon) -> Reading | None:
    """The protest, riot or strategic development a draft tells, or ``None`` for violence."""
    frames = [f for f in draft.frames if not f.hypothetical]
    cues = Counter(t.cue for f in frames for t in f.triggers if f.is_event or not t.weak)
    if not cues:
        return None
    if cues.keys() & _REMOTE and not cues["disrupt"]:
        return None
    anchor = {t.cue for t in draft.anchor.triggers}
    if anchor & {"protest", "riot", "mob"}:  # the event's own sentence tells a gathering
        return _crowd(frames, cues, lexicon)
    if not anchor & (SD_CUES | {"arrest"}):
        return None
    return _development(frames, cues, cue)


def _crowd(frames: list[Frame], cues: Counter[str], lexicon: Lexicon) -> Reading:
    """Protest, intervention, excessive force, violent demonstration or mob violence."""
    forces = _forces(frames, lexicon)
    killed = any(f.counts_dead for f in frames)
    tag = crowd_tag(frames, lexicon)
    tags = (tag,) if tag else ()
    associates = _associates(frames, lexicon)
    if cues["mob"] and not cues["protest"]:
        return Reading("mob", None, None, "civilians", "rioters", associates, tags)
    crowd_actions = {t.cue for f in frames if not _armed_named(f) for t in f.strong_triggers} & _CROWD_ACTIONS
    violent_crowd = cues["riot"] > 0 or bool(crowd_actions and not _forces_acted(frames, lexicon))
    if forces is not None and killed and (cues["protest"] or not violent_crowd):
        # lethal repression of a protest is excessive force, even where some protesters turned violent
        return Reading("protest_force", None, forces, "military", "protesters", associates, tags)
    if violent_crowd:
        return Reading("riot", None, forces, "military" if forces else "", "rioters", associates, tags)
    if forces is not None and any(_has(lexicon, "intervention", f.text) for f in frames):
        return Reading("protest_intervention", None, forces, "military", "protesters", associates, tags)
    return Reading("protest", None, None, "", "protesters", associates, tags)


def _armed_named(frame: Frame) -> bool:
    """The sentence names an armed group ("against a wave of jihadist attacks"): its violence is not the crowd's."""
    return any(a.kind in ("group", "perpetrators") for a in frame.actors)


def _forces_acted(frames: list[Frame], lexicon: Lexicon) -> bool:
    """The forces of order are the subject of the action (they fired, dispersed, arrested)."""
    return any(a.kind == "military" and a.role == "agent" for f in frames for a in f.actors) or any(
        _has(lexicon, "intervention", f.text) for f in frames)


def _development(frames: list[Frame], cues: Counter[str], cue: str) -> Reading | None:
    """A strategic development, when the draft tells no violence that outranks it."""
    killed = any(f.counts_dead for f in frames)
    if cues["disrupt"] and not killed:
        chosen = "disrupt"
    elif cues["handover"] and not killed and not cues["ambush"]:
        chosen = "handover"
    elif cues["sd_other"] and not killed:  # a coup that detains the president is the coup
        chosen = "sd_other"
    elif cue in SD_CUES:
        chosen = cue
    else:
        return None
    agents = [a for f in frames for a in f.actors if a.role == "agent" and a.kind != "civilians"]
    actor1 = agents[0] if agents else None
    others = [a for f in frames for a in f.actors if actor1 is None or a.text != actor1.text]
    actor2 = others[0] if chosen == "agreement" and others else None
    return Reading(chosen, actor1, actor2, actor2.kind if actor2 else "",
                   "" if actor1 else "unidentified")
