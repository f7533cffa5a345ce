"""Core benchmark: the whole pipeline against bare spaCy on the same texts.

Each measurement runs in its own subprocess so that peak memory (ru_maxrss) belongs to it alone. Models,
gazetteer and dictionary are loaded and warmed before the clock starts; the figure is steady-state
throughput on one core.

    python bench/core_bench.py [--corpus PATH/reports.jsonl] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(os.environ.get("EVENTCODER_SHARED", Path(__file__).resolve().parents[2] / "shared")) / \
    "corpus" / "reports.jsonl"


def _reports(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _bare(path: Path, repeat: int) -> dict:
    from eventcoder.lexicon import languages, load_lexicon
    from eventcoder.nlp import spacy_pipeline

    reports = _reports(path)
    models = {lang: spacy_pipeline(load_lexicon(lang).model) for lang in languages()}
    for lang, nlp in models.items():
        nlp("warm up " + lang)
    start = time.perf_counter()
    for _ in range(repeat):
        for report in reports:
            models[report.get("language") or "en"](report["text"])
    seconds = time.perf_counter() - start
    return {"reports": len(reports) * repeat, "seconds": seconds}


def _pipeline(path: Path, repeat: int) -> dict:
    from eventcoder.ingest import report_from_dict
    from eventcoder.pipeline import Pipeline

    reports = [report_from_dict(r, source=str(r.get("id"))) for r in _reports(path)]
    pipeline = Pipeline(warn=None)
    for language in ("en", "fr"):
        warm = next(r for r in reports if r.language == language)
        pipeline.extract_report(warm)
    start = time.perf_counter()
    events = 0
    for _ in range(repeat):
        for report in reports:
            events += len(pipeline.extract_report(report))
    seconds = time.perf_counter() - start
    return {"reports": len(reports) * repeat, "seconds": seconds, "events": events}


def _child(kind: str, path: Path, repeat: int) -> None:
    result = _bare(path, repeat) if kind == "bare" else _pipeline(path, repeat)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _run(kind: str, path: Path, repeat: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, "--corpus", str(path), "--repeat", str(repeat)],
                         check=True, capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_core_bench(path: Path = DEFAULT_CORPUS, repeat: int = 2) -> dict:
    """Reports/s and peak memory of bare spaCy and of the whole pipeline, and their ratio."""
    bare = _run("bare", path, repeat)
    full = _run("pipeline", path, repeat)
    bare_rate = bare["reports"] / bare["seconds"]
    full_rate = full["reports"] / full["seconds"]
    return {"bare_rps": bare_rate, "pipeline_rps": full_rate, "ratio": full_rate / bare_rate,
            "bare_peak_mib": bare["peak_mib"], "pipeline_peak_mib": full["peak_mib"],
            "reports": full["reports"], "events": full["events"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", choices=["bare", "pipeline"])
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.corpus, args.repeat)
        return
    r = run_core_bench(args.corpus, args.repeat)
    print(f"{'':28} {'reports/s':>10} {'peak MiB':>9}")
    print(f"{'bare spaCy (sm, en+fr)':28} {r['bare_rps']:10.1f} {r['bare_peak_mib']:9.0f}")
    print(f"{'whole pipeline':28} {r['pipeline_rps']:10.1f} {r['pipeline_peak_mib']:9.0f}")
    print(f"ratio pipeline/bare: {r['ratio']:.2f} ({r['reports']} reports, {r['events']} events)")


if __name__ == "__main__":
    main()
