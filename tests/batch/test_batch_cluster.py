"""`batch` on a real LocalCluster of 2 worker processes gives what single-process `ingest` gives.

Slow: the workers load the real spaCy models; one cluster serves the whole session (conftest.py).
"""

from __future__ import annotations

import json
import logging
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from eventcoder.batch import BatchSummary, PartitionResult, run_batch
from eventcoder.cli.ingest import run_ingest
from eventcoder.ingest import read_reports
from eventcoder.store import EventStore

pytestmark = pytest.mark.slow

SUBSET = 24


def _records(store: EventStore) -> dict[str, Any]:
    """Everything ingest decides: each event (all fields but the wall-clock timestamp) under its id, and
    the stored reports with the events each is part of."""
    events = []
    for event in store.events(order="event_id_cnty"):
        record = event.to_dict()
        record.pop("timestamp")
        events.append(record)
    with store.engine.connect() as conn:
        from sqlalchemy import text

        report_ids = [r[0] for r in conn.execute(text("SELECT id FROM reports ORDER BY id"))]
    history = [_timeless(entry.to_dict()) for record in events for entry in store.history(record["event_id_cnty"])]
    return {"events": events, "reports": {rid: store.events_of(rid) for rid in report_ids}, "history": history}


def _timeless(value: Any) -> Any:
    """A history entry without wall-clock times (when it was written, the event's timestamp)."""
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k not in ("changed_at", "timestamp")}
    return value


def _ingest(path: Path, url: str, pipeline: Any) -> dict[str, Any]:
    with EventStore(url) as store:
        summary = run_ingest(store, read_reports([path]), pipeline, progress=False)
        assert summary.failed == 0
        return _records(store)


def _batch(path: Path, url: str, client: Any, checkpoint: Path, **kw: Any) -> tuple[BatchSummary, dict[str, Any]]:
    with EventStore(url) as store:
        summary = run_batch([path], client=client, store=store, checkpoint=checkpoint, **kw)
        return summary, _records(store)


@pytest.fixture(scope="module")
def corpus_path(shared: Path) -> Path:
    return shared / "corpus" / "reports.jsonl"


@pytest.fixture(scope="module")
def expected(corpus_path: Path, pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`eventcoder ingest`'s code path, one process, on the whole corpus in file order."""
    return _ingest(corpus_path, f"sqlite:///{tmp_path_factory.mktemp('ingest') / 'events.db'}", pipeline)


@pytest.fixture(scope="module")
def subset(corpus_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("subset") / "subset.jsonl"
    lines = corpus_path.read_text(encoding="utf-8").splitlines()[:SUBSET]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected_subset(subset: Path, pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _ingest(subset, f"sqlite:///{tmp_path_factory.mktemp('ingest-subset') / 'events.db'}", pipeline)


def test_batch_on_two_workers_equals_ingest(corpus_path: Path, cluster_client: Any, expected: dict[str, Any],
                                            tmp_path: Path) -> None:
    summary, got = _batch(corpus_path, f"sqlite:///{tmp_path / 'events.db'}", cluster_client,
                          tmp_path / "ckpt", partition_size=10)
    assert len(set(summary.peak_rss_mb)) == 2  # both workers took part
    assert (summary.read, summary.failed, summary.failed_partitions) == (121, 0, 0)
    assert summary.kept + summary.dropped == 121
    assert len(expected["events"]) > 50
    assert got["reports"] == expected["reports"]
    assert got["events"] == expected["events"]  # same events, same fields, same stable ids


def test_fusion_in_blocks_equals_ingest(corpus_path: Path, cluster_client: Any, expected: dict[str, Any],
                                       tmp_path: Path) -> None:
    """The corpus file is grouped by event, not in publication order: a report that comes late is fused
    by ingest's own path (with its neighbourhood's later reports); the result is still ingest's."""
    summary, got = _batch(corpus_path, f"sqlite:///{tmp_path / 'events.db'}", cluster_client,
                          tmp_path / "ckpt", partition_size=10, fusion="blocks")
    assert summary.groups > 10
    assert summary.planned + summary.unplanned == sum(1 for r in expected["reports"].values() if r)
    assert got == expected


def _in_publication_order(source: Path, target: Path) -> Path:
    """``source``'s reports in publication order (as an archive or a feed comes)."""
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (r.get("published") is None, r.get("published") or "", r["id"]))
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def sorted_corpus(corpus_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _in_publication_order(corpus_path, tmp_path_factory.mktemp("sorted") / "sorted.jsonl")


def test_fusion_in_blocks_writes_every_report_from_the_plan_in_publication_order(
        sorted_corpus: Path, cluster_client: Any, pipeline: Any, tmp_path: Path) -> None:
    expected_sorted = _ingest(sorted_corpus, f"sqlite:///{tmp_path / 'ingest.db'}", pipeline)
    summary, got = _batch(sorted_corpus, f"sqlite:///{tmp_path / 'events.db'}", cluster_client,
                          tmp_path / "ckpt", partition_size=10, fusion="blocks")
    with_events = sum(1 for r in expected_sorted["reports"].values() if r)
    assert summary.unplanned == 0 and summary.planned >= with_events > 60
    assert summary.group_merges > 0  # events across block borders were merged
    assert got == expected_sorted


def test_a_worker_killed_mid_batch_costs_a_retry_not_a_report(corpus_path: Path, cluster_client: Any,
                                                              expected: dict[str, Any], tmp_path: Path) -> None:
    pids = cluster_client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed: list[int] = []

    def kill_one(result: PartitionResult, summary: BatchSummary) -> None:
        if not killed:
            assert summary.computed < summary.partitions  # mid-batch: partitions still to come
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    summary, got = _batch(corpus_path, f"sqlite:///{tmp_path / 'events.db'}", cluster_client,
                          tmp_path / "ckpt", partition_size=6, on_partition=kill_one)
    assert killed == [victim]
    assert (summary.read, summary.new, summary.failed, summary.failed_partitions) == (121, 121, 0, 0)
    assert summary.computed == summary.partitions == 21
    assert got == expected


class Interrupted(Exception):
    pass


@pytest.mark.parametrize("fusion", ["stream", "blocks"])
def test_a_batch_run_again_skips_finished_partitions(subset: Path, cluster_client: Any,
                                                     expected_subset: dict[str, Any], tmp_path: Path,
                                                     fusion: str) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"

    def stop_after_two(result: PartitionResult, summary: BatchSummary) -> None:
        if result.index == 1:
            raise Interrupted

    with pytest.raises(Interrupted):
        _batch(subset, url, cluster_client, tmp_path / "ckpt", partition_size=4, on_partition=stop_after_two,
               fusion=fusion)
    summary, got = _batch(subset, url, cluster_client, tmp_path / "ckpt", partition_size=4, fusion=fusion)
    assert summary.partitions == 6
    assert summary.restored >= 2 and summary.computed == 6 - summary.restored
    assert summary.duplicates >= 8  # the two partitions fused before the interruption are not fused again
    assert summary.read == SUBSET and summary.new == SUBSET - summary.duplicates
    assert got == expected_subset
    again, _ = _batch(subset, url, cluster_client, tmp_path / "ckpt", partition_size=4, fusion=fusion)
    assert (again.restored, again.computed, again.new) == (6, 0, 0)


def test_a_bad_report_is_logged_and_skipped(subset: Path, cluster_client: Any, expected_subset: dict[str, Any],
                                            tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = subset.read_text(encoding="utf-8").splitlines()
    lines.insert(3, '{"id": "broken", "text": "unterminated')
    lines.insert(9, json.dumps({"id": "empty", "text": "   "}))
    path = tmp_path / "with-bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="eventcoder.batch"):
        summary, got = _batch(path, f"sqlite:///{tmp_path / 'events.db'}", cluster_client, tmp_path / "ckpt",
                              partition_size=5)
    skipped = [r.getMessage() for r in caplog.records if r.name == "eventcoder.batch"]
    assert len(skipped) == 2
    assert skipped[0].startswith(f"skipped: [E101] cannot read {path}:4: invalid JSON")
    assert skipped[1].startswith(f"skipped: [E101] cannot read {path}:10: ") and "no 'text'" in skipped[1]
    assert (summary.read, summary.failed, summary.new, summary.failed_partitions) == (SUBSET + 2, 2, SUBSET, 0)
    assert got == expected_subset


def test_the_command_on_a_scheduler_writes_parquet_and_cleans_up(subset: Path, cluster_client: Any,
                                                                  expected_subset: dict[str, Any],
                                                                  tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from typer.testing import CliRunner

    from eventcoder.cli.app import app

    out = tmp_path / "events.parquet"
    address = cluster_client.scheduler.address
    result = CliRunner().invoke(app, ["batch", str(subset), "--scheduler", address, "--out", str(out),
                                      "--partition-size", "8", "--quiet", "--fusion", "blocks"])
    assert result.exit_code == 0, result.output
    assert f"reports read: {SUBSET} ({SUBSET} new" in result.output
    assert "fusion in blocks: " in result.output
    table = pq.read_table(out)
    assert sorted(table.column("event_id_cnty").to_pylist()) == sorted(
        e["event_id_cnty"] for e in expected_subset["events"])
    assert "fatality_reports" in table.column_names and "mention_ids" in table.column_names
    assert not (tmp_path / "events.parquet.batch").exists()  # checkpoint (and its fusion database) removed


def test_the_command_codes_the_good_reports_and_exits_1_on_bad_ones(subset: Path, cluster_client: Any,
                                                                     tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventcoder.cli.app import app

    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(subset.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    db = tmp_path / "mixed.db"
    result = CliRunner().invoke(app, ["batch", str(mixed), "--scheduler", cluster_client.scheduler.address,
                                      "--db", f"sqlite:///{db}", "--partition-size", "8", "--quiet"])
    assert result.exit_code == 1, result.output
    assert f"reports read: {SUBSET + 1} ({SUBSET} new, 0 already stored, 1 failed)" in result.output
    assert "mixed.jsonl:25: invalid JSON" in result.output and "1 input(s) failed" in result.output
    with EventStore(f"sqlite:///{db}") as store:
        assert store.count() > 0  # the good reports were coded and stored


@pytest.mark.postgres
def test_batch_into_postgresql_equals_ingest(subset: Path, cluster_client: Any, expected_subset: dict[str, Any],
                                             pg_url: str, tmp_path: Path) -> None:
    summary, got = _batch(subset, pg_url, cluster_client, tmp_path / "ckpt", partition_size=8)
    assert (summary.read, summary.new, summary.failed) == (SUBSET, SUBSET, 0)
    assert got == expected_subset


@pytest.mark.postgres
def test_fusion_in_blocks_into_postgresql_equals_ingest(subset: Path, cluster_client: Any, pipeline: Any,
                                                        pg_url: str, tmp_path: Path) -> None:
    ordered = _in_publication_order(subset, tmp_path / "ordered.jsonl")
    expected_ordered = _ingest(ordered, f"sqlite:///{tmp_path / 'ingest.db'}", pipeline)
    summary, got = _batch(ordered, pg_url, cluster_client, tmp_path / "ckpt", partition_size=8, fusion="blocks")
    assert summary.unplanned == 0 and summary.planned > 10
    assert got == expected_ordered


def test_fusion_in_blocks_into_a_database_with_other_events_fuses_in_stream(
        subset: Path, cluster_client: Any, pipeline: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A plan knows only the batch's reports: into a database holding others, fusion runs as ingest's."""
    url = f"sqlite:///{tmp_path / 'events.db'}"
    first, *_ = read_reports([subset])
    with EventStore(url) as store:
        store.ingest(first, pipeline.mentions(first))
    with caplog.at_level(logging.WARNING, logger="eventcoder.batch"):
        summary, _ = _batch(subset, url, cluster_client, tmp_path / "ckpt", partition_size=8, fusion="blocks")
    assert any("fusing in stream" in r.getMessage() for r in caplog.records)
    assert summary.groups == 0 and summary.duplicates == 1 and summary.new == SUBSET - 1
