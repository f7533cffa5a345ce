"""Score predicted events against gold codings, exactly as /shared/EVALUATION.md defines the figures.

Works on plain dicts (SCHEMA.md records) and imports no pipeline stage but fuse (whose match scoring
explains duplicates). The CLI's ``eventcoder eval`` is:

    gold = load_gold(gold_path, reports=reports_path)
    with SpeedMeter() as meter:
        predictions = ...  # run the pipeline over gold.reports
    scores = score_fused(predictions, gold.events).with_speed(meter.speed(len(gold.reports)))
    print(render_table(scores))            # or json.dumps(scores.to_dict()), render_markdown(scores)
    print(explain(scores))                 # --explain

Both tasks return ``Scores``: precision, recall and F1 of events, the accuracy of each field over matched
pairs (``FIELD_FIGURES``), duplicates and wrong merges (fused), each as a ``Ratio`` with its denominator.
"""

from __future__ import annotations

from ._compat import haversine_km, is_compatible
from ._fields import FIELD_FIGURES
from ._folds import COMMON_ZIPF, FoldResult, assign_folds, common_word, fold_specific_entries
from ._gold import Gold, load_gold
from ._normalise import ADMIN1_EQUIVALENTS, ActorKey, admin1_key, default_actor_key
from ._render import explain, explain_records, render_folds, render_markdown, render_table
from ._scores import (
    Details,
    FalsePositive,
    MatchedPair,
    Miss,
    NeutralMatch,
    Ratio,
    Scores,
    Speed,
    SpeedMeter,
)
from ._tasks import score_fused, score_per_report

__all__ = [
    "ADMIN1_EQUIVALENTS",
    "COMMON_ZIPF",
    "FIELD_FIGURES",
    "ActorKey",
    "Details",
    "FalsePositive",
    "FoldResult",
    "Gold",
    "MatchedPair",
    "Miss",
    "NeutralMatch",
    "Ratio",
    "Scores",
    "Speed",
    "SpeedMeter",
    "admin1_key",
    "assign_folds",
    "common_word",
    "default_actor_key",
    "explain",
    "explain_records",
    "fold_specific_entries",
    "haversine_km",
    "is_compatible",
    "load_gold",
    "render_folds",
    "render_markdown",
    "render_table",
    "score_fused",
    "score_per_report",
]
