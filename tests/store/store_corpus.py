"""The shared corpus's reports with their mentions, for the store's corpus tests and the bench.

Mentions come from a snapshot (``data/corpus_mentions.jsonl.gz``: one line per report, ``{"report_id",
"mentions"}``) so the store's tests do not run the NLP pipeline; the reports themselves are read from the
shared corpus. Regenerate the snapshot after the extraction changes:

    .venv/bin/python tests/store/store_corpus.py            # runs the pipeline over the corpus (~30 s)
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

from eventcoder.records import Mention, Report
from eventcoder.store.convert import mention_from_json, mention_to_json

__all__ = ["SNAPSHOT", "corpus_dir", "load_corpus", "load_reports", "write_snapshot"]

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "data" / "corpus_mentions.jsonl.gz"
ROOT = HERE.parents[1]


def corpus_dir() -> Path | None:
    """``$EVENTCODER_SHARED/corpus``, ``./shared/corpus`` or ``../shared/corpus``, where reports.jsonl is."""
    for candidate in (os.environ.get("EVENTCODER_SHARED"), ROOT / "shared", ROOT.parent / "shared"):
        if candidate and (Path(candidate) / "corpus" / "reports.jsonl").is_file():
            return Path(candidate) / "corpus"
    return None


def load_reports(path: Path) -> list[Report]:
    from eventcoder.ingest import report_from_dict

    with path.open(encoding="utf-8") as fh:
        return [report_from_dict(json.loads(line), source=f"{path}:{n}") for n, line in enumerate(fh, 1)
                if line.strip()]


def load_corpus() -> list[tuple[Report, list[Mention]]] | None:
    """Each corpus report with its snapshot mentions, in publication order; ``None`` if either is missing."""
    found = corpus_dir()
    if found is None or not SNAPSHOT.is_file():
        return None
    reports = {r.id: r for r in load_reports(found / "reports.jsonl")}
    items = []
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as fh:
        for line in fh:
            data = json.loads(line)
            if data["report_id"] in reports:
                items.append((reports[data["report_id"]], [mention_from_json(m) for m in data["mentions"]]))
    return sorted(items, key=lambda item: (item[0].published or "", item[0].id))


def write_snapshot(path: Path = SNAPSHOT) -> int:
    """Run the pipeline over the corpus and write the snapshot; returns the number of mentions."""
    from eventcoder.pipeline import Pipeline

    found = corpus_dir()
    if found is None:
        raise SystemExit("the shared corpus is not found (set EVENTCODER_SHARED)")
    pipeline = Pipeline(warn=None)
    total = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        for report in load_reports(found / "reports.jsonl"):
            mentions = pipeline.mentions(report)
            total += len(mentions)
            out.write(json.dumps({"report_id": report.id, "mentions": [mention_to_json(m) for m in mentions]},
                                 ensure_ascii=False, sort_keys=True) + "\n")
    return total


if __name__ == "__main__":
    count = write_snapshot(Path(sys.argv[1]) if len(sys.argv) > 1 else SNAPSHOT)
    print(f"wrote {count} mentions to {SNAPSHOT}")
