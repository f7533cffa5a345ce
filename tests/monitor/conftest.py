"""Fixtures for the monitor's tests: local feed/webhook/SMTP servers, one real pipeline, configs, databases."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import FeedServer, SmtpSink, WebhookReceiver

from eventcoder.monitor import MonitorConfig, parse_config


@pytest.fixture()
def feeds() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture()
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


@pytest.fixture()
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    yield sink
    sink.close()


@pytest.fixture(scope="session")
def pipeline() -> Any:
    """One real pipeline (spaCy models, gazetteer, actor dictionary) for the whole session."""
    from eventcoder.pipeline import Pipeline

    return Pipeline(warn=None)


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'events.db'}"


FAST = {"timeout": 2, "settle": 0, "alert_retry_base": 0.05, "alert_retry_max": 0.2, "workers": 4}


@pytest.fixture()
def make_config() -> Callable[..., MonitorConfig]:
    """A validated config from sources and alerts, with settings fit for tests (short timeouts and retries)."""

    def build(sources: list[dict[str, Any]], alerts: list[dict[str, Any]] | None = None, *,
              smtp_port: int | None = None, **monitor: Any) -> MonitorConfig:
        data: dict[str, Any] = {"monitor": FAST | monitor, "source": sources, "alert": alerts or []}
        if smtp_port:
            data["smtp"] = {"host": "127.0.0.1", "port": smtp_port, "from": "eventcoder@monitor.test"}
        return parse_config(data)

    return build


@pytest.fixture()
def pg_url(fresh_pg_database: Callable[[str], AbstractContextManager[str]]) -> Iterator[str]:
    """A PostgreSQL database of this test's own (dropped afterwards); skips when PostgreSQL is unreachable."""
    with fresh_pg_database("eventcoder_monitor") as url:
        yield url
