"""Really kill `eventcoder watch`: SIGKILL mid-way, SIGTERM mid-way, then finish; nothing lost or repeated."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from feeds_data import many_stories, rss
from servers import FeedServer, WebhookReceiver

from eventcoder.monitor import Monitor, load_config
from eventcoder.monitor._state import MonitorState
from eventcoder.store import EventStore

pytestmark = pytest.mark.slow

ITEMS = 120  # enough that a fast machine is still working when the kills come
FEEDS = 3


def _watch(config: Path, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    env.pop("EVENTCODER_DB", None)
    code = "from eventcoder.cli.app import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "watch", "--config", str(config), *extra],
                            stdout=log.open("ab"), stderr=subprocess.STDOUT, env=env)


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # the tables are not there yet
        return 0


def _wait(predicate: object, timeout: float, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():  # type: ignore[operator]
            return
        if proc.poll() is not None:
            pytest.fail(f"eventcoder watch exited early ({proc.returncode}):\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"timed out waiting; log:\n{log.read_text()[-3000:]}")


def test_kill_9_then_sigterm_then_restart(tmp_path: Path, feeds: FeedServer, webhook: WebhookReceiver,
                                          pipeline: Any) -> None:
    stories = many_stories(ITEMS)
    per_feed = ITEMS // FEEDS
    sources = ""
    for n in range(FEEDS):
        feeds.set(f"/feed{n}.rss", rss(stories[n * per_feed:(n + 1) * per_feed], title=f"Wire {n}"))
        sources += f'[[source]]\nname = "wire-{n}"\nurl = "{feeds.url(f"/feed{n}.rss")}"\ninterval = "2s"\n\n'
    db = tmp_path / "events.db"
    config = tmp_path / "monitor.toml"
    config.write_text(f'db = "sqlite:///{db}"\n\n[monitor]\ntimeout = 5\nalert_retry_base = 0.2\n\n{sources}'
                      f'[[alert]]\nname = "everything"\nwebhook = "{webhook.url}"\nlog = false\n', encoding="utf-8")
    log = tmp_path / "watch.log"
    done = "SELECT count(*) FROM monitor_items WHERE state = 'done'"

    # 1. kill -9 in the middle of the work
    proc = _watch(config, log)
    _wait(lambda: _count(db, done) >= 10, 120, proc, log)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    after_kill = _count(db, done)
    assert after_kill < ITEMS, "the monitor finished before it could be killed: make the test bigger"

    # 2. restart; SIGTERM while items still wait: the report in hand is finished, the process exits 0
    proc = _watch(config, log)
    _wait(lambda: _count(db, done) >= after_kill + 5, 120, proc, log)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    assert "SIGTERM received: stopping after the report in hand" in log.read_text()
    assert _count(db, "SELECT count(*) FROM monitor_items WHERE state = 'ingesting'") == 0
    after_term = _count(db, done)
    assert after_term < ITEMS, "the monitor finished before SIGTERM: make the test bigger"

    # 3. a third start finishes the rest (in this process, with the session's pipeline, to save a model load)
    with Monitor(load_config(config), pipeline=pipeline) as monitor:
        assert monitor.run_once().ingested == ITEMS - after_term

    store = EventStore(f"sqlite:///{db}")
    try:
        state = MonitorState(store.engine)
        items = state.items()
        assert len(items) == ITEMS and Counter(i["state"] for i in items) == {"done": ITEMS}
        assert len({(i["source"], i["item_key"]) for i in items}) == ITEMS  # no item recorded twice
        assert store.report_count() == ITEMS  # every report ingested, once
        events = store.count()
        assert events == ITEMS
        changes = state.changes_since(0)
        assert Counter(c["kind"] for c in changes) == {"new": events}
        deliveries = state.deliveries()
        assert len(deliveries) == events and {d["state"] for d in deliveries} == {"sent"}
    finally:
        store.close()
    received = webhook.wait_for(events, timeout=10)
    ids = Counter(h["headers"]["x-eventcoder-delivery"] for h in received)
    assert set(ids) == {str(d["id"]) for d in deliveries}  # every alert arrived
    # at most the one delivery in flight at the kill can arrive twice, with the same id (Idempotency-Key)
    assert sum(n - 1 for n in ids.values()) <= 1
    assert len({h["json"]["event"]["event_id_cnty"] for h in received}) == events
