"""`eventcoder eval`: score eventcoder against gold codings (EVALUATION.md)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
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


def _predict(reports: list[Any], task: Task, pipeline_of: Callable[[Any], Any]) -> Any:
    """Per report: ``{report id: [event dicts]}``; fused: the event dicts of every report fused into an
    in-memory EventStore in publication order (the real product). ``pipeline_of(report)`` codes a report."""
    if task is Task.per_report:
        return {r.id: [e.to_dict() for e in pipeline_of(r).extract_report(r)] for r in reports}
    from eventcoder.store import EventStore

    ordered = sorted(reports, key=lambda r: (r.published or "", r.id))
    with EventStore("sqlite:///:memory:") as store:
        store.ingest_many((r, pipeline_of(r).mentions(r)) for r in ordered)
        return [e.to_dict() for e in store.iter_events(order="created")]


def _score(task: Task, predictions: Any, gold: Any, actor_key: Any, reports: list[Any] | None = None) -> Any:
    from eventcoder.evaluate import score_fused, score_per_report

    if task is Task.per_report:
        return score_per_report(predictions, reports if reports is not None else gold.reports, gold.events,
                                actor_key=actor_key)
    return score_fused(predictions, gold.events, actor_key=actor_key)


def _load(reports_path: Path | None, gold_path: Path) -> tuple[Any, Any, list[Any]]:
    from eventcoder.evaluate import load_gold
    from eventcoder.ingest import report_from_dict
    from eventcoder.pipeline import Pipeline

    gold = load_gold(gold_path, reports=reports_path)
    pipeline = Pipeline(warn=None)
    reports = [report_from_dict(r, source=f"{reports_path or gold_path}:{r.get('id')}") for r in gold.reports]
    return gold, pipeline, reports


def run_evaluation(reports_path: Path | None, gold_path: Path, task: Task) -> Any:
    """Run the pipeline over the gold's reports and score it; returns ``evaluate.Scores``."""
    from eventcoder.evaluate import SpeedMeter

    gold, pipeline, reports = _load(reports_path, gold_path)
    with SpeedMeter() as meter:
        predictions = _predict(reports, task, lambda _report: pipeline)
    scores = _score(task, predictions, gold, pipeline.dictionary.canonical_id)
    return scores.with_speed(meter.speed(len(reports)))


def _searchable_text(pipeline: Any, report: Any) -> str:
    """A report's title and text, lower-cased, as words and as lemmas (lexicon triggers match lemmas)."""
    text = f"{report.title or ''}\n{report.text}"
    doc = pipeline.nlp.parse(text, report.language or "en")
    return text.lower() + "\n" + " ".join(token.lemma_.lower() for token in doc)


def run_folds(reports_path: Path | None, gold_path: Path, task: Task, folds: int) -> tuple[Any, Any, list[Any]]:
    """Full and leave-one-fold-out scores, and each fold's :class:`evaluate.FoldResult`.

    Each report is coded, in the held-out run, by a pipeline whose lexicons lack every entry that occurs in
    the reports of its own fold and of no other fold (single words common in the language stay: see
    ``evaluate._folds``); everything else (models, gazetteer, dictionary,
    fusion, scoring) is the full run's.
    """
    from eventcoder.evaluate import FoldResult, assign_folds, common_word, fold_specific_entries
    from eventcoder.extract import lexicon_entries, load_lexicon

    gold, pipeline, reports = _load(reports_path, gold_path)
    fold_of = assign_folds(gold.reports, folds)
    languages = sorted({r.language or "en" for r in reports})
    texts: dict[str, dict[int, list[str]]] = {lang: {f: [] for f in range(folds)} for lang in languages}
    for report in reports:
        texts[report.language or "en"][fold_of[report.id]].append(_searchable_text(pipeline, report))
    dropped: dict[int, dict[str, set[str]]] = {f: {} for f in range(folds)}
    for lang in languages:
        specific = fold_specific_entries(sorted(lexicon_entries(load_lexicon(lang))), texts[lang],
                                         keep=lambda entry, lang=lang: common_word(entry, lang))
        for fold, entries in specific.items():
            dropped[fold][lang] = entries
    held_out = {f: pipeline.with_lexicons({lang: load_lexicon(lang).without(entries)
                                           for lang, entries in dropped[f].items()}) for f in range(folds)}
    key = pipeline.dictionary.canonical_id
    full_predictions = _predict(reports, task, lambda _report: pipeline)
    lofo_predictions = _predict(reports, task, lambda report: held_out[fold_of[report.id]])
    full = _score(task, full_predictions, gold, key)
    lofo = _score(task, lofo_predictions, gold, key)
    results = []
    for fold in range(folds):
        ids = tuple(sorted(rid for rid, f in fold_of.items() if f == fold))
        entries = tuple(sorted(e for lang in dropped[fold].values() for e in lang))
        subset = [r for r in gold.reports if fold_of[str(r.get("id"))] == fold]
        if task is Task.per_report:
            results.append(FoldResult(fold, ids, entries, _score(task, full_predictions, gold, key, subset),
                                      _score(task, lofo_predictions, gold, key, subset)))
        else:
            results.append(FoldResult(fold, ids, entries))
    return full, lofo, results


@handle_errors
def evaluate_command(
    gold: Annotated[Path, typer.Option("--gold", help="Gold events (events.jsonl) or an examples *.gold.json.")],
    reports: Annotated[Path | None, typer.Option("--reports", help="Reports (reports.jsonl).")] = None,
    task: Annotated[Task, typer.Option("--task", help="per-report or fused (all reports merged).")] = Task.per_report,
    output_format: Annotated[EvalFormat, typer.Option("--format", "-f")] = EvalFormat.table,
    show_explain: Annotated[bool, typer.Option("--explain", help="List misses, false positives, field errors.")] = False,
    folds: Annotated[int, typer.Option("--folds", min=0, help=(
        "Also score leave-one-fold-out: N folds by event, each coded without the lexicon entries that only "
        "its own reports use (0: off)."))] = 0,
) -> None:
    """Score extraction against gold codings: precision/recall/F1 and per-field accuracy."""
    from eventcoder.evaluate import explain, render_folds, render_markdown, render_table

    if folds:
        if folds < 2:
            raise typer.BadParameter("--folds needs at least 2 folds", param_hint="--folds")
        full, held_out, results = run_folds(reports, gold, task, folds)
        if output_format is EvalFormat.json:
            payload = {"full": full.to_dict(), "leave_one_fold_out": held_out.to_dict(),
                       "folds": [r.to_dict() for r in results]}
            json.dump(payload, sys.stdout, indent=2, default=str)
            sys.stdout.write("\n")
        else:
            print(render_folds(full, held_out, results, markdown=output_format is EvalFormat.markdown,
                               show_entries=show_explain))
        if show_explain:
            print(explain(held_out))
        return

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
