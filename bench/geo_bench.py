"""Geography bench: gazetteer build time and size, lookups and resolutions per second, memory, spans/s.

    python bench/geo_bench.py                 # builds a fresh default gazetteer into a temp dir
    python bench/geo_bench.py --db PATH       # measures an existing database (no build)

``run_geo_bench()`` returns the rows and prints a small table; ``make bench`` calls it.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NAMES = ["Djibo", "Sokolo", "Farabougou", "Kayes", "Nioro", "Boulkessi", "Inates", "Tillabéri", "Mopti",
         "Gao", "Menaka", "Arbinda", "Deou", "Solhan", "Ouallam", "Bankass", "Kidal", "Paris", "Nairobi",
         "Zzyzxkoro"]
TEXT = ("Gunmen killed seven soldiers in an ambush between Sokolo and Farabougou in central Mali on "
        "Wednesday, days after an attack 30 km south of Djibo in Burkina Faso's Soum province and one near "
        "Ouallam in the Tillabéri region of Niger, the army said in Bamako.")


def _rss_mb() -> float:
    """Current resident memory (VmRSS) in MB; the peak where /proc is not there."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_geo_bench(db: str | None = None, seconds: float = 2.0) -> list[tuple[str, str]]:
    """Measure and print; return (figure, value) rows."""
    from eventcoder.geo import PlaceMention, SQLiteGazetteer, build_gazetteer, geoparse, resolve_place
    from eventcoder.records import PlacePhrase

    rows: list[tuple[str, str]] = []
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = str(Path(tmp.name) / "gazetteer.sqlite")
        stats = build_gazetteer(db)
        rows.append(("gazetteer build time", f"{stats.seconds:.1f} s"))
        rows.append(("gazetteer places / names / patterns",
                     f"{stats.places:,} / {stats.names:,} / {stats.patterns:,}"))
    rows.append(("gazetteer size on disk", f"{Path(db).stat().st_size / 1e6:.1f} MB"))
    # load time and memory in a fresh interpreter: after a build, this process reuses the builder's freed memory
    probe = subprocess.run([sys.executable, __file__, "--probe-load", db], capture_output=True, text=True,
                           check=False)
    try:
        load_s, load_mb = (float(x) for x in probe.stdout.split()[-2:])
        rows.append(("load (span automaton + shapes)", f"{load_s:.2f} s"))
        rows.append(("memory of the loaded gazetteer", f"+{load_mb:.0f} MB resident"))
    except ValueError:
        rows.append(("load (span automaton + shapes)", f"failed: {probe.stderr.strip()[-200:]}"))
    gc.collect()
    gaz = SQLiteGazetteer(db)
    gaz.find_spans("Mali")  # loads the span automaton
    gaz.admin_at(14.0, -1.5)  # loads the shapes

    def rate(fn: Any) -> float:
        n, t = 0, time.perf_counter()
        while time.perf_counter() - t < seconds:
            fn(n)
            n += 1
        return n / (time.perf_counter() - t)

    def uncached(i: int) -> None:
        gaz._cache.clear()
        gaz.lookup(NAMES[i % len(NAMES)])

    def cached(i: int) -> None:
        gaz.lookup(NAMES[i % len(NAMES)])

    phrases = [PlacePhrase(names=(n,), country_hint="ML") for n in NAMES]

    def resolve(i: int) -> None:
        resolve_place(phrases[i % len(phrases)], gazetteer=gaz)

    t0 = time.perf_counter()
    for i in range(len(phrases)):  # first use: the fuzzy matcher loads Mali's names once
        resolve(i)
    rows.append(("first resolutions (loads Mali's names for fuzzy matching)", f"{time.perf_counter() - t0:.2f} s"))

    rows.append(("name lookups/s (uncached)", f"{rate(uncached):,.0f}"))
    rows.append(("name lookups/s (cached)", f"{rate(cached):,.0f}"))
    rows.append(("place resolutions/s", f"{rate(resolve):,.0f}"))
    rows.append((f"span finding, texts/s ({len(TEXT)} chars)", f"{rate(lambda i: gaz.find_spans(TEXT)):,.0f}"))
    mentions: list[PlaceMention] = geoparse(TEXT, gaz)
    rows.append(("geoparse, texts/s", f"{rate(lambda i: geoparse(TEXT, gaz)):,.0f} ({len(mentions)} places)"))
    width = max(len(k) for k, _ in rows)
    print("geo bench")
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")
    if tmp is not None:
        gaz.close()
        tmp.cleanup()
    return rows


def _probe_load(db: str) -> None:
    """Print the seconds and the resident MB that loading the gazetteer (automaton + shapes) takes."""
    from eventcoder.geo import SQLiteGazetteer

    gc.collect()
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    gaz = SQLiteGazetteer(db)
    gaz.find_spans("Mali")
    gaz.admin_at(14.0, -1.5)
    print(f"{time.perf_counter() - t0:.3f} {_rss_mb() - rss0:.1f}")


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) == 3 and sys.argv[1] == "--probe-load":
        _probe_load(sys.argv[2])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="an existing gazetteer database (default: build a fresh one)")
    ap.add_argument("--seconds", type=float, default=2.0, help="time per throughput figure")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = ap.parse_args(argv)
    rows = run_geo_bench(args.db, args.seconds)
    if args.json:
        print(json.dumps(dict(rows), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
