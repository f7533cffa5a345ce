"""`eventcoder eval`: score eventcoder against gold codings (EVALUATION.md)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from eventcoder.cli._errors import handle_errors

__all__ = ["evaluate_command", "run_evaluation"]


class Task(StrEnum):
    per_report = "per-report"
    fused = "fused"


class EvalFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def run_evaluation(reports_path: Path | None, gold_path: Path, task: Task) -> Any:
    """Run the pipeline over the gold's reports and score it; returns ``evaluate.Scores``."""
    from eventcoder.evaluate import SpeedMeter, load_gold, score_fused, score_per_report
    from eventcoder.ingest import report_from_dict
    from eventcoder.pipeline import Pipeline

    gold = load_gold(gold_path, reports=reports_path)
    pipeline = Pipeline(warn=None)
    actor_key = pipeline.dictionary.canonical_id
    reports = [report_from_dict(r, source=f"{reports_path or gold_path}:{r.get('id')}") for r in gold.reports]
    with SpeedMeter() as meter:
        if task is Task.per_report:
            predictions = {r.id: [e.to_dict() for e in pipeline.extract_report(r)] for r in reports}
        else:
            # the real product: every report fused into an EventStore (in memory), in publication order
            from eventcoder.store import EventStore

            ordered = sorted(reports, key=lambda r: (r.published or "", r.id))
            with EventStore("sqlite:///:memory:") as store:
                store.ingest_many((r, pipeline.mentions(r)) for r in ordered)
                fused_dicts = [e.to_dict() for e in store.iter_events(order="created")]
    speed = meter.speed(len(reports))
    if task is Task.per_report:
        scores = score_per_report(predictions, gold.reports, gold.events, actor_key=actor_key)
    else:
        scores = score_fused(fused_dicts, gold.events, actor_key=actor_key)
    return scores.with_speed(speed)


@handle_errors
def evaluate_command(
    gold: Annotated[Path, typer.Option("--gold", help="Gold events (events.jsonl) or an examples *.gold.json.")],
    reports: Annotated[Path | None, typer.Option("--reports", help="Reports (reports.jsonl).")] = None,
    task: Annotated[Task, typer.Option("--task", help="per-report or fused (all reports merged).")] = Task.per_report,
    output_format: Annotated[EvalFormat, typer.Option("--format", "-f")] = EvalFormat.table,
    show_explain: Annotated[bool, typer.Option("--explain", help="List misses, false positives, field errors.")] = False,
) -> None:
    """Score extraction against gold codings: precision/recall/F1 and per-field accuracy."""
    from eventcoder.evaluate import explain, render_markdown, render_table

    scores = run_evaluation(reports, gold, task)
    if output_format is EvalFormat.json:
        json.dump(scores.to_dict(), sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    elif output_format is EvalFormat.markdown:
        print(render_markdown(scores))
    else:
        print(render_table(scores))
    if show_explain:
        print(explain(scores))
