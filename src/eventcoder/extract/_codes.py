"""The codes the sentence readers give their records, named (keys of the code, not words of a language):
a place's relation (``PlaceMention.relation``), an actor's role (``ActorMention.role``), a figure's kind
(``Figure.kind``). The grouping and mention assembly compare with these names."""

from __future__ import annotations

from typing import Final

__all__ = ["AGENT", "CLAIMANT", "PATIENT"]

AGENT: Final = "agent"  # who acts
PATIENT: Final = "patient"  # whom the action is done to
CLAIMANT: Final = "claimant"  # who claims it
