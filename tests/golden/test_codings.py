"""Today's codings of the corpus and the worked example, pinned field by field (see ``codings.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .codings import GOLDEN, codings, corpus_reports, read_golden

pytestmark = pytest.mark.slow


def _differences(report_id: str, got: list[dict[str, Any]], want: list[dict[str, Any]]) -> list[str]:
    if len(got) != len(want):
        return [f"{report_id}: {len(got)} events, golden {len(want)}"]
    lines = []
    for index, (event, golden) in enumerate(zip(got, want, strict=True)):
        for field in sorted(set(event) | set(golden)):
            if event.get(field) != golden.get(field):
                lines.append(f"{report_id}[{index}].{field}: {event.get(field)!r:.160} != golden "
                             f"{golden.get(field)!r:.160}")
    return lines


def test_codings_match_the_golden_file(shared: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    golden = read_golden()
    coded = codings(pipeline, corpus_reports(shared))
    assert sorted(coded) == sorted(golden), "the corpus changed: run tests/golden/codings.py"
    lines = [line for report_id in sorted(coded)
             for line in _differences(report_id, coded[report_id], golden[report_id])]
    assert not lines, (f"{len(lines)} fields differ from {GOLDEN.name} (a fix? run tests/golden/codings.py "
                       "and say so in the commit):\n" + "\n".join(lines[:80]))
