"""`eventcoder watch`: the monitor, from the command line or as a service.

``--once`` polls every source once, processes, alerts and exits (for cron and tests); without it the monitor
runs until SIGINT or SIGTERM and finishes the report in hand before it exits.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from eventcoder.cli._errors import handle_errors
from eventcoder.cli._options import DbUrl
from eventcoder.settings import MONITOR_CONFIG

__all__ = ["setup_logging", "watch_command"]

ConfigPath = Annotated[Path, typer.Option("--config", "-c", envvar=MONITOR_CONFIG.name,
                                          help="The monitor's TOML file (sources, alerts; see docs/monitor.md).")]


def setup_logging(verbose: int, quiet: bool) -> None:
    """Log lines on stderr: warnings and alerts when quiet, what each poll and item did by default."""
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S"))
    root = logging.getLogger("eventcoder")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    if verbose < 2:
        logging.getLogger("httpx").setLevel(logging.WARNING)


def _install_signals(monitor: Any) -> None:
    """SIGINT/SIGTERM ask the monitor to stop after the report in hand; a second SIGINT stops at once."""
    def handler(signum: int, _frame: Any) -> None:
        if monitor.stopping and signum == signal.SIGINT:
            raise KeyboardInterrupt
        logging.getLogger("eventcoder.monitor").warning(
            "%s received: stopping after the report in hand", signal.Signals(signum).name)
        monitor.stop()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


@handle_errors
def watch_command(
    config: ConfigPath = Path(MONITOR_CONFIG.default),
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, process, alert, and exit.")] = False,
    db: DbUrl = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log lines (-vv: HTTP too).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings and alerts.")] = False,
) -> None:
    """Watch feeds and drop folders, code new reports into the database, and send the alerts."""
    from eventcoder.monitor import Monitor, load_config

    settings = load_config(config)
    setup_logging(verbose, quiet)
    log = logging.getLogger("eventcoder.monitor")
    with Monitor(settings, db_url=db or settings.db) as monitor:
        names = ", ".join(s.name for s in monitor.sources) or "none"
        log.info("watching %d source(s): %s; %d alert rule(s)", len(monitor.sources), names, len(settings.alerts))
        if once:
            summary = monitor.run_once()
        else:
            _install_signals(monitor)
            summary = monitor.run()
            log.info("stopped")
    print(f"eventcoder watch: {summary.line()}", file=sys.stderr)
