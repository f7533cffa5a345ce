"""Result records of a scoring run: ratios with their denominators, outcomes, and the figures built on them."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ._fields import FIELD_FIGURES, FieldDiff, field_diffs

__all__ = [
    "Details",
    "FalsePositive",
    "MatchedPair",
    "Miss",
    "NeutralMatch",
    "Ratio",
    "Scores",
    "Speed",
    "SpeedMeter",
    "event_id",
]

Event = Mapping[str, Any]


def event_id(event: Event) -> str:
    """An event's id: ``id`` (corpus gold) or ``event_id_cnty`` (SCHEMA.md records), else ``""``."""
    return str(event.get("id") or event.get("event_id_cnty") or "")


@dataclass(frozen=True, slots=True)
class Ratio:
    """A figure as numerator/denominator; ``value`` is ``None`` when the denominator is 0."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def format(self, digits: int = 2) -> str:
        """``"0.82 (41/50)"``, or ``"n/a (0/0)"``."""
        value = self.value
        shown = f"{value:.{digits}f}" if value is not None else "n/a"
        return f"{shown} ({self.numerator}/{self.denominator})"

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "numerator": self.numerator, "denominator": self.denominator}


@dataclass(frozen=True, slots=True)
class Speed:
    """End-to-end speed over the corpus, measured by the caller (EVALUATION.md "speed")."""

    reports: int
    seconds: float
    peak_memory_bytes: int | None = None

    @property
    def reports_per_second(self) -> float | None:
        return self.reports / self.seconds if self.seconds > 0 else None

    def __str__(self) -> str:
        rate = self.reports_per_second
        text = f"{rate:.1f} reports/s" if rate is not None else "n/a reports/s"
        text += f" ({self.reports} reports in {self.seconds:.2f} s)"
        if self.peak_memory_bytes is not None:
            text += f", peak memory {self.peak_memory_bytes / 2**20:.0f} MiB"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "seconds": self.seconds,
            "reports_per_second": self.reports_per_second,
            "peak_memory_bytes": self.peak_memory_bytes,
        }


class SpeedMeter:
    """Context manager timing a run and reading the process's peak resident memory.

    Example:
        >>> with SpeedMeter() as meter:
        ...     predictions = [...]  # run the pipeline
        >>> scores = scores.with_speed(meter.speed(reports=121))
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __enter__(self) -> SpeedMeter:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._start

    @staticmethod
    def peak_memory_bytes() -> int:
        """Peak resident set size of this process so far (``ru_maxrss``: KiB on Linux, bytes on macOS)."""
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(peak if sys.platform == "darwin" else peak * 1024)

    def speed(self, reports: int) -> Speed:
        """The measured ``Speed`` for ``reports`` reports."""
        return Speed(reports=reports, seconds=self.seconds, peak_memory_bytes=self.peak_memory_bytes())


@dataclass(frozen=True, slots=True)
class MatchedPair:
    """A prediction matched to a gold event it was meant to find (a hit).

    ``report_id`` is the report scored (per-report task) or ``None`` (fused). ``checks`` holds each figure of
    ``FIELD_FIGURES``; ``wrong_report_ids`` the prediction's report ids that are neither among the gold's
    ``report_ids`` nor its ``background_report_ids`` (fused only).
    """

    gold: Event
    prediction: Event
    prediction_index: int
    report_id: str | None
    checks: Mapping[str, bool]
    attached_report_ids: tuple[str, ...] = ()
    wrong_report_ids: tuple[str, ...] = ()

    @property
    def gold_id(self) -> str:
        return event_id(self.gold)

    @property
    def differences(self) -> tuple[FieldDiff, ...]:
        """The figures this pair got wrong, with gold and predicted values."""
        return field_diffs(self.gold, self.prediction, self.checks)


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold event no prediction matched."""

    gold: Event
    report_id: str | None

    @property
    def gold_id(self) -> str:
        return event_id(self.gold)


@dataclass(frozen=True, slots=True)
class FalsePositive:
    """A prediction left unmatched.

    ``reason`` is ``"duplicate"`` (compatible with a gold event that another prediction matched; ``gold_id``
    names it), ``"repeated background"`` (compatible only with a background event already matched),
    ``"negative report"`` (per report: the report reports no event) or ``"no compatible gold event"``.
    """

    prediction: Event
    prediction_index: int
    report_id: str | None
    reason: str
    gold_id: str | None = None


@dataclass(frozen=True, slots=True)
class NeutralMatch:
    """A prediction matched to a background event: neither a hit nor a false positive."""

    gold: Event
    prediction: Event
    prediction_index: int
    report_id: str | None

    @property
    def gold_id(self) -> str:
        return event_id(self.gold)


@dataclass(frozen=True, slots=True)
class Details:
    """Every outcome of a scoring run; figures are counted from these."""

    matches: tuple[MatchedPair, ...] = ()
    misses: tuple[Miss, ...] = ()
    false_positives: tuple[FalsePositive, ...] = ()
    neutral: tuple[NeutralMatch, ...] = ()

    def __add__(self, other: Details) -> Details:
        return Details(
            matches=self.matches + other.matches,
            misses=self.misses + other.misses,
            false_positives=self.false_positives + other.false_positives,
            neutral=self.neutral + other.neutral,
        )


@dataclass(frozen=True)
class Scores:
    """Every figure of EVALUATION.md for one task, each with its numerator and denominator.

    Counts: ``gold`` = matched + misses; ``predicted`` = matched + false positives (predictions matched to
    background events are ``neutral`` and counted in neither). Per report these are sums over reports.
    ``by_language`` holds the same figures for the reports of each language (per-report task only).
    ``speed`` is filled in by the caller (``with_speed``).
    """

    task: str
    details: Details = field(repr=False)
    reports: int | None = None
    by_language: Mapping[str, Scores] = field(default_factory=dict)
    speed: Speed | None = None
    unscored_report_ids: tuple[str, ...] = ()

    @property
    def matched(self) -> int:
        return len(self.details.matches)

    @property
    def gold(self) -> int:
        return self.matched + len(self.details.misses)

    @property
    def predicted(self) -> int:
        return self.matched + len(self.details.false_positives)

    @property
    def neutral(self) -> int:
        return len(self.details.neutral)

    @property
    def precision(self) -> Ratio:
        return Ratio(self.matched, self.predicted)

    @property
    def recall(self) -> Ratio:
        return Ratio(self.matched, self.gold)

    @property
    def f1(self) -> Ratio:
        """F1 as the exact ratio 2·matched / (gold + predicted)."""
        return Ratio(2 * self.matched, self.gold + self.predicted)

    @property
    def fields(self) -> dict[str, Ratio]:
        """Accuracy of each figure of ``FIELD_FIGURES`` over the matched pairs."""
        total = self.matched
        return {
            name: Ratio(sum(1 for pair in self.details.matches if pair.checks[name]), total)
            for name in FIELD_FIGURES
        }

    @property
    def duplicates(self) -> Ratio | None:
        """Fused: unmatched predictions compatible with an already matched gold event, over all predicted."""
        if self.task != "fused":
            return None
        count = sum(1 for fp in self.details.false_positives if fp.reason == "duplicate")
        return Ratio(count, self.predicted)

    @property
    def wrong_merges(self) -> Ratio | None:
        """Fused: report ids wrongly attached to matched predictions, over all report ids attached to them."""
        if self.task != "fused":
            return None
        wrong = sum(len(pair.wrong_report_ids) for pair in self.details.matches)
        attached = sum(len(pair.attached_report_ids) for pair in self.details.matches)
        return Ratio(wrong, attached)

    @property
    def wrong_merge_events(self) -> Ratio | None:
        """Fused: matched pairs whose prediction has at least one wrong report id, over matched pairs."""
        if self.task != "fused":
            return None
        return Ratio(sum(1 for pair in self.details.matches if pair.wrong_report_ids), self.matched)

    def f1_text(self, digits: int = 2) -> str:
        """``"0.82 (41/50 gold, 46 predicted)"``: F1 with recall's fraction and the predicted count."""
        value = self.f1.value
        shown = f"{value:.{digits}f}" if value is not None else "n/a"
        return f"{shown} ({self.matched}/{self.gold} gold, {self.predicted} predicted)"

    def with_speed(self, speed: Speed) -> Scores:
        """A copy with the caller's speed measurement."""
        return replace(self, speed=speed)

    def to_dict(self) -> dict[str, Any]:
        """Every figure as JSON-ready values (``value``, ``numerator``, ``denominator`` for each ratio)."""
        optional = {
            "duplicates": self.duplicates,
            "wrong_merges": self.wrong_merges,
            "wrong_merge_events": self.wrong_merge_events,
        }
        return {
            "task": self.task,
            "reports": self.reports,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "misses": len(self.details.misses),
            "false_positives": len(self.details.false_positives),
            "neutral": self.neutral,
            "precision": self.precision.to_dict(),
            "recall": self.recall.to_dict(),
            "f1": self.f1.to_dict(),
            "fields": {name: ratio.to_dict() for name, ratio in self.fields.items()},
            **{name: ratio.to_dict() for name, ratio in optional.items() if ratio is not None},
            "speed": self.speed.to_dict() if self.speed is not None else None,
            "unscored_report_ids": list(self.unscored_report_ids),
            "by_language": {lang: sub.to_dict() for lang, sub in self.by_language.items()},
        }
