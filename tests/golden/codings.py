"""Golden codings: what eventcoder extracts today from every corpus report and the worked example, field by
field, so that moving code (issue 16) shows every change in output. ``python tests/golden/codings.py``
writes ``tests/golden/codings.jsonl`` again; a change to it must be a fix, said in the commit."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
GOLDEN = HERE / "codings.jsonl"
WORKED_EXAMPLE = "examples/newarab-2023-04-21-jnim-mali"
VOLATILE = ("timestamp",)  # when the record was made, not what the text says


def corpus_reports(shared: Path) -> list[Any]:
    """The corpus's reports and the worked example, as ``Report`` records."""
    from eventcoder.evaluate import load_gold
    from eventcoder.ingest import read_path, report_from_dict

    corpus = shared / "corpus"
    gold = load_gold(corpus / "events.jsonl", corpus / "reports.jsonl")
    reports = [report_from_dict(r, source=f"corpus:{r.get('id')}") for r in gold.reports]
    example = json.loads((shared / f"{WORKED_EXAMPLE}.gold.json").read_text("utf-8"))
    reports += read_path(shared / f"{WORKED_EXAMPLE}.txt", published=example["report"]["published"])
    return reports


def codings(pipeline: Any, reports: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """``{report id: [event dicts]}`` as the pipeline codes them, one report at a time."""
    return {report.id: [{k: v for k, v in event.to_dict().items() if k not in VOLATILE}
                        for event in pipeline.extract_report(report)] for report in reports}


def read_golden() -> dict[str, list[dict[str, Any]]]:
    rows = [json.loads(line) for line in GOLDEN.read_text("utf-8").splitlines() if line.strip()]
    return {row["report"]: row["events"] for row in rows}


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    from conftest import find_shared  # type: ignore[import-not-found]
    from eventcoder.pipeline import Pipeline

    shared = find_shared()
    if shared is None:
        raise SystemExit("the shared folder with the corpus is not available (set EVENTCODER_SHARED)")
    coded = codings(Pipeline(warn=None), corpus_reports(shared))
    with GOLDEN.open("w", encoding="utf-8") as out:
        for report_id in sorted(coded):
            out.write(json.dumps({"report": report_id, "events": coded[report_id]}, ensure_ascii=False,
                                 sort_keys=True) + "\n")
    print(f"{GOLDEN}: {len(coded)} reports, {sum(map(len, coded.values()))} events")


if __name__ == "__main__":
    main()
