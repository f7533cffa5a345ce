"""`eventcoder events` and `export` list every matching event by default (streamed page by page), on SQLite
and PostgreSQL, with more events than any page size; the table shows a page and says how many it left out."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventcoder.cli import ingest as ingest_cli
from eventcoder.cli.app import app
from eventcoder.formats import ACLED_COLUMNS
from eventcoder.store import EventStore
from listing_events import MANY, backend_url, many_events

BACKENDS = [pytest.param("sqlite"), pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
       fresh_pg_database: Callable[[str], AbstractContextManager[str]]) -> Iterator[dict[str, Any]]:
    """A store holding MANY events, with what the tests compare against."""
    events = many_events()
    with backend_url(request.param, tmp_path_factory.mktemp("listing"), fresh_pg_database) as url:
        with EventStore(url) as store:
            ids = store.load_events(events)
        located = sum(e.latitude is not None for e in events)
        mali = sum(e.country == "Mali" for e in events)
        yield {"url": url, "ids": set(ids), "located": located, "mali": mali}


def run(db: dict[str, Any], *args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--db", db["url"]])
    assert result.exit_code == 0, result.output
    return result


def test_jsonl_lists_every_event_once_in_order(db: dict[str, Any]) -> None:
    result = run(db, "events", "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == MANY and {r["event_id_cnty"] for r in records} == db["ids"]
    dated = [r["event_date"] for r in records if r["event_date"]]
    assert dated == sorted(dated, reverse=True)  # the default order, newest first, across pages
    assert result.stderr == ""  # nothing was left out, so nothing to say


def test_csv_and_geojson_list_every_match(db: dict[str, Any]) -> None:
    rows = list(csv.DictReader(io.StringIO(run(db, "events", "--format", "csv").stdout)))
    assert len(rows) == MANY and len({r["event_id_cnty"] for r in rows}) == MANY
    mali = list(csv.DictReader(io.StringIO(run(db, "events", "--country", "Mali", "--format", "csv").stdout)))
    assert len(mali) == db["mali"] and {r["country"] for r in mali} == {"Mali"}
    geo = json.loads(run(db, "events", "--format", "geojson", "--order", "event_date").stdout)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == db["located"]


def test_limit_cuts_and_says_so(db: dict[str, Any]) -> None:
    result = run(db, "events", "--format", "jsonl", "--limit", "1001")
    assert len(result.stdout.splitlines()) == 1001  # more than one page, cut inside the second
    assert f"1001 of {MANY} events written (--limit 1001)" in result.stderr


def test_the_table_shows_a_page_and_the_count(db: dict[str, Any]) -> None:
    result = run(db, "events")
    assert f"50 of {MANY} events shown, --limit to see more" in result.stderr
    assert "50 events" in result.stdout


def test_export_writes_every_event(db: dict[str, Any], tmp_path: Path) -> None:
    reader = csv.reader(io.StringIO(run(db, "export", "--format", "acled-csv").stdout))
    assert tuple(next(reader)) == ACLED_COLUMNS and len(list(reader)) == MANY
    out = tmp_path / "all.jsonl"
    assert f"wrote {MANY} events" in run(db, "export", "--format", "jsonl", "-o", str(out)).stderr
    assert {json.loads(x)["event_id_cnty"] for x in out.read_text().splitlines()} == db["ids"]
    geo = json.loads(run(db, "export", "--format", "geojson").stdout)
    assert len(geo["features"]) == db["located"]
    pq = pytest.importorskip("pyarrow.parquet")
    parquet = tmp_path / "all.parquet"
    run(db, "export", "--format", "parquet", "-o", str(parquet))
    assert set(pq.read_table(parquet).column("event_id_cnty").to_pylist()) == db["ids"]


def test_parquet_is_written_a_row_group_at_a_time(db: dict[str, Any], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(ingest_cli, "PARQUET_ROWS", 500)
    parquet = tmp_path / "groups.parquet"
    run(db, "export", "--format", "parquet", "-o", str(parquet), "--limit", "1200")
    meta = pq.ParquetFile(parquet).metadata
    assert meta.num_rows == 1200 and meta.num_row_groups == 3


def test_listings_read_the_store_a_page_at_a_time(db: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """What streaming means here: pages of at most PAGE events, as many as it takes, never one big read."""
    sizes: list[int | None] = []
    page = EventStore.page

    def recording(self: EventStore, *args: Any, **kwargs: Any) -> Any:
        sizes.append(kwargs.get("limit"))
        return page(self, *args, **kwargs)

    monkeypatch.setattr(EventStore, "page", recording)
    assert len(run(db, "events", "--format", "jsonl").stdout.splitlines()) == MANY
    assert len(sizes) == -(-MANY // ingest_cli.PAGE) and all(s == ingest_cli.PAGE for s in sizes)


def test_a_reader_that_stops_early_ends_the_listing_quietly(db: dict[str, Any]) -> None:
    """`eventcoder events --format jsonl | head -1`: no error message, the shell's SIGPIPE status."""
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "events", "--format", "jsonl", "--db", db["url"]],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())["event_id_cnty"] in db["ids"]
    proc.stdout.close()  # as head does once it has its line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141 and err == ""


def test_an_unusable_order_fails_before_anything_is_written(db: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["events", "--format", "csv", "--order", "nope", "--db", db["url"]])
    assert result.exit_code == 1 and result.stdout == "" and "[E502]" in result.stderr
    empty = run(db, "events", "--format", "csv", "--country", "Atlantis")  # no match: the header alone
    assert [next(csv.reader(io.StringIO(empty.stdout)))[:len(ACLED_COLUMNS)]] == [list(ACLED_COLUMNS)]
    assert len(empty.stdout.splitlines()) == 1
