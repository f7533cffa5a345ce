"""to_dict, render_table, render_markdown, explain."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from eventcoder.evaluate import (
    Gold,
    Ratio,
    Scores,
    Speed,
    SpeedMeter,
    explain,
    explain_records,
    render_markdown,
    render_table,
    score_fused,
    score_per_report,
)
from eventcoder.evaluate._scores import Details

Moved = Callable[..., dict[str, Any]]
Preds = dict[str, list[dict[str, Any]]]


def _imperfect(gold: Gold, preds: Preds, moved: Moved) -> Scores:
    """One miss + FP (bfa-r01 shifted 3 days), one pair with a wrong type (bfa-r02), an FP on lac-r22."""
    preds["bfa-r01"] = [moved(preds["bfa-r01"][0], days=3)]
    preds["bfa-r02"][0]["event_type"] = "Battles"
    preds["lac-r22"] = [dict(preds["lac-r01"][0], id="LAC-FP")]
    return score_per_report(preds, gold.reports, gold.events)


def test_ratio_formatting() -> None:
    assert str(Ratio(41, 50)) == "0.82 (41/50)"
    assert str(Ratio(0, 0)) == "n/a (0/0)"
    assert Ratio(0, 0).value is None
    assert Ratio(1, 3).format(3) == "0.333 (1/3)"


def test_empty_scores_render_without_division_errors() -> None:
    empty = Scores(task="fused", details=Details())
    assert empty.f1_text() == "n/a (0/0 gold, 0 predicted)"
    assert "n/a (0/0)" in render_table(empty)


def test_to_dict_is_json_with_denominators(gold: Gold, perfect_per_report: Preds, moved: Moved) -> None:
    scores = _imperfect(gold, perfect_per_report, moved)
    data = json.loads(json.dumps(scores.to_dict()))
    assert data["task"] == "per_report"
    assert (data["gold"], data["predicted"], data["matched"], data["misses"], data["false_positives"]) == (
        144,
        145,
        143,
        1,
        2,
    )
    assert data["recall"] == {"value": 143 / 144, "numerator": 143, "denominator": 144}
    assert data["fields"]["event_type"] == {"value": 142 / 143, "numerator": 142, "denominator": 143}
    assert data["by_language"]["en"]["false_positives"] == 2
    assert "duplicates" not in data


def test_render_table_shows_every_figure_with_denominators(
    gold: Gold, perfect_per_report: Preds, moved: Moved
) -> None:
    scores = _imperfect(gold, perfect_per_report, moved).with_speed(Speed(121, 5.0, 300 * 2**20))
    text = render_table(scores)
    assert "per report, 121 reports" in text
    assert "0.99 (143/144 gold, 145 predicted)" in text
    assert "0.99 (142/143)" in text  # event_type
    assert "24.2 reports/s (121 reports in 5.00 s), peak memory 300 MiB" in text
    header = next(line for line in text.splitlines() if line.startswith("figure"))
    assert header.split() == ["figure", "all", "en", "fr"]
    for label in (
        "event precision",
        "location within 10 km",
        "fatalities in [low, high]",
        "claimed_by",
        "status",
    ):
        assert label in text


def test_render_fused_has_duplicates_and_wrong_merges(
    gold: Gold, perfect_fused: list[dict[str, Any]]
) -> None:
    perfect_fused.append(dict(perfect_fused[0], id="dup"))
    text = render_table(score_fused(perfect_fused, gold.events))
    assert "duplicates (of predicted)" in text and "0.02 (1/62)" in text
    assert "wrong merges (of attached report ids)" in text and "0.00 (0/144)" in text
    assert "0.99 (61/61 gold, 62 predicted)" in text


def test_render_markdown(gold: Gold, perfect_per_report: Preds, moved: Moved) -> None:
    text = render_markdown(_imperfect(gold, perfect_per_report, moved))
    lines = text.splitlines()
    assert "| figure | all | en | fr |" in lines
    assert "|---|---:|---:|---:|" in lines
    assert any(line.startswith("| event F1 | 0.99 (143/144 gold, 145 predicted) |") for line in lines)


def test_explain_lists_misses_false_positives_and_differences(
    gold: Gold, perfect_per_report: Preds, moved: Moved
) -> None:
    text = explain(_imperfect(gold, perfect_per_report, moved))
    assert text.startswith(
        "per report: 1 misses, 2 false positives, 0 neutral, 1 of 143 matched pairs with differences"
    )
    assert "report bfa-r01" in text and "MISS    bfa-e01" in text
    assert "(no compatible gold event)" in text
    assert "LAC-FP (negative report)" in text
    assert "event_type: gold 'Violence against civilians' | predicted 'Battles'" in text
    records = explain_records(_imperfect(gold, perfect_per_report, moved))
    kinds = [r["kind"] for r in records]
    assert (kinds.count("miss"), kinds.count("false_positive"), kinds.count("pair")) == (1, 2, 143)
    pair = next(r for r in records if r["kind"] == "pair" and r["differences"])
    assert pair["report_id"] == "bfa-r02" and pair["differences"][0]["figure"] == "event_type"


def test_explain_fused_shows_wrong_merges(gold: Gold, perfect_fused: list[dict[str, Any]]) -> None:
    perfect_fused[0]["report_ids"] = [*perfect_fused[0]["report_ids"], "lac-r01"]
    text = explain(score_fused(perfect_fused, gold.events))
    assert "(fused)" in text
    assert "wrongly merged reports: lac-r01" in text


def test_speed_meter_measures() -> None:
    with SpeedMeter() as meter:
        sum(range(10000))
    speed = meter.speed(reports=10)
    assert speed.seconds > 0 and speed.reports == 10
    assert speed.peak_memory_bytes is not None and speed.peak_memory_bytes > 1_000_000
    assert Speed(10, 0.0).reports_per_second is None


def test_explain_fused_lists_each_duplicate_pair_and_why(
    gold: Gold, perfect_fused: list[dict[str, Any]], events: dict[str, Any], moved: Moved
) -> None:
    """Each duplicate beside the prediction that matched its gold event, with fuse's verdict on the two."""
    other = dict(moved(events["bfa-e01"], days=1), id="DUP1", report_ids=["bfa-r03"], event_type="Protests",
                 sub_event_type="Peaceful protest")  # coded as another kind of action
    far = dict(moved(events["mli1-e01"], north_km=40), id="DUP2", report_ids=["other-r1"], admin1="", location="Kera",
               geo_precision=1)  # 40 km off, no admin1
    reports = list(events["ner-e01"]["report_ids"])
    same_report = dict(moved(events["ner-e01"], north_km=1), id="DUP3", report_ids=reports)
    scores = score_fused([*perfect_fused, other, far, same_report], gold.events)
    assert scores.duplicates.numerator == 3
    text = explain(scores)
    blocks = {line.split(":")[0].split()[-1]: line for line in text.splitlines() if "DUPLICATE of" in line}
    assert set(blocks) == {"bfa-e01", "mli1-e01", "ner-e01"}
    assert "bfa-e01 and DUP1" in blocks["bfa-e01"]
    lines = text.splitlines()
    why = {line.split(":")[0].split()[-1]: lines[i + 3] for i, line in enumerate(lines) if "DUPLICATE of" in line}
    assert "type: Protests / Violence against civilians (different families)" in why["bfa-e01"]
    assert "distance 40.0 km > 30 km" in why["mli1-e01"]
    assert "share report(s)" in why["ner-e01"] and "two events of one report" in why["ner-e01"]
    assert f"[reports: {', '.join(events['bfa-e01']['report_ids'])}]" in lines[lines.index(blocks["bfa-e01"]) + 1]
    records = [r for r in explain_records(scores) if r["kind"] == "duplicate"]
    assert {(r["gold_id"], r["kept"], r["duplicate"]) for r in records} == {
        ("bfa-e01", "bfa-e01", "DUP1"), ("mli1-e01", "mli1-e01", "DUP2"), ("ner-e01", "ner-e01", "DUP3")}
