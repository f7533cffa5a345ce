"""ACLED types of protests, riots and strategic developments: one decision table.

A row is (cue, condition on the actors' ACLED categories and the toll, event type, sub-event type); the
first row whose cue and condition hold codes the event. The cues come from ``extract._demos``.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["DEMO_TABLE", "demo_type", "is_demo_cue"]

_FORCES = {1, 8}
_ALWAYS: Callable[[int, int, int], bool] = lambda inter1, inter2, killed: True  # noqa: E731

# (cue, when(inter1, inter2, killed), event type, sub-event type), first match wins
DEMO_TABLE: tuple[tuple[str, Callable[[int, int, int], bool], str, str], ...] = (
    ("protest_force", _ALWAYS, "Protests", "Excessive force against protesters"),
    ("protest_intervention", lambda i1, i2, k: bool(k) and (i1 in _FORCES or i2 in _FORCES),
     "Protests", "Excessive force against protesters"),
    ("protest_intervention", _ALWAYS, "Protests", "Protest with intervention"),
    ("protest", lambda i1, i2, k: bool(k) and (i1 in _FORCES or i2 in _FORCES),
     "Protests", "Excessive force against protesters"),
    ("protest", lambda i1, i2, k: i2 in _FORCES, "Protests", "Protest with intervention"),
    ("protest", _ALWAYS, "Protests", "Peaceful protest"),
    ("riot", lambda i1, i2, k: i2 == 7, "Riots", "Mob violence"),
    ("riot", _ALWAYS, "Riots", "Violent demonstration"),
    ("mob", _ALWAYS, "Riots", "Mob violence"),
    ("agreement", _ALWAYS, "Strategic developments", "Agreement"),
    ("arrest", _ALWAYS, "Strategic developments", "Arrests"),
    ("change", _ALWAYS, "Strategic developments", "Change to group/activity"),
    ("disrupt", _ALWAYS, "Strategic developments", "Disrupted weapons use"),
    ("base", _ALWAYS, "Strategic developments", "Headquarters or base established"),
    ("handover", _ALWAYS, "Strategic developments", "Non-violent transfer of territory"),
    ("sd_other", _ALWAYS, "Strategic developments", "Other"),
    ("release", _ALWAYS, "Strategic developments", "Other"),
)
_CUES = frozenset(row[0] for row in DEMO_TABLE)


def is_demo_cue(cue: str) -> bool:
    """Whether the table codes ``cue``."""
    return cue in _CUES


def demo_type(cue: str, inter1: int, inter2: int, killed: int = 0) -> tuple[str, str]:
    """(event_type, sub_event_type) of a demonstration or development ``cue``.

    Raises:
        KeyError: the table has no row for ``cue``.
    """
    for row_cue, when, event_type, sub_event_type in DEMO_TABLE:
        if row_cue == cue and when(inter1, inter2, killed):
            return event_type, sub_event_type
    raise KeyError(cue)
