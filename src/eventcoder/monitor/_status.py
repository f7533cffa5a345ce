"""The monitor's status (``eventcoder status``, ``GET /status``) and its Prometheus metrics (``GET /metrics``).

Both read the database only, so they work from any process (the API server, a shell) while the monitor
runs elsewhere, and on a database no monitor has used yet (no sources, zero counts).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from eventcoder import __version__
from eventcoder.monitor._migrate import monitor_schema_present
from eventcoder.monitor._state import MonitorState

__all__ = ["metrics_text", "monitor_status"]

HOUR = 3600.0
DAY = 86400.0


def _iso(value: float | None) -> str | None:
    if value is None:
        return None
    return dt.datetime.fromtimestamp(float(value), dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def monitor_status(store: Any, *, now: float | None = None, config: Any = None) -> dict[str, Any]:
    """Sources (last poll, last success, errors, backlog), what was ingested in the last hour and day, and
    the alerts sent and pending.

    Args:
        store: an open :class:`~eventcoder.store.EventStore` (its database holds the monitor's tables).
        now: the time of the report (default: now).
        config: a :class:`~eventcoder.monitor.MonitorConfig`, to list configured sources never polled yet.
    """
    from eventcoder.store import EventFilter

    now = time.time() if now is None else now
    out: dict[str, Any] = {"version": __version__, "generated_at": _iso(now), "monitor": False, "sources": [],
                           "windows": {}, "alerts": {"sent": 0, "pending": 0, "failing": []},
                           "store": {"events": store.count(), "reports": store.report_count()}}
    for label, span in (("last_hour", HOUR), ("last_day", DAY)):
        out["store"][f"events_changed_{label}"] = store.count(EventFilter(updated_since=int(now - span)))
    if not monitor_schema_present(store.engine):
        out["sources"] = [_configured(s) for s in getattr(config, "sources", [])]
        return out
    state = MonitorState(store.engine)
    out["monitor"] = True
    backlog = state.backlog()
    totals = state.item_totals()
    seen = set()
    for row in state.sources():
        seen.add(row["name"])
        failures = int(row["consecutive_failures"] or 0)
        out["sources"].append({
            "name": row["name"], "kind": row["kind"], "location": row["location"], "title": row["title"],
            "health": "failing" if failures else ("warning" if row["last_status"] == "warning" else
                                                  ("ok" if row["last_success_at"] else "never polled")),
            "last_poll": _iso(row["last_poll_at"]), "last_success": _iso(row["last_success_at"]),
            "last_status": row["last_status"],
            "last_error": row["last_error"] if failures or row["last_status"] == "warning" else None,
            "last_error_at": _iso(row["last_error_at"]), "errors": int(row["error_count"] or 0),
            "consecutive_failures": failures, "next_poll": _iso(row["next_poll_at"]),
            "polls": int(row["polls"] or 0), "items_seen": int(row["items_seen"] or 0),
            "backlog": backlog.get(row["name"], 0), "items": totals.get(row["name"], {}),
            "configured": config is None or config.source(row["name"]) is not None,
        })
    for source in getattr(config, "sources", []):
        if source.name not in seen:
            out["sources"].append(_configured(source))
    for label, span in (("last_hour", HOUR), ("last_day", DAY)):
        counts = state.counts(now - span)
        items = counts["items"]
        out["windows"][label] = {
            "items_seen": counts["items_seen"],
            "reports_ingested": items.get("done", 0),
            "duplicates": items.get("duplicate", 0) + items.get("near_duplicate", 0),
            "unreadable": items.get("failed", 0),
            "events_new": counts["changes"].get("new", 0),
            "events_updated": counts["changes"].get("updated", 0) + counts["changes"].get("status_changed", 0),
            "status_changes": counts["changes"].get("status_changed", 0),
            "alerts_sent": counts["alerts_sent"],
        }
    deliveries = state.delivery_totals()
    out["alerts"] = {
        "sent": deliveries.get("sent", 0),
        "pending": deliveries.get("pending", 0) + deliveries.get("sending", 0),
        "failing": [{"id": r["id"], "rule": r["rule"], "channel": r["channel"], "event_id": r["event_id"],
                     "kind": r["kind"], "attempts": r["attempts"], "last_error": r["last_error"],
                     "next_attempt": _iso(r["next_attempt_at"])} for r in state.failing_deliveries()],
    }
    out["backlog"] = sum(backlog.values())
    return out


def _configured(source: Any) -> dict[str, Any]:
    return {"name": source.name, "kind": source.kind, "location": source.location, "title": None,
            "health": "never polled", "last_poll": None, "last_success": None, "last_status": None,
            "last_error": None, "last_error_at": None, "errors": 0, "consecutive_failures": 0, "next_poll": None,
            "polls": 0, "items_seen": 0, "backlog": 0, "items": {}, "configured": True}


def _label(value: Any) -> str:
    return str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _ts(value: str | None) -> float | None:
    if not value:
        return None
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def metrics_text(status: dict[str, Any]) -> str:
    """The status in the Prometheus text exposition format (version 0.0.4)."""
    lines: list[str] = []

    def metric(name: str, kind: str, help_text: str, samples: list[tuple[dict[str, Any], float | None]]) -> None:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} {kind}")
        for labels, value in samples:
            if value is None:
                continue
            rendered = ",".join(f'{k}="{_label(v)}"' for k, v in labels.items())
            lines.append(f"{name}{{{rendered}}} {float(value):g}" if rendered else f"{name} {float(value):g}")

    sources = status.get("sources", [])
    metric("eventcoder_monitor_up", "gauge", "1 when the database holds the monitor's tables.",
           [({}, 1.0 if status.get("monitor") else 0.0)])
    metric("eventcoder_monitor_source_healthy", "gauge", "1 when the source's last poll succeeded.",
           [({"source": s["name"]}, 0.0 if s["consecutive_failures"] else 1.0) for s in sources])
    metric("eventcoder_monitor_source_last_poll_timestamp_seconds", "gauge", "Unix time of the last poll.",
           [({"source": s["name"]}, _ts(s["last_poll"])) for s in sources])
    metric("eventcoder_monitor_source_last_success_timestamp_seconds", "gauge",
           "Unix time of the last successful poll.", [({"source": s["name"]}, _ts(s["last_success"])) for s in sources])
    metric("eventcoder_monitor_source_errors_total", "counter", "Failed polls.",
           [({"source": s["name"]}, s["errors"]) for s in sources])
    metric("eventcoder_monitor_source_consecutive_failures", "gauge", "Failed polls in a row.",
           [({"source": s["name"]}, s["consecutive_failures"]) for s in sources])
    metric("eventcoder_monitor_source_polls_total", "counter", "Polls.", [({"source": s["name"]}, s["polls"])
                                                                          for s in sources])
    metric("eventcoder_monitor_source_backlog_items", "gauge", "Items waiting to be processed.",
           [({"source": s["name"]}, s["backlog"]) for s in sources])
    metric("eventcoder_monitor_items_total", "counter", "Items seen, by final state.",
           [({"source": s["name"], "state": state}, n) for s in sources for state, n in sorted(s["items"].items())])
    for window, span in (("last_hour", "1h"), ("last_day", "24h")):
        counts = status.get("windows", {}).get(window, {})
        for key in ("reports_ingested", "duplicates", "events_new", "events_updated", "status_changes", "alerts_sent"):
            if key in counts:
                lines.append(f'eventcoder_monitor_recent_{key}{{window="{span}"}} {counts[key]:g}')
    metric("eventcoder_monitor_alerts_sent_total", "counter", "Alert deliveries sent.",
           [({}, status.get("alerts", {}).get("sent", 0))])
    metric("eventcoder_monitor_alerts_pending", "gauge", "Alert deliveries waiting (new or being retried).",
           [({}, status.get("alerts", {}).get("pending", 0))])
    metric("eventcoder_monitor_alerts_failing", "gauge", "Alert deliveries that failed at least once and wait.",
           [({}, len(status.get("alerts", {}).get("failing", [])))])
    store = status.get("store", {})
    metric("eventcoder_events", "gauge", "Events in the store.", [({}, store.get("events"))])
    metric("eventcoder_reports", "gauge", "Reports in the store.", [({}, store.get("reports"))])
    metric("eventcoder_events_changed", "gauge", "Events created or changed in the window.",
           [({"window": "1h"}, store.get("events_changed_last_hour")),
            ({"window": "24h"}, store.get("events_changed_last_day"))])
    return _with_recent_headers(lines)


def _with_recent_headers(lines: list[str]) -> str:
    """Add HELP/TYPE lines for the recent_* families (written as bare samples above)."""
    out: list[str] = []
    announced: set[str] = set()
    for line in lines:
        if line.startswith("eventcoder_monitor_recent_"):
            name = line.split("{", 1)[0]
            if name not in announced:
                announced.add(name)
                what = name.removeprefix("eventcoder_monitor_recent_").replace("_", " ")
                out.append(f"# HELP {name} {what.capitalize()} in the window.")
                out.append(f"# TYPE {name} gauge")
        out.append(line)
    return "\n".join(out) + "\n"
