"""Reading the reports a command is given: every good one is kept, every bad one is named."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from eventcoder.errors import EventcoderError
from eventcoder.ingest import each_error, read_reports
from eventcoder.records import Report

__all__ = ["read_inputs"]


def read_inputs(paths: Iterable[str] | None, published: str | None) -> tuple[list[Report], list[str]]:
    """The readable reports of files, folders and ``-``, and one message per unreadable file or line.

    Each problem is printed on stderr as it is found (``eventcoder: [E101] cannot read x.jsonl:7: ...``), a
    line with several bad fields once per field (``[E105] x.jsonl:9: "outlet" must be a string, ...``);
    the caller decides the exit code once the good reports are processed.
    """
    problems: list[str] = []

    def note(exc: EventcoderError) -> None:
        problems.append(str(exc))
        for error in each_error(exc):
            print(f"eventcoder: {error}", file=sys.stderr)

    reports = list(read_reports(list(paths or ["-"]), published=published, on_error=note))
    return reports, problems
