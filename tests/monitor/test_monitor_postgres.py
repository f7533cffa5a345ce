"""The monitor on PostgreSQL: its tables and version table next to the store's, one alert per change."""

from __future__ import annotations

from typing import Any

import pytest
from feeds_data import AMBUSH, CLAIM, rss
from servers import FeedServer, WebhookReceiver
from sqlalchemy import create_engine, inspect, text

from eventcoder.monitor import Monitor, parse_config

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def test_postgres_new_then_status_changed(pg_url: str, feeds: FeedServer, webhook: WebhookReceiver,
                                          pipeline: Any) -> None:
    feeds.set("/wire.rss", rss([AMBUSH]))
    config = parse_config({"monitor": {"timeout": 2},
                           "source": [{"name": "wire", "url": feeds.url("/wire.rss")}],
                           "alert": [{"name": "all", "webhook": webhook.url, "log": False}]})
    with Monitor(config, db_url=pg_url, pipeline=pipeline) as monitor:
        assert monitor.run_once().ingested == 1
        feeds.set("/wire.rss", rss([CLAIM, AMBUSH]))
        assert monitor.run_once().ingested == 1
    with Monitor(config, db_url=pg_url, pipeline=pipeline) as monitor:  # a restart changes nothing
        assert monitor.run_once().alerts_sent == 0
    got = [(h["json"]["change"]["kind"], h["json"]["event"]["event_id_cnty"]) for h in webhook.received]
    assert [kind for kind, _ in got] == ["new", "status_changed"] and got[0][1] == got[1][1]
    engine = create_engine(pg_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"alembic_version", "alembic_version_monitor", "events", "monitor_items",
                "monitor_deliveries"} <= tables
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version_monitor")).scalar() == "m0001"
    finally:
        engine.dispose()
