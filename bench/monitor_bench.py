"""The monitor's throughput and alert delay, against local feeds and a local webhook.

1. **Throughput**: ``--feeds`` feeds (default 50) of ``--items`` items each (default 100), all new, every item a
   distinct event; one ``run_once`` on an empty database (the real pipeline, already loaded; the store on a
   SQLite file, or ``--db``), with an alert rule that matches every event (webhook). Items/s counts every item
   from the first request to the last alert delivered.
2. **Alert delay**, with the monitor running (``Monitor.run`` in a thread, each feed polled every ``--interval``
   seconds): new items appear on the feeds, ``--trickle`` of them one every ``1/--rate`` s, then a burst of
   ``--burst`` at once. For each item: the delay from the poll that sees it (the feed server's clock at the
   request) to its alert reaching the webhook, and from its appearance on the feed (which adds the wait for
   the next poll, up to the interval). Median and p99.

    python bench/monitor_bench.py                          # 50 x 100 items, then 60 trickled + 100 in a burst
    python bench/monitor_bench.py --feeds 10 --items 20 --trickle 20 --burst 20   # a quick look
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "monitor"))

from feeds_data import Story, many_stories, rss  # noqa: E402
from servers import FeedServer, WebhookReceiver  # noqa: E402

from eventcoder.ingest import report_from_text  # noqa: E402
from eventcoder.monitor import Monitor, parse_config  # noqa: E402
from eventcoder.pipeline import Pipeline  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def stories(count: int, offset: int) -> list[Story]:
    """Distinct one-event reports (a town every 60 days), links without tracking parameters."""
    made = many_stories(offset + count, start="1990-01-01", prefix="bench")[offset:]
    return [s.variant(link=s.link.split("?")[0]) for s in made]


def table(rows: list[tuple[str, str]], title: str) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"\n{title}")
    print("-" * (width + 20))
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=100, help="items per feed")
    parser.add_argument("--interval", type=float, default=5.0, help="poll interval of each feed (delay phase)")
    parser.add_argument("--trickle", type=int, default=60, help="items appearing one by one (delay phase)")
    parser.add_argument("--rate", type=float, default=2.0, help="items per second in the trickle")
    parser.add_argument("--burst", type=int, default=100, help="items appearing at once (delay phase)")
    parser.add_argument("--db", default=None, help="database URL (default: a SQLite file in a temp folder)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR)

    feeds, webhook = FeedServer(), WebhookReceiver()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    try:
        total = args.feeds * args.items
        pool = stories(total + args.trickle + args.burst, 0)
        per_feed: list[list[Story]] = [pool[f * args.items:(f + 1) * args.items] for f in range(args.feeds)]
        for f, items in enumerate(per_feed):
            feeds.set(f"/feed{f}.rss", rss(list(reversed(items)), title=f"Wire {f}"))
        config = parse_config({
            "monitor": {"timeout": 20, "workers": 8, "alert_retry_base": 1},
            "source": [{"name": f"wire-{f}", "url": feeds.url(f"/feed{f}.rss"), "interval": args.interval}
                       for f in range(args.feeds)],
            "alert": [{"name": "everything", "on": ["new"], "webhook": webhook.url, "log": False}]})

        print("loading the pipeline ... ", end="", flush=True)
        start = time.monotonic()
        pipeline = Pipeline(warn=None)
        pipeline.mentions(report_from_text(pool[0].text, published=pool[0].published))
        print(f"{time.monotonic() - start:.1f} s")

        # ---------------------------------------------------------------- 1. throughput
        with Monitor(config, db_url=db, pipeline=pipeline) as monitor:
            start = time.monotonic()
            summary = monitor.run_once()
            elapsed = time.monotonic() - start
            alerts = len(webhook.wait_for(summary.changes, timeout=60))
            events = monitor.store.count()
        table([
            ("feeds x items", f"{args.feeds} x {args.items} = {total} items, all new"),
            ("database", db.split("://")[0]),
            ("polling (fetch + parse + record)", f"{summary.seconds_polling:.1f} s"),
            ("processing (dedup, pipeline, store, alerts)", f"{summary.seconds_processing:.1f} s"),
            ("total", f"{elapsed:.1f} s"),
            ("throughput", f"{summary.ingested / elapsed:.1f} items/s  "
                           f"({1000 * summary.seconds_processing / max(summary.ingested, 1):.0f} ms per item)"),
            ("reports ingested / events / alerts received", f"{summary.ingested} / {events} / {alerts}"),
        ], "1. throughput: one run_once over new feeds")

        # ---------------------------------------------------------------- 2. delay
        fresh = pool[total:]
        appeared: dict[str, tuple[float, str]] = {}  # canonical link -> (time on the feed, feed path)
        webhook.clear()
        with Monitor(config, db_url=db, pipeline=pipeline) as monitor:
            thread = threading.Thread(target=monitor.run, daemon=True)
            thread.start()
            time.sleep(args.interval * 1.5)  # every feed polled once (304s)

            def publish(story: Story, index: int) -> None:
                f = index % args.feeds
                per_feed[f] = [*per_feed[f][1:], story]  # the feed keeps its last N items
                path = f"/feed{f}.rss"
                appeared[story.link] = (time.time(), path)
                feeds.set(path, rss(list(reversed(per_feed[f])), title=f"Wire {f}"))

            for i, story in enumerate(fresh[:args.trickle]):
                publish(story, i)
                time.sleep(1 / args.rate)
            burst_start = len(appeared)
            for i, story in enumerate(fresh[args.trickle:args.trickle + args.burst]):
                publish(story, args.trickle + i)
            expected = len(appeared)
            received = webhook.wait_for(expected, timeout=max(120.0, expected * 2.0))
            monitor.stop()
            thread.join(timeout=60)

        requests = feeds.requests()
        rows: list[tuple[str, str]] = []
        groups: dict[str, list[dict[str, Any]]] = {"trickle": [], "burst": []}
        order = list(appeared)
        for hook in received:
            link = hook["json"]["change"]["report"]["url"]
            if link not in appeared:
                continue
            shown, path = appeared[link]
            seen = min((r["at"] for r in requests if r["path"] == path and r["at"] >= shown), default=None)
            if seen is None:
                continue
            group = "trickle" if order.index(link) < burst_start else "burst"
            groups[group].append({"from_poll": hook["at"] - seen, "from_appearance": hook["at"] - shown})
        for name, count in (("trickle", args.trickle), ("burst", args.burst)):
            got = groups[name]
            if not got:
                continue
            poll = [g["from_poll"] for g in got]
            shown = [g["from_appearance"] for g in got]
            rows.append((f"{name}: alerts / items", f"{len(got)} / {count}"))
            rows.append((f"{name}: after the poll that sees it", f"median {statistics.median(poll):.2f} s, "
                                                                 f"p99 {percentile(poll, 99):.2f} s"))
            rows.append((f"{name}: after it appears on the feed", f"median {statistics.median(shown):.2f} s, "
                                                                  f"p99 {percentile(shown, 99):.2f} s"))
        table([("feeds, poll interval", f"{args.feeds}, every {args.interval:g} s"),
               ("trickle", f"{args.trickle} items, {args.rate:g}/s"), ("burst", f"{args.burst} items at once"),
               *rows], "2. alert delay: item on a feed -> webhook received")
        print(f"\nmachine: {os.cpu_count()} CPU(s); python {sys.version.split()[0]}")
    finally:
        feeds.close()
        webhook.close()
        tmp.cleanup()


if __name__ == "__main__":
    main()
