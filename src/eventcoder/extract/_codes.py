"""The codes the sentence readers give their records, named (keys of the code, not words of a language):
a place's relation (``PlaceMention.relation``), an actor's role (``ActorMention.role``), a figure's kind
(``Figure.kind``). The grouping and mention assembly compare with these names."""

from __future__ import annotations

from enum import StrEnum, auto
from typing import Final

__all__ = ["AGENT", "BLAMED", "CLAIMANT", "PATIENT", "FigureKind", "Relation"]

AGENT: Final = "agent"  # who acts
PATIENT: Final = "patient"  # whom the action is done to
CLAIMANT: Final = "claimant"  # who claims it
BLAMED: Final = "blamed"  # a group a blaming sentence holds responsible


class Relation(StrEnum):
    """How a sentence relates a place to the event: codes of ``records.PlacePhrase.relation`` (the event's
    place phrase adds ``admin``, ``_events.ADMIN``)."""

    IN = auto()
    NEAR = auto()
    BETWEEN = auto()
    OFFSET = auto()
    BORDER = auto()


class FigureKind(StrEnum):
    """What a figure counts."""

    DEAD = "dead"
    HOSTAGE = "hostage"
