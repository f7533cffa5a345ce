"""`make bench`: every benchmark of the project, one after the other, each in its own process.

    python bench/run.py [--only cli,core,geo,store,api,monitor,batch] [--quick]

Figures depend on the machine and on what else runs on it: the load average is printed with them. Tests
never time anything; performance is measured here only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name, script, arguments (full run), arguments (--quick)
BENCHES = [
    ("cli", "cli_bench.py", ["--repeat", "7"], ["--repeat", "3", "--sizes", "10000"]),
    ("core", "core_bench.py", ["--repeat", "3"], ["--repeat", "1"]),
    ("geo", "geo_bench.py", [], []),
    ("store", "store_bench.py", [], ["--sizes", "1000,10000", "--skip-e2e"]),
    ("api", "api_bench.py", [], ["--events", "10000", "--requests", "50"]),
    ("monitor", "monitor_bench.py", [], []),
    ("batch", "batch_bench.py", [], []),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a first look")
    args = parser.parse_args()
    wanted = {name for name in args.only.split(",") if name}
    failed = []
    for name, script, full, quick in BENCHES:
        if wanted and name not in wanted:
            continue
        path = HERE / script
        if not path.exists():
            print(f"== {name}: {script} not present, skipped")
            continue
        load = os.getloadavg()
        print(f"\n== {name} ({script}) - load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(path), *(quick if args.quick else full)])
        print(f"== {name}: {time.perf_counter() - started:.0f} s, exit {code}", flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
