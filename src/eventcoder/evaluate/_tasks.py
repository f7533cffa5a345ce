"""The two scoring tasks of EVALUATION.md: per report and fused."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

from ..errors import ReportParseError
from ._fields import check_pair
from ._match import match_events
from ._normalise import ActorKey, make_actor_key
from ._scores import Details, FalsePositive, MatchedPair, Miss, NeutralMatch, Scores, event_id

__all__ = ["as_record", "score_fused", "score_per_report"]

Event = Mapping[str, Any]
UNKNOWN_LANGUAGE = "unknown"


def as_record(prediction: object) -> Event:
    """A prediction as a mapping: a dict as is, or an ``Event``-like object through its ``to_dict()``."""
    if isinstance(prediction, Mapping):
        return prediction
    to_dict = getattr(prediction, "to_dict", None)
    if callable(to_dict):
        record = to_dict()
        if isinstance(record, Mapping):
            return record
    raise TypeError(f"a prediction must be a dict (SCHEMA.md record), not {type(prediction).__name__}")


def _id_list(value: object) -> tuple[str, ...]:
    """Report ids from a list/tuple, or a ``;``-separated string; ``None`` gives ``()``."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(value, Iterable):
        return tuple(str(item) for item in value)
    return (str(value),)


def _by_id(events: Iterable[Event]) -> list[Event]:
    """Events sorted by id (stable), the fixed gold order the matching's tie-breaking relies on."""
    return sorted(events, key=event_id)


def _false_positive(
    index: int,
    prediction: Event,
    compatible: Sequence[int],
    golds: Sequence[Event],
    n_targets: int,
    report_id: str | None,
    negative: bool,
) -> FalsePositive:
    """Classify an unmatched prediction (every gold it is compatible with is matched to another one)."""
    targets = [j for j in compatible if j < n_targets]
    if targets:
        return FalsePositive(prediction, index, report_id, "duplicate", event_id(golds[targets[0]]))
    if compatible:
        return FalsePositive(
            prediction, index, report_id, "repeated background", event_id(golds[compatible[0]])
        )
    reason = "negative report" if negative else "no compatible gold event"
    return FalsePositive(prediction, index, report_id, reason)


def _matched_pair(
    gold: Event,
    prediction: Event,
    index: int,
    report_id: str | None,
    key: Callable[[object], Hashable],
    fused: bool,
) -> MatchedPair:
    """A hit with its field checks and, fused, its wrongly attached report ids."""
    attached: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    if fused:
        attached = tuple(dict.fromkeys(_id_list(prediction.get("report_ids"))))
        allowed = set(_id_list(gold.get("report_ids"))) | set(_id_list(gold.get("background_report_ids")))
        wrong = tuple(rid for rid in attached if rid not in allowed)
    checks = check_pair(gold, prediction, key)
    return MatchedPair(gold, prediction, index, report_id, checks, attached, wrong)


def _score_group(
    predictions: Sequence[Event],
    targets: Sequence[Event],
    background: Sequence[Event],
    key: Callable[[object], Hashable],
    *,
    report_id: str | None,
    fused: bool,
) -> Details:
    """Match predictions against target gold events (hits) and background events (neutral)."""
    golds = [*targets, *background]
    priorities = [1] * len(targets) + [0] * len(background)
    assignment = match_events(predictions, golds, key, priorities=priorities)
    gold_of = assignment.gold_of()
    matches, neutral = [], []
    for i, j in assignment.pairs:
        if j < len(targets):
            matches.append(_matched_pair(golds[j], predictions[i], i, report_id, key, fused))
        else:
            neutral.append(NeutralMatch(golds[j], predictions[i], i, report_id))
    taken = set(gold_of.values())
    misses = [Miss(gold, report_id) for j, gold in enumerate(targets) if j not in taken]
    false_positives = [
        _false_positive(
            i, p, assignment.compatible[i], golds, len(targets), report_id, not targets and not fused
        )
        for i, p in enumerate(predictions)
        if i not in gold_of
    ]
    return Details(tuple(matches), tuple(misses), tuple(false_positives), tuple(neutral))


def _targets_of(report: Event, index: Mapping[str, Event], events: Sequence[Event]) -> list[Event]:
    """The gold events a report reports: its ``event_ids``, or else the events listing it in ``report_ids``."""
    report_id = str(report.get("id"))
    if "event_ids" not in report:
        return _by_id(e for e in events if report_id in _id_list(e.get("report_ids")))
    unknown = [eid for eid in _id_list(report.get("event_ids")) if eid not in index]
    if unknown:
        raise ReportParseError(
            f"report {report_id} lists unknown gold event(s) {', '.join(unknown)}",
            source="gold",
            report_id=report_id,
        )
    return _by_id(index[eid] for eid in _id_list(report.get("event_ids")))


def _background_index(events: Iterable[Event]) -> dict[str, list[Event]]:
    """``{report id: events that report mentions only in passing}``."""
    found: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for rid in _id_list(event.get("background_report_ids")):
            found[rid].append(event)
    return found


def _total(parts: Iterable[Details]) -> Details:
    """The details of several reports together."""
    total = Details()
    for part in parts:
        total = total + part
    return total


def score_per_report(
    predictions_by_report: Mapping[str, Sequence[object]],
    reports: Sequence[Event],
    gold_events: Sequence[Event],
    *,
    actor_key: ActorKey | None = None,
) -> Scores:
    """Per-report task: each report's predictions against the gold events it reports, summed over reports.

    A prediction matched to an event that lists the report in ``background_report_ids`` is neutral (neither a
    hit nor a false positive); real events are matched first. A negative report (``event_ids: []``) must yield
    nothing: each prediction there is a false positive, unless it matches an event the report mentions in
    passing (also neutral there). Reports absent from ``predictions_by_report`` yielded nothing; keys that are
    not gold reports are not scored and are listed in ``unscored_report_ids``.

    Args:
        predictions_by_report: ``{report id: [SCHEMA.md event dicts]}``.
        reports: the gold reports (``id``, ``language``, ``event_ids``).
        gold_events: all gold events (``id``, ``report_ids``, ``background_report_ids``, SCHEMA.md fields).
        actor_key: maps an actor name to its dictionary entry; default: case/whitespace-folded name.

    Raises:
        ReportParseError: [E101] a report lists an event id that is not among ``gold_events``.
    """
    key = make_actor_key(actor_key)
    index = {event_id(e): e for e in gold_events}
    background = _background_index(gold_events)
    by_language: dict[str, list[Details]] = defaultdict(list)
    parts = []
    for report in reports:
        report_id = str(report.get("id"))
        targets = _targets_of(report, index, gold_events)
        target_ids = {event_id(e) for e in targets}
        passing = _by_id(e for e in background.get(report_id, []) if event_id(e) not in target_ids)
        predictions = [as_record(p) for p in predictions_by_report.get(report_id, ())]
        details = _score_group(predictions, targets, passing, key, report_id=report_id, fused=False)
        parts.append(details)
        language = str(report.get("language") or UNKNOWN_LANGUAGE)
        by_language[language].append(details)
    known = {str(r.get("id")) for r in reports}
    languages = {
        lang: Scores(task="per_report", details=_total(by_language[lang]), reports=len(by_language[lang]))
        for lang in sorted(by_language)
    }
    return Scores(
        task="per_report",
        details=_total(parts),
        reports=len(reports),
        by_language=languages,
        unscored_report_ids=tuple(sorted(rid for rid in predictions_by_report if rid not in known)),
    )


def score_fused(
    predictions: Sequence[object],
    gold_events: Sequence[Event],
    *,
    actor_key: ActorKey | None = None,
) -> Scores:
    """Fused task: all predictions against every gold event that has reports (non-empty ``report_ids``).

    An event with empty ``report_ids`` is mentioned only in passing by the corpus's reports: it is never a
    gold event to find (no miss), and, as in the per-report task, a prediction matched to it is neutral
    (neither a hit nor a false positive); real events are matched first. Also counts duplicates (false
    positives compatible with an already matched gold event) and wrong merges (a matched prediction's report
    ids that are neither among the gold's ``report_ids`` nor its ``background_report_ids``).

    Args:
        predictions: SCHEMA.md event dicts, each with ``report_ids``.
        gold_events: all gold events.
        actor_key: maps an actor name to its dictionary entry; default: case/whitespace-folded name.
    """
    key = make_actor_key(actor_key)
    records = [as_record(p) for p in predictions]
    targets = _by_id(e for e in gold_events if _id_list(e.get("report_ids")))
    passing = _by_id(e for e in gold_events if not _id_list(e.get("report_ids")))
    details = _score_group(records, targets, passing, key, report_id=None, fused=True)
    return Scores(task="fused", details=details)
