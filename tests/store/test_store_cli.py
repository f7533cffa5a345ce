"""`eventcoder ingest`, `events`, `export` and `db upgrade`, end to end (a stand-in pipeline; one slow test
with the real one)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from store_helpers import make_mention
from typer.testing import CliRunner

from eventcoder.cli import ingest as ingest_cli
from eventcoder.cli.app import app
from eventcoder.formats import ACLED_COLUMNS
from eventcoder.records import Mention, Report
from eventcoder.store import EventStore
from eventcoder.store._migrate import head_revision


class LinePipeline:
    """Mentions from lines ``EVENT key=value ...`` of a report (``place=Nara date=2023-04-18 ...``)."""

    def mentions(self, report: Report) -> list[Mention]:
        out = []
        for line in report.text.splitlines():
            if line.startswith("EVENT"):
                spec: dict[str, Any] = dict(part.split("=", 1) for part in line.split()[1:])
                if "killed" in spec:
                    spec["killed"] = int(spec["killed"])
                out.append(make_mention(report.id, len(out), published=report.published, outlet=report.outlet,
                                        **spec))
        return out


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setattr(ingest_cli, "_make_pipeline", LinePipeline)
    monkeypatch.setenv("EVENTCODER_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Any:
        return runner.invoke(app, list(args), input=input)

    return run


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    rows = [
        {"id": "j1", "published": "2023-04-19", "outlet": "Wire", "text": "Ambush near Nara.\nEVENT place=Nara"},
        {"id": "j2", "published": "2023-04-20", "outlet": "Radio", "text": "Nara again.\nEVENT place=Nara killed=6"},
        {"id": "j3", "published": "2023-05-03", "outlet": "Wire", "text": "Djibo.\nEVENT place=Djibo date=2023-05-02"},
    ]
    (folder / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (folder / "sub" / "local.txt").write_text("Local paper\nEVENT place=Bamako date=2023-04-18\n", encoding="utf-8")
    return folder


def test_ingest_files_folders_and_stdin(cli: Any, inputs: Path, tmp_path: Path) -> None:
    result = cli("ingest", str(inputs), "--published", "2023-04-19", "-q")
    assert result.exit_code == 0, result.output
    assert "reports read: 4 (4 new, 0 already stored)" in result.stdout
    assert "events: 3 created, 1 updated, 0 merged away" in result.stdout
    again = cli("ingest", str(inputs / "reports.jsonl"), "-q")
    assert "reports read: 3 (0 new, 3 already stored)" in again.stdout and again.exit_code == 0
    piped = cli("ingest", "-", "--published", "2023-04-21", "-q", input="Stdin\nEVENT place=Nara\n")
    assert piped.exit_code == 0 and "events: 0 created, 1 updated" in piped.stdout
    with EventStore() as store:
        assert store.count() == 3 and store.report_count() == 5


def test_ingest_reports_bad_files_and_goes_on(cli: Any, inputs: Path) -> None:
    (inputs / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    (inputs / "empty.txt").write_text("   \n", encoding="utf-8")
    result = cli("ingest", str(inputs), str(inputs / "missing.txt"), "--published", "2023-04-19", "-q")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("eventcoder:")]
    assert len(errors) == 3
    assert any("[E101]" in line and "broken.jsonl" in line for line in errors)
    assert any("[E102]" in line and "empty.txt" in line for line in errors)
    assert "reports read: 4 (4 new" in result.stdout and "3 input(s) failed" in result.stdout


def test_ingest_undated_report_is_told(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "undated.txt").write_text("No date\nEVENT place=Nara date=2023-04-18\n", encoding="utf-8")
    result = cli("ingest", str(tmp_path / "undated.txt"), "-q")
    assert "no publication date" in result.stdout and result.exit_code == 0


def test_events_formats_and_filters(cli: Any, inputs: Path) -> None:
    cli("ingest", str(inputs), "--published", "2023-04-19", "-q")
    lines = cli("events", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["event_date"] == "2023-05-02"  # newest first
    mali = cli("events", "--country", "Mali", "--format", "jsonl", "--order", "event_date").stdout.splitlines()
    assert sorted(json.loads(x)["location"] for x in mali) == ["Bamako", "Nara"]
    rows = list(csv.DictReader(io.StringIO(cli("events", "--format", "csv", "--date-from", "2023-05-01").stdout)))
    assert [r["location"] for r in rows] == ["Djibo"]
    geo = json.loads(cli("events", "--format", "geojson", "--near", "14.1,-1.63,20").stdout)
    assert [f["properties"]["location"] for f in geo["features"]] == ["Djibo"]
    table = cli("events", "--limit", "1")
    assert table.exit_code == 0 and "1 events" in table.stdout and "1 of 3 events shown" in table.stderr
    assert cli("events", "--date-from", "soon").exit_code == 1
    assert cli("events", "--bbox", "1,2,3").exit_code == 2


def test_export_formats(cli: Any, inputs: Path, tmp_path: Path) -> None:
    cli("ingest", str(inputs), "--published", "2023-04-19", "-q")
    acled = cli("export", "--format", "acled-csv")
    assert acled.exit_code == 0
    reader = csv.reader(io.StringIO(acled.stdout))
    assert tuple(next(reader)) == ACLED_COLUMNS and len(list(reader)) == 3
    out = tmp_path / "e.jsonl"
    assert cli("export", "--format", "jsonl", "--country", "Burkina Faso", "-o", str(out)).exit_code == 0
    assert [json.loads(x)["location"] for x in out.read_text().splitlines()] == ["Djibo"]
    geo = json.loads(cli("export", "--format", "geojson").stdout)
    assert len(geo["features"]) == 3
    parquet = tmp_path / "e.parquet"
    result = cli("export", "--format", "parquet", "-o", str(parquet))
    assert result.exit_code == 0 and "wrote 3 events" in result.stderr
    import pyarrow.parquet as pq

    table = pq.read_table(parquet)
    assert table.num_rows == 3 and set(ACLED_COLUMNS) <= set(table.column_names)
    assert sorted(len(x) for x in table.column("report_ids").to_pylist()) == [1, 1, 2]
    assert cli("export", "--format", "parquet").exit_code == 2  # binary needs --output


def test_db_upgrade(cli: Any, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'up.db'}"
    first = cli("db", "upgrade", "--db", url)
    head = head_revision()
    assert first.exit_code == 0 and f"schema empty -> {head}" in first.stdout
    assert f"already at {head}" in cli("db", "upgrade", "--db", url).stdout
    assert cli("db", "upgrade", "--db", "nope://x").exit_code == 1


@pytest.mark.slow
def test_ingest_with_the_real_pipeline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pipeline: Any) -> None:
    demo = Path(__file__).resolve().parents[2] / "demo" / "reports.jsonl"
    if not demo.exists():
        pytest.skip("demo/reports.jsonl is missing")
    monkeypatch.setattr(ingest_cli, "_make_pipeline", lambda: pipeline)
    url = f"sqlite:///{tmp_path / 'real.db'}"
    result = CliRunner().invoke(app, ["ingest", str(demo), "--db", url, "-q"])
    assert result.exit_code == 0, result.output
    assert "reports read: 2 (2 new" in result.stdout
    with EventStore(url) as store:
        events = store.events()
        assert events and all(store.mentions_of(e.event_id_cnty) for e in events)
        assert all(e.report_ids for e in events)
