"""Alert rules: which changes of which events call for an alert (the conditions, actor aliases, kinds)."""

from __future__ import annotations

from typing import Any

import pytest

from eventcoder.actors import ActorDictionary
from eventcoder.errors import ConfigError
from eventcoder.monitor import parse_config
from eventcoder.monitor._alerts import AlertRules, summary_line
from eventcoder.monitor._changes import Change
from eventcoder.records import Event

DIAFARABE = Event(event_id_cnty="MLI7", event_date="2024-03-11", event_type="Battles", sub_event_type="Armed clash",
                  actor1="JNIM: Group for Support of Islam and Muslims", actor2="Military Forces of Mali (2021-)",
                  country="Mali", admin1="Mopti", location="Diafarabé", latitude=14.138, longitude=-5.018,
                  fatalities=12, status="claimed", claimed_by="JNIM: Group for Support of Islam and Muslims")
DJIBO = Event(event_id_cnty="BFA3", event_date="2024-03-14", event_type="Violence against civilians",
              actor1="Islamic State Sahel Province", actor2="Civilians (Burkina Faso)", country="Burkina Faso",
              admin1="Sahel", location="Djibo", latitude=14.10, longitude=-1.63, fatalities=3, status="reported")
NEW = Change("MLI7", "r1", ("new",))
STATUS = Change("MLI7", "r2", ("updated", "status_changed"),
                {"status": {"old": "reported", "new": "claimed", "rule": "claim"}, "claimed_by": {"old": None,
                                                                                                   "new": "JNIM"}})
TOLL = Change("MLI7", "r3", ("updated",), {"fatalities": {"old": 8, "new": 12, "rule": "revised"}})
SOURCE_ONLY = Change("MLI7", "r4", (), {"source": {"old": "A", "new": "A; B"}})


@pytest.fixture(scope="module")
def dictionary() -> Any:
    return ActorDictionary.load()


def rules(dictionary: Any, **rule: Any) -> tuple[AlertRules, Any]:
    config = parse_config({"alert": [{"name": "r", **rule}]})
    return AlertRules(config, lambda: dictionary), config.alerts[0]


@pytest.mark.parametrize(("rule", "event", "change", "expected"), [
    ({}, DIAFARABE, NEW, True),
    ({"country": "mali"}, DIAFARABE, NEW, True),  # case-insensitive
    ({"country": ["Niger", "Burkina Faso"]}, DIAFARABE, NEW, False),
    ({"admin1": ["Mopti", "Segou"]}, DIAFARABE, NEW, True),
    ({"event_type": "Battles"}, DJIBO, NEW, False),
    ({"fatalities_min": 10}, DIAFARABE, NEW, True),
    ({"fatalities_min": 10}, DJIBO, NEW, False),
    ({"status": ["claimed", "confirmed"]}, DIAFARABE, NEW, True),
    ({"status": "confirmed"}, DIAFARABE, NEW, False),
    ({"within": {"lat": 14.4843, "lon": -4.1827, "km": 100}}, DIAFARABE, NEW, True),  # ~95 km from Mopti
    ({"within": {"lat": 14.4843, "lon": -4.1827, "km": 80}}, DIAFARABE, NEW, False),
    ({"within": {"lat": 14.4843, "lon": -4.1827, "km": 1000}}, Event(country="Mali"), NEW, False),  # no point
    ({"actor": "JNIM"}, DIAFARABE, NEW, True),  # actor1 / claimed_by
    ({"actor": "GSIM"}, DIAFARABE, NEW, True),  # an alias of the same actor
    ({"actor": "FAMa"}, DIAFARABE, NEW, True),  # actor2, any regime period of Mali's army
    ({"actor": "EIGS"}, DJIBO, NEW, True),  # the Islamic State Sahel Province under an older name
    ({"actor": "JNIM"}, DJIBO, NEW, False),
    ({"on": "new"}, DIAFARABE, STATUS, False),
    ({"on": "status_changed"}, DIAFARABE, STATUS, True),
    ({"on": "updated"}, DIAFARABE, STATUS, True),
    ({"on": "updated", "fields": ["fatalities"]}, DIAFARABE, STATUS, False),
    ({"on": "updated", "fields": ["fatalities"]}, DIAFARABE, TOLL, True),
    ({}, DIAFARABE, SOURCE_ONLY, False),  # only another source: not an update
])
def test_matches(dictionary: Any, rule: dict, event: Event, change: Change, expected: bool) -> None:
    engine, parsed = rules(dictionary, **rule)
    assert engine.matches(parsed, change, event) is expected


def test_unknown_actor_is_refused(dictionary: Any) -> None:
    with pytest.raises(ConfigError, match=r"alert 'r' \(alert\[0\]\)\.actor: 'Nobody Brigade' names no actor"):
        rules(dictionary, actor=["JNIM", "Nobody Brigade"])


def test_plan_and_payload(dictionary: Any) -> None:
    engine, _ = rules(dictionary, country="Mali", webhook="https://hooks.example.org/x", email=["a@example.org"])
    planned = engine.plan(STATUS, DIAFARABE, report={"id": "r2", "url": "https://x.example/a"})
    assert [(p["channel"], p["target"], p["kind"]) for p in planned] == [
        ("webhook", "https://hooks.example.org/x", "status_changed"), ("email", "a@example.org", "status_changed"),
        ("log", "", "status_changed")]
    payload = planned[0]["payload"]
    assert set(payload) == {"alert", "change", "event"}
    assert payload["alert"] == {"name": "r", "on": ["new", "updated", "status_changed"],
                                "conditions": {"country": ["Mali"]}}
    assert payload["change"]["kind"] == "status_changed" and payload["change"]["report"]["id"] == "r2"
    assert payload["event"] == DIAFARABE.to_dict()
    assert engine.plan(SOURCE_ONLY, DIAFARABE) == []
    line = summary_line(payload)
    assert line.startswith("[r] status_changed MLI7: Battles, Diafarabé, Mopti, Mali, 2024-03-11, 12 killed")
    assert "reported -> claimed" in line
