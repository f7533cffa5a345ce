"""Show scores: a text table, a Markdown table, and a per-event diagnostic (``explain``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._classes import classify_miss, error_classes
from ._compat import pair_distance_km
from ._duplicates import describe_pair, duplicate_pairs
from ._fields import FIELD_LABELS
from ._folds import FoldResult
from ._scores import FalsePositive, MatchedPair, Ratio, Scores, event_id

__all__ = ["explain", "explain_records", "render_folds", "render_markdown", "render_table"]

TASK_TITLES = {"per_report": "per report", "fused": "fused"}


def _ratio_cell(ratio: Ratio | None) -> str:
    return ratio.format() if ratio is not None else ""


def _column_rows(scores: Scores) -> list[tuple[str, str]]:
    """(label, cell) for every figure of one ``Scores``."""
    rows = [
        ("event F1", scores.f1_text()),
        ("event precision", str(scores.precision)),
        ("event recall", str(scores.recall)),
        ("neutral (background) predictions", str(scores.neutral)),
    ]
    rows += [(FIELD_LABELS[name], str(ratio)) for name, ratio in scores.fields.items()]
    if scores.task == "fused":
        rows += [
            ("duplicates (of predicted)", _ratio_cell(scores.duplicates)),
            ("wrong merges (of attached report ids)", _ratio_cell(scores.wrong_merges)),
            ("events with a wrong merge", _ratio_cell(scores.wrong_merge_events)),
        ]
    return rows


def _grid(scores: Scores) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one column for all reports, then one per language."""
    columns = [("all", scores), *scores.by_language.items()]
    header = ["figure", *(name for name, _ in columns)]
    per_column = [_column_rows(sub) for _, sub in columns]
    rows = [[label, *(col[i][1] for col in per_column)] for i, (label, _) in enumerate(per_column[0])]
    return header, rows


def _title(scores: Scores) -> str:
    title = f"eventcoder eval: {TASK_TITLES.get(scores.task, scores.task)}"
    if scores.reports is not None:
        title += f", {scores.reports} reports"
    return title + f", over {scores.matched} matched pairs for field figures"


def _footer(scores: Scores) -> list[str]:
    lines = []
    if scores.speed is not None:
        lines.append(f"speed: {scores.speed}")
    if scores.unscored_report_ids:
        lines.append(f"not scored (not gold reports): {', '.join(scores.unscored_report_ids)}")
    return lines


def render_table(scores: Scores) -> str:
    """A compact text table of every figure with its denominator (columns: all, then each language)."""
    header, rows = _grid(scores)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [_title(scores), ""]
    for row in [header, *rows]:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if row is header:
            lines.append("  ".join("-" * width for width in widths))
    footer = _footer(scores)
    return "\n".join(lines + (["", *footer] if footer else [])) + "\n"


def render_markdown(scores: Scores) -> str:
    """The same figures as a Markdown table, for the README."""
    header, rows = _grid(scores)
    lines = [f"**{_title(scores)}**", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join(["---", *("---:" for _ in header[1:])]) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    footer = _footer(scores)
    return "\n".join(lines + (["", *footer] if footer else [])) + "\n"


def _describe(event: Mapping[str, Any]) -> str:
    """One line about an event: date, place, type, actors, fatalities."""
    place = event.get("location") or _point_text(event)
    kind = "/".join(str(event.get(k)) for k in ("event_type", "sub_event_type") if event.get(k))
    actors = " vs ".join(str(event.get(k)) for k in ("actor1", "actor2") if event.get(k))
    parts = [str(event.get("event_date") or "?"), f"{place} ({event.get('admin1') or '?'})"]
    parts += [p for p in (kind, actors) if p]
    if event.get("fatalities") is not None:
        parts.append(f"fatalities {event.get('fatalities')}")
    return ", ".join(parts)


def _point_text(event: Mapping[str, Any]) -> str:
    lat, lon = event.get("latitude"), event.get("longitude")
    return f"({lat}, {lon})" if lat is not None and lon is not None else "no point"


def _prediction_name(prediction: Mapping[str, Any], index: int) -> str:
    return event_id(prediction) or f"prediction #{index}"


def _diff_lines(pair: MatchedPair) -> list[str]:
    """One line per wrong figure (the two location figures share one line), then any wrong merges."""
    lines = []
    for diff in pair.differences:
        if diff.figure == "location_50km" and not pair.checks["location_10km"]:
            continue
        if diff.figure.startswith("location"):
            distance = pair_distance_km(pair.prediction, pair.gold)
            apart = f"{distance:.1f} km apart" if distance is not None else "no predicted point"
            lines.append(
                f"      location: gold {_place(pair.gold)} | predicted {_place(pair.prediction)}: {apart}"
            )
            continue
        label = FIELD_LABELS[diff.figure]
        lines.append(f"      {label}: gold {_values(diff.gold)} | predicted {_values(diff.predicted)}")
    if pair.wrong_report_ids:
        lines.append(f"      wrongly merged reports: {', '.join(pair.wrong_report_ids)}")
    return lines


def _place(event: Mapping[str, Any]) -> str:
    return f"{event.get('location') or '?'} {_point_text(event)}"


def _values(values: Mapping[str, Any]) -> str:
    if len(values) == 1:
        return repr(next(iter(values.values())))
    return ", ".join(f"{k}={v!r}" for k, v in values.items())


def _fp_line(fp: FalsePositive) -> str:
    reason = fp.reason + (f" of {fp.gold_id}" if fp.gold_id else "")
    ids = fp.prediction.get("report_ids") if fp.report_id is None else None
    merged = f" [reports: {', '.join(map(str, ids))}]" if ids else ""
    return f"  FP      {_prediction_name(fp.prediction, fp.prediction_index)} ({reason}): {_describe(fp.prediction)}{merged}"


def _group_key(report_id: str | None) -> str:
    return report_id if report_id is not None else "(fused)"


def explain(scores: Scores, *, all_pairs: bool = False) -> str:
    """Per-event diagnostic: misses, false positives, neutral matches and, for matched pairs, what differs.

    Grouped by report (per-report task) or in one block (fused). Matched pairs with no difference are left
    out unless ``all_pairs``. Fused, each duplicate is shown beside the prediction that matched its gold
    event, with why fuse's match scoring did not make them one (``_duplicates.py``).
    """
    blocks: dict[str, list[str]] = {}
    details = scores.details
    for miss in details.misses:
        cause = classify_miss(miss, details.false_positives)
        blocks.setdefault(_group_key(miss.report_id), []).extend(
            [f"  MISS    {miss.gold_id}: {_describe(miss.gold)}", f"      {cause.describe()}"]
        )
    for fp in details.false_positives:
        blocks.setdefault(_group_key(fp.report_id), []).append(_fp_line(fp))
    if scores.task == "fused":
        index = {id(fp.prediction): fp.prediction_index for fp in details.false_positives}
        index.update({id(p.prediction): p.prediction_index for p in details.matches})
        for pair in duplicate_pairs(details):
            names = [_prediction_name(r, index.get(id(r), -1)) for r in (pair.kept, pair.duplicate)]
            blocks.setdefault("(fused)", []).extend(describe_pair(pair, _describe, names))
    for neutral in details.neutral:
        name = _prediction_name(neutral.prediction, neutral.prediction_index)
        blocks.setdefault(_group_key(neutral.report_id), []).append(
            f"  NEUTRAL {name} matches background event {neutral.gold_id}"
        )
    for pair in details.matches:
        diff = _diff_lines(pair)
        if diff or all_pairs:
            name = _prediction_name(pair.prediction, pair.prediction_index)
            head = f"  PAIR    {pair.gold_id} <- {name}: " + ("all figures right" if not diff else "differs")
            blocks.setdefault(_group_key(pair.report_id), []).extend([head, *diff])
    summary = (
        f"{TASK_TITLES.get(scores.task, scores.task)}: {len(details.misses)} misses, "
        f"{len(details.false_positives)} false positives, {scores.neutral} neutral, "
        f"{sum(1 for p in details.matches if p.differences or p.wrong_report_ids)} of {scores.matched} "
        "matched pairs with differences"
    )
    lines = [summary, "", "errors by class:", *error_classes(details).lines()]
    for group in sorted(blocks):
        lines += ["", group if group == "(fused)" else f"report {group}", *blocks[group]]
    return "\n".join(lines) + "\n"


def explain_records(scores: Scores) -> list[dict[str, Any]]:
    """The diagnostic of ``explain`` as JSON-ready records (``kind``: miss, false_positive, duplicate (fused),
    neutral, pair)."""
    details = scores.details
    records: list[dict[str, Any]] = []
    records += [{"kind": "miss", "report_id": m.report_id, "gold_id": m.gold_id} for m in details.misses]
    records += [
        {
            "kind": "false_positive",
            "report_id": fp.report_id,
            "prediction": _prediction_name(fp.prediction, fp.prediction_index),
            "reason": fp.reason,
            "gold_id": fp.gold_id,
        }
        for fp in details.false_positives
    ]
    if scores.task == "fused":
        records += [pair.to_dict() for pair in duplicate_pairs(details)]
    records += [
        {
            "kind": "neutral",
            "report_id": n.report_id,
            "prediction": _prediction_name(n.prediction, n.prediction_index),
            "gold_id": n.gold_id,
        }
        for n in details.neutral
    ]
    records += [
        {
            "kind": "pair",
            "report_id": p.report_id,
            "gold_id": p.gold_id,
            "prediction": _prediction_name(p.prediction, p.prediction_index),
            "differences": [d.to_dict() for d in p.differences],
            "wrong_report_ids": list(p.wrong_report_ids),
            "distance_km": pair_distance_km(p.prediction, p.gold),
        }
        for p in details.matches
    ]
    return records


def render_folds(full: Scores, held_out: Scores, folds: Sequence[FoldResult], *, markdown: bool = False,
                 show_entries: bool = False) -> str:
    """Full and leave-one-fold-out figures side by side, then each fold's size, F1 and removed entries."""
    rows = [(label, cell, held) for (label, cell), (_, held) in
            zip(_column_rows(full), _column_rows(held_out), strict=True)]
    header = ("figure", "full corpus", "leave-one-fold-out")
    title = (f"eventcoder eval: {TASK_TITLES.get(full.task, full.task)}, {len(folds)} folds by event; "
             "each fold coded without the lexicon entries no other fold uses")
    if markdown:
        lines = [f"**{title}**", "", "| " + " | ".join(header) + " |", "|---|---:|---:|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    else:
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        lines = [title, ""]
        for row in [header, *rows]:
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if row is header:
                lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    for fold in folds:
        line = f"fold {fold.fold + 1}: {len(fold.report_ids)} reports, {len(fold.dropped)} entries only it uses"
        if fold.full is not None and fold.held_out is not None:
            line += f"; F1 {fold.full.f1_text()} full, {fold.held_out.f1_text()} held out"
        lines.append(line)
        if show_entries and fold.dropped:
            lines.append("    " + ", ".join(repr(e) for e in fold.dropped))
    return "\n".join(lines) + "\n"
