"""The monitor: poll sources, code what is new, fuse it into the store, alert on what changed.

One loop in the calling thread owns the pipeline and the store's writes; feeds are fetched by a small
thread pool (one broken or slow source never holds up the others) and alerts are delivered by one worker
thread (a slow webhook never holds up coding). State lives in the database (see ``_state.py``), so the
monitor resumes where it stopped, also after ``kill -9``.

Example:
    >>> from eventcoder.monitor import Monitor, load_config
    >>> with Monitor(load_config("monitor.toml")) as monitor:
    ...     summary = monitor.run_once()          # or monitor.run() until monitor.stop()
"""

from __future__ import annotations

import importlib.util
import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any

import httpx
from sqlalchemy.pool import StaticPool

from eventcoder.errors import ConfigError, EventcoderError, FeedUnavailable, IngestError, StoreError
from eventcoder.ingest import report_from_dict, report_from_html, report_from_text
from eventcoder.monitor._alerts import AlertRules, DeliveryError, Dispatcher
from eventcoder.monitor._changes import changes_of
from eventcoder.monitor._config import MonitorConfig, SourceConfig
from eventcoder.monitor._dedup import (
    Fingerprint,
    NearDuplicateIndex,
    fingerprint,
    normalise_text,
    novel_words,
    text_hash,
)
from eventcoder.monitor._folder import FolderItem, FolderPoller
from eventcoder.monitor._migrate import ensure_monitor_schema
from eventcoder.monitor._state import MonitorState
from eventcoder.monitor.feeds import FeedItem, FeedPoller, FeedResult, make_client
from eventcoder.records import Report

__all__ = ["CycleSummary", "Monitor"]

log = logging.getLogger("eventcoder.monitor")

ITEM_ATTEMPTS = 3  # a report whose processing fails this many times is set aside as failed
PRUNE_EVERY = 3600.0  # seconds between two prunings of the near-duplicate index
DB_RETRY = 5.0  # seconds to wait after a database error in the long-running loop


@dataclass(slots=True)
class CycleSummary:
    """What one ``run_once`` (or the whole of ``run``) did."""

    polled: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    backing_off: list[str] = field(default_factory=list)
    new_items: int = 0
    ingested: int = 0
    duplicates: int = 0
    failed_items: int = 0
    waiting: int = 0
    changes: int = 0
    alerts_sent: int = 0
    alerts_failed: int = 0
    alerts_pending: int = 0
    seconds_polling: float = 0.0
    seconds_processing: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    def line(self) -> str:
        parts = [f"{len(self.polled)} source(s) polled"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed ({', '.join(sorted(self.failed))})")
        if self.backing_off:
            parts.append(f"{len(self.backing_off)} backing off")
        parts += [f"{self.new_items} new item(s)", f"{self.ingested} report(s) ingested",
                  f"{self.duplicates} duplicate(s)", f"{self.changes} event change(s)",
                  f"{self.alerts_sent} alert(s) sent"]
        if self.failed_items:
            parts.append(f"{self.failed_items} unreadable item(s)")
        if self.waiting:
            parts.append(f"{self.waiting} item(s) waiting for a retry")
        if self.alerts_pending:
            parts.append(f"{self.alerts_pending} alert(s) pending")
        return ", ".join(parts)


@dataclass(slots=True)
class _Outcome:
    source: SourceConfig
    result: FeedResult | list[FolderItem] | None = None
    error: BaseException | None = None


class _Retry(Exception):
    """The item cannot be processed yet (its page could not be fetched): try again later."""


class Monitor:
    """Watches the configured sources and keeps the event store and the alert rules' recipients up to date.

    Args:
        config: the validated ``monitor.toml``.
        db_url: the database (default: ``config.db``, else ``$EVENTCODER_DB``, else ``sqlite:///eventcoder.db``).
        store: an open :class:`~eventcoder.store.EventStore` to use instead (not closed by the monitor).
        pipeline: a :class:`~eventcoder.pipeline.Pipeline` to share (default: one loaded on first use).
        client: the ``httpx.Client`` for feeds and pages (default: :func:`~eventcoder.monitor.feeds.make_client`).
        webhook_client: the ``httpx.Client`` for webhooks (default: a new one).
        clock: the time source (unix seconds).

    Raises:
        ConfigError: [E900] an alert rule names an unknown actor.
        StoreError: [E500] the database cannot be opened or migrated.
    """

    def __init__(self, config: MonitorConfig, *, db_url: str | None = None, store: Any = None, pipeline: Any = None,
                 client: httpx.Client | None = None, webhook_client: httpx.Client | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        from eventcoder.store import EventStore

        self.config = config
        self.settings = config.monitor
        self.clock = clock
        self._owns_store = store is None
        self.store = store if store is not None else EventStore(db_url or config.db)
        self._closers: list[Callable[[], None]] = []
        try:
            if any(s.url for s in config.sources) and importlib.util.find_spec("feedparser") is None:
                raise ConfigError("the monitor reads feeds with feedparser, which is not installed: "
                                  "pip install feedparser")
            ensure_monitor_schema(self.store.engine)
            self.state = MonitorState(self.store.engine)
            self.sources = [s for s in config.sources if s.enabled]
            self.state.sync_sources([(s.name, s.kind, s.location) for s in self.sources])
            self.poller = FeedPoller(client or make_client(timeout=self.settings.timeout))
            if client is None:
                self._closers.append(self.poller.close)
            self.folders = {s.name: FolderPoller(s.path, max_bytes=s.max_bytes or self.settings.max_bytes)
                            for s in self.sources if s.path is not None}
            self._pipeline = pipeline
            self.rules = AlertRules(config, dictionary=self._dictionary)
            self.dispatcher = Dispatcher(config, client=webhook_client)
            self._closers.append(self.dispatcher.close)
        except BaseException:
            self.close()
            raise
        self.near = NearDuplicateIndex(self.settings.near_duplicate)
        self._pruned_at = self.clock()
        for item_id, data, seen_at in self.state.fingerprints(self._pruned_at - self.settings.near_duplicate_days):
            fp = Fingerprint.from_json(data)
            if fp is not None:
                self.near.add(item_id, fp, kept_at=seen_at)
        self._next_poll: dict[str, float] = {}
        self._failures: dict[str, int] = {}
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        intervals = {s.name: s.interval for s in self.sources}
        for row in self.state.sources():
            failures = int(row["consecutive_failures"] or 0)
            self._failures[row["name"]] = failures
            self._validators[row["name"]] = (row["etag"], row["last_modified"])
            if row["next_poll_at"] is not None:
                next_at = float(row["next_poll_at"])
                if not failures and row["name"] in intervals:  # an interval shortened since the last run
                    next_at = min(next_at, self._pruned_at + intervals[row["name"]])
                self._next_poll[row["name"]] = next_at
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._deliver_wake = threading.Event()
        self._deliver_stop = threading.Event()
        self._deliver_lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self.summary = CycleSummary()
        self._inline_delivery = isinstance(self.store.engine.pool, StaticPool)  # one shared connection

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> Monitor:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the threads and release the HTTP clients and (if the monitor opened it) the store."""
        self._stop_worker()
        if getattr(self, "_pool", None) is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)  # type: ignore[union-attr]
            self._pool = None
        for closer in getattr(self, "_closers", []):
            closer()
        self._closers = []
        if self._owns_store and self.store is not None:
            self.store.close()
            self._owns_store = False

    def stop(self) -> None:
        """Ask :meth:`run` to stop after the report in hand (safe from signal handlers and other threads)."""
        self._stop.set()
        self._wake.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            from eventcoder.pipeline import Pipeline

            dictionary = None
            if self.settings.dictionary is not None:
                from eventcoder.actors import ActorDictionary

                dictionary = ActorDictionary.load(self.settings.dictionary)
            self._pipeline = Pipeline(warn=None, dictionary=dictionary)
        return self._pipeline

    def _dictionary(self) -> Any:
        return self.pipeline.dictionary

    # ------------------------------------------------------------------ polling

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self.settings.workers, thread_name_prefix="eventcoder-poll")
        return self._pool

    def _submit(self, source: SourceConfig) -> Future[_Outcome]:
        """Start polling a source in the pool, with the validators of its last committed poll."""
        return self._executor().submit(self._fetch, source, self._validators.get(source.name, (None, None)))

    def _fetch(self, source: SourceConfig, validators: tuple[str | None, str | None]) -> _Outcome:
        """Poll one source (runs in a worker thread; touches no database)."""
        outcome = _Outcome(source)
        try:
            if source.url is not None:
                outcome.result = self.poller.poll(
                    source.url, etag=validators[0], last_modified=validators[1],
                    timeout=source.timeout or self.settings.timeout,
                    max_bytes=source.max_bytes or self.settings.max_bytes, source=source.name,
                    outlet=source.outlet, language=source.language, full_text=source.full_text)
            else:
                settle = self.settings.settle if source.settle is None else source.settle
                outcome.result = self.folders[source.name].poll(settle=settle, source=source.name)
        except Exception as exc:  # one broken source never stops the others
            outcome.error = exc
        return outcome

    def _backoff(self, source: SourceConfig, failures: int, retry_after: float | None) -> float:
        delay = min(self.settings.backoff_max, source.interval * (2 ** min(failures, 30)))
        delay *= random.uniform(0.9, 1.1)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.settings.backoff_max))
        return delay

    def _record(self, outcome: _Outcome) -> None:
        """Store a poll's outcome (main thread)."""
        source, now = outcome.source, self.clock()
        self.summary.polled.append(source.name)
        if outcome.error is not None:
            error = outcome.error
            message = str(error) if isinstance(error, EventcoderError) else f"{type(error).__name__}: {error}"
            failures = self._failures.get(source.name, 0) + 1
            retry_after = error.context.get("retry_after") if isinstance(error, EventcoderError) else None
            delay = self._backoff(source, failures, retry_after)
            failures = self.state.record_failure(source.name, now=now, next_at=now + delay, error=message)
            self._failures[source.name] = failures
            self._next_poll[source.name] = now + delay
            self.summary.failed[source.name] = message
            log.warning("source %s failed (%d in a row; next poll in %.0f s): %s", source.name, failures, delay, message)
            return
        result = outcome.result
        rows: list[dict[str, Any]]
        warning = None
        if isinstance(result, FeedResult):
            rows = [self._feed_row(item) for item in result.items]
            status = "not_modified" if result.not_modified else ("warning" if result.warnings else "ok")
            for text in result.warnings:
                log.warning("source %s: %s", source.name, text)
            warning = "; ".join(result.warnings) or None
            etag, modified, title = result.etag, result.last_modified, result.title
        else:
            rows = [self._folder_row(item, source) for item in result or []]
            status, etag, modified, title = "ok", None, None, None
            for item in result or []:
                if item.error:
                    log.warning("source %s: %s", source.name, item.error)
        next_at = now + source.interval
        new = self.state.record_poll(source.name, now=now, next_at=next_at, new_items=rows, etag=etag,
                                     last_modified=modified, title=title, status=status, warning=warning)
        self._failures[source.name] = 0
        self._next_poll[source.name] = next_at
        if status != "not_modified" and source.url is not None:
            self._validators[source.name] = (etag, modified)
        self.summary.new_items += new
        log.info("source %s: %s, %d item(s), %d new", source.name, status.replace("_", " "), len(rows), new)

    @staticmethod
    def _feed_row(item: FeedItem) -> dict[str, Any]:
        return {"item_key": item.key, "revision": item.revision, "canonical_url": item.canonical_url,
                "title": item.title, "outlet": item.outlet, "published": item.published, "payload": item.payload(),
                "state": "pending"}

    @staticmethod
    def _folder_row(item: FolderItem, source: SourceConfig) -> dict[str, Any]:
        from eventcoder.monitor._dedup import canonical_url

        return {"item_key": item.key, "revision": item.revision, "canonical_url": canonical_url(item.url),
                "title": item.title, "outlet": item.outlet or source.outlet or source.name,
                "published": item.published, "payload": item.payload,
                "state": "failed" if item.error else "pending", "error": item.error}

    def _polling_due(self, now: float, *, once: bool) -> tuple[list[SourceConfig], list[SourceConfig]]:
        due, waiting = [], []
        for source in self.sources:
            next_at = self._next_poll.get(source.name)
            if next_at is None or next_at <= now:
                due.append(source)
            elif once and self._failures.get(source.name, 0) == 0:
                due.append(source)  # --once polls every source, except those backing off after failures
            elif once:
                waiting.append(source)
        return due, waiting

    def poll(self, sources: list[SourceConfig] | None = None) -> None:
        """Poll sources (default: all) at once, then record each outcome."""
        futures = [self._submit(s) for s in (sources if sources is not None else self.sources)]
        for future in futures:
            self._record(future.result())

    # ------------------------------------------------------------------ processing

    def _report(self, row: Any, source: SourceConfig | None) -> Report:
        """The report an item stands for (may fetch the linked page).

        Raises:
            _Retry: the page could not be fetched yet.
            IngestError: the item holds no usable text.
        """
        payload = row["payload"]
        kind = payload.get("kind")
        where = f"{row['source']}:{row['item_key']}"
        language = (source.language if source else None) or payload.get("language")
        outlet = row["outlet"] or (source.outlet if source else None) or row["source"]
        if kind == "report":
            report = report_from_dict(payload.get("report"), source=payload.get("path") or where)
            return report if report.outlet else replace(report, outlet=outlet)
        if kind == "html":
            return report_from_html(payload.get("text") or "", source=payload.get("path") or where, outlet=outlet,
                                    language=language)
        if kind == "text":
            return report_from_text(payload.get("text") or "", source=payload.get("path") or where, outlet=outlet,
                                    language=language)
        title = payload.get("title")
        published = payload.get("published")
        url = row["canonical_url"] or payload.get("url")
        body = payload.get("text") or ""
        if payload.get("needs_page") and not body and payload.get("url"):
            try:
                html, _final = self.poller.fetch_page(payload["url"], timeout=(source.timeout if source else None)
                                                      or self.settings.timeout,
                                                      max_bytes=(source.max_bytes if source else None)
                                                      or self.settings.max_bytes)
                page = report_from_html(html, source=payload["url"], published=published)
                body = page.text
                published = published or page.published
            except (FeedUnavailable, IngestError) as exc:
                attempts = int(row["attempts"] or 0) + 1
                if attempts < self.settings.page_retries:
                    delay = min(self.settings.backoff_max, 30.0 * 2 ** (attempts - 1))
                    self.state.update_item(row["id"], attempts=attempts, next_attempt_at=self.clock() + delay,
                                           error=str(exc))
                    log.warning("item %s: page not fetched (attempt %d of %d, next in %.0f s): %s", where, attempts,
                                self.settings.page_retries, delay, exc)
                    raise _Retry(str(exc)) from None
                log.warning("item %s: page not fetched after %d attempt(s), using the item's summary: %s", where,
                            attempts, exc)
                body = payload.get("summary") or ""
        text = _compose(title, body)
        return report_from_text(text, source=where, published=published, url=url, outlet=outlet,
                                language=language, title=title)

    def process_next(self) -> bool:
        """Process the next due item; ``False`` when there is none.

        An item whose processing fails for a reason of its own (a pipeline or fusion error) is tried again
        later and set aside as ``failed`` after ``ITEM_ATTEMPTS`` attempts, so one bad report never blocks the
        others; database errors ([E500]) propagate (the loop waits and tries again).
        """
        row = self.state.next_item(self.clock())
        if row is None:
            return False
        try:
            self._process(row)
        except StoreError:
            raise
        except Exception as exc:
            self._item_error(row, exc)
        return True

    def _item_error(self, row: Any, exc: Exception) -> None:
        attempts = int(row["attempts"] or 0) + 1
        message = f"{type(exc).__name__}: {exc}"
        where = f"{row['source']}:{row['item_key']}"
        if attempts >= ITEM_ATTEMPTS:
            log.error("item %s failed %d times, set aside: %s", where, attempts, message, exc_info=exc)
            self.state.finish_item(row["id"], state="failed", now=self.clock(), error=message[:2000])
            self.summary.failed_items += 1
            return
        delay = min(self.settings.backoff_max, 60.0 * 2 ** (attempts - 1))
        log.warning("item %s failed (attempt %d of %d, next in %.0f s): %s", where, attempts, ITEM_ATTEMPTS, delay,
                    message, exc_info=exc)
        self.state.update_item(row["id"], attempts=attempts, next_attempt_at=self.clock() + delay,
                               error=message[:2000])
        self.summary.waiting += 1

    def process_pending(self) -> int:
        """Process every due item (stops early when asked to stop); returns how many were processed."""
        count = 0
        while not self._stop.is_set() and self.process_next():
            count += 1
        return count

    def _process(self, row: Any) -> None:
        """Dedup, build the report, ingest it (or recover an interrupted ingest), record changes and alerts."""
        source = self.config.source(row["source"])
        recovering = row["state"] == "ingesting"
        if not recovering and (source is None or source.url is not None):
            kept = self.state.kept_by_url(row)
            if kept is not None:
                self._duplicate(row, kept["duplicate_of"] or kept["id"], kept["report_id"], "url")
                return
        try:
            report = self._report(row, source)
        except _Retry:
            self.summary.waiting += 1
            return
        except IngestError as exc:
            self.state.finish_item(row["id"], state="failed", now=self.clock(), error=str(exc))
            self.summary.failed_items += 1
            log.warning("item %s:%s has no usable text: %s", row["source"], row["item_key"], exc)
            return
        digest = text_hash(report.text)
        fp = fingerprint(report.text, report.published)
        if recovering and self.store.stored_report_id(report) == report.id:
            # the store committed this report before the monitor could record it: read back what it did
            event_ids: tuple[str, ...] = self.store.events_of(report.id)
            created: tuple[str, ...] = ()
            outcome: dict[str, Any] = {"report_id": report.id, "recovered": True, "event_ids": list(event_ids)}
        else:
            if not recovering:
                kept = self.state.kept_by_hash(digest, exclude=row["id"])
                if kept is not None:
                    self._duplicate(row, kept["id"], kept["report_id"], "text", digest=digest)
                    return
                repeat = self._near_duplicate(report, fp)
                if repeat is not None:
                    self._duplicate(row, repeat[0], repeat[1], "near", digest=digest, state="near_duplicate")
                    return
                self.state.update_item(row["id"], state="ingesting", report_id=report.id, text_hash=digest,
                                       figures=fp.figures, signature=fp.to_json())
            result = self.store.ingest(report, self.pipeline.mentions(report))
            if result.duplicate_of is not None:  # stored before by another path (eventcoder ingest, the API)
                self._duplicate(row, None, result.duplicate_of, "store", digest=digest)
                return
            event_ids, created, outcome = (*result.created, *result.updated), result.created, result.to_dict()
        self._finish(row, report, digest, fp, event_ids, created, outcome)

    def _finish(self, row: Any, report: Report, digest: str, fp: Fingerprint, event_ids: tuple[str, ...],
                created: tuple[str, ...], outcome: dict[str, Any]) -> None:
        """Record the item as done with the changes its report made and the deliveries they call for."""
        found = []
        info = {"id": report.id, "url": report.url, "outlet": report.outlet, "title": report.title,
                "published": report.published, "language": report.language, "source": row["source"]}
        outlets = [{"outlet": report.outlet, "source": row["source"], "url": report.url}]
        for change in changes_of(self.store, report.id, event_ids, created=created):
            event = self.store.get(change.event_id) if self.rules.rules else None
            planned = self.rules.plan(change, event, outlets=outlets, report=info) if event is not None else []
            found.append((change.to_row(), planned))
        deliveries = self.state.finish_item(row["id"], state="done", now=self.clock(), report_id=report.id,
                                            result=outcome, found=found,
                                            extra={"text_hash": digest, "figures": fp.figures,
                                                   "signature": fp.to_json()})
        self.near.add(row["id"], fp, kept_at=row["first_seen_at"])
        self.summary.ingested += 1
        self.summary.changes += sum(1 for change, _ in found if change["kind"] != "corroborated")
        log.info("item %s:%s -> report %s: %s", row["source"], row["item_key"], report.id,
                 ", ".join(f"{c['event_id']} {c['kind']}" for c, _ in found) or "no event")
        if deliveries:
            self._kick_delivery()

    def _near_duplicate(self, report: Report, fp: Fingerprint) -> tuple[int, str] | None:
        for item_id, _score in self.near.candidates(fp):
            kept = self.state.item(item_id)
            if kept is None or not kept["report_id"]:
                continue
            stored = self.store.report(kept["report_id"])
            if stored is None:
                continue
            if novel_words(report.text, stored.text) <= self.settings.near_duplicate_words:
                return item_id, kept["report_id"]
        return None

    def _duplicate(self, row: Any, kept_item: int | None, report_id: str | None, how: str, *,
                   digest: str | None = None, state: str = "duplicate") -> None:
        extra = {"text_hash": digest} if digest else {}
        self.state.finish_item(row["id"], state=state, now=self.clock(), report_id=report_id,
                               duplicate_of=kept_item, result={"duplicate": how, "report_id": report_id}, extra=extra)
        self.summary.duplicates += 1
        log.info("item %s:%s is a %s duplicate of report %s", row["source"], row["item_key"], how, report_id)

    # ------------------------------------------------------------------ alerts

    def deliver_due(self, *, fresh_only: bool = False) -> tuple[int, int]:
        """Attempt each due delivery (with ``fresh_only``, each never attempted) at most once; returns (sent,
        failed). A failure is rescheduled with exponential backoff."""
        sent = failed = 0
        attempted: set[int] = set()
        with self._deliver_lock:
            while True:
                batch = self.state.due_deliveries(self.clock(), fresh_only=fresh_only, exclude=attempted)
                if not batch:
                    break
                for row in batch:
                    attempted.add(int(row["id"]))
                    self.state.delivery_sending(row["id"])
                    try:
                        self.dispatcher.send(row)
                    except DeliveryError as exc:
                        attempts = int(row["attempts"] or 0) + 1
                        delay = min(self.settings.alert_retry_max,
                                    self.settings.alert_retry_base * 2 ** (attempts - 1))
                        self.state.delivery_failed(row["id"], error=str(exc), next_at=self.clock() + delay)
                        failed += 1
                        log.warning("alert %s (%s, %s via %s) failed, attempt %d, next in %.0f s: %s", row["id"],
                                    row["rule"], row["event_id"], row["channel"], attempts, delay, exc)
                        continue
                    self.state.delivery_sent(row["id"], self.clock())
                    sent += 1
        self.summary.alerts_sent += sent
        self.summary.alerts_failed += failed
        return sent, failed

    def _kick_delivery(self) -> None:
        if self._inline_delivery or self._worker is None:
            self.deliver_due()
        else:
            self._deliver_wake.set()

    def _delivery_loop(self) -> None:
        while not self._deliver_stop.is_set():
            try:
                self.deliver_due()
            except EventcoderError as exc:  # the database was busy or gone: try again shortly
                log.warning("alert delivery: %s", exc)
            next_due = self.state.next_delivery_due()
            wait = 5.0 if next_due is None else max(0.01, min(5.0, next_due - self.clock()))
            self._deliver_wake.wait(timeout=wait)
            self._deliver_wake.clear()

    def _start_worker(self) -> None:
        if self._inline_delivery or self._worker is not None:
            return
        self._deliver_stop.clear()
        self._worker = threading.Thread(target=self._delivery_loop, name="eventcoder-alerts", daemon=True)
        self._worker.start()

    def _stop_worker(self) -> None:
        worker = getattr(self, "_worker", None)
        if worker is None:
            return
        self._deliver_stop.set()
        self._deliver_wake.set()
        worker.join()
        self._worker = None

    # ------------------------------------------------------------------ loops

    def run_once(self) -> CycleSummary:
        """Poll every source once (those backing off after failures excepted), process every item, deliver
        the alerts, and return what happened."""
        self.summary = CycleSummary()
        now = self.clock()
        due, waiting = self._polling_due(now, once=True)
        self.summary.backing_off = [s.name for s in waiting]
        for source in waiting:
            log.info("source %s is backing off after failures until %s", source.name,
                     time.strftime("%H:%M:%S", time.localtime(self._next_poll[source.name])))
        self._start_worker()
        started = time.monotonic()
        try:
            self.poll(due)
            polled = time.monotonic()
            self.process_pending()
        finally:
            self._stop_worker()
        self.deliver_due()
        self.summary.seconds_polling = polled - started
        self.summary.seconds_processing = time.monotonic() - polled
        self.summary.alerts_pending = self.state.delivery_totals().get("pending", 0)
        return self.summary

    def run(self) -> CycleSummary:
        """Run until :meth:`stop` (SIGINT/SIGTERM in the CLI): poll what is due, process, alert. The report in
        hand is finished before it returns."""
        self.summary = CycleSummary()
        self._stop.clear()
        self._start_worker()
        inflight: dict[str, Future[_Outcome]] = {}
        try:
            while not self._stop.is_set():
                try:
                    self._step(inflight)
                except StoreError as exc:  # the database went away or stayed locked: wait, then go on
                    log.error("database error, retrying in %.0f s: %s", DB_RETRY, exc)
                    self._stop.wait(DB_RETRY)
        finally:
            for future in inflight.values():
                future.cancel()
            self._stop_worker()
        self.deliver_due(fresh_only=True)  # the alerts of the last reports, once (retries wait for the next run)
        self.summary.alerts_pending = self.state.delivery_totals().get("pending", 0)
        return self.summary

    def _step(self, inflight: dict[str, Future[_Outcome]]) -> None:
        """One turn of :meth:`run`: start due polls, record finished ones, process one item or wait."""
        now = self.clock()
        if now - self._pruned_at > PRUNE_EVERY:
            self.near.prune(now - self.settings.near_duplicate_days)
            self._pruned_at = now
        due, _ = self._polling_due(now, once=False)
        for source in due:
            if source.name not in inflight:
                future = self._submit(source)
                future.add_done_callback(lambda _f: self._wake.set())
                inflight[source.name] = future
        for name in [n for n, f in inflight.items() if f.done()]:
            self._record(inflight.pop(name).result())
        if self._stop.is_set() or self.process_next():
            return
        waits = [t - now for n, t in self._next_poll.items() if n not in inflight]
        next_item = self.state.next_item_due()
        if next_item is not None:
            waits.append(next_item - now)
        self._wake.wait(timeout=max(0.02, min([5.0, *waits])))
        self._wake.clear()


def _compose(title: str | None, body: str) -> str:
    """The report text of a feed item: its headline, then its text (unless the text opens with it)."""
    body = (body or "").strip()
    if not title:
        return body
    if not body or normalise_text(body).startswith(normalise_text(title)):
        return body or title
    return f"{title}\n\n{body}"
