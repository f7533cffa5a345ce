"""Batch benchmark: `ingest` (one process) against `batch --local 1` and `batch --local 2` on the same input.

The input is the corpus reports plus the Wikinews articles of GeoVirus (news without political violence:
epidemics, which still speak of deaths), given publication dates across the corpus's years, replicated to
``--reports`` reports (ids ``<id>~<k>``; each copy ends with k extra newlines, so its text, and its content
hash, differ and the store's duplicate check does not skip it), in publication order like a feed.

Each run is the real command in its own process, from start-up (models, cluster) to the last write; the
events of every batch are compared with ingest's (ids included). Also measured: the prefilter on one core
(reports/s, drop rate), CPU time of each run (reports per CPU-second, the per-core figure scaling.md uses),
peak memory per worker, and the load average (before, and sampled during each run), since the machine may
be shared.

    python bench/batch_bench.py [--reports 5000] [--workers 1,2] [--blocks 2] [--skip-ingest] [--partition-size 100]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", ROOT.parent / "shared"))
EVENTCODER = [sys.executable, "-c", "from eventcoder.cli.app import main; main()"]


def build_input(path: Path, target: int) -> dict[str, int]:
    """Write the benchmark's JSON Lines; return how many reports of each kind it holds."""
    corpus = [json.loads(line) for line in (SHARED / "corpus" / "reports.jsonl").read_text("utf-8").splitlines()
              if line.strip()]
    dates = sorted({r["published"] for r in corpus if r.get("published")})
    root = ET.parse(SHARED / "data" / "geoparsing" / "GeoVirus.xml").getroot()
    news = [{"id": f"wikinews-{i:03d}", "text": a.findtext("text") or "", "url": a.findtext("source"),
             "outlet": "Wikinews", "language": "en", "published": dates[(i * 7) % len(dates)]}
            for i, a in enumerate(root.iter("article"))]
    base = [{k: r.get(k) for k in ("id", "text", "published", "language", "title", "url", "outlet")}
            for r in corpus] + news
    copies = -(-target // len(base))
    rows = []
    for k in range(copies):
        for report in base:
            rows.append({**report, "id": f"{report['id']}~{k:02d}", "text": report["text"] + "\n" * k})
    rows.sort(key=lambda r: (r["published"] or "", r["id"]))
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"reports": len(rows), "corpus": len(corpus) * copies, "news": len(news) * copies, "copies": copies}


def prefilter_figures(path: Path) -> dict[str, float]:
    from eventcoder.ingest import report_from_dict
    from eventcoder.ingest.prefilter import Prefilter

    reports = [report_from_dict(json.loads(line), source="bench") for line in path.read_text("utf-8").splitlines()]
    prefilter = Prefilter.load()
    started = time.process_time()
    kept = [prefilter.keep(r) for r in reports]
    cpu = time.process_time() - started
    news = [k for r, k in zip(reports, kept, strict=True) if r.id.startswith("wikinews-")]
    return {"rate": len(reports) / cpu, "drop": 1 - sum(kept) / len(kept), "drop_news": 1 - sum(news) / len(news)}


class LoadSampler:
    """The 1-minute load average every 5 s while a run lasts."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(5):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(name: str, command: list[str], reports: int) -> dict[str, object]:
    before_load = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with LoadSampler() as sampler:
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"{name} failed with exit code {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = re.search(r"peak memory per worker (\d+) MB", done.stdout)
    kept = re.search(r"prefilter: (\d+) kept, (\d+) dropped", done.stdout)
    return {
        "name": name, "seconds": seconds, "rate": reports / seconds, "cpu": cpu, "per_cpu_second": reports / cpu,
        "peak_mb": float(peak.group(1)) if peak else after.ru_maxrss / 1024,
        "load_before": before_load[0],
        "load_during": sum(sampler.samples) / len(sampler.samples) if sampler.samples else os.getloadavg()[0],
        "dropped": int(kept.group(2)) if kept else 0,
        "stdout": done.stdout,
    }


def events(url: str) -> list[dict[str, object]]:
    from eventcoder.store import EventStore

    with EventStore(url) as store:  # every field but the time of the write
        return [{k: v for k, v in event.to_dict().items() if k != "timestamp"}
                for event in store.iter_events(order="event_id_cnty")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=5000, help="at least this many reports (default 5000)")
    parser.add_argument("--workers", default="1,2", help="worker counts for batch --local (default 1,2)")
    parser.add_argument("--blocks", default="2", help="worker counts for batch --local N --fusion blocks "
                                                      "(default 2; empty: none)")
    parser.add_argument("--partition-size", type=int, default=100)
    parser.add_argument("--skip-ingest", action="store_true", help="no ingest run (no speed-up, no comparison)")
    parser.add_argument("--keep", type=Path, help="keep the input and databases in this folder")
    args = parser.parse_args()
    if not (SHARED / "corpus" / "reports.jsonl").exists():
        print(f"the shared corpus is not at {SHARED} (set EVENTCODER_SHARED)", file=sys.stderr)
        return 1
    work = args.keep or Path(tempfile.mkdtemp(prefix="eventcoder-batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "bench.jsonl"
    sizes = build_input(data, args.reports)
    total = sizes["reports"]
    print(f"input: {total} reports ({sizes['corpus']} corpus, {sizes['news']} Wikinews; {sizes['copies']} copies "
          f"of each), {data.stat().st_size / 1e6:.1f} MB; {os.cpu_count()} cores; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    pre = prefilter_figures(data)
    print(f"prefilter: {pre['rate']:.0f} reports/s on one core (CPU time), drops {pre['drop']:.1%} of all reports, "
          f"{pre['drop_news']:.1%} of the Wikinews ones", flush=True)

    runs = []
    if not args.skip_ingest:
        db = work / "ingest.db"
        db.unlink(missing_ok=True)
        runs.append(run("ingest (1 process)", [*EVENTCODER, "ingest", str(data), "--db", f"sqlite:///{db}", "-q"],
                        total))
        print(f"  {runs[-1]['name']}: {runs[-1]['rate']:.2f} reports/s", flush=True)
    batches = [(f"batch --local {w}", f"batch{w}.db", ["--local", w]) for w in args.workers.split(",") if w]
    batches += [(f"batch --local {w} --fusion blocks", f"blocks{w}.db", ["--local", w, "--fusion", "blocks"])
                for w in args.blocks.split(",") if w]
    for name, file, options in batches:
        db = work / file
        db.unlink(missing_ok=True)
        runs.append(run(name, [*EVENTCODER, "batch", str(data), *options, "--db", f"sqlite:///{db}",
                               "--partition-size", str(args.partition_size), "-q"], total))
        print(f"  {runs[-1]['name']}: {runs[-1]['rate']:.2f} reports/s", flush=True)

    same: dict[str, str] = {}
    if not args.skip_ingest:
        reference = events(f"sqlite:///{work / 'ingest.db'}")
        for name, file, _ in batches:
            same[name] = "yes" if events(f"sqlite:///{work / file}") == reference else "NO"
    base = runs[0]["rate"] if not args.skip_ingest else None

    print(f"\n{'run':<34} {'wall s':>8} {'reports/s':>10} {'speed-up':>9} {'CPU s':>8} {'rep/CPU-s':>10} "
          f"{'dropped':>8} {'peak MB/worker':>15} {'load before':>12} {'load during':>12} {'= ingest':>9}")
    for r in runs:
        speed = f"{r['rate'] / base:.2f}x" if base else "-"  # type: ignore[operator]
        print(f"{r['name']:<34} {r['seconds']:>8.1f} {r['rate']:>10.2f} {speed:>9} {r['cpu']:>8.1f} "
              f"{r['per_cpu_second']:>10.2f} {r['dropped']:>8} {r['peak_mb']:>15.0f} {r['load_before']:>12.2f} "
              f"{r['load_during']:>12.2f} {same.get(str(r['name']), '-'):>9}")
    rates = {r["name"]: r["rate"] for r in runs if str(r["name"]).startswith("batch")}
    one = rates.get("batch --local 1")
    for name, rate in rates.items():
        if one and name != "batch --local 1":  # the workers' scaling, prefilter on both sides
            print(f"scaling: {name} / batch --local 1 = {rate / one:.2f}x")  # type: ignore[operator]
    for r in runs:
        print(f"\n{r['name']}:\n" + "\n".join("  " + line for line in str(r["stdout"]).splitlines()))
    print(f"\nprefilter: {pre['rate']:.0f} reports/s per core, drop rate {pre['drop']:.1%} "
          f"(Wikinews {pre['drop_news']:.1%}). Wall-clock figures include start-up (models; cluster) and depend "
          "on the load average: the machine may be shared.")
    if not args.keep:
        for path in sorted(work.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        work.rmdir()
    return 0 if all(v == "yes" for v in same.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
