"""monitor.toml: parsing, defaults, and errors that name the offending key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventcoder.errors import ConfigError
from eventcoder.monitor import load_config, parse_config
from eventcoder.monitor._config import parse_duration

DOCS = Path(__file__).resolve().parents[2] / "docs" / "monitor.md"


def test_durations() -> None:
    assert parse_duration(90) == 90
    assert parse_duration("90s") == 90
    assert parse_duration("5m") == 300
    assert parse_duration("1.5h") == 5400
    assert parse_duration("2d") == 172800
    for bad in ("soon", "-5m", "0", True, "5 parsecs"):
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_full_config(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    path = tmp_path / "monitor.toml"
    path.write_text("""
db = "sqlite:///events.db"

[monitor]
timeout = "15s"
backoff_max = "2h"

[smtp]
host = "mail.example.org"
port = 587
from = "eventcoder@example.org"
starttls = true

[[source]]
name = "sahel-wire"
url = "https://example.org/sahel.rss"
interval = "5m"

[[source]]
name = "inbox"
path = "inbox"
interval = 30

[[alert]]
name = "JNIM claims in central Mali"
country = "Mali"
admin1 = ["Mopti", "Segou"]
actor = ["JNIM"]
status = "claimed"
fatalities_min = 5
on = ["new", "status_changed"]
within = { lat = 14.49, lon = -4.19, km = 150 }
webhook = "https://hooks.example.org/sahel"
email = ["desk@example.org", "lead@example.org"]
""", encoding="utf-8")
    config = load_config(path)
    assert config.db == "sqlite:///events.db"
    assert config.monitor.timeout == 15 and config.monitor.backoff_max == 7200
    assert config.smtp.sender == "eventcoder@example.org" and config.smtp.port == 587
    wire, inbox = config.sources
    assert (wire.kind, wire.interval) == ("feed", 300)
    assert inbox.kind == "folder" and inbox.path == (tmp_path / "inbox").resolve()  # relative to the file
    rule = config.alerts[0]
    assert rule.country == ["Mali"] and rule.status == ["claimed"] and rule.within is not None
    assert rule.channels() == [("webhook", "https://hooks.example.org/sahel"),
                               ("email", "desk@example.org,lead@example.org"), ("log", "")]


@pytest.mark.parametrize(("data", "message"), [
    ({"source": [{"name": "wire", "url": "https://x.org/rss", "interval": "soon"}]},
     "source 'wire' (source[0]).interval: expected a duration"),
    ({"source": [{"name": "wire", "url": "https://x.org/rss", "intervall": 60}]},
     "source 'wire' (source[0]).intervall: unknown key"),
    ({"source": [{"name": "wire"}]}, "give exactly one of url (a feed) or path (a drop folder)"),
    ({"source": [{"name": "a", "url": "https://x.org/a"}, {"name": "b", "url": "ftp://x.org/b"}]},
     "source 'b' (source[1]).url: expected an http:// or https:// feed URL"),
    ({"source": [{"name": "a", "url": "https://x.org/a"}, {"name": "a", "path": "/tmp"}]},
     "two [[source]] entries are named 'a'"),
    ({"alert": [{"name": "r", "event_type": "Battle"}]}, "alert 'r' (alert[0]).event_type: unknown event type 'Battle'"),
    ({"alert": [{"name": "r", "status": "rumoured"}]}, "unknown status 'rumoured'"),
    ({"alert": [{"name": "r", "on": "created"}]}, "alert 'r' (alert[0]).on[0]"),
    ({"alert": [{"name": "r", "within": {"lat": 95, "lon": 0, "km": 10}}]}, "alert 'r' (alert[0]).within.lat"),
    ({"alert": [{"name": "r", "webhook": "not a url"}]}, "alert 'r' (alert[0]).webhook.url"),
    ({"alert": [{"name": "r", "email": "nobody"}]}, "not an e-mail address: 'nobody'"),
    ({"alert": [{"name": "r", "fields": ["toll"]}]}, "unknown event field 'toll'"),
    ({"smtp": {"port": "twenty-five"}}, "smtp.port"),
    ({"sources": []}, "sources: unknown key"),
])
def test_errors_name_the_key(data: dict, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(data, source="monitor.toml")
    text = str(info.value)
    assert text.startswith("[E900] configuration: monitor.toml: ")
    assert message in text


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[source]]\nname = 'x'\nurl = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"invalid TOML: .*line 3"):
        load_config(bad)


@pytest.mark.parametrize("doc", [DOCS, DOCS.parents[1] / "README.md"], ids=["docs/monitor.md", "README.md"])
def test_documented_example_is_valid(tmp_path: Path, doc: Path) -> None:
    """The complete monitor.toml of docs/monitor.md and of the README parse (folders and URLs are examples)."""
    text = doc.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.S)
    assert blocks, f"{doc.name} has no toml block"
    for block in blocks:
        path = tmp_path / "monitor.toml"
        path.write_text(block, encoding="utf-8")
        config = load_config(path)
        assert config.sources and config.alerts
