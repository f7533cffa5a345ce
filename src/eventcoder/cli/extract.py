"""`eventcoder extract`: events from reports, one record per event (reports are not merged)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from eventcoder.cli._errors import handle_errors
from eventcoder.cli._options import OutputFormat, Published, check_date

__all__ = ["extract_command"]


@handle_errors
def extract_command(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders (.txt, .html, .jsonl); - for stdin.")] = None,
    published: Published = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.jsonl,
    csv_path: Annotated[Path | None, typer.Option("--csv", help="Also write ACLED-style CSV here.")] = None,
    geojson_path: Annotated[Path | None, typer.Option("--geojson", help="Also write GeoJSON here.")] = None,
) -> None:
    """Extract ACLED-coded events from news reports (English or French).

    An unreadable file or JSON Lines line is named on stderr and skipped; the others are still coded and the
    exit code is 1.
    """
    from eventcoder.cli._inputs import read_inputs

    published = check_date(published)
    reports, problems = read_inputs(paths, published)
    if not reports:
        raise typer.Exit(1)
    # the models load only once there is something to code: a bad path or an empty file is told at once
    from eventcoder.formats import to_geojson, write_csv, write_jsonl, write_table
    from eventcoder.pipeline import Pipeline

    pipeline = Pipeline()
    events = [event for _, report_events in pipeline.run(reports) for event in report_events]
    if output_format is OutputFormat.jsonl:
        write_jsonl(events, sys.stdout)
    elif output_format is OutputFormat.csv:
        write_csv(events, sys.stdout)
    elif output_format is OutputFormat.geojson:
        json.dump(to_geojson(events), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_table(events)
    if csv_path is not None:
        with csv_path.open("w", encoding="utf-8", newline="") as fh:
            write_csv(events, fh)
        print(f"wrote {len(events)} events to {csv_path}", file=sys.stderr)
    if geojson_path is not None:
        geojson_path.write_text(json.dumps(to_geojson(events), ensure_ascii=False), encoding="utf-8")
        print(f"wrote {geojson_path}", file=sys.stderr)
    if problems:
        print(f"eventcoder: {len(problems)} input(s) could not be read (named above); "
              f"{len(reports)} report(s) were coded", file=sys.stderr)
        raise typer.Exit(1)
