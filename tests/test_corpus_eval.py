"""`eventcoder eval` on the team's corpus, as a regression guard for the whole pipeline.

The thresholds sit a little under the figures measured when they were set (see the README): a change that
makes extraction, geocoding or fusion clearly worse fails here. Negative reports must stay empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.cli.evaluate import Task, run_evaluation
from eventcoder.evaluate import explain

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def per_report(shared: Path):  # type: ignore[no-untyped-def]
    corpus = shared / "corpus"
    return run_evaluation(corpus / "reports.jsonl", corpus / "events.jsonl", Task.per_report)


def _value(scores, name: str) -> float:  # type: ignore[no-untyped-def]
    ratio = scores.fields[name] if name in scores.fields else getattr(scores, name)
    return float(ratio.value or 0.0)


def test_per_report_event_f1(per_report) -> None:  # type: ignore[no-untyped-def]
    assert _value(per_report, "f1") >= 0.82
    assert _value(per_report, "precision") >= 0.87


@pytest.mark.parametrize(("field", "floor"), [("event_date", 0.86), ("event_type", 0.80), ("location_50km", 0.90),
                                              ("actor1", 0.57), ("actor2", 0.80)])
def test_per_report_fields(per_report, field: str, floor: float) -> None:  # type: ignore[no-untyped-def]
    names = {k for k in per_report.fields}
    key = next(k for k in names if k.startswith(field))
    assert _value(per_report, key) >= floor, key


def test_negative_reports_yield_no_event(per_report) -> None:  # type: ignore[no-untyped-def]
    negatives = [fp for fp in per_report.details.false_positives if "negative" in fp.reason]
    assert negatives == []


def test_french_within_a_tenth_of_english(per_report) -> None:  # type: ignore[no-untyped-def]
    en, fr = per_report.by_language["en"], per_report.by_language["fr"]
    assert abs(float(en.f1.value) - float(fr.f1.value)) <= 0.1


def test_fused(shared: Path) -> None:
    corpus = shared / "corpus"
    scores = run_evaluation(corpus / "reports.jsonl", corpus / "events.jsonl", Task.fused)
    assert _value(scores, "f1") >= 0.90
    assert float(scores.wrong_merges.value or 0.0) == 0.0
    assert scores.duplicates.numerator == 0, explain(scores)  # no event stored twice
