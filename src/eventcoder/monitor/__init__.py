"""eventcoder.monitor: watch sources, code what arrives, fuse it into the store, alert on what changed.

``Monitor(load_config("monitor.toml")).run_once()`` polls every feed and drop folder once, runs the new
reports through the pipeline into the :class:`~eventcoder.store.EventStore`, and delivers the alerts the
``[[alert]]`` rules call for; ``run()`` keeps doing so until ``stop()``. ``monitor_status`` and
``build_digest`` read what it did. The monitor sits on top of the stages (ingest -> pipeline -> store);
no stage imports it.

Its names load on first use (PEP 562), so that ``eventcoder status`` and ``digest`` do not pay for the
monitor's HTTP client and deduplication (httpx, numpy) to read the database.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventcoder.monitor._config import AlertRule, MonitorConfig, SourceConfig, load_config, parse_config
    from eventcoder.monitor._digest import build_digest, parse_since, render_html, render_markdown
    from eventcoder.monitor._monitor import CycleSummary, Monitor
    from eventcoder.monitor._status import metrics_text, monitor_status
    from eventcoder.monitor.feeds import USER_AGENT, FeedPoller

_HOMES = {
    "AlertRule": "_config", "MonitorConfig": "_config", "SourceConfig": "_config", "load_config": "_config",
    "parse_config": "_config", "build_digest": "_digest", "parse_since": "_digest", "render_html": "_digest",
    "render_markdown": "_digest", "CycleSummary": "_monitor", "Monitor": "_monitor", "metrics_text": "_status",
    "monitor_status": "_status", "USER_AGENT": "feeds", "FeedPoller": "feeds",
}


def __getattr__(name: str) -> Any:
    """Each public name from its module, imported on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'eventcoder.monitor' has no attribute {name!r}")
    value = getattr(import_module(f"eventcoder.monitor.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


__all__ = [
    "USER_AGENT",
    "AlertRule",
    "CycleSummary",
    "FeedPoller",
    "Monitor",
    "MonitorConfig",
    "SourceConfig",
    "build_digest",
    "load_config",
    "metrics_text",
    "monitor_status",
    "parse_config",
    "parse_since",
    "render_html",
    "render_markdown",
]
