"""Planning and reading partitions, and the worker's task with a stand-in pipeline (no cluster, no models)."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventcoder.batch import (
    BatchSummary,
    Checkpoint,
    PartitionResult,
    fingerprint,
    plan_partitions,
    process_partition,
    read_partition,
)
from eventcoder.ingest import read_reports
from eventcoder.records import Mention, Report

VIOLENT = "Gunmen killed {n} villagers in Sorgha on Wednesday, residents said."
CALM = "The city council approved the budget for the year {n}."


def _jsonl(path: Path, count: int, *, bad: dict[int, str] | None = None) -> Path:
    lines = []
    for n in range(1, count + 1):
        if bad and n in bad:
            lines.append(bad[n])
            continue
        text = (VIOLENT if n % 2 else CALM).format(n=n)
        lines.append(json.dumps({"id": f"r{n:03d}", "text": text, "published": "2023-07-10", "language": "en"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _reports(plan: list) -> list[Report | str]:
    return [entry for partition in plan for entry in read_partition(partition)]


def test_jsonl_partitions_read_what_ingest_reads(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", 23)
    plan = plan_partitions([path], 5)
    assert [p.count for p in plan] == [5, 5, 5, 5, 3]
    assert [p.first_line for p in plan] == [1, 6, 11, 16, 21]
    assert _reports(plan) == list(read_reports([path]))


def test_folders_keep_ingest_order_across_kinds(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(VIOLENT.format(n=1), encoding="utf-8")
    (folder / "b.jsonl").write_text(json.dumps({"id": "j1", "text": CALM.format(n=2)}) + "\n", encoding="utf-8")
    (folder / "c.txt").write_text(VIOLENT.format(n=3), encoding="utf-8")
    (folder / "sub" / "d.txt").write_text(VIOLENT.format(n=4), encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    plan = plan_partitions([folder], 10)
    assert [p.kind for p in plan] == ["files", "jsonl", "files"]
    assert _reports(plan) == list(read_reports([folder]))


def test_parquet_partitions_follow_row_groups(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [{"id": f"p{n}", "text": VIOLENT.format(n=n), "published": "2023-07-10", "language": "en"}
            for n in range(10)]
    path = tmp_path / "reports.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3)
    plan = plan_partitions([path], 5)
    assert [(p.start, p.stop, p.count) for p in plan] == [(0, 2, 6), (2, 4, 4)]
    reports = _reports(plan)
    assert [r.id for r in reports] == [f"p{n}" for n in range(10)]  # type: ignore[union-attr]
    assert reports[3] == Report(id="p3", text=VIOLENT.format(n=3), published="2023-07-10", language="en",
                                title=VIOLENT.format(n=3))


def test_a_bad_line_is_a_message_with_its_place(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", 6, bad={2: "{not json", 4: json.dumps({"id": "x", "title": "no text"})})
    entries = _reports(plan_partitions([path], 3))
    messages = [e for e in entries if isinstance(e, str)]
    assert len(entries) == 6
    assert messages[0].startswith(f"[E101] cannot read {path}:2: invalid JSON")
    assert f"{path}:4" in messages[1] and "no 'text'" in messages[1]


def test_stdin_and_missing_inputs_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="stdin"):
        plan_partitions(["-"])
    with pytest.raises(FileNotFoundError):
        plan_partitions([tmp_path / "nope.jsonl"])


def test_the_fingerprint_changes_with_the_input(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", 4)
    before = fingerprint(plan_partitions([path], 2))
    assert fingerprint(plan_partitions([path], 2)) == before
    assert fingerprint(plan_partitions([path], 3)) != before
    _jsonl(path, 5)
    os.utime(path, ns=(1, 1))
    assert fingerprint(plan_partitions([path], 2)) != before


@dataclass
class FakePipeline:
    """Stands in for ``Pipeline``: one mention per report, and an error for report ``fail``."""

    fail: str = ""
    calls: int = 0

    def mentions(self, report: Report) -> list[Mention]:
        self.calls += 1
        if report.id == self.fail:
            raise RuntimeError("the parser choked")
        return [Mention(id=f"{report.id}:0", report_id=report.id, language="en", trigger="killed", cue="kill",
                        published=report.published)]


def test_the_task_prefilters_extracts_and_skips_a_failing_report(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", 8, bad={6: "[1, 2]"})
    pipeline = FakePipeline(fail="r003")
    result = process_partition(plan_partitions([path], 100)[0], pipeline)
    assert [r.id for r, _ in result.items] == ["r001", "r002", "r004", "r005", "r007", "r008"]
    assert {r.id: len(m) for r, m in result.items} == {"r001": 1, "r002": 0, "r004": 0, "r005": 1, "r007": 1,
                                                       "r008": 0}
    assert pipeline.calls == 4  # the calm reports never reach the pipeline
    assert (result.kept, result.dropped, result.read) == (3, 3, 8)
    assert result.errors[0].startswith("report r003: extraction failed: RuntimeError")
    assert "expected a JSON object" in result.errors[1]


def test_checkpoint_files_round_trip(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", 4)
    ckpt = Checkpoint.open([path], tmp_path / "ckpt", partition_size=2)
    result = process_partition(ckpt.plan[1], FakePipeline())
    ckpt.save(result)
    again = Checkpoint.open([path], tmp_path / "ckpt", partition_size=2)
    assert again.dir == ckpt.dir and again.finished() == {1}
    assert again.load(1).items == result.items
    assert json.loads((ckpt.dir / "manifest.json").read_text())["partitions"] == 2
    ckpt.remove()
    assert not (tmp_path / "ckpt").exists()


def test_summary_lines() -> None:
    summary = BatchSummary(partitions=3, computed=2, restored=1, read=10, new=9, duplicates=1, kept=6, dropped=4,
                           created=5, seconds=2.0)
    assert summary.lines()[0] == "reports read: 10 (9 new, 1 already stored, 0 failed) in 2.0 s, 5.0 reports/s"
    assert summary.lines()[3] == "partitions: 3 (2 computed, 1 from the checkpoint)"


def test_partition_result_counts_errors_as_read() -> None:
    result = PartitionResult(0, items=[(Report(id="a", text="x"), [])], errors=["bad"])
    assert result.read == 2
    logging.getLogger("eventcoder.batch")  # the logger the batch reports skipped inputs on
