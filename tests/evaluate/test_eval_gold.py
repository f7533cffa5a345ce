"""load_gold: corpus JSON Lines and examples *.gold.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventcoder.errors import ReportParseError
from eventcoder.evaluate import Ratio, load_gold, score_fused, score_per_report


def test_corpus_events_find_reports_beside_them(shared_dir: Path) -> None:
    gold = load_gold(shared_dir / "corpus" / "events.jsonl")
    assert (len(gold.reports), len(gold.events), len(gold.events_to_find)) == (121, 67, 61)
    assert sum(1 for r in gold.reports if not r["event_ids"]) == 14


def test_corpus_reports_file_finds_events(shared_dir: Path) -> None:
    gold = load_gold(shared_dir / "corpus" / "reports.jsonl")
    assert (len(gold.reports), len(gold.events)) == (121, 67)


def test_explicit_reports_path(shared_dir: Path, tmp_path: Path) -> None:
    shutil.copy(shared_dir / "corpus" / "events.jsonl", tmp_path / "gold.jsonl")
    gold = load_gold(tmp_path / "gold.jsonl", reports=shared_dir / "corpus" / "reports.jsonl")
    assert len(gold.reports) == 121


def test_events_alone_give_stub_reports(shared_dir: Path, tmp_path: Path) -> None:
    shutil.copy(shared_dir / "corpus" / "events.jsonl", tmp_path / "events.jsonl")
    gold = load_gold(tmp_path / "events.jsonl")
    assert len(gold.reports) == 107  # reports with at least one event; negative reports are unknown
    assert {"id": "bfa-r01", "event_ids": ["bfa-e01"]} in gold.reports


def test_example_gold_file(shared_dir: Path) -> None:
    gold = load_gold(shared_dir / "examples" / "newarab-2023-04-21-jnim-mali.gold.json")
    (report,) = gold.reports
    assert report["id"] == "newarab-2023-04-21"
    assert report["event_ids"] == ["newarab-2023-04-21-e1", "newarab-2023-04-21-e2"]
    assert report["text"].startswith("Al-Qaeda affiliate claims Mali attack")
    assert len(report["not_events"]) == 4
    assert [e["report_ids"] for e in gold.events] == [["newarab-2023-04-21"]] * 2
    assert [e["admin1"] for e in gold.events] == ["Koulikoro", "Segou"]
    perfect = {report["id"]: [dict(e) for e in gold.events]}
    per_report = score_per_report(perfect, gold.reports, gold.events)
    assert per_report.f1 == Ratio(4, 4) and per_report.by_language["en"].gold == 2
    fused = score_fused([dict(e) for e in gold.events], gold.events)
    assert fused.f1 == Ratio(4, 4) and fused.wrong_merges == Ratio(0, 2)


def test_missing_file_raises_coded_error(tmp_path: Path) -> None:
    with pytest.raises(ReportParseError, match=r"^\[E101\] cannot read .*nope\.jsonl"):
        load_gold(tmp_path / "nope.jsonl")


def test_bad_json_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text('{"id": "a", "event_date": "2021-01-01", "report_ids": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(ReportParseError, match="line 2"):
        load_gold(path)


def test_duplicate_event_ids_rejected(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    line = json.dumps({"id": "a", "event_date": "2021-01-01", "report_ids": ["r"]})
    path.write_text(line + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ReportParseError, match="twice"):
        load_gold(path)


def test_example_without_events_rejected(tmp_path: Path) -> None:
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps({"report": {"id": "r"}}), encoding="utf-8")
    with pytest.raises(ReportParseError, match="events"):
        load_gold(path)
