"""eventcoder.monitor: watch sources, code what arrives, fuse it into the store, alert on what changed.

``Monitor(load_config("monitor.toml")).run_once()`` polls every feed and drop folder once, runs the new
reports through the pipeline into the :class:`~eventcoder.store.EventStore`, and delivers the alerts the
``[[alert]]`` rules call for; ``run()`` keeps doing so until ``stop()``. ``monitor_status`` and
``build_digest`` read what it did. The monitor sits on top of the stages (ingest -> pipeline -> store);
no stage imports it.
"""

from eventcoder.monitor._config import AlertRule, MonitorConfig, SourceConfig, load_config, parse_config
from eventcoder.monitor._digest import build_digest, parse_since, render_html, render_markdown
from eventcoder.monitor._monitor import CycleSummary, Monitor
from eventcoder.monitor._status import metrics_text, monitor_status
from eventcoder.monitor.feeds import USER_AGENT, FeedPoller

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
