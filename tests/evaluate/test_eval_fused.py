"""Fused task over the real corpus gold: duplicates, wrong merges, background events, optimal matching."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from eventcoder.evaluate import FIELD_FIGURES, Gold, Ratio, haversine_km, is_compatible, score_fused
from eventcoder.records import Event

Moved = Callable[..., dict[str, Any]]
N_GOLD = 61  # events with report_ids
N_ATTACHED = 144  # report ids over those events


def _point(event: dict[str, Any]) -> tuple[float, float]:
    return event["latitude"], event["longitude"]


def test_perfect_predictions_score_one_everywhere(gold: Gold, perfect_fused: list[dict[str, Any]]) -> None:
    scores = score_fused(perfect_fused, gold.events)
    assert (scores.gold, scores.predicted, scores.matched, scores.neutral) == (N_GOLD, N_GOLD, N_GOLD, 0)
    assert scores.f1.value == 1.0
    assert all(scores.fields[name] == Ratio(N_GOLD, N_GOLD) for name in FIELD_FIGURES)
    assert scores.duplicates == Ratio(0, N_GOLD)
    assert scores.wrong_merges == Ratio(0, N_ATTACHED)
    assert scores.wrong_merge_events == Ratio(0, N_GOLD)
    assert all(pair.gold_id == pair.prediction["id"] for pair in scores.details.matches)


def test_identical_close_events_pair_with_their_own_copies(
    gold: Gold, perfect_fused: list[dict[str, Any]]
) -> None:
    # ner-e04 and ner-e05: same day, type and actor1, 9 km apart: only the closeness tie-break tells them apart
    for order in (perfect_fused, perfect_fused[::-1]):
        scores = score_fused(order, gold.events)
        pairs = {p.gold_id: p.prediction["id"] for p in scores.details.matches}
        assert pairs["ner-e04"] == "ner-e04" and pairs["ner-e05"] == "ner-e05"


def test_missing_event_is_a_miss(gold: Gold, perfect_fused: list[dict[str, Any]]) -> None:
    kept = [p for p in perfect_fused if p["id"] != "bfa-e01"]
    scores = score_fused(kept, gold.events)
    assert scores.recall == Ratio(N_GOLD - 1, N_GOLD)
    assert scores.precision == Ratio(N_GOLD - 1, N_GOLD - 1)
    assert [m.gold_id for m in scores.details.misses] == ["bfa-e01"]


def test_duplicate_is_counted(
    gold: Gold, perfect_fused: list[dict[str, Any]], events: dict[str, Any], moved: Moved
) -> None:
    perfect_fused.append(dict(moved(events["bfa-e01"], days=1), report_ids=["bfa-r03"]))
    scores = score_fused(perfect_fused, gold.events)
    assert scores.duplicates == Ratio(1, N_GOLD + 1)
    assert scores.precision == Ratio(N_GOLD, N_GOLD + 1)
    assert scores.details.false_positives[0].gold_id == "bfa-e01"
    assert scores.fields["event_date"].value == 1.0


def test_unrelated_false_positive_is_not_a_duplicate(
    gold: Gold, perfect_fused: list[dict[str, Any]], events: dict[str, Any], moved: Moved
) -> None:
    perfect_fused.append(moved(events["bfa-e01"], days=40))
    scores = score_fused(perfect_fused, gold.events)
    assert scores.duplicates == Ratio(0, N_GOLD + 1)
    assert scores.details.false_positives[0].reason == "no compatible gold event"


def test_wrong_merge_is_counted_but_background_report_is_not(
    gold: Gold, perfect_fused: list[dict[str, Any]]
) -> None:
    solhan = next(p for p in perfect_fused if p["id"] == "bfa-e01")
    solhan["report_ids"] = [*solhan["report_ids"], "roundup-r03"]  # mentions Solhan in passing: fine
    scores = score_fused(perfect_fused, gold.events)
    assert scores.wrong_merges == Ratio(0, N_ATTACHED + 1)
    solhan["report_ids"].append("lac-r01")  # a Lake Chad report: wrong
    scores = score_fused(perfect_fused, gold.events)
    assert scores.wrong_merges == Ratio(1, N_ATTACHED + 2)
    assert scores.wrong_merge_events == Ratio(1, N_GOLD)
    assert scores.f1.value == 1.0
    pair = next(p for p in scores.details.matches if p.gold_id == "bfa-e01")
    assert pair.wrong_report_ids == ("lac-r01",)


def test_background_only_event_is_neutral_not_a_false_positive(
    gold: Gold, perfect_fused: list[dict[str, Any]], events: dict[str, Any]
) -> None:
    stub = events["bfa-e02"]
    assert stub["report_ids"] == []
    perfect_fused.append(dict(stub, event_type="Battles", report_ids=["roundup-r02"]))
    scores = score_fused(perfect_fused, gold.events)
    assert (scores.gold, scores.predicted, scores.neutral) == (N_GOLD, N_GOLD, 1)
    assert scores.precision.value == 1.0
    assert scores.details.neutral[0].gold_id == "bfa-e02"
    # a second copy of it is a false positive (but not a duplicate of a gold event to find)
    perfect_fused.append(dict(stub, report_ids=["roundup-r02"]))
    scores = score_fused(perfect_fused, gold.events)
    assert (scores.predicted, scores.neutral) == (N_GOLD + 1, 1)
    assert scores.duplicates == Ratio(0, N_GOLD + 1)
    assert scores.details.false_positives[0].reason == "repeated background"


def test_optimal_matching_beats_greedy(gold: Gold, events: dict[str, Any], moved: Moved) -> None:
    """roundup-e09 (civilians attacked) and roundup-e10 (clash), same day, 13 km apart.

    P1 copies e09 (score 4 with e09, 2 with e10); P2 is e09 moved 90 km away from e10, so it is compatible with
    e09 only. Greedy takes P1-e09 first and leaves P2 and e10 unmatched; the optimum is P1-e10, P2-e09.
    """
    e09, e10 = events["roundup-e09"], events["roundup-e10"]
    p1 = dict(e09, id="P1")
    away_east = -90 if e10["longitude"] > e09["longitude"] else 90
    p2 = dict(moved(e09, east_km=away_east), id="P2")
    assert is_compatible(p1, e09) and is_compatible(p1, e10)
    assert is_compatible(p2, e09) and not is_compatible(p2, e10)
    assert haversine_km(_point(p2), _point(e10)) > 100
    golds = [e09, e10]
    scores = score_fused([p1, p2], golds)
    assert (scores.matched, len(scores.details.misses), len(scores.details.false_positives)) == (2, 0, 0)
    assert {p.gold_id: p.prediction["id"] for p in scores.details.matches} == {
        "roundup-e09": "P2",
        "roundup-e10": "P1",
    }
    assert scores.fields["event_type"] == Ratio(1, 2)


def test_score_breaks_ties_between_equally_many_matches(events: dict[str, Any], moved: Moved) -> None:
    # two predictions both compatible with both golds: each goes to the gold of its own type
    e09, e10 = events["roundup-e09"], events["roundup-e10"]
    a = dict(moved(e09, days=1), id="A")  # VAC like e09
    b = dict(moved(e10, days=1), id="B")  # Battles like e10
    scores = score_fused([b, a], [e10, e09])
    assert {p.gold_id: p.prediction["id"] for p in scores.details.matches} == {
        "roundup-e09": "A",
        "roundup-e10": "B",
    }
    assert scores.fields["event_type"] == Ratio(2, 2)


def test_accepts_event_records(gold: Gold, events: dict[str, Any]) -> None:
    solhan = events["bfa-e01"]
    fields = {
        k: solhan[k]
        for k in (
            "event_date",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "admin1",
            "latitude",
            "longitude",
            "geo_precision",
            "fatalities",
            "status",
        )
    }
    record = Event(event_id_cnty="BFA1", report_ids=tuple(solhan["report_ids"]), **fields)
    scores = score_fused([record], gold.events)
    assert scores.matched == 1
    assert scores.fields["fatalities_exact"] == Ratio(1, 1)


def test_large_fused_run_is_fast_and_exact(
    gold: Gold, perfect_fused: list[dict[str, Any]], moved: Moved
) -> None:
    # ~60 gold x ~120 predictions: every gold copied plus a near-duplicate of each
    noisy = perfect_fused + [dict(moved(p, days=1, north_km=20), id=p["id"] + "-dup") for p in perfect_fused]
    scores = score_fused(noisy, gold.events)
    assert scores.matched == N_GOLD
    assert scores.duplicates == Ratio(N_GOLD, 2 * N_GOLD)
    assert all(pair.prediction["id"] == pair.gold_id for pair in scores.details.matches)
    assert copy.deepcopy(scores.to_dict())["duplicates"]["numerator"] == N_GOLD


def test_more_pairs_before_a_higher_score(events: dict[str, Any], moved: Moved) -> None:
    """P1 copies G1 (score 4) and is also compatible with G2 (score 0); P2 is compatible with G1 only (score 0).

    The sum of scores alone would keep P1-G1 (4) and leave P2 and G2 out; the matching first maximises the
    number of compatible pairs (P1-G2, P2-G1), then the score.
    """
    g1 = events["bfa-e01"]
    g2 = dict(moved(g1, days=2, north_km=60), id="G2", event_type="Battles", actor1="Someone else")
    p1 = dict(g1, id="P1")
    p2 = dict(
        moved(g1, days=-2, north_km=-60), id="P2", event_type="Protests", actor1="Protesters (Burkina Faso)"
    )
    assert is_compatible(p1, g2) and is_compatible(p2, g1) and not is_compatible(p2, g2)
    scores = score_fused([p1, p2], [g1, g2])
    assert {p.gold_id: p.prediction["id"] for p in scores.details.matches} == {"bfa-e01": "P2", "G2": "P1"}
    assert scores.f1 == Ratio(4, 4)
