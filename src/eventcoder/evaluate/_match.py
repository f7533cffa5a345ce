"""Match one set of predictions against gold events (EVALUATION.md "Matching")."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._assign import max_weight_matching
from ._compat import days_apart, is_compatible, pair_distance_km, pair_score

__all__ = ["Assignment", "match_events"]

Event = Mapping[str, Any]

_DAY_STEPS = 32  # tie-break: closer dates first (0..31 days), then closer points (0.1 km steps to 100 km)
_KM_STEPS = 1001
_TIE_TOP = _DAY_STEPS * _KM_STEPS
_SCORE_TOP = 4


@dataclass(frozen=True, slots=True)
class Assignment:
    """Outcome of one matching.

    ``pairs`` holds ``(prediction index, gold index)``; ``compatible`` maps each prediction index to the gold
    indices it is compatible with (for explaining the leftovers).
    """

    pairs: tuple[tuple[int, int], ...]
    compatible: Mapping[int, tuple[int, ...]]

    def gold_of(self) -> dict[int, int]:
        """``{prediction index: gold index}`` of the matched pairs."""
        return dict(self.pairs)


def _closeness(prediction: Event, gold: Event) -> int:
    """Tie-break value in [0, _TIE_TOP): higher for a closer date, then a closer point."""
    days = days_apart(prediction, gold)
    day_part = _DAY_STEPS - 1 - min(days if days is not None else _DAY_STEPS - 1, _DAY_STEPS - 1)
    distance = pair_distance_km(prediction, gold)
    tenths = round(distance * 10) if distance is not None else _KM_STEPS - 1
    return day_part * _KM_STEPS + (_KM_STEPS - 1 - min(tenths, _KM_STEPS - 1))


def _weight(priority: int, score: int, closeness: int, size: int) -> int:
    """Integer weight ordering matchings lexicographically by (priority pairs, pairs, score sum, closeness).

    ``size`` bounds the number of pairs in any matching, so that no sum of a lower part reaches the next.
    """
    score_unit = size * _TIE_TOP
    pair_unit = size * (_SCORE_TOP * score_unit + _TIE_TOP)
    priority_unit = size * (pair_unit + _SCORE_TOP * score_unit + _TIE_TOP)
    return priority * priority_unit + pair_unit + score * score_unit + closeness


def match_events(
    predictions: Sequence[Event],
    golds: Sequence[Event],
    actor_key: Callable[[object], Hashable],
    *,
    priorities: Sequence[int] | None = None,
) -> Assignment:
    """One-to-one matching of predictions to gold events among compatible pairs.

    The matching maximises, in this order: the number of pairs with a priority-1 gold (real gold events, ahead
    of background ones), the number of pairs, the sum of ``pair_score`` (EVALUATION.md), then closeness in
    date and distance. Remaining ties are broken deterministically by the order of the inputs.

    Args:
        predictions: predicted events.
        golds: gold events, in a fixed order (callers sort them by id).
        actor_key: the wrapped actor key (``make_actor_key``).
        priorities: 1 or 0 for each gold (default: all 1).
    """
    ranks = list(priorities) if priorities is not None else [1] * len(golds)
    size = max(1, min(len(predictions), len(golds)))
    edges: dict[tuple[int, int], int] = {}
    compatible: dict[int, tuple[int, ...]] = {}
    for i, prediction in enumerate(predictions):
        found = tuple(j for j, gold in enumerate(golds) if is_compatible(prediction, gold))
        compatible[i] = found
        for j in found:
            gold = golds[j]
            score = pair_score(prediction, gold, actor_key)
            edges[(i, j)] = _weight(ranks[j], score, _closeness(prediction, gold), size)
    return Assignment(pairs=tuple(max_weight_matching(edges)), compatible=compatible)
