"""The monitor end to end: local feeds -> the real pipeline -> a SQLite store -> webhook, e-mail and log alerts."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from feeds_data import (
    AMBUSH,
    BANDIAGARA,
    BANDIAGARA_HTML,
    CLAIM,
    DIALOGUE,
    DJIBO,
    REPUBLISHERS,
    TAHOUA,
    TILLABERI,
    atom,
    republished,
    rss,
)
from servers import FeedServer, SmtpSink, WebhookReceiver

from eventcoder.monitor import Monitor, MonitorConfig, build_digest, monitor_status, render_markdown
from eventcoder.monitor._state import MonitorState
from eventcoder.records import Event

pytestmark = pytest.mark.slow

MakeConfig = Callable[..., MonitorConfig]
SCHEMA_FIELDS = set(Event.__dataclass_fields__)


class Clock:
    """A clock the test moves (scheduling only: fetch deadlines use the real monotonic clock)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def kinds(received: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return sorted((h["json"]["alert"]["name"], h["json"]["change"]["kind"], h["json"]["event"]["event_id_cnty"])
                  for h in received)


def test_unclaimed_then_claimed_new_then_status_changed(feeds: FeedServer, webhook: WebhookReceiver, smtp: SmtpSink,
                                                        pipeline: Any, db_url: str, make_config: MakeConfig,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    feeds.set("/wire.rss", rss([AMBUSH, DIALOGUE]))
    config = make_config(
        [{"name": "sahel-wire", "url": feeds.url("/wire.rss"), "interval": 60}],
        [{"name": "Mali", "country": "Mali", "webhook": webhook.url, "email": ["desk@monitor.test"]},
         {"name": "JNIM", "actor": "JNIM", "on": ["new", "status_changed"], "webhook": webhook.url, "log": False}],
        smtp_port=smtp.port)
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor:
        first = monitor.run_once()
        assert (first.new_items, first.ingested, first.failed) == (2, 2, {})
        received = webhook.received
        assert len(received) == 1
        new = received[0]["json"]
        event_id = new["event"]["event_id_cnty"]
        assert set(new) == {"alert", "change", "event"}
        assert new["alert"]["name"] == "Mali" and new["change"]["kind"] == "new"
        assert set(new["event"]) >= SCHEMA_FIELDS
        assert new["event"]["country"] == "Mali" and new["event"]["status"] == "reported"
        assert new["event"]["claimed_by"] is None and new["event"]["fatalities"] == 12
        assert new["change"]["report"]["url"] == "https://sahelwire.example/mali/ambush-diafarabe"
        assert received[0]["headers"]["idempotency-key"] == f"eventcoder-{new['alert']['delivery_id']}"
        assert len(smtp.messages) == 1 and event_id in smtp.messages[0]["Subject"]
        assert smtp.envelopes[0]["to"] == ["desk@monitor.test"]

        feeds.set("/wire.rss", rss([CLAIM, AMBUSH, DIALOGUE]))  # the claim arrives
        second = monitor.run_once()
        assert (second.new_items, second.ingested) == (1, 1)
        later = webhook.received[1:]
        assert kinds(later) == [("JNIM", "status_changed", event_id), ("Mali", "status_changed", event_id)]
        change = later[0]["json"]["change"]
        assert change["fields"]["status"]["old"] == "reported" and change["fields"]["status"]["new"] == "claimed"
        assert later[0]["json"]["event"]["claimed_by"].startswith("JNIM")
        assert len(smtp.messages) == 2 and len({m["Message-ID"] for m in smtp.messages}) == 2

        third = monitor.run_once()  # a re-poll: 304, nothing new
        assert (third.new_items, third.ingested, third.alerts_sent) == (0, 0, 0)
        assert feeds.requests("/wire.rss")[-1]["headers"]["if-none-match"]
    assert "ALERT [Mali] new" in caplog.text and "ALERT [Mali] status_changed" in caplog.text

    feeds.set("/wire.rss", rss([DIALOGUE, CLAIM, AMBUSH], title="Sahel Wire (reordered)"))  # a new ETag, same items
    with Monitor(config, db_url=db_url, pipeline=pipeline) as restarted:
        again = restarted.run_once()
        assert (again.new_items, again.ingested, again.alerts_sent) == (0, 0, 0)
        deliveries = restarted.state.deliveries()
    assert len(webhook.received) == 3 and len(smtp.messages) == 2
    assert [d["state"] for d in deliveries] == ["sent"] * len(deliveries)
    assert sorted((d["rule"], d["channel"], d["kind"]) for d in deliveries) == [
        ("JNIM", "webhook", "status_changed"), ("Mali", "email", "new"), ("Mali", "email", "status_changed"),
        ("Mali", "log", "new"), ("Mali", "log", "status_changed"), ("Mali", "webhook", "new"),
        ("Mali", "webhook", "status_changed")]


def test_republished_wire_story_is_one_report(feeds: FeedServer, webhook: WebhookReceiver, pipeline: Any,
                                              db_url: str, make_config: MakeConfig) -> None:
    copies = [republished(TAHOUA, outlet, template, i) for i, (outlet, template) in enumerate(REPUBLISHERS)]
    tracked = AMBUSH.variant(guid="aggregator-ambush", link=AMBUSH.link + "&fbclid=IwAR0xyz#top",
                             text=AMBUSH.text + "\n\nMore on our site.")
    feeds.set("/wire.rss", rss([TAHOUA, AMBUSH], title="Wire"))
    feeds.set("/aggregator.rss", rss([*copies, tracked], title="Aggregator"))
    config = make_config([{"name": "wire", "url": feeds.url("/wire.rss")},
                          {"name": "aggregator", "url": feeds.url("/aggregator.rss")}],
                         [{"name": "all", "webhook": webhook.url, "log": False}])
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor:
        summary = monitor.run_once()
        assert summary.new_items == 13 and summary.ingested == 2 and summary.duplicates == 11
        assert sorted(h["json"]["change"]["kind"] for h in webhook.received) == ["new", "new"]  # none for copies
        assert monitor.store.report_count() == 2
        items = {(i["source"], i["item_key"]): i for i in monitor.state.items()}
        kept = items[("wire", TAHOUA.guid)]
        assert kept["state"] == "done"
        for copy in copies:
            row = items[("aggregator", copy.guid)]
            assert row["state"] in ("duplicate", "near_duplicate") and row["duplicate_of"] == kept["id"], copy.outlet
        assert {items[("aggregator", c.guid)]["state"] for c in copies} == {"duplicate", "near_duplicate"}
        url_dup = items[("aggregator", "aggregator-ambush")]
        assert url_dup["state"] == "duplicate" and url_dup["result"]["duplicate"] == "url"
        event_id = monitor.store.events_of(kept["report_id"])[0]
        digest = build_digest(monitor.store, since=time.time() - 3600)
    entry = next(e for c in digest["countries"].values() for e in c["new"] if e["event_id_cnty"] == event_id)
    outlets = {s["outlet"] for s in entry["sources"]}
    assert outlets == {"Wire", *(outlet for outlet, _ in REPUBLISHERS)}  # one text, all its outlets
    assert "Niamey Post" in render_markdown(digest)


def test_broken_sources_never_stop_the_others(feeds: FeedServer, pipeline: Any, db_url: str, tmp_path: Path,
                                              make_config: MakeConfig) -> None:
    feeds.set("/good.rss", rss([AMBUSH]))
    feeds.set("/error.rss", b"", status=500)
    feeds.set("/slow.rss", rss([TILLABERI]), delay=2.5)
    feeds.set("/malformed.rss", b"<?xml version='1.0'?><rss><channel><item><title>Gunmen kill</ti")
    feeds.set("/huge.rss", b"", huge=50 * 1024 * 1024, declare=False)
    feeds.set("/page.rss", "<!doctype html><html><body>Moved</body></html>", content_type="text/html")
    sources = [{"name": name, "url": feeds.url(f"/{name}.rss"), "interval": 60}
               for name in ("error", "slow", "malformed", "huge", "page", "good")]
    sources.append({"name": "inbox", "path": str(tmp_path / "missing"), "interval": 60})
    clock = Clock()
    config = make_config(sources, timeout=1)
    with Monitor(config, db_url=db_url, pipeline=pipeline, clock=clock) as monitor:
        start = time.monotonic()
        first = monitor.run_once()
        assert time.monotonic() - start < 20
        assert first.ingested == 1 and monitor.store.report_count() == 1
        assert set(first.failed) == {"error", "slow", "malformed", "huge", "page", "inbox"}
        status = {s["name"]: s for s in monitor_status(monitor.store, now=clock.now)["sources"]}
        assert status["good"]["health"] == "ok" and status["good"]["errors"] == 0
        expected = {"error": "HTTP 500", "slow": "timed out after 1 s", "malformed": "malformed XML",
                    "huge": "over the limit", "page": "HTML page", "inbox": "does not exist"}
        for name, text in expected.items():
            assert status[name]["health"] == "failing" and text in status[name]["last_error"], name
            assert status[name]["consecutive_failures"] == 1
        first_wait = monitor.state.source("error")["next_poll_at"] - clock.now

        second = monitor.run_once()  # the failing sources back off; the good one is polled (304)
        assert set(second.backing_off) == set(expected) and second.polled == ["good"]

        feeds.set("/error.rss", rss([DJIBO.variant(language="en")]))  # the server recovers
        clock.advance(3600)
        third = monitor.run_once()
        assert "error" not in third.failed and third.ingested == 1
        status = {s["name"]: s for s in monitor_status(monitor.store, now=clock.now)["sources"]}
        assert status["error"]["health"] == "ok" and status["error"]["errors"] == 1
        assert status["malformed"]["consecutive_failures"] == 2
        second_wait = monitor.state.source("malformed")["next_poll_at"] - clock.now
        assert second_wait > 1.5 * first_wait  # exponential backoff


def test_failed_delivery_is_retried_with_backoff(feeds: FeedServer, webhook: WebhookReceiver, pipeline: Any,
                                                 db_url: str, make_config: MakeConfig) -> None:
    feeds.set("/wire.rss", rss([AMBUSH]))
    clock = Clock()
    config = make_config([{"name": "wire", "url": feeds.url("/wire.rss")}],
                         [{"name": "all", "webhook": webhook.url, "log": False}],
                         alert_retry_base=60, alert_retry_max=600)
    webhook.fail(2)
    with Monitor(config, db_url=db_url, pipeline=pipeline, clock=clock) as monitor:
        monitor.run_once()
        (delivery,) = monitor.state.deliveries()
        assert delivery["state"] == "pending" and delivery["attempts"] == 1 and "HTTP 503" in delivery["last_error"]
        assert delivery["next_attempt_at"] == pytest.approx(clock.now + 60, abs=1)
        status = monitor_status(monitor.store, now=clock.now)
        assert status["alerts"]["pending"] == 1 and status["alerts"]["failing"][0]["attempts"] == 1
        monitor.run_once()  # not due yet
        assert webhook.failures == 1
        clock.advance(61)
        monitor.run_once()
        (delivery,) = monitor.state.deliveries()
        assert webhook.failures == 2 and delivery["attempts"] == 2
        assert delivery["next_attempt_at"] == pytest.approx(clock.now + 120, abs=1)
        clock.advance(121)
        monitor.run_once()
        (delivery,) = monitor.state.deliveries()
        assert delivery["state"] == "sent" and delivery["attempts"] == 3 and delivery["last_error"] is None
    assert len(webhook.received) == 1
    assert webhook.received[0]["headers"]["x-eventcoder-delivery"] == str(delivery["id"])


def test_crash_between_ingest_and_commit_is_recovered(feeds: FeedServer, webhook: WebhookReceiver, pipeline: Any,
                                                      db_url: str, make_config: MakeConfig,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The store committed the report but the monitor died before recording it: on restart the item is
    recovered from the store's history (not ingested again) and its alert goes out, once."""
    feeds.set("/wire.rss", rss([AMBUSH]))
    config = make_config([{"name": "wire", "url": feeds.url("/wire.rss")}],
                         [{"name": "all", "webhook": webhook.url, "log": False}])
    original = MonitorState.finish_item

    class Crash(BaseException):
        """Like the process dying: nothing catches it."""

    def crash(self: MonitorState, item_id: int, **kwargs: Any) -> list[int]:
        if kwargs.get("state") == "done":
            raise Crash("simulated crash after the store's commit")
        return original(self, item_id, **kwargs)

    monkeypatch.setattr(MonitorState, "finish_item", crash)
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor, pytest.raises(Crash):
        monitor.run_once()
    monkeypatch.setattr(MonitorState, "finish_item", original)
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor:
        assert [i["state"] for i in monitor.state.items()] == ["ingesting"]
        assert monitor.store.report_count() == 1
        summary = monitor.run_once()
        assert summary.ingested == 1 and summary.new_items == 0  # the feed answered 304: nothing re-fetched
        assert [i["state"] for i in monitor.state.items()] == ["done"]
        assert monitor.store.report_count() == 1 and monitor.store.count() == 1
        assert monitor.run_once().alerts_sent == 0
    assert kinds(webhook.received) == [("all", "new", webhook.received[0]["json"]["event"]["event_id_cnty"])]


def test_restart_resumes_pending_items(feeds: FeedServer, webhook: WebhookReceiver, pipeline: Any, db_url: str,
                                       make_config: MakeConfig) -> None:
    feeds.set("/wire.rss", rss([AMBUSH, DIALOGUE]))
    feeds.set("/fleuve.atom", atom([TILLABERI, DJIBO]), content_type="application/atom+xml")
    config = make_config([{"name": "wire", "url": feeds.url("/wire.rss")},
                          {"name": "fleuve", "url": feeds.url("/fleuve.atom")}],
                         [{"name": "all", "webhook": webhook.url, "log": False}])
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor:
        monitor.poll()  # polled and recorded, then stopped before processing anything
        assert monitor.state.pending_count() == 4
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor:
        summary = monitor.run_once()
        assert summary.new_items == 0 and summary.ingested == 4
        assert [r["headers"].get("if-none-match") is not None for r in feeds.requests("/fleuve.atom")] == [False, True]
        assert monitor.state.pending_count() == 0 and monitor.store.report_count() == 4
    countries = sorted(h["json"]["event"]["country"] for h in webhook.received)
    assert countries == ["Burkina Faso", "Mali", "Niger"]


def test_summary_only_items_fetch_the_page(feeds: FeedServer, pipeline: Any, db_url: str,
                                           make_config: MakeConfig) -> None:
    feeds.set("/articles/songho.html", BANDIAGARA_HTML, content_type="text/html; charset=utf-8")
    gone = BANDIAGARA.variant(guid="tag:lqdc.example,2024-03-18:gone", link=feeds.url("/articles/gone.html"),
                              title="Niger : des soldats tués près de Tera",
                              summary="Des hommes armés ont tué six soldats nigériens samedi près de Tera, dans la "
                                      "région de Tillabéri, selon une source sécuritaire.")
    feeds.set("/lqdc.atom", atom([BANDIAGARA.variant(link=feeds.url("/articles/songho.html")), gone],
                                 title="Le Quotidien du Centre"), content_type="application/atom+xml")
    config = make_config([{"name": "lqdc", "url": feeds.url("/lqdc.atom")}], page_retries=1)
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor:
        summary = monitor.run_once()
        assert summary.ingested == 2
        reports = {r.title: r for e in monitor.store.events() for r in monitor.store.reports_of(e.event_id_cnty)}
    page = reports["Mali : des civils tués près de Bandiagara"]
    assert "Songho" in page.text and "Accueil" not in page.text  # the article, not the navigation
    assert page.url == feeds.url("/articles/songho.html") and page.language == "fr"
    assert "six soldats" in reports["Niger : des soldats tués près de Tera"].text  # fell back to the summary


def test_drop_folder(tmp_path: Path, pipeline: Any, db_url: str, make_config: MakeConfig) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "tillaberi.txt").write_text(TILLABERI.title + "\n\n" + TILLABERI.text, encoding="utf-8")
    (inbox / "songho.html").write_text(BANDIAGARA_HTML, encoding="utf-8")
    line = {"id": "desk-1", "text": DJIBO.text, "published": "2024-03-15", "outlet": "Radio Djibo", "language": "fr"}
    (inbox / "desk.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    config = make_config([{"name": "inbox", "path": str(inbox), "interval": 30, "outlet": "Analyst desk"}])
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor:
        assert monitor.run_once().ingested == 3
        assert monitor.store.report("desk-1").outlet == "Radio Djibo"
        assert monitor.run_once().new_items == 0
        (inbox / "tillaberi.txt").write_text(TILLABERI.title + "\n\n" + TILLABERI.text.replace(
            "au moins dix civils", "au moins dix-sept civils"), encoding="utf-8")
        (inbox / "note.txt.part").write_text("not yet", encoding="utf-8")
        again = monitor.run_once()
        assert again.new_items == 1 and again.ingested == 1  # the new version of the file, read again
        outlets = {r.outlet for e in monitor.store.events() for r in monitor.store.reports_of(e.event_id_cnty)}
    assert "Analyst desk" in outlets


def test_run_until_stopped(feeds: FeedServer, webhook: WebhookReceiver, pipeline: Any, db_url: str,
                           make_config: MakeConfig) -> None:
    """The long-running loop: polls on its interval, picks up a new item, alerts, and stops when asked."""
    feeds.set("/wire.rss", rss([DIALOGUE]))
    config = make_config([{"name": "wire", "url": feeds.url("/wire.rss"), "interval": 0.3}],
                         [{"name": "all", "webhook": webhook.url, "log": False}])
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor:
        thread = threading.Thread(target=monitor.run)
        thread.start()
        try:
            time.sleep(1.0)
            assert len(feeds.requests("/wire.rss")) >= 2  # polled again on its interval
            feeds.set("/wire.rss", rss([AMBUSH, DIALOGUE]))
            got = webhook.wait_for(1, timeout=20)
            assert [h["json"]["change"]["kind"] for h in got] == ["new"]
        finally:
            monitor.stop()
            thread.join(timeout=10)
        assert not thread.is_alive()
        assert monitor.summary.ingested == 2 and monitor.summary.alerts_sent == 1


class FlakyPipeline:
    """The real pipeline, except that it fails on reports that mention Bankilaré."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.dictionary = real.dictionary
        self.calls = 0

    def mentions(self, report: Any) -> Any:
        if "Bankilaré" in report.text:
            self.calls += 1
            raise ValueError("the parser choked")
        return self.real.mentions(report)


def test_a_report_that_breaks_the_pipeline_is_set_aside(feeds: FeedServer, pipeline: Any, db_url: str,
                                                          make_config: MakeConfig) -> None:
    feeds.set("/fleuve.atom", atom([TILLABERI, DJIBO]), content_type="application/atom+xml")
    clock = Clock()
    flaky = FlakyPipeline(pipeline)
    config = make_config([{"name": "fleuve", "url": feeds.url("/fleuve.atom")}])
    with Monitor(config, db_url=db_url, pipeline=flaky, clock=clock) as monitor:
        first = monitor.run_once()
        assert first.ingested == 1 and first.waiting == 1  # Djibo went through; Bankilaré waits for a retry
        for _ in range(2):
            clock.advance(3600)
            monitor.run_once()
        states = {i["item_key"]: (i["state"], i["error"]) for i in monitor.state.items()}
    assert flaky.calls == 3
    state, error = states[TILLABERI.guid]
    assert state == "failed" and error == "ValueError: the parser choked"
    assert states[DJIBO.guid][0] == "done"


def test_corrected_story_under_the_same_guid_is_read_again(feeds: FeedServer, webhook: WebhookReceiver,
                                                           pipeline: Any, db_url: str,
                                                           make_config: MakeConfig) -> None:
    feeds.set("/wire.rss", rss([AMBUSH]))
    config = make_config([{"name": "wire", "url": feeds.url("/wire.rss")}],
                         [{"name": "all", "webhook": webhook.url, "log": False, "on": ["new", "status_changed"]}])
    corrected = AMBUSH.variant(text=AMBUSH.text.replace(
        "Several army vehicles were burnt.", "Several army vehicles were burnt. The toll rose to fifteen on Tuesday "
        "after three wounded soldiers died in hospital, a military source said."))
    with Monitor(config, db_url=db_url, pipeline=pipeline) as monitor:
        monitor.run_once()
        feeds.set("/wire.rss", rss([corrected]))  # same guid and link, new text
        again = monitor.run_once()
        assert again.new_items == 1 and again.ingested == 1 and again.duplicates == 0
        rows = monitor.state.items()
        assert [(r["item_key"], r["state"]) for r in rows] == [(AMBUSH.guid, "done")] * 2
        assert rows[0]["revision"] != rows[1]["revision"]
    got = [(h["json"]["change"]["kind"], h["json"]["event"]["event_id_cnty"]) for h in webhook.received]
    assert [kind for kind, _ in got] == ["new", "status_changed"] and got[0][1] == got[1][1]
    assert webhook.received[1]["json"]["change"]["fields"]["status"]["new"] == "confirmed"
