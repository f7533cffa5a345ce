"""What a run that feeds reports into the store did, in counts (``eventcoder ingest``, ``eventcoder batch``)."""

from __future__ import annotations

from dataclasses import dataclass

from eventcoder.store._ingest import IngestResult

__all__ = ["IngestSummary"]


@dataclass
class IngestSummary:
    """What a run of ``eventcoder ingest`` did: reports read, and what became of the events."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    created: int = 0
    updated: int = 0
    merged: int = 0
    undated: int = 0
    failed: int = 0

    def count(self, outcome: IngestResult, *, undated: bool) -> None:
        """Add what ingesting one report did (``undated``: it had no publication date)."""
        if outcome.duplicate:
            self.duplicates += 1
            return
        self.new += 1
        self.undated += undated
        self.created += len(outcome.created)
        self.updated += len(outcome.updated)
        self.merged += len(outcome.merged)

    def events_line(self) -> str:
        return f"events: {self.created} created, {self.updated} updated, {self.merged} merged away"

    def undated_lines(self) -> list[str]:
        if not self.undated:
            return []
        return [f"{self.undated} report(s) had no publication date: relative dates left unresolved "
                "(give --published)"]

    def lines(self) -> list[str]:
        out = [f"reports read: {self.read} ({self.new} new, {self.duplicates} already stored)", self.events_line(),
               *self.undated_lines()]
        if self.failed:
            out.append(f"{self.failed} input(s) failed (see above)")
        return out
