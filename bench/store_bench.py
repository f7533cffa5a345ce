"""Store benchmark: ingest throughput (SQLite, PostgreSQL), end to end, and fusion cost vs stored events.

    python bench/store_bench.py [--backends sqlite,postgres] [--sizes 1000,10000,100000] [--skip-e2e]

1. **Ingest** (NLP excluded): the corpus's reports with precomputed mentions (the snapshot in
   ``tests/store/data/``, or computed once), repeated with dates shifted so that each copy is a separate
   set of events, fused into a fresh database: reports/s in publication order and in a shuffled order
   (late reports replay their neighbourhood).
2. **End to end**: the pipeline (NLP) and the store together, over the corpus, into SQLite.
3. **Growth**: 1k, 10k, 100k synthetic events (with their mentions and reports) bulk-loaded over a span
   that grows with them (``--density`` events a day across the Sahel, as an archive grows), then new
   reports fused: milliseconds per report, per candidate lookup, and candidates fetched. With indexes the
   cost follows the events near a report, not the size of the table. The candidate query's plan
   (SQLite ``EXPLAIN QUERY PLAN``, PostgreSQL ``EXPLAIN``) shows the index it uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "store"))  # the corpus snapshot loader

PG_DEFAULT = os.environ.get("EVENTCODER_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")


# ---------------------------------------------------------------- databases

class PgDatabase:
    """A fresh PostgreSQL database, dropped on exit."""

    def __init__(self, base: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.base = make_url(base)
        self.name = f"eventcoder_bench_{uuid.uuid4().hex[:8]}"
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")

    def __enter__(self) -> str:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        return self.base.set(database=self.name).render_as_string(hide_password=False)

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


class SqliteDatabase:
    def __init__(self, folder: Path) -> None:
        self.path = folder / f"bench-{uuid.uuid4().hex[:8]}.db"

    def __enter__(self) -> str:
        return f"sqlite:///{self.path}"

    def __exit__(self, *exc: object) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


def database(backend: str, args: argparse.Namespace) -> Any:
    return PgDatabase(args.pg_url) if backend == "postgres" else SqliteDatabase(Path(args.tmp))


# ---------------------------------------------------------------- corpus with mentions

def corpus_items(args: argparse.Namespace) -> list[tuple[Any, list[Any]]]:
    from store_corpus import corpus_dir, load_corpus, load_reports

    items = load_corpus()
    if items is not None:
        return items
    found = corpus_dir()
    if found is None:
        raise SystemExit("the shared corpus is not found (set EVENTCODER_SHARED)")
    from eventcoder.pipeline import Pipeline

    pipeline = Pipeline(warn=None)
    reports = sorted(load_reports(found / "reports.jsonl"), key=lambda r: (r.published or "", r.id))
    return [(r, pipeline.mentions(r)) for r in reports]


def _shift(value: str | None, days: int) -> str | None:
    if not value:
        return value
    return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)).isoformat()


def shifted_copy(items: list[tuple[Any, list[Any]]], k: int) -> list[tuple[Any, list[Any]]]:
    """The corpus again, every date ``k`` * 3 years later and every id suffixed: separate events."""
    if k == 0:
        return items
    days = 1096 * k
    out = []
    for report, mentions in items:
        rid = f"{report.id}~{k}"
        new_report = replace(report, id=rid, text=f"{report.text}\n[copy {k}]", published=_shift(report.published, days))
        new_mentions = []
        for m in mentions:
            claims = tuple(replace(c, report_id=rid, date=_shift(c.date, days)) for c in m.claims)
            figures = tuple(replace(f, report_id=rid) for f in m.fatalities)
            new_mentions.append(replace(m, id=f"{rid}:{m.id.rsplit(':', 1)[-1]}", report_id=rid,
                                        published=new_report.published, event_date=_shift(m.event_date, days),
                                        claims=claims, fatalities=figures))
        out.append((new_report, new_mentions))
    return out


def bench_ingest(args: argparse.Namespace, items: list[tuple[Any, list[Any]]]) -> list[dict[str, Any]]:
    from eventcoder.store import EventStore

    workload = [item for k in range(args.copies) for item in shifted_copy(items, k)]
    workload.sort(key=lambda item: (item[0].published or "", item[0].id))
    shuffled = list(workload)
    random.Random(1).shuffle(shuffled)
    rows = []
    for backend in args.backends:
        for order, reports in (("publication", workload), ("shuffled", shuffled)):
            with database(backend, args) as url, EventStore(url) as store:
                start = time.perf_counter()
                results = store.ingest_many(reports)
                seconds = time.perf_counter() - start
                rows.append({"backend": backend, "order": order, "reports": len(reports),
                             "events": store.count(), "replayed": sum(r.replayed for r in results),
                             "seconds": seconds, "reports_per_s": len(reports) / seconds})
    return rows


def bench_e2e(args: argparse.Namespace) -> dict[str, Any]:
    from store_corpus import corpus_dir, load_reports

    from eventcoder.pipeline import Pipeline
    from eventcoder.store import EventStore

    found = corpus_dir()
    if found is None:
        return {}
    reports = sorted(load_reports(found / "reports.jsonl"), key=lambda r: (r.published or "", r.id))
    pipeline = Pipeline(warn=None)
    for language in ("en", "fr"):
        pipeline.mentions(next(r for r in reports if r.language == language))  # load and warm the models
    nlp_seconds = 0.0
    with database("sqlite", args) as url, EventStore(url) as store:
        start = time.perf_counter()
        for report in reports:
            t = time.perf_counter()
            mentions = pipeline.mentions(report)
            nlp_seconds += time.perf_counter() - t
            store.ingest(report, mentions)
        seconds = time.perf_counter() - start
    return {"reports": len(reports), "seconds": seconds, "reports_per_s": len(reports) / seconds,
            "store_share": 1 - nlp_seconds / seconds}


# ---------------------------------------------------------------- growth with the number of stored events

SAHEL = (10.0, 20.0, -12.0, 16.0)  # lat min, lat max, lon min, lon max
START = dt.date(2000, 1, 1)


def span_days(size: int, density: float) -> int:
    """Days the synthetic events spread over: ``density`` events a day across the Sahel, as an archive
    grows (ACLED codes some 10-20 events a day in Mali, Burkina Faso and Niger together)."""
    return max(30, int(size / density))


RID = "@RID@"


def _templates() -> tuple[list[Any], list[str]]:
    """Codings and mention JSON texts to copy, with ``@RID@`` where the report id goes."""
    from store_helpers import make_mention

    from eventcoder.fuse import code_event
    from eventcoder.store.convert import mention_to_json

    specs = [dict(actor1="JNIM"), dict(actor1="ISS", actor2="civilians BF", cue="attack", target_kind="civilians",
                                       side="civilians"),
             dict(actor1="gunmen ML"), dict(actor1="FAMa", actor2="JNIM", cue="clash", target_kind="group")]
    mentions = [make_mention(RID, i, **spec) for i, spec in enumerate(specs)]  # type: ignore[arg-type]
    return [code_event([m], timestamp=0) for m in mentions], [json.dumps(mention_to_json(m)) for m in mentions]


def _point(rng: random.Random) -> tuple[float, float, int]:
    return (round(rng.uniform(SAHEL[0], SAHEL[1]), 5), round(rng.uniform(SAHEL[2], SAHEL[3]), 5),
            rng.choice((1, 1, 1, 2, 2, 3)))


def load_synthetic(url: str, count: int, days: int, seed: int = 0) -> float:
    """Bulk-load ``count`` events, each with one report and one mention; seconds taken."""
    from sqlalchemy import insert, text

    from eventcoder.store import EventStore
    from eventcoder.store._actors import actor_rows
    from eventcoder.store._session import write_session
    from eventcoder.store.convert import event_values
    from eventcoder.store.tables import EventActorRow, EventMentionRow, EventRow, ReportRow

    rng = random.Random(seed)
    events, mentions = _templates()
    now = dt.datetime.now(dt.UTC)
    start = time.perf_counter()
    with EventStore(url) as store:
        for offset in range(0, count, 5000):
            reports, rows, links, actors = [], [], [], []
            for n in range(offset, min(count, offset + 5000)):
                k = rng.randrange(len(events))
                lat, lon, gp = _point(rng)
                day = START + dt.timedelta(days=rng.randrange(days))
                rid = f"syn{n}"
                published = (day + dt.timedelta(days=1)).isoformat()
                event = replace(events[k], event_id_cnty=f"SYN{n + 1}", event_date=day.isoformat(), year=day.year,
                                latitude=lat, longitude=lon, geo_precision=gp, admin1=f"A{int(lat)}{int(lon)}",
                                location=f"L{n}", report_ids=(rid,), mention_ids=(f"{rid}:0",), evidence={},
                                fatality_reports=tuple(replace(f, report_id=rid, evidence=None)
                                                       for f in events[k].fatality_reports))
                rows.append({**event_values(event), "pk": n + 1, "created_at": now})
                actors += actor_rows(n + 1, event)
                reports.append({"id": rid, "text": rid, "published": published, "hash": f"h{n}",
                                "ingested_at": now, "mention_count": 1, "language": "en"})
                data = json.loads(mentions[k].replace(RID, rid))
                data.update(id=f"{rid}:0", report_id=rid, published=published, event_date=day.isoformat())
                data["place"].update(latitude=lat, longitude=lon, geo_precision=gp, admin1=event.admin1,
                                     location=event.location)
                links.append({"event_pk": n + 1, "report_id": rid, "mention_id": f"{rid}:0", "position": 0,
                              "published": published, "mention": data, "evidence": {}, "event_date": day,
                              "time_precision": 1, "latitude": lat, "longitude": lon, "geo_precision": gp,
                              "country": event.country, "admin1": event.admin1})
            with write_session(store.engine) as session:
                session.execute(insert(ReportRow), reports)
                session.execute(insert(EventRow), rows)
                session.execute(insert(EventMentionRow), links)
                session.execute(insert(EventActorRow), actors)
        with store.engine.connect() as conn:
            if store.engine.dialect.name == "postgresql":
                conn.execute(text("SELECT setval(pg_get_serial_sequence('events', 'pk'), :n)"), {"n": count})
            conn.execute(text("ANALYZE"))
            conn.commit()
    return time.perf_counter() - start


def new_reports(count: int, seed: int, *, late: bool, days: int = 365) -> list[tuple[Any, list[Any]]]:
    """Reports of new events among the synthetic ones; ``late`` ones are published before stored reports."""
    from store_helpers import make_mention

    from eventcoder.records import Place, Report

    rng = random.Random(seed)
    out = []
    for n in range(count):
        lat, lon, gp = _point(rng)
        day = START + dt.timedelta(days=rng.randrange(days))
        published = (day + dt.timedelta(days=1)).isoformat() if late else "2099-01-01"
        rid = f"new{seed}-{n:05d}"
        place = Place(f"N{n}", lat, lon, gp, "Mali", "MLI", 466, "Western Africa", f"A{int(lat)}{int(lon)}")
        mention = make_mention(rid, 0, date=day.isoformat(), place=place, published=published,
                               actor1=rng.choice(("JNIM", "gunmen ML")))
        out.append((Report(id=rid, text=f"new report {rid}", published=published), [mention]))
    return out


def plan(url: str) -> str:
    """The query plan of a typical candidate lookup."""
    from sqlalchemy import text

    from eventcoder.fuse import code_event
    from eventcoder.store import EventStore
    from eventcoder.store._candidates import candidate_query

    event = code_event(new_reports(1, 99, late=False)[0][1], timestamp=0)
    with EventStore(url) as store:
        query = candidate_query(event)
        compiled = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))  # type: ignore[union-attr]
        with store.engine.connect() as conn:
            if store.engine.dialect.name == "sqlite":
                rows = conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
                return "; ".join(str(r[-1]) for r in rows)
            rows = conn.execute(text(f"EXPLAIN {compiled}")).all()
            return "; ".join(str(r[0]).strip() for r in rows if "Index" in str(r[0]) or "Scan" in str(r[0]))


def bench_growth(args: argparse.Namespace) -> tuple[list[dict[str, Any]], dict[str, str]]:
    from eventcoder.fuse import code_event
    from eventcoder.store import EventStore
    from eventcoder.store._candidates import candidate_lookup
    from eventcoder.store._session import read_session

    rows, plans = [], {}
    for backend in args.backends:
        for size in args.sizes:
            days = span_days(size, args.density)
            with database(backend, args) as url:
                load_seconds = load_synthetic(url, size, days)
                plans[f"{backend} {size}"] = plan(url)
                probes = [code_event(ms, timestamp=0) for _, ms in new_reports(200, 7, late=False, days=days)]
                with EventStore(url) as store, read_session(store.engine) as session:
                    fetched = 0
                    start = time.perf_counter()
                    for probe in probes:
                        lookup = candidate_lookup(probe)
                        assert lookup is not None
                        fetched += sum(len(session.execute(s, lookup.params).all()) for s in lookup.statements)
                    lookup_ms = (time.perf_counter() - start) * 1000 / len(probes)
                timings = {}
                for kind, late in (("in order", False), ("late", True)):
                    batch = new_reports(args.new, 11 if late else 13, late=late, days=days)
                    with EventStore(url) as store:
                        start = time.perf_counter()
                        store.ingest_many(batch)
                        timings[kind] = (time.perf_counter() - start) * 1000 / len(batch)
                rows.append({"backend": backend, "stored": size, "days": days, "load_s": load_seconds,
                             "lookup_ms": lookup_ms,
                             "candidates": fetched / len(probes), "ingest_ms": timings["in order"],
                             "late_ingest_ms": timings["late"]})
    return rows, plans


# ---------------------------------------------------------------- output

def table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    def cell(value: Any) -> str:
        return f"{value:.2f}" if isinstance(value, float) else str(value)

    widths = [max(len(c), *(len(cell(r.get(c, ""))) for r in rows)) for c in columns]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell(r.get(c, "")).ljust(w) for c, w in zip(columns, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--pg-url", default=PG_DEFAULT, help="a PostgreSQL server (a database is created there)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="stored events for the growth test")
    parser.add_argument("--copies", type=int, default=3, help="corpus copies (dates shifted) for the ingest test")
    parser.add_argument("--new", type=int, default=50, help="reports fused per growth measurement")
    parser.add_argument("--density", type=float, default=20.0, help="synthetic events a day (growth test)")
    parser.add_argument("--skip-e2e", action="store_true", help="no end-to-end (NLP) measurement")
    parser.add_argument("--tmp", default=os.environ.get("TMPDIR", "/tmp"), help="folder for SQLite files")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    items = corpus_items(args)
    ingest = bench_ingest(args, items)
    print("\nIngest throughput, NLP excluded (precomputed mentions; corpus x copies, dates shifted)")
    print(table(ingest, ["backend", "order", "reports", "events", "replayed", "seconds", "reports_per_s"]))
    e2e = {} if args.skip_e2e else bench_e2e(args)
    if e2e:
        print("\nEnd to end (pipeline + store, SQLite, one process)")
        print(table([e2e], ["reports", "seconds", "reports_per_s", "store_share"]))
    growth, plans = bench_growth(args)
    print("\nFusion cost vs stored events (per new report; candidates = rows a lookup fetches)")
    print(table(growth, ["backend", "stored", "days", "load_s", "lookup_ms", "candidates", "ingest_ms",
                         "late_ingest_ms"]))
    print("\nCandidate lookup plans")
    for name, text in plans.items():
        print(f"  {name}: {text}")
    if args.json:
        print(json.dumps({"ingest": ingest, "e2e": e2e, "growth": growth, "plans": plans}, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
