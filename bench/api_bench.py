"""API latency of ``GET /events`` (and the dashboard's other calls) on 100k synthetic events.

For each backend (SQLite file, PostgreSQL) the bench loads N synthetic events (``EventStore.load_events``,
so the actor table and the text index are filled as ingest fills them), starts a real server (``uvicorn``
in a subprocess on loopback), and sends each scenario's request ``--requests`` times in a row with an httpx
keep-alive client (warm-up first), then prints p50/p99 per scenario and the load average. Goal: p99 < 100 ms.

Repeated identical requests would mostly measure the API's aggregates cache, so the "uncached" rows vary a
no-op filter (``date_to`` far in the future) on every request; "304" rows send the previous ETag back.

    python bench/api_bench.py                      # 100k events, SQLite and PostgreSQL
    python bench/api_bench.py --events 20000 --backends sqlite --requests 100

PostgreSQL: ``--pg-url`` (default ``$EVENTCODER_BENCH_PG_URL`` or postgresql+psycopg://127.0.0.1:5432/test) is
used only to create and drop a database of the bench's own; unreachable PostgreSQL is reported and skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from eventcoder.records import Event, Evidence, FatalityFigure

PG_DEFAULT = os.environ.get("EVENTCODER_BENCH_PG_URL", "postgresql+psycopg://127.0.0.1:5432/test")
BENCH_DB = "eventcoder_api_bench"

# hub -> (country, iso, iso3, admin1, admin2, lat, lon)
HUBS = [
    ("Mopti", "Mali", 466, "MLI", "Mopti", "Mopti", 14.48, -4.18),
    ("Gao", "Mali", 466, "MLI", "Gao", "Gao", 16.27, -0.04),
    ("Menaka", "Mali", 466, "MLI", "Menaka", "Menaka", 15.92, 2.40),
    ("Timbuktu", "Mali", 466, "MLI", "Tombouctou", "Tombouctou", 16.77, -3.01),
    ("Segou", "Mali", 466, "MLI", "Segou", "Niono", 14.25, -5.99),
    ("Kidal", "Mali", 466, "MLI", "Kidal", "Kidal", 18.44, 1.41),
    ("Djibo", "Burkina Faso", 854, "BFA", "Sahel", "Soum", 14.10, -1.63),
    ("Dori", "Burkina Faso", 854, "BFA", "Sahel", "Seno", 14.04, -0.03),
    ("Fada N'Gourma", "Burkina Faso", 854, "BFA", "Est", "Gourma", 12.06, 0.36),
    ("Kaya", "Burkina Faso", 854, "BFA", "Centre-Nord", "Sanmatenga", 13.09, -1.08),
    ("Ouahigouya", "Burkina Faso", 854, "BFA", "Nord", "Yatenga", 13.58, -2.42),
    ("Tillaberi", "Niger", 562, "NER", "Tillaberi", "Tillaberi", 14.21, 1.45),
    ("Diffa", "Niger", 562, "NER", "Diffa", "Diffa", 13.32, 12.61),
    ("Tahoua", "Niger", 562, "NER", "Tahoua", "Tahoua", 14.89, 5.27),
    ("Maiduguri", "Nigeria", 566, "NGA", "Borno", "Maiduguri", 11.85, 13.16),
    ("Bol", "Chad", 148, "TCD", "Lac", "Mamdi", 13.46, 14.71),
]
GROUPS = {"Mali": ["JNIM: Group for Support of Islam and Muslims", "Islamic State Sahel Province"],
          "Burkina Faso": ["JNIM: Group for Support of Islam and Muslims", "Ansaroul Islam",
                           "Islamic State Sahel Province"],
          "Niger": ["Islamic State Sahel Province", "JNIM: Group for Support of Islam and Muslims"],
          "Nigeria": ["Islamic State West Africa Province", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati "
                                                            "wal-Jihad"],
          "Chad": ["Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"]}
FORCES = {"Mali": "Military Forces of Mali (2021-)", "Burkina Faso": "Military Forces of Burkina Faso (2022-)",
          "Niger": "Military Forces of Niger (2023-)", "Nigeria": "Military Forces of Nigeria (2023-)",
          "Chad": "Military Forces of Chad (2021-)"}
KINDS = [("Battles", "Armed clash", "ambush"), ("Violence against civilians", "Attack", "attack"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED", "IED"),
         ("Explosions/Remote violence", "Air/drone strike", "airstrike"),
         ("Violence against civilians", "Abduction/forced disappearance", "abduction"),
         ("Strategic developments", "Looting/property destruction", "looting")]
OUTLETS = ["Example Wire", "Radio Sahel", "Le Journal", "Burkina Press", "Monitoring Group", "Local Radio"]
STATUSES = ["reported"] * 6 + ["claimed"] * 2 + ["confirmed"] * 2 + ["disputed"]

def _far_future(i: int) -> str:
    """A different date_to on every request, after every event: the same rows, never a cached answer."""
    return (dt.date(2100, 1, 1) + dt.timedelta(days=i)).isoformat()


DEEP = "deep cursor"  # placeholder for a cursor at event 50,000 (order=event_date), fetched before timing


@dataclass
class Scenario:
    name: str
    path: str
    params: dict[str, Any]
    vary: dict[str, Callable[[int], Any]] = field(default_factory=dict)  # per-request values
    conditional: bool = False  # send If-None-Match with the first response's ETag (a 304 each time)


SCENARIOS: list[Scenario] = [
    Scenario("newest page (100)", "/events", {}),
    Scenario("country", "/events", {"country": "Mali"}),
    Scenario("country + 3 months", "/events", {"country": "Burkina Faso", "date_from": "2023-04-01",
                                               "date_to": "2023-06-30"}),
    Scenario("bbox + year", "/events", {"bbox": "-2,12,2,16", "date_from": "2023-01-01", "date_to": "2023-12-31"}),
    Scenario("near 100 km", "/events", {"near": "14.2,1.45,100"}),
    Scenario("actor alias (JNIM)", "/events", {"actor": "JNIM"}),
    Scenario("type + fatalities >= 10", "/events", {"event_type": "Battles", "fatalities_min": 10}),
    Scenario("status + admin1", "/events", {"status": "claimed", "admin1": "Sahel"}),
    Scenario("text search q", "/events", {"q": "Kaya"}),
    Scenario("updated since", "/events", {"updated_since": "2024-06-01"}),
    Scenario("deep page offset 50000", "/events", {"offset": 50000, "order": "event_date"}),
    Scenario("deep page after= cursor", "/events", {"after": DEEP, "order": "event_date"}),
    Scenario("map: geojson 1000", "/events", {"format": "geojson", "limit": 1000, "country": "Niger"}),
    Scenario("chart: weekly aggregates", "/aggregates", {"period": "week", "country": "Mali"}),
    Scenario("chart: weekly, uncached", "/aggregates", {"period": "week", "country": "Mali"},
             vary={"date_to": _far_future}),
    Scenario("map: month x country, unc.", "/aggregates", {"period": "month", "by": "country"},
             vary={"date_to": _far_future}),
    Scenario("newest page, 304", "/events", {}, conditional=True),
]


def synthetic_events(count: int, seed: int = 20240601) -> Iterator[Event]:
    """``count`` plausible, varied events over 2019-2024 (deterministic)."""
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    numbers: dict[str, int] = {}
    base_time = int(dt.datetime(2024, 1, 1, tzinfo=dt.UTC).timestamp())
    for i in range(count):
        location, country, iso, iso3, admin1, admin2, lat, lon = rng.choice(HUBS)
        event_type, sub_type, word = rng.choice(KINDS)
        group, forces = rng.choice(GROUPS[country]), FORCES[country]
        if event_type == "Battles":
            actor1, actor2, inter1, inter2 = (group, forces, 2, 1) if rng.random() < 0.6 else (forces, group, 1, 2)
        elif event_type == "Violence against civilians":
            actor1, actor2, inter1, inter2 = group, f"Civilians ({country})", 2, 7
        else:
            actor1, actor2, inter1, inter2 = rng.choice([(group, forces, 2, 1), (forces, group, 1, 2)])
        day = start + dt.timedelta(days=rng.randrange(0, 6 * 365))
        killed = rng.choice([0, 0, 1, 2, 3, 4, 5, 7, 10, 12, 15, 20, 30, 50, 100])
        numbers[iso3] = numbers.get(iso3, 0) + 1
        report_id = f"r{i:07d}"
        text = f"{word} near {location}"
        status = rng.choice(STATUSES)
        yield Event(
            event_id_cnty=f"{iso3}{numbers[iso3]}", event_date=day.isoformat(), year=day.year, time_precision=1,
            disorder_type="Strategic developments" if event_type.startswith("Strategic") else "Political violence",
            event_type=event_type, sub_event_type=sub_type, actor1=actor1, inter1=inter1, actor2=actor2,
            inter2=inter2, interaction=min(inter1, inter2) * 10 + max(inter1, inter2), iso=iso,
            region="Western Africa" if country != "Chad" else "Middle Africa", country=country, admin1=admin1,
            admin2=admin2, location=location, latitude=round(lat + rng.uniform(-0.8, 0.8), 4),
            longitude=round(lon + rng.uniform(-0.8, 0.8), 4), geo_precision=rng.choice([1, 1, 1, 2, 3]),
            source=rng.choice(OUTLETS), source_scale="National",
            notes=f"On {day}, {actor1}: {sub_type.lower()} against {actor2} near {location}; {killed} killed.",
            fatalities=killed, timestamp=base_time + rng.randrange(0, 200 * 86400), fatalities_low=killed,
            fatalities_high=killed + rng.choice([0, 0, 2, 5]),
            fatality_reports=(FatalityFigure(killed, "local sources", report_id, side="people"),),
            claimed_by=actor1 if status == "claimed" else None, status=status, report_ids=(report_id,),
            evidence={"location": (Evidence(report_id, len(word) + 6, len(text), location),)},
            confidence=round(rng.uniform(0.4, 0.95), 2), language=("en",), mention_ids=(f"{report_id}#0",),
            coder_version="bench")


def load(url: str, count: int) -> float:
    """Create the schema and bulk-load ``count`` events (``EventStore.load_events``); seconds taken."""
    from sqlalchemy import text

    from eventcoder.store import EventStore

    started = time.perf_counter()
    with EventStore(url) as store:
        store.load_events(synthetic_events(count), history=False)
        if store.engine.dialect.name == "postgresql":  # as autovacuum would, in time
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        else:
            with store.engine.connect() as conn:
                conn.execute(text("ANALYZE"))
                conn.commit()
    return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(url: str) -> tuple[subprocess.Popen[bytes], str]:
    """A uvicorn process serving the app over ``url``; its base URL once it answers."""
    port = _free_port()
    env = {**os.environ, "EVENTCODER_DB": url}
    env.pop("EVENTCODER_PROTECT_READS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "eventcoder.api.app:create_app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start within 60 s")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _deep_cursor(client: httpx.Client) -> str:
    body = client.get("/events", params={"order": "event_date", "offset": 49_900, "limit": 100}).json()
    return str(body["cursor"])


def measure(base: str, requests: int, warmup: int) -> list[dict[str, Any]]:
    rows = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for scenario in SCENARIOS:
            params = {k: (_deep_cursor(client) if v == DEEP else v) for k, v in scenario.params.items()}
            first = client.get(scenario.path, params=params)
            first.raise_for_status()
            headers = {"If-None-Match": first.headers["etag"]} if scenario.conditional else {}
            expected = 304 if scenario.conditional else 200

            def get(i: int) -> httpx.Response:
                varied = {**params, **{k: f(i) for k, f in scenario.vary.items()}}  # noqa: B023
                return client.get(scenario.path, params=varied, headers=headers)  # noqa: B023

            for i in range(warmup):
                get(-1 - i)
            times = []
            for i in range(requests):
                began = time.perf_counter()
                response = get(i)
                times.append((time.perf_counter() - began) * 1000)
                if response.status_code != expected:
                    raise RuntimeError(f"{scenario.name}: HTTP {response.status_code}: {response.text[:200]}")
            body = first.json()
            matched = body.get("total", len(body.get("rows", body.get("features", []))))
            rows.append({"scenario": scenario.name, "matched": matched, "p50": statistics.median(times),
                         "p99": percentile(times, 99), "max": max(times), "bytes": len(response.content)})
    return rows


def run_backend(name: str, url: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    print(f"[{name}] loading {args.events} events ...", file=sys.stderr, flush=True)
    seconds = load(url, args.events)
    print(f"[{name}] loaded in {seconds:.1f} s; starting the server", file=sys.stderr, flush=True)
    process, base = serve(url)
    load_before = os.getloadavg()
    try:
        rows = measure(base, args.requests, args.warmup)
    finally:
        process.terminate()
        process.wait(timeout=20)
    load_after = os.getloadavg()
    print(f"[{name}] load average {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f} before, "
          f"{load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} after", file=sys.stderr, flush=True)
    for row in rows:
        row["backend"] = name
        row["load"] = f"{load_before[0]:.1f}/{load_after[0]:.1f}"
    return rows


def pg_database(admin_url: str) -> tuple[str, Any]:
    """A fresh database of the bench's own on the PostgreSQL server, and a function that drops it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(admin_url)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{BENCH_DB}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=BENCH_DB).render_as_string(hide_password=False), drop


def print_table(rows: list[dict[str, Any]], events: int, requests: int) -> bool:
    print(f"\nGET latency over {events} events, {requests} sequential requests per row (keep-alive, loopback); "
          f"{os.cpu_count()} CPUs, 1-minute load average before/after each backend: "
          f"{', '.join(sorted({row['backend'] + ' ' + row['load'] for row in rows}))}")
    header = f"{'backend':<10} {'scenario':<26} {'matched':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'KiB':>7}"
    print(header)
    print("-" * len(header))
    ok = True
    for row in rows:
        flag = "" if row["p99"] < 100 else "  > 100 ms"
        ok = ok and not flag
        print(f"{row['backend']:<10} {row['scenario']:<26} {row['matched']:>8} {row['p50']:>8.1f} "
              f"{row['p99']:>8.1f} {row['max']:>8.1f} {row['bytes'] / 1024:>7.1f}{flag}")
    print(f"\np99 < 100 ms in every scenario: {'yes' if ok else 'no'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--pg-url", default=PG_DEFAULT)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a p99 is 100 ms or more")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory(prefix="eventcoder-bench-") as folder:
            rows += run_backend("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}", args)
    if "postgres" in backends:
        try:
            url, drop = pg_database(args.pg_url)
        except Exception as exc:  # report and go on: the SQLite numbers still stand
            print(f"[postgres] skipped: cannot create a database at {args.pg_url}: {exc}", file=sys.stderr)
        else:
            try:
                rows += run_backend("postgres", url, args)
            finally:
                drop()
    ok = print_table(rows, args.events, args.requests)
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
