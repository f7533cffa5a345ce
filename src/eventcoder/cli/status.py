"""`eventcoder status`: the monitor's sources, what it ingested lately, and its alerts."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from eventcoder.cli._errors import handle_errors
from eventcoder.cli._options import DbUrl
from eventcoder.settings import MONITOR_CONFIG

__all__ = ["status_command"]


class StatusFormat(StrEnum):
    table = "table"
    json = "json"


def existing_store(db: str | None) -> Any:
    """The :class:`~eventcoder.store.EventStore` at ``db`` (default ``sqlite:///eventcoder.db``), refusing to
    create a new SQLite file just to report on it.

    Raises:
        StoreError: [E500] no database file there.
    """
    from sqlalchemy.engine import make_url

    from eventcoder.errors import StoreError
    from eventcoder.store import EventStore

    url = db or "sqlite:///eventcoder.db"
    try:
        parsed = make_url(url)
    except Exception:
        parsed = None
    if parsed is not None and parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
            and not Path(parsed.database).exists():
        raise StoreError(f"no database at {parsed.database}; give --db URL or set EVENTCODER_DB (the database "
                         "eventcoder watch writes to)")
    return EventStore(url)


def _ago(value: str | None, now: str) -> str:
    if not value:
        return "never"
    import datetime as dt

    seconds = (dt.datetime.fromisoformat(now.replace("Z", "+00:00"))
               - dt.datetime.fromisoformat(value.replace("Z", "+00:00"))).total_seconds()
    if seconds < 0:
        return f"in {int(-seconds)} s" if -seconds < 120 else f"in {int(-seconds // 60)} min"
    if seconds < 120:
        return f"{int(seconds)} s ago"
    if seconds < 7200:
        return f"{int(seconds // 60)} min ago"
    return f"{seconds / 3600:.1f} h ago"


def _short(text: str | None, width: int = 40) -> str:
    if not text:
        return ""
    text = text.split(": ", 1)[-1] if text.startswith("[E") else text
    return text if len(text) <= width else text[:width - 1] + "…"


def render_table(status: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=sys.stdout, width=max(100, Console().width))
    now = status["generated_at"]
    if not status["monitor"]:
        console.print("No monitor has run on this database yet (eventcoder watch --config monitor.toml).")
    table = Table(title="sources", title_justify="left")
    for column in ("source", "health", "last poll", "last success", "errors", "in a row", "backlog", "items",
                   "last error"):
        table.add_column(column, overflow="fold")
    for s in status["sources"]:
        table.add_row(s["name"], s["health"], _ago(s["last_poll"], now), _ago(s["last_success"], now),
                      str(s["errors"]), str(s["consecutive_failures"]), str(s["backlog"]), str(s["items_seen"]),
                      _short(s["last_error"]))
    console.print(table)
    for s in status["sources"]:
        if s["last_error"]:
            console.print(f"{s['name']}: {s['last_error']}", soft_wrap=True)
    windows = status.get("windows", {})
    if windows:
        recent = Table(title="ingested", title_justify="left")
        recent.add_column("")
        for label in windows:
            recent.add_column(label.replace("_", " "))
        for key in ("items_seen", "reports_ingested", "duplicates", "unreadable", "events_new", "events_updated",
                    "status_changes", "alerts_sent"):
            recent.add_row(key.replace("_", " "), *(str(windows[w].get(key, 0)) for w in windows))
        console.print(recent)
    store = status["store"]
    alerts = status["alerts"]
    console.print(f"store: {store['events']} events, {store['reports']} reports; events changed in the last hour: "
                  f"{store['events_changed_last_hour']}, last day: {store['events_changed_last_day']}")
    console.print(f"alerts: {alerts['sent']} sent, {alerts['pending']} pending")
    for failing in alerts["failing"]:
        console.print(f"  failing: #{failing['id']} {failing['rule']} via {failing['channel']} for "
                      f"{failing['event_id']} ({failing['attempts']} attempt(s); next {failing['next_attempt']}): "
                      f"{failing['last_error']}")


@handle_errors
def status_command(
    db: DbUrl = None,
    config: Annotated[Path | None, typer.Option("--config", "-c", envvar=MONITOR_CONFIG.name,
                                                help="The monitor's TOML file (lists sources never polled too; "
                                                     "its db is used when --db is not given).")] = None,
    format: Annotated[StatusFormat, typer.Option("--format", "-f", help="table or json.")] = StatusFormat.table,
) -> None:
    """Sources with their last poll, last success, errors and backlog; recent ingestion; alerts sent and pending."""
    from eventcoder.monitor import load_config, monitor_status

    settings = load_config(config) if config is not None else None
    with existing_store(db or (settings.db if settings else None)) as store:
        status = monitor_status(store, config=settings)
    if format is StatusFormat.json:
        print(json.dumps(status, indent=1, ensure_ascii=False))
    else:
        render_table(status)
