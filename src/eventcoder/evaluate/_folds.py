"""Leave-one-fold-out scoring: folds of the corpus by event, and the vocabulary only one fold uses.

eventcoder's rules are written, not trained, so a fold cannot be "left out of training". What can be left
out is the vocabulary: a lexicon word or phrase that occurs in the reports of one fold only was, in all
likelihood, added for those reports. Scoring each fold with such entries removed (``Lexicon.without``) shows
how much of a figure rests on words no other fold needs, which is what a rule that only fits its own fold
looks like. A single word common in the language at large (``wordfreq`` Zipf frequency of at least
``COMMON_ZIPF``: once per million words) is general vocabulary, not a fitted rule, and stays; phrases of
several words, names and rare words go. Folds keep every report of an event together (reports that share gold events are one unit), so a
fold's events are never seen through another fold's reports.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._scores import Scores

__all__ = ["COMMON_ZIPF", "FoldResult", "assign_folds", "common_word", "fold_specific_entries"]

COMMON_ZIPF = 3.0


def _stable_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _units(reports: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    """Groups of report ids that share a gold event (connected components), each sorted."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for report in reports:
        rid = f"r:{report.get('id')}"
        find(rid)
        for eid in report.get("event_ids") or ():
            parent[find(rid)] = find(f"e:{eid}")
    groups: dict[str, list[str]] = {}
    for report in reports:
        rid = f"r:{report.get('id')}"
        groups.setdefault(find(rid), []).append(str(report.get("id")))
    return [sorted(ids) for ids in groups.values()]


def assign_folds(reports: Sequence[Mapping[str, Any]], folds: int) -> dict[str, int]:
    """``{report id: fold}`` with ``folds`` folds (0..folds-1), deterministic and balanced by report count.

    Reports that share a gold event land in the same fold; reports with no event are units of their own.
    Units are placed largest first, ties broken by a hash of their ids, each into the smallest fold so far.
    """
    if folds < 2:
        raise ValueError("leave-one-fold-out needs at least 2 folds")
    units = sorted(_units(reports), key=lambda ids: (-len(ids), _stable_key(ids[0])))
    sizes = [0] * folds
    assignment: dict[str, int] = {}
    for ids in units:
        fold = min(range(folds), key=lambda f: (sizes[f], f))
        sizes[fold] += len(ids)
        assignment.update(dict.fromkeys(ids, fold))
    return assignment


def _entry_pattern(entry: str) -> re.Pattern[str]:
    """A phrase as the lexicon matches it: whole words at the start, any ending after a letter."""
    return re.compile(r"(?<![\w-])" + re.escape(entry.lower()), re.I)


def common_word(entry: str, language: str) -> bool:
    """Whether ``entry`` is one word used at least once per million words of ``language`` (wordfreq).

    Raises:
        ModuleNotFoundError: wordfreq is not installed (it comes with eventcoder's ``dev`` extra).
    """
    from wordfreq import zipf_frequency

    return len(entry.split()) == 1 and zipf_frequency(entry, language) >= COMMON_ZIPF


def fold_specific_entries(entries: Iterable[str], texts_by_fold: Mapping[int, Sequence[str]],
                          keep: Callable[[str], bool] | None = None) -> dict[int, set[str]]:
    """``{fold: entries that occur in that fold's texts and in no other fold's}``, less those ``keep`` keeps.

    ``texts_by_fold`` holds, per fold, the texts to search: a report's words and its lemmas, lower-cased, so
    that a trigger listed by lemma ("ambush") is found in "ambushed".
    """
    joined = {fold: "\n".join(texts) for fold, texts in texts_by_fold.items()}
    found: dict[int, set[str]] = {fold: set() for fold in joined}
    for entry in entries:
        if keep is not None and keep(entry):
            continue
        pattern = _entry_pattern(entry)
        where = [fold for fold, text in joined.items() if pattern.search(text)]
        if len(where) == 1:
            found[where[0]].add(entry)
    return found


@dataclass(frozen=True)
class FoldResult:
    """One fold: its reports, the lexicon entries only it uses, and (per report) its figures both ways."""

    fold: int
    report_ids: tuple[str, ...]
    dropped: tuple[str, ...]
    full: Scores | None = None
    held_out: Scores | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "fold": self.fold,
            "reports": len(self.report_ids),
            "dropped_entries": list(self.dropped),
            "full": self.full.to_dict() if self.full is not None else None,
            "held_out": self.held_out.to_dict() if self.held_out is not None else None,
        }
