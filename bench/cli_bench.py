"""Command-line benchmark: start-up of the commands that code no text, and memory of complete listings.

    python bench/cli_bench.py [--repeat 7] [--sizes 10000,100000] [--skip-listings]

1. **Start-up**: each command that does not code text (help, version, events, export, status, digest,
   db upgrade, serve until it accepts requests, the errors for a missing or an empty input) run
   ``--repeat`` times as a user runs it (``python -m eventcoder.cli``, a fresh process each time, over a
   small SQLite database): the median wall time and the median CPU time (user + system) of the process.
   One run of each comes first and is not counted: it writes the bytecode caches that an installed
   eventcoder has (into a temporary ``PYTHONPYCACHEPREFIX``, so nothing is written beside the sources).
2. **Listings**: ``eventcoder events --format jsonl`` over every event of databases of ``--sizes`` events:
   events/s and the peak memory (max RSS) of the process, which stays that of one page of events however
   many are listed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "eventcoder.cli"]
STARTED = "Application startup complete"


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


def _events(count: int, start: int = 0) -> list[Any]:
    from eventcoder.records import Event

    places = (("Djibo", "Sahel", "Burkina Faso", 854, 14.10, -1.63), ("Nara", "Koulikoro", "Mali", 466, 15.17, -7.29),
              ("Tamou", "Tillaberi", "Niger", 562, 12.76, 2.17))
    out = []
    for i in range(start, start + count):
        place, admin1, country, iso, lat, lon = places[i % 3]
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i % 1500)
        out.append(Event(event_date=day.isoformat(), year=day.year, event_type="Battles",
                         actor1="Unidentified Armed Group", country=country, iso=iso, admin1=admin1, location=place,
                         latitude=lat, longitude=lon, notes=f"Benchmark event {i} near {place}.", fatalities=i % 5,
                         timestamp=1_700_000_000 + i, report_ids=(f"bench-{i}",), language=("en",),
                         confidence=0.5, coder_version="bench"))
    return out


def _fill(url: str, count: int) -> None:
    from eventcoder.store import EventStore

    with EventStore(url) as store:
        for start in range(0, count, 50_000):
            store.load_events(_events(min(50_000, count - start), start), history=False)


def _database(path: Path, count: int) -> str:
    """A SQLite database of ``count`` events, filled by a process of its own: this one stays small, so the
    commands it starts do not inherit its memory (a child's max RSS counts what it had before exec)."""
    url = f"sqlite:///{path}"
    subprocess.run([sys.executable, __file__, "--fill", url, str(count)], check=True, env=_env(path.parent / "pyc"))
    return url


def _run(args: list[str], env: dict[str, str], cwd: Path, stdout: Any = subprocess.DEVNULL) -> tuple[float, float, int, int]:
    """Wall s, CPU s, max RSS (KiB) and exit code of one run of the command."""
    started = time.perf_counter()
    proc = subprocess.Popen([*CLI, *args], env=env, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(url: str, env: dict[str, str], cwd: Path) -> tuple[float, float, int, int]:
    """Wall s until uvicorn says the application started (so it accepts requests), and the CPU s to then."""
    args = ["serve", "--db", url, "--port", str(_free_port()), "--log-level", "info"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen([*CLI, *args], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stderr is not None
    wall, code = float("nan"), 1
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stderr, selectors.EVENT_READ)
        deadline = started + 60
        while time.perf_counter() < deadline:
            if not sel.select(timeout=1):
                continue
            line = proc.stderr.readline()
            if not line:
                break
            if STARTED in line:
                wall, code = time.perf_counter() - started, 0
                break
    try:
        cpu = _proc_cpu(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    if cpu is None:  # no /proc: the whole run's CPU, shutdown included
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, 0, code


def _proc_cpu(pid: int) -> float | None:
    """CPU s a running process has used (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def startup(repeat: int) -> int:
    with tempfile.TemporaryDirectory(prefix="eventcoder-bench-cli-") as tmp:
        work = Path(tmp)
        url = _database(work / "events.db", 68)  # as many events as the corpus gives
        (work / "empty.txt").write_text("", encoding="utf-8")
        env = _env(work / "pycache")
        commands: list[tuple[str, list[str] | None]] = [
            ("eventcoder --help", ["--help"]),
            ("eventcoder --version", ["--version"]),
            ("eventcoder events --help", ["events", "--help"]),
            ("eventcoder events (table)", ["events", "--db", url]),
            ("eventcoder events --limit 1", ["events", "--limit", "1", "--db", url]),
            ("eventcoder events --format jsonl", ["events", "--format", "jsonl", "--db", url]),
            ("eventcoder export --format acled-csv", ["export", "--format", "acled-csv", "--db", url]),
            ("eventcoder status", ["status", "--db", url]),
            ("eventcoder digest", ["digest", "--since", "7d", "--db", url]),
            ("eventcoder db upgrade", ["db", "upgrade", "--db", url]),
            ("eventcoder extract missing.txt", ["extract", str(work / "missing.txt")]),
            ("eventcoder extract empty.txt", ["extract", str(work / "empty.txt")]),
            ("eventcoder serve (until started)", None),
        ]
        print(f"start-up, median of {repeat} runs (python -m eventcoder.cli, bytecode cached; SQLite, 68 events)")
        print(f"{'command':40} {'wall s':>7} {'CPU s':>7}  exit")
        worst = 0.0
        for label, args in commands:
            once = (lambda: _serve(url, env, work)) if args is None else (lambda a=args: _run(a, env, work))
            once()  # warm-up: bytecode caches, page cache
            runs = [once() for _ in range(repeat)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            codes = sorted({r[3] for r in runs})
            print(f"{label:40} {wall:7.3f} {cpu:7.3f}  {','.join(map(str, codes))}", flush=True)
            worst = max(worst, wall)
        print(f"slowest: {worst:.3f} s (goal: well under 0.5 s); load average {os.getloadavg()[0]:.2f}")
    return 0


def listings(sizes: list[int]) -> int:
    print("\nlistings: eventcoder events --format jsonl > file, every event of the database")
    print(f"{'events':>9} {'wall s':>8} {'events/s':>9} {'max RSS MiB':>12} {'output MiB':>11}")
    with tempfile.TemporaryDirectory(prefix="eventcoder-bench-list-") as tmp:
        work = Path(tmp)
        env = _env(work / "pycache")
        _run(["events", "--limit", "1", "--db", _database(work / "warm.db", 1)], env, work)  # bytecode caches
        for size in sizes:
            url = _database(work / f"list{size}.db", size)
            out = work / "out.jsonl"
            with out.open("wb") as fh:
                wall, _, rss, code = _run(["events", "--format", "jsonl", "--db", url], env, work, stdout=fh)
            lines = sum(1 for _ in out.open("rb"))
            status = "" if code == 0 and lines == size else f"  (exit {code}, {lines} lines)"
            print(f"{size:9,} {wall:8.1f} {size / wall:9,.0f} {rss / 1024:12.0f} {out.stat().st_size / 2**20:11.0f}"
                  f"{status}", flush=True)
            out.unlink()
            (work / f"list{size}.db").unlink()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="runs per command (the median is shown)")
    parser.add_argument("--sizes", default="10000,100000", help="events in the listing databases")
    parser.add_argument("--skip-listings", action="store_true")
    parser.add_argument("--fill", nargs=2, metavar=("URL", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill:
        _fill(args.fill[0], int(args.fill[1]))
        return 0
    code = startup(args.repeat)
    if not args.skip_listings:
        code |= listings([int(s) for s in args.sizes.split(",") if s])
    return code


if __name__ == "__main__":
    raise SystemExit(main())
