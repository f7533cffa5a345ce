"""`eventcoder watch`, `status`, `digest` and the API's /status and /metrics, on a database a monitor filled."""

from __future__ import annotations

import json
import logging
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from feeds_data import AMBUSH, CLAIM, TILLABERI, atom, rss
from servers import FeedServer, WebhookReceiver, free_port
from typer.testing import CliRunner

from eventcoder.cli.app import app
from eventcoder.monitor import Monitor, parse_config

warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette.testclient` is deprecated")
from fastapi.testclient import TestClient  # noqa: E402

from eventcoder.api import ApiSettings, create_app  # noqa: E402

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(autouse=True)
def _keep_logging() -> Iterator[None]:
    """`eventcoder watch` sets up the eventcoder logger for a terminal; put it back for the other tests."""
    logger = logging.getLogger("eventcoder")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved


@pytest.fixture(scope="module")
def monitored(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Iterator[str]:
    """A database after two monitor runs: three reports, a claim, a failing source, an alert that cannot go out."""
    feeds = FeedServer()
    try:
        feeds.set("/wire.rss", rss([AMBUSH]))
        feeds.set("/fleuve.atom", atom([TILLABERI]), content_type="application/atom+xml")
        feeds.set("/down.rss", b"", status=503)
        db = f"sqlite:///{tmp_path_factory.mktemp('monitored') / 'events.db'}"
        config = parse_config({
            "monitor": {"timeout": 2, "alert_retry_base": 600},
            "source": [{"name": "sahel-wire", "url": feeds.url("/wire.rss")},
                       {"name": "journal-du-fleuve", "url": feeds.url("/fleuve.atom")},
                       {"name": "down", "url": feeds.url("/down.rss")}],
            "alert": [{"name": "unreachable", "webhook": f"http://127.0.0.1:{free_port()}/hook", "log": False}]})
        with Monitor(config, db_url=db, pipeline=pipeline) as monitor:
            monitor.run_once()
            feeds.set("/wire.rss", rss([CLAIM, AMBUSH]))
            monitor.run_once()
        yield db
    finally:
        feeds.close()


def test_status_json_and_table(monitored: str) -> None:
    result = runner.invoke(app, ["status", "--db", monitored, "--format", "json"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    sources = {s["name"]: s for s in status["sources"]}
    assert set(sources) == {"sahel-wire", "journal-du-fleuve", "down"}
    assert sources["sahel-wire"]["health"] == "ok" and sources["sahel-wire"]["polls"] == 2
    assert sources["down"]["health"] == "failing" and "HTTP 503" in sources["down"]["last_error"]
    assert sources["down"]["errors"] == 1 and sources["down"]["backlog"] == 0
    hour = status["windows"]["last_hour"]
    assert hour["reports_ingested"] == 3 and hour["events_new"] == 2 and hour["status_changes"] == 1
    assert status["store"]["events"] == 2 and status["store"]["reports"] == 3
    assert status["alerts"]["sent"] == 0 and status["alerts"]["pending"] == 3
    assert "ConnectError" in status["alerts"]["failing"][0]["last_error"]
    table = runner.invoke(app, ["status", "--db", monitored])
    assert table.exit_code == 0
    assert "sahel-wire" in table.stdout and "failing" in table.stdout and "3 pending" in table.stdout


def test_digest_formats(monitored: str, tmp_path: Path) -> None:
    md = runner.invoke(app, ["digest", "--db", monitored, "--since", "24h"])
    assert md.exit_code == 0, md.output
    text = md.stdout
    assert text.startswith("# eventcoder digest: ")
    assert "2 new event(s)" in text and "1 claim(s), 1 status change(s)" in text
    for heading in ("## Largest tolls", "## New claims", "## Status changes", "## By country", "### Mali",
                    "### Niger"):
        assert heading in text
    assert "[Sahel Wire](https://sahelwire.example/mali/jnim-claims-diafarabe)" in text
    assert "reported -> claimed" in text
    out = tmp_path / "digest.html"
    html = runner.invoke(app, ["digest", "--db", monitored, "--since", "2020-01-01", "--format", "html", "-o", str(out)])
    assert html.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<h2>New claims</h2>" in page and "Bankilaré" in page
    data = json.loads(runner.invoke(app, ["digest", "--db", monitored, "--format", "json"]).stdout)
    assert data["totals"]["new"] == 2 and data["new_claims"][0]["claimed_by"].startswith("JNIM")
    empty = runner.invoke(app, ["digest", "--db", monitored, "--since", "2099-01-01"])
    assert "Nothing new in this period." in empty.stdout
    bad = runner.invoke(app, ["digest", "--db", monitored, "--since", "yesterday"])
    assert bad.exit_code == 1 and "expected a duration" in bad.output


def test_api_status_and_metrics(monitored: str) -> None:
    with TestClient(create_app(ApiSettings(db_url=monitored))) as client:
        status = client.get("/status")
        assert status.status_code == 200
        body = status.json()
        assert body["monitor"] is True and {s["name"] for s in body["sources"]} == {"sahel-wire", "journal-du-fleuve",
                                                                                    "down"}
        metrics = client.get("/metrics")
        assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
        assert client.get("/status?verbose=1").status_code == 400  # unknown parameters are refused
    text = metrics.text
    sample = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.e+]+$')
    for line in text.strip().splitlines():
        assert line.startswith(("# HELP ", "# TYPE ")) or sample.match(line), line
    assert 'eventcoder_monitor_source_healthy{source="down"} 0' in text
    assert 'eventcoder_monitor_source_healthy{source="sahel-wire"} 1' in text
    assert 'eventcoder_monitor_source_errors_total{source="down"} 1' in text
    assert "eventcoder_monitor_alerts_pending 3" in text and "eventcoder_events 2" in text
    assert 'eventcoder_monitor_recent_reports_ingested{window="1h"} 3' in text


def test_api_status_without_a_monitor(tmp_path: Path) -> None:
    with TestClient(create_app(ApiSettings(db_url=f"sqlite:///{tmp_path / 'empty.db'}"))) as client:
        body = client.get("/status").json()
        assert body["monitor"] is False and body["sources"] == [] and body["store"]["events"] == 0
        assert "eventcoder_monitor_up 0" in client.get("/metrics").text


def test_watch_once_command(tmp_path: Path, feeds: FeedServer, webhook: WebhookReceiver, pipeline: Any,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventcoder.pipeline.Pipeline", lambda **_: pipeline)  # share the loaded models
    monkeypatch.delenv("EVENTCODER_DB", raising=False)
    feeds.set("/wire.rss", rss([AMBUSH]))
    db = tmp_path / "watch.db"
    config = tmp_path / "monitor.toml"
    config.write_text(f'db = "sqlite:///{db}"\n[monitor]\ntimeout = 2\n\n'
                      f'[[source]]\nname = "wire"\nurl = "{feeds.url("/wire.rss")}"\ninterval = "5m"\n\n'
                      f'[[alert]]\nname = "Mali"\ncountry = "Mali"\nwebhook = "{webhook.url}"\n', encoding="utf-8")
    result = runner.invoke(app, ["watch", "--config", str(config), "--once"])
    assert result.exit_code == 0, result.output
    assert "1 report(s) ingested" in result.output and "2 alert(s) sent" in result.output  # webhook + log
    assert len(webhook.received) == 1 and db.exists()
    again = runner.invoke(app, ["watch", "--config", str(config), "--once", "--quiet"])
    assert again.exit_code == 0 and "0 new item(s)" in again.output and len(webhook.received) == 1


def test_watch_config_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["watch", "--config", str(tmp_path / "nope.toml"), "--once"])
    assert missing.exit_code == 1 and "[E900]" in missing.output and "no such file" in missing.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "wire"\nurl = "https://x.example/rss"\ninterval = "often"\n', encoding="utf-8")
    result = runner.invoke(app, ["watch", "--config", str(bad), "--once"])
    assert result.exit_code == 1
    assert "source 'wire' (source[0]).interval: expected a duration" in result.output


def test_status_does_not_create_a_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVENTCODER_DB", raising=False)
    for command in (["status"], ["digest"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1 and "no database at eventcoder.db" in result.output
    assert not (tmp_path / "eventcoder.db").exists()
