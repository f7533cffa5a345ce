"""`eventcoder ingest`, `events`, `export` and `db upgrade`: the event database from the command line.

``ingest`` extracts events from reports and fuses them into the database (one transaction per report);
``events`` lists stored events under filters; ``export`` writes them as ACLED CSV, GeoJSON, Parquet or
JSON Lines; ``db upgrade`` migrates the database schema.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from eventcoder.cli._errors import handle_errors
from eventcoder.cli._inputs import read_inputs
from eventcoder.cli._options import DbUrl, OutputFormat, Published, check_date
from eventcoder.errors import EventcoderError
from eventcoder.records import Event, Report
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

@handle_errors
def events_command(
    country: Country = None, admin1: Admin1 = None, date_from: DateFrom = None, date_to: DateTo = None,
    event_type: EventType = None, actor: Actor = None, status: Status = None, text: Text = None,
    bbox: Bbox = None, near: Near = None, fatalities_min: MinKilled = None, report_id: ReportId = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many events.")] = 50,
    order: Annotated[str, typer.Option("--order", help="Sort key (event_date, fatalities, timestamp, ...); "
                                                       "- in front for descending.")] = "-event_date",
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    db: DbUrl = None,
) -> None:
    """List stored events under filters."""
    from eventcoder.formats import to_geojson, write_csv, write_jsonl, write_table
    from eventcoder.store import EventStore

    flt = build_filter(country, admin1, date_from, date_to, event_type, actor, status, text, bbox, near,
                       fatalities_min, report_id)
    with EventStore(db) as store:
        events = store.events(flt, limit=limit, order=order)
        total = store.count(flt)
    if output_format is OutputFormat.jsonl:
        write_jsonl(events, sys.stdout)
    elif output_format is OutputFormat.csv:
        write_csv(events, sys.stdout)
    elif output_format is OutputFormat.geojson:
        json.dump(to_geojson(events), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_table(events)
        if total > len(events):
            print(f"{len(events)} of {total} events shown (--limit)", file=sys.stderr)


# ---------------------------------------------------------------- export

class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


LIST_FIELDS = ("confirmed_by", "denied_by", "report_ids", "language", "mention_ids", "quality_flags")
JSON_FIELDS = ("fatality_reports", "evidence")


def write_parquet(events: Iterable[Event], path: Path) -> int:
    """Parquet with SCHEMA.md's columns: lists as lists of strings, fatality_reports and evidence as JSON."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for event in events:
        record = event.to_dict()
        for name in JSON_FIELDS:
            record[name] = json.dumps(record[name], ensure_ascii=False)
        rows.append(record)
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
    pq.write_table(pa.Table.from_pylist(rows, schema=pa.schema(fields)), path)
    return len(rows)


def _write_text(output: Path | None, write: Any) -> None:
    if output is None:
        write(sys.stdout)
        return
    with output.open("w", encoding="utf-8", newline="") as fh:
        write(fh)


@handle_errors
def export_command(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="acled-csv, geojson, parquet, jsonl.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (stdout if omitted; "
                                                                       "required for parquet).")] = None,
    country: Country = None, admin1: Admin1 = None, date_from: DateFrom = None, date_to: DateTo = None,
    event_type: EventType = None, actor: Actor = None, status: Status = None, text: Text = None,
    bbox: Bbox = None, near: Near = None, fatalities_min: MinKilled = None, report_id: ReportId = None,
    db: DbUrl = None,
) -> None:
    """Export stored events: ACLED CSV (ACLED's columns exactly), GeoJSON, Parquet or JSON Lines."""
    from eventcoder.formats import to_geojson, write_csv, write_jsonl
    from eventcoder.store import EventStore

    if output_format is ExportFormat.parquet and output is None:
        raise typer.BadParameter("parquet is binary: give --output FILE", param_hint="--output")
    flt = build_filter(country, admin1, date_from, date_to, event_type, actor, status, text, bbox, near,
                       fatalities_min, report_id)
    with EventStore(db) as store:
        events = store.iter_events(flt, order="event_date")
        count: list[int] = []
        if output_format is ExportFormat.acled_csv:
            _write_text(output, lambda fh: count.append(write_csv(events, fh, acled_only=True)))
        elif output_format is ExportFormat.jsonl:
            _write_text(output, lambda fh: count.append(write_jsonl(events, fh)))
        elif output_format is ExportFormat.geojson:
            collection = to_geojson(events)
            count.append(len(collection["features"]))
            _write_text(output, lambda fh: (json.dump(collection, fh, ensure_ascii=False), fh.write("\n")))
        else:
            assert output is not None
            count.append(write_parquet(events, output))
    if output is not None:
        print(f"wrote {count[0] if count else 0} events to {output}", file=sys.stderr)


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
