"""Per-report task over the real corpus gold."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from eventcoder.errors import ReportParseError
from eventcoder.evaluate import FIELD_FIGURES, Gold, Ratio, score_per_report

Moved = Callable[..., dict[str, Any]]
Preds = dict[str, list[dict[str, Any]]]
N_PAIRS = 144  # (report, event) pairs in the corpus gold


def _score(preds: Preds, gold: Gold, **kw: Any):
    return score_per_report(preds, gold.reports, gold.events, **kw)


def test_perfect_predictions_score_one_everywhere(gold: Gold, perfect_per_report: Preds) -> None:
    scores = _score(perfect_per_report, gold)
    assert scores.reports == 121
    assert (scores.gold, scores.predicted, scores.matched, scores.neutral) == (N_PAIRS, N_PAIRS, N_PAIRS, 0)
    assert scores.f1 == Ratio(2 * N_PAIRS, 2 * N_PAIRS)
    assert scores.f1.value == 1.0 and scores.precision.value == 1.0 and scores.recall.value == 1.0
    assert set(scores.fields) == set(FIELD_FIGURES)
    assert all(r == Ratio(N_PAIRS, N_PAIRS) for r in scores.fields.values()), scores.fields
    assert all(pair.gold_id == pair.prediction["id"] for pair in scores.details.matches)
    assert scores.duplicates is None and scores.wrong_merges is None


def test_per_language_breakdown(gold: Gold, perfect_per_report: Preds) -> None:
    perfect_per_report["lac-r22"] = [copy.deepcopy(gold.events[0])]  # an English negative report
    scores = _score(perfect_per_report, gold)
    en, fr = scores.by_language["en"], scores.by_language["fr"]
    assert sorted(scores.by_language) == ["en", "fr"]
    assert (en.reports, fr.reports) == (65, 56)
    assert en.gold + fr.gold == scores.gold == N_PAIRS
    assert en.predicted == en.gold + 1 and fr.predicted == fr.gold
    assert en.precision == Ratio(en.gold, en.gold + 1)
    assert fr.precision.value == 1.0


def test_date_three_days_off_is_a_miss_and_a_false_positive(
    gold: Gold, perfect_per_report: Preds, moved: Moved
) -> None:
    perfect_per_report["bfa-r01"] = [moved(perfect_per_report["bfa-r01"][0], days=3)]
    scores = _score(perfect_per_report, gold)
    assert (scores.matched, len(scores.details.misses), len(scores.details.false_positives)) == (
        N_PAIRS - 1,
        1,
        1,
    )
    assert scores.details.misses[0].gold_id == "bfa-e01"
    assert scores.details.false_positives[0].reason == "no compatible gold event"
    assert scores.recall == Ratio(N_PAIRS - 1, N_PAIRS)
    assert scores.precision == Ratio(N_PAIRS - 1, N_PAIRS)


def test_date_two_days_off_matches_but_date_is_wrong(
    gold: Gold, perfect_per_report: Preds, moved: Moved
) -> None:
    perfect_per_report["bfa-r01"] = [moved(perfect_per_report["bfa-r01"][0], days=-2)]
    scores = _score(perfect_per_report, gold)
    assert scores.matched == N_PAIRS
    assert scores.fields["event_date"] == Ratio(N_PAIRS - 1, N_PAIRS)
    assert scores.fields["event_type"] == Ratio(N_PAIRS, N_PAIRS)


def test_point_150_km_away_is_a_miss_and_a_false_positive(
    gold: Gold, perfect_per_report: Preds, moved: Moved
) -> None:
    perfect_per_report["bfa-r01"] = [moved(perfect_per_report["bfa-r01"][0], east_km=150)]
    scores = _score(perfect_per_report, gold)
    assert (scores.matched, len(scores.details.misses), len(scores.details.false_positives)) == (
        N_PAIRS - 1,
        1,
        1,
    )


@pytest.mark.parametrize("km,within10,within50", [(5, True, True), (30, False, True), (80, False, False)])
def test_location_figures(
    gold: Gold, perfect_per_report: Preds, moved: Moved, km: float, within10: bool, within50: bool
) -> None:
    perfect_per_report["bfa-r01"] = [moved(perfect_per_report["bfa-r01"][0], north_km=km)]
    scores = _score(perfect_per_report, gold)
    assert scores.matched == N_PAIRS
    assert scores.fields["location_10km"].numerator == N_PAIRS - (not within10)
    assert scores.fields["location_50km"].numerator == N_PAIRS - (not within50)


def test_time_precision_2_gold_tolerates_a_week(gold: Gold, perfect_per_report: Preds, moved: Moved) -> None:
    preds = perfect_per_report["bfa-r08"]
    index = next(i for i, p in enumerate(preds) if p["id"] == "bfa-e08")
    preds[index] = moved(preds[index], days=6)
    assert _score(perfect_per_report, gold).matched == N_PAIRS
    preds[index] = moved(preds[index], days=2)  # now 8 days off
    scores = _score(perfect_per_report, gold)
    assert scores.matched == N_PAIRS - 1
    assert [m.gold_id for m in scores.details.misses] == ["bfa-e08"]


def test_geo_precision_3_gold_matches_by_admin1(gold: Gold, perfect_per_report: Preds, moved: Moved) -> None:
    events = [dict(e, geo_precision=3) if e["id"] == "bfa-e01" else e for e in gold.events]
    far = moved(perfect_per_report["bfa-r01"][0], north_km=150)
    perfect_per_report["bfa-r01"] = [dict(far, geo_precision=3, admin1="Région du Sahel")]
    scores = score_per_report(perfect_per_report, gold.reports, events)
    assert scores.matched == N_PAIRS
    assert scores.fields["admin1"] == Ratio(N_PAIRS, N_PAIRS)
    assert scores.fields["location_50km"] == Ratio(N_PAIRS - 1, N_PAIRS)
    perfect_per_report["bfa-r01"] = [dict(far, geo_precision=3, admin1="Nord")]
    assert score_per_report(perfect_per_report, gold.reports, events).matched == N_PAIRS - 1


def test_background_match_is_neutral(
    gold: Gold, perfect_per_report: Preds, events: dict[str, Any], moved: Moved
) -> None:
    # roundup-r03 mentions bfa-e01 (Solhan) only in passing
    perfect_per_report["roundup-r03"].append(events["bfa-e01"])
    scores = _score(perfect_per_report, gold)
    assert (scores.matched, scores.predicted, scores.neutral) == (N_PAIRS, N_PAIRS, 1)
    assert scores.precision.value == 1.0
    assert scores.details.neutral[0].gold_id == "bfa-e01"
    # the same prediction in a report that does not mention Solhan is a false positive
    perfect_per_report["roundup-r03"].pop()
    perfect_per_report["bfa-r08"].append(events["bfa-e01"])
    scores = _score(perfect_per_report, gold)
    assert (scores.predicted, scores.neutral) == (N_PAIRS + 1, 0)


def test_negative_report_prediction_is_one_false_positive(
    gold: Gold, perfect_per_report: Preds, events: dict[str, Any]
) -> None:
    assert perfect_per_report["lac-r22"] == []
    perfect_per_report["lac-r22"] = [events["lac-e01"]]
    scores = _score(perfect_per_report, gold)
    assert (scores.matched, scores.predicted, len(scores.details.false_positives)) == (
        N_PAIRS,
        N_PAIRS + 1,
        1,
    )
    fp = scores.details.false_positives[0]
    assert (fp.report_id, fp.reason) == ("lac-r22", "negative report")
    assert scores.precision == Ratio(N_PAIRS, N_PAIRS + 1)


def test_negative_report_mentioning_an_old_event_in_passing_is_neutral(
    gold: Gold, perfect_per_report: Preds, events: dict[str, Any]
) -> None:
    # mli2-r21 reports no event but mentions mli2-e04 and mli2-e05 in passing
    perfect_per_report["mli2-r21"] = [events["mli2-e04"], events["lac-e01"]]
    scores = _score(perfect_per_report, gold)
    assert (scores.neutral, scores.predicted) == (1, N_PAIRS + 1)
    assert [fp.reason for fp in scores.details.false_positives] == ["negative report"]


def test_second_prediction_of_the_same_event_is_a_false_positive(
    gold: Gold, perfect_per_report: Preds, moved: Moved
) -> None:
    perfect_per_report["bfa-r01"].append(moved(perfect_per_report["bfa-r01"][0], days=1))
    scores = _score(perfect_per_report, gold)
    assert (scores.matched, scores.predicted) == (N_PAIRS, N_PAIRS + 1)
    fp = scores.details.false_positives[0]
    assert (fp.reason, fp.gold_id) == ("duplicate", "bfa-e01")
    assert scores.fields["event_date"].value == 1.0  # the exact copy won the match


def test_actor_normalisation_with_a_supplied_key(gold: Gold, perfect_per_report: Preds) -> None:
    # newarab-2023-04-21 reports mli2-e01 and mli2-e02, both by JNIM
    for prediction in perfect_per_report["newarab-2023-04-21"]:
        prediction["actor1"] = "GSIM"
        prediction["claimed_by"] = "Jama'at Nasr al-Islam wal Muslimin"
    aliases = {
        "gsim": "JNIM",
        "jama'at nasr al-islam wal muslimin": "JNIM",
        "jnim: group for support of islam and muslims": "JNIM",
    }
    plain = _score(perfect_per_report, gold)
    assert plain.fields["actor1"] == Ratio(N_PAIRS - 2, N_PAIRS)
    assert plain.fields["claimed_by"] == Ratio(N_PAIRS - 2, N_PAIRS)
    keyed = _score(perfect_per_report, gold, actor_key=lambda name: aliases.get(name.casefold()))
    assert keyed.fields["actor1"] == Ratio(N_PAIRS, N_PAIRS)
    assert keyed.fields["claimed_by"] == Ratio(N_PAIRS, N_PAIRS)
    assert keyed.fields["actor2"] == Ratio(N_PAIRS, N_PAIRS)


def test_empty_actor2_and_claimed_by_equal_none(gold: Gold, perfect_per_report: Preds) -> None:
    preds = perfect_per_report["roundup-r02"]
    target = next(p for p in preds if p["id"] == "roundup-e08")
    assert target["actor2"] == "" and target["claimed_by"] is None
    target["actor2"] = None
    target["claimed_by"] = ""
    scores = _score(perfect_per_report, gold)
    assert scores.fields["actor2"].value == 1.0 and scores.fields["claimed_by"].value == 1.0
    target["claimed_by"] = "JNIM: Group for Support of Islam and Muslims"
    assert _score(perfect_per_report, gold).fields["claimed_by"] == Ratio(N_PAIRS - 1, N_PAIRS)


@pytest.mark.parametrize(
    "value,exact,in_range", [(132, True, True), (100, False, True), (160, False, True), (99, False, False)]
)
def test_fatalities_exact_and_in_range(
    gold: Gold, perfect_per_report: Preds, value: int, exact: bool, in_range: bool
) -> None:
    perfect_per_report["bfa-r01"][0]["fatalities"] = value  # gold 132, range 100..160
    scores = _score(perfect_per_report, gold)
    assert scores.fields["fatalities_exact"].numerator == N_PAIRS - (not exact)
    assert scores.fields["fatalities_in_range"].numerator == N_PAIRS - (not in_range)


def test_other_fields_count_mismatches(gold: Gold, perfect_per_report: Preds) -> None:
    prediction = perfect_per_report["bfa-r01"][0]
    prediction.update(sub_event_type="Armed clash", status="reported", geo_precision=2, admin1="Centre-Nord")
    scores = _score(perfect_per_report, gold)
    wrong = {name for name, ratio in scores.fields.items() if ratio.numerator == N_PAIRS - 1}
    assert wrong == {"sub_event_type", "status", "geo_precision", "admin1"}


def test_missing_reports_yield_nothing_and_unknown_keys_are_listed(
    gold: Gold, perfect_per_report: Preds
) -> None:
    del perfect_per_report["bfa-r01"]
    perfect_per_report["not-a-report"] = [gold.events[0]]
    scores = _score(perfect_per_report, gold)
    assert (scores.matched, scores.predicted) == (N_PAIRS - 1, N_PAIRS - 1)
    assert scores.unscored_report_ids == ("not-a-report",)


def test_unknown_event_id_in_a_report_raises(gold: Gold) -> None:
    reports = [{"id": "x", "language": "en", "event_ids": ["nope"]}]
    with pytest.raises(ReportParseError, match=r"\[E101\].*nope"):
        score_per_report({}, reports, gold.events)


def test_real_event_is_matched_before_a_background_one(events: dict[str, Any], moved: Moved) -> None:
    # the prediction looks exactly like an event bfa-r01 mentions in passing, but is also compatible with the
    # event the report is about: it counts as a hit on the latter, not as neutral plus a miss
    solhan = events["bfa-e01"]
    old = dict(moved(solhan, days=2, north_km=30), id="old", report_ids=[], background_report_ids=["bfa-r01"])
    reports = [{"id": "bfa-r01", "language": "en", "event_ids": ["bfa-e01"]}]
    scores = score_per_report({"bfa-r01": [dict(old)]}, reports, [solhan, old])
    assert (scores.matched, scores.neutral, len(scores.details.misses)) == (1, 0, 0)
    assert scores.fields["event_date"] == Ratio(0, 1)
