"""`eventcoder ingest`, `events`, `export` and `db upgrade`: the event database from the command line.

``ingest`` extracts events from reports and fuses them into the database (one transaction per report);
``events`` lists stored events under filters; ``export`` writes them as ACLED CSV, GeoJSON, Parquet or
JSON Lines; ``db upgrade`` migrates the database schema.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventcoder.cli._errors import handle_errors
from eventcoder.cli._options import DbUrl, OutputFormat, Published, check_date
from eventcoder.errors import EventcoderError
from eventcoder.records import Event, Report

if TYPE_CHECKING:
    from eventcoder.store.summary import IngestSummary

__all__ = ["db_app", "events_command", "export_command", "ingest_command", "run_ingest"]


def _make_pipeline() -> Any:
    """The NLP pipeline (a function, so tests can swap in one without the models)."""
    from eventcoder.pipeline import Pipeline

    return Pipeline(warn=None)


# ---------------------------------------------------------------- ingest

def run_ingest(store: Any, reports: Iterable[Report], pipeline: Any, *, progress: bool = True,
               errors: list[str] | None = None) -> IngestSummary:
    """Extract and fuse each report into ``store``; reports already stored skip the NLP."""
    from tqdm import tqdm

    from eventcoder.store.summary import IngestSummary

    summary = IngestSummary()
    errors = errors if errors is not None else []
    items = list(reports)
    with tqdm(items, desc="ingest", unit="report", file=sys.stderr, disable=not progress or None,
              leave=False) as bar:
        for report in bar:
            summary.read += 1
            if store.stored_report_id(report) is not None:
                summary.duplicates += 1
                continue
            try:
                result = store.ingest(report, pipeline.mentions(report))
            except EventcoderError as exc:
                summary.failed += 1
                message = f"report {report.id}: {exc}"
                errors.append(message)
                bar.write(f"eventcoder: {message}", file=sys.stderr)
                continue
            summary.count(result, undated=report.published is None)
    return summary


@handle_errors
def ingest_command(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders (.txt, .html, .jsonl); - for stdin.")] = None,
    published: Published = None,
    db: DbUrl = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Extract events from reports and fuse them into the event database (one record per real event)."""
    from eventcoder.cli._inputs import read_inputs
    from eventcoder.store import EventStore

    published = check_date(published)
    reports, problems = read_inputs(paths, published)
    failed_inputs = len(problems)
    with EventStore(db) as store:
        summary = run_ingest(store, reports, _make_pipeline() if reports else None, progress=not quiet)
    summary.failed += failed_inputs
    for line in summary.lines():
        print(line)
    if summary.failed:
        raise typer.Exit(1)


# ---------------------------------------------------------------- filters shared by events and export

Country = Annotated[list[str] | None, typer.Option("--country", help="Country (repeatable).")]
Admin1 = Annotated[list[str] | None, typer.Option("--admin1", help="First-level admin unit (repeatable).")]
DateFrom = Annotated[str | None, typer.Option("--date-from", help="Events on or after YYYY-MM-DD.")]
DateTo = Annotated[str | None, typer.Option("--date-to", help="Events on or before YYYY-MM-DD.")]
EventType = Annotated[list[str] | None, typer.Option("--type", help="ACLED event type (repeatable).")]
Actor = Annotated[list[str] | None, typer.Option("--actor", help="Actor name, either side or claimant (repeatable).")]
Status = Annotated[list[str] | None, typer.Option("--status", help="reported, claimed, confirmed or disputed.")]
Text = Annotated[str | None, typer.Option("--text", help="Substring of notes, places or actors.")]
Bbox = Annotated[str | None, typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat.")]
Near = Annotated[str | None, typer.Option("--near", help="lat,lon,km: within km of a point.")]
MinKilled = Annotated[int | None, typer.Option("--fatalities-min", help="At least this many killed.")]
ReportId = Annotated[str | None, typer.Option("--report-id", help="Events this report was merged into.")]


def _numbers(value: str | None, count: int, name: str) -> tuple[float, ...] | None:
    if not value:
        return None
    try:
        numbers = tuple(float(v) for v in value.split(","))
    except ValueError:
        numbers = ()
    if len(numbers) != count:
        raise typer.BadParameter(f"expected {count} comma-separated numbers, got {value!r}", param_hint=name)
    return numbers


def build_filter(country: list[str] | None = None, admin1: list[str] | None = None, date_from: str | None = None,
                 date_to: str | None = None, event_type: list[str] | None = None, actor: list[str] | None = None,
                 status: list[str] | None = None, text: str | None = None, bbox: str | None = None,
                 near: str | None = None, fatalities_min: int | None = None,
                 report_id: str | None = None) -> Any:
    """The ``EventFilter`` of the command-line options."""
    from eventcoder.store import EventFilter

    return EventFilter(date_from=check_date(date_from), date_to=check_date(date_to), country=country or None,
                       admin1=admin1 or None, event_type=event_type or None, actor=actor or None,
                       status=status or None, text=text, bbox=_numbers(bbox, 4, "--bbox"),  # type: ignore[arg-type]
                       near=_numbers(near, 3, "--near"), fatalities_min=fatalities_min,  # type: ignore[arg-type]
                       report_id=report_id)


# ---------------------------------------------------------------- events

TABLE_ROWS = 50  # the table shows this many events unless --limit says otherwise
PAGE = 1000  # events read from the store at a time by the machine formats (memory: one page)

Limit = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many events (default: "
                                                                        f"all of them; {TABLE_ROWS} in the "
                                                                        "table).")]


def write_events(events: Iterable[Event], output_format: str, out: Any) -> int:
    """Write ``events`` to ``out`` as jsonl, csv, acled-csv or geojson as they come (nothing is kept);
    returns how many were written (features, for GeoJSON)."""
    from eventcoder.formats import write_csv, write_geojson, write_jsonl

    if output_format == "jsonl":
        return write_jsonl(events, out)
    if output_format in ("csv", "acled-csv"):
        return write_csv(events, out, acled_only=output_format == "acled-csv")
    if output_format == "geojson":
        return write_geojson(events, out)
    raise ValueError(f"not a text format: {output_format}")


def _started(events: Iterator[Event]) -> Iterator[Event]:
    """The same events with the first page read now, so that an unusable order or filter fails with its
    one-line error before anything (a CSV header) is written."""
    first = next(events, None)
    return iter(()) if first is None else itertools.chain([first], events)


def _tell_limit(store: Any, flt: Any, limit: int | None, verb: str) -> None:
    """On stderr, when --limit cut the listing: how many of how many."""
    if limit is not None:
        total = store.count(flt)
        if total > limit:
            print(f"eventcoder: {limit} of {total} events {verb} (--limit {limit})", file=sys.stderr)


@handle_errors
def events_command(
    country: Country = None, admin1: Admin1 = None, date_from: DateFrom = None, date_to: DateTo = None,
    event_type: EventType = None, actor: Actor = None, status: Status = None, text: Text = None,
    bbox: Bbox = None, near: Near = None, fatalities_min: MinKilled = None, report_id: ReportId = None,
    limit: Limit = None,
    order: Annotated[str, typer.Option("--order", help="Sort key (event_date, fatalities, timestamp, ...); "
                                                       "- in front for descending.")] = "-event_date",
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    db: DbUrl = None,
) -> None:
    """List stored events under filters: every match in jsonl, csv and geojson (streamed), a page in the table."""
    from eventcoder.formats import write_table
    from eventcoder.store import EventStore

    flt = build_filter(country, admin1, date_from, date_to, event_type, actor, status, text, bbox, near,
                       fatalities_min, report_id)
    with EventStore(db) as store:
        if output_format is not OutputFormat.table:
            events = _started(store.iter_events(flt, order=order, batch=PAGE, limit=limit))
            write_events(events, output_format.value, sys.stdout)
            _tell_limit(store, flt, limit, "written")
            return
        page = store.page(flt, limit=limit or TABLE_ROWS, order=order, total=True)
    write_table(page.events)
    shown, total = len(page.events), page.total or 0
    if total > shown:
        hint = "--limit to see more" if limit is None else f"--limit {limit}"
        print(f"eventcoder: {shown} of {total} events shown, {hint} (--format jsonl, csv or geojson lists all)",
              file=sys.stderr)


# ---------------------------------------------------------------- export

class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


LIST_FIELDS = ("confirmed_by", "denied_by", "report_ids", "language", "mention_ids", "quality_flags")
JSON_FIELDS = ("fatality_reports", "evidence")
PARQUET_ROWS = 10_000  # rows per Parquet row group: what write_parquet holds in memory


def _parquet_schema() -> Any:
    import pyarrow as pa

    types = {"latitude": pa.float64(), "longitude": pa.float64(), "confidence": pa.float64(),
             "hostages": pa.int64(), "timestamp": pa.int64()}
    fields = []
    for name, default in Event.__dataclass_fields__.items():
        if name in LIST_FIELDS:
            fields.append(pa.field(name, pa.list_(pa.string())))
        elif name in types:
            fields.append(pa.field(name, types[name]))
        elif isinstance(default.default, int) and not isinstance(default.default, bool):
            fields.append(pa.field(name, pa.int64()))
        else:
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields)


def write_parquet(events: Iterable[Event], path: Path) -> int:
    """Parquet with SCHEMA.md's columns: lists as lists of strings, fatality_reports and evidence as JSON.

    Written a row group of :data:`PARQUET_ROWS` at a time, so memory stays that of one group."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    count = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema) as writer:
        for event in events:
            record = event.to_dict()
            for name in JSON_FIELDS:
                record[name] = json.dumps(record[name], ensure_ascii=False)
            rows.append(record)
            if len(rows) >= PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows = []
        if rows or not count:  # an empty export is still a file with the columns
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count


def _write_text(output: Path | None, write: Any) -> Any:
    if output is None:
        return write(sys.stdout)
    with output.open("w", encoding="utf-8", newline="") as fh:
        return write(fh)


@handle_errors
def export_command(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="acled-csv, geojson, parquet, jsonl.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (stdout if omitted; "
                                                                       "required for parquet).")] = None,
    country: Country = None, admin1: Admin1 = None, date_from: DateFrom = None, date_to: DateTo = None,
    event_type: EventType = None, actor: Actor = None, status: Status = None, text: Text = None,
    bbox: Bbox = None, near: Near = None, fatalities_min: MinKilled = None, report_id: ReportId = None,
    limit: Limit = None,
    db: DbUrl = None,
) -> None:
    """Export every stored event that passes the filters, oldest first, streamed: ACLED CSV (ACLED's columns
    exactly), GeoJSON, Parquet or JSON Lines."""
    from eventcoder.store import EventStore

    if output_format is ExportFormat.parquet and output is None:
        raise typer.BadParameter("parquet is binary: give --output FILE", param_hint="--output")
    flt = build_filter(country, admin1, date_from, date_to, event_type, actor, status, text, bbox, near,
                       fatalities_min, report_id)
    with EventStore(db) as store:
        events = _started(store.iter_events(flt, order="event_date", batch=PAGE, limit=limit))
        if output_format is ExportFormat.parquet:
            assert output is not None
            count = write_parquet(events, output)
        else:
            count = _write_text(output, lambda fh: write_events(events, output_format.value, fh))
        _tell_limit(store, flt, limit, "exported")
    if output is not None:
        print(f"wrote {count} events to {output}", file=sys.stderr)


# ---------------------------------------------------------------- db

db_app = typer.Typer(name="db", help="The event database: schema migrations.", no_args_is_help=True)


@db_app.command("upgrade")
@handle_errors
def upgrade_command(db: DbUrl = None) -> None:
    """Migrate the database schema to this eventcoder's version (creates the database if needed)."""
    from eventcoder.store._migrate import upgrade
    from eventcoder.store._session import default_url, make_engine, safe_url

    url = db or default_url()
    engine = make_engine(url)
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    if before == after:
        print(f"{safe_url(url)}: schema already at {after}")
    else:
        print(f"{safe_url(url)}: schema {before or 'empty'} -> {after}")
