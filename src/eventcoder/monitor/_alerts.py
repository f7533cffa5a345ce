"""Alert rules and their channels: which changes call for an alert, and how it is delivered.

:class:`AlertRules` matches a :class:`~eventcoder.monitor._changes.Change` and the event after it against each
``[[alert]]`` rule and plans one delivery per rule and channel. :class:`Dispatcher` delivers them:

- ``webhook``: ``POST`` of JSON ``{"alert", "change", "event"}`` (``event`` is the SCHEMA.md record) with the
  headers ``Idempotency-Key`` / ``X-Eventcoder-Delivery`` (the delivery id: a receiver that sees it twice,
  after a crash between sending and recording, can drop the second); any 2xx is success.
- ``email``: one message per delivery through the configured SMTP server; its ``Message-ID`` is derived from
  the delivery id, so a mail client shows a re-sent alert once.
- ``log``: one line on the ``eventcoder.monitor.alerts`` logger.
"""

from __future__ import annotations

import json
import logging
import os
import smtplib
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

import httpx

from eventcoder.errors import ConfigError
from eventcoder.monitor._changes import Change
from eventcoder.monitor._config import AlertRule, MonitorConfig, SmtpSettings
from eventcoder.records import Event

__all__ = ["AlertRules", "DeliveryError", "Dispatcher", "summary_line"]

alert_log = logging.getLogger("eventcoder.monitor.alerts")


class DeliveryError(Exception):
    """A delivery that did not go through (retried later)."""


def _fold(value: str | None) -> str:
    return (value or "").strip().casefold()


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from eventcoder.geo import haversine_km

    return float(haversine_km(lat1, lon1, lat2, lon2))


class AlertRules:
    """The ``[[alert]]`` rules of a config, with their actor names resolved through the dictionary.

    Args:
        config: the monitor's config.
        dictionary: a zero-argument callable returning the :class:`~eventcoder.actors.ActorDictionary`
            (called only when a rule names an actor).

    Raises:
        ConfigError: [E900] a rule names an actor the dictionary does not know.
    """

    def __init__(self, config: MonitorConfig, dictionary: Callable[[], Any]) -> None:
        self.rules = list(config.alerts)
        self._dictionary_factory = dictionary
        self._dictionary: Any = None
        self._actor_keys: dict[str, set[str]] = {}
        self._event_keys: dict[str, set[str]] = {}
        for index, rule in enumerate(self.rules):
            if rule.actor:
                keys: set[str] = set()
                for name in rule.actor:
                    found = self._keys_for_alias(name)
                    if not found:
                        raise ConfigError(f"alert {rule.name!r} (alert[{index}]).actor: {name!r} names no actor in "
                                          "the actor dictionary; use a dictionary name or alias (e.g. JNIM, "
                                          "ISSP, FAMa)")
                    keys |= found
                self._actor_keys[rule.name] = keys

    @property
    def dictionary(self) -> Any:
        if self._dictionary is None:
            self._dictionary = self._dictionary_factory()
        return self._dictionary

    @staticmethod
    def _key(entry: Any) -> str:
        return entry.group or entry.id

    def _keys_for_alias(self, name: str) -> set[str]:
        d = self.dictionary
        keys = {self._key(e) for e in d.candidates(name)}
        entry_id = d.canonical_id(name)
        if entry_id is not None and d.get(entry_id) is not None:
            keys.add(self._key(d.get(entry_id)))
        return keys

    def _keys_for_event_actor(self, name: str) -> set[str]:
        if name not in self._event_keys:
            d = self.dictionary
            entry_id = d.canonical_id(name)
            entry = d.get(entry_id) if entry_id else None
            self._event_keys[name] = {self._key(entry)} if entry is not None else {f"name:{_fold(name)}"}
        return self._event_keys[name]

    def matches(self, rule: AlertRule, change: Change, event: Event) -> bool:
        """Does ``rule`` call for an alert on this change of ``event`` (the record after the change)?"""
        kinds = set(change.kinds) & set(rule.on)
        if not kinds:
            return False
        if kinds == {"updated"} and rule.fields and not set(rule.fields) & set(change.fields):
            return False
        if rule.country and _fold(event.country) not in {_fold(c) for c in rule.country}:
            return False
        if rule.admin1 and _fold(event.admin1) not in {_fold(a) for a in rule.admin1}:
            return False
        if rule.event_type and event.event_type not in rule.event_type:
            return False
        if rule.status and event.status not in rule.status:
            return False
        if rule.fatalities_min is not None and (event.fatalities or 0) < rule.fatalities_min:
            return False
        if rule.within is not None:
            if event.latitude is None or event.longitude is None:
                return False
            distance = _haversine_km(rule.within.lat, rule.within.lon, event.latitude, event.longitude)
            if distance > rule.within.km:
                return False
        if rule.actor:
            wanted = self._actor_keys[rule.name]
            names = [n for n in (event.actor1, event.actor2, event.claimed_by) if n]
            if not any(self._keys_for_event_actor(n) & wanted for n in names):
                return False
        return True

    def plan(self, change: Change, event: Event, *, outlets: list[dict[str, Any]] | None = None,
             report: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """The delivery rows (one per matching rule and channel) for a change."""
        if change.kind == "corroborated":
            return []
        planned = []
        record = event.to_dict()
        change_out = change.to_dict() | {"report": report or {}, "outlets": outlets or []}
        for rule in self.rules:
            if not self.matches(rule, change, event):
                continue
            alert = {"name": rule.name, "on": list(rule.on),
                     "conditions": rule.model_dump(mode="json", exclude={"webhook", "email", "log", "name", "on"},
                                                   exclude_none=True)}
            payload = {"alert": alert, "change": change_out, "event": record}
            for channel, target in rule.channels():
                planned.append({"rule": rule.name, "channel": channel, "target": target,
                                "event_id": change.event_id, "kind": change.kind, "payload": payload})
        return planned


def summary_line(payload: dict[str, Any]) -> str:
    """One line: ``[JNIM in Mali] status_changed MLI12: Battles, Diafarabé (Mopti, Mali), 2024-03-11, 12
    killed, claimed (reported -> claimed)``."""
    event = payload.get("event", {})
    change = payload.get("change", {})
    place = ", ".join(p for p in (event.get("location"), event.get("admin1"), event.get("country")) if p)
    parts = [f"{event.get('event_type') or 'event'}", place or "unknown place", event.get("event_date") or "no date",
             f"{event.get('fatalities', 0)} killed", event.get("status", "")]
    status = change.get("fields", {}).get("status")
    if status:
        parts[-1] = f"{status.get('old')} -> {status.get('new')}"
    if event.get("claimed_by"):
        parts.append(f"claimed by {event['claimed_by']}")
    return (f"[{payload.get('alert', {}).get('name')}] {change.get('kind')} {event.get('event_id_cnty')}: "
            + ", ".join(p for p in parts if p))


def _email_body(payload: dict[str, Any]) -> str:
    event = payload.get("event", {})
    change = payload.get("change", {})
    lines = [summary_line(payload), ""]
    for name in ("event_type", "sub_event_type", "event_date", "actor1", "actor2", "location", "admin1", "country",
                 "fatalities", "status", "claimed_by", "source"):
        if event.get(name) not in (None, "", []):
            lines.append(f"{name}: {event[name]}")
    if change.get("fields"):
        lines += ["", "What changed:"]
        for name, diff in change["fields"].items():
            lines.append(f"  {name}: {json.dumps(diff.get('old'), ensure_ascii=False)} -> "
                         f"{json.dumps(diff.get('new'), ensure_ascii=False)}")
    if event.get("notes"):
        lines += ["", str(event["notes"])]
    outlets = change.get("outlets") or []
    if outlets:
        lines += ["", "Reported by: " + "; ".join(o.get("outlet") or "?" for o in outlets)]
    report = change.get("report") or {}
    if report.get("url"):
        lines.append(f"Report: {report['url']}")
    return "\n".join(lines) + "\n"


class Dispatcher:
    """Sends deliveries over their channels.

    Args:
        config: the monitor's config (the rules' webhook options, the SMTP settings).
        client: an ``httpx.Client`` for webhooks (default: a new one).
    """

    def __init__(self, config: MonitorConfig, client: httpx.Client | None = None) -> None:
        from eventcoder.monitor.feeds import USER_AGENT

        self.rules = {rule.name: rule for rule in config.alerts}
        self.smtp: SmtpSettings = config.smtp
        self._owns_client = client is None
        self.client = client or httpx.Client(headers={"User-Agent": USER_AGENT}, follow_redirects=False)

    def close(self) -> None:
        if self._owns_client:
            self.client.close()

    def send(self, delivery: Any) -> None:
        """Deliver one row of ``monitor_deliveries``.

        Raises:
            DeliveryError: it did not go through (the caller schedules a retry).
        """
        payload = dict(delivery["payload"])
        payload["alert"] = dict(payload.get("alert", {})) | {"delivery_id": int(delivery["id"])}
        channel = delivery["channel"]
        if channel == "webhook":
            self._webhook(delivery, payload)
        elif channel == "email":
            self._email(delivery, payload)
        elif channel == "log":
            alert_log.warning("ALERT %s", summary_line(payload))
        else:
            raise DeliveryError(f"unknown channel {channel!r}")

    def _webhook(self, delivery: Any, payload: dict[str, Any]) -> None:
        rule = self.rules.get(delivery["rule"])
        headers = dict(rule.webhook.headers) if rule is not None and rule.webhook is not None else {}
        timeout = rule.webhook.timeout if rule is not None and rule.webhook is not None else 10.0
        url = rule.webhook.url if rule is not None and rule.webhook is not None else delivery["target"]
        headers.update({"Content-Type": "application/json", "Idempotency-Key": f"eventcoder-{delivery['id']}",
                        "X-Eventcoder-Delivery": str(delivery["id"])})
        body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
        try:
            response = self.client.post(url, content=body, headers=headers, timeout=timeout)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook {url}: {type(exc).__name__}: {exc}") from None
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"webhook {url}: HTTP {response.status_code} {response.reason_phrase}".strip())

    def _email(self, delivery: Any, payload: dict[str, Any]) -> None:
        rule = self.rules.get(delivery["rule"])
        recipients = rule.email.to if rule is not None and rule.email is not None else \
            [a for a in str(delivery["target"]).split(",") if a]
        template = rule.email.subject if rule is not None and rule.email is not None else "[eventcoder] {alert}"
        event = payload.get("event", {})
        fields = {"alert": delivery["rule"], "kind": delivery["kind"], "event_id": delivery["event_id"],
                  "country": event.get("country") or "?", "event_date": event.get("event_date") or "?",
                  "event_type": event.get("event_type") or "?", "fatalities": event.get("fatalities", 0),
                  "status": event.get("status") or "?", "location": event.get("location") or "?"}
        try:
            subject = template.format(**fields)
        except (KeyError, IndexError, ValueError):
            subject = f"[eventcoder] {fields['alert']}: {fields['kind']} {fields['event_id']}"
        message = EmailMessage()
        message["Subject"] = subject
        message["From"] = self.smtp.sender
        message["To"] = ", ".join(recipients)
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = f"<eventcoder-delivery-{delivery['id']}-{delivery['event_id']}@eventcoder>"
        message["X-Eventcoder-Delivery"] = str(delivery["id"])
        message.set_content(_email_body(payload))
        message.add_attachment(json.dumps(payload, ensure_ascii=False, indent=1, default=str).encode("utf-8"),
                               maintype="application", subtype="json", filename=f"{delivery['event_id']}.json")
        smtp = self.smtp
        try:
            if smtp.ssl:
                client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout,
                                                        context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
            with client:
                if smtp.starttls:
                    client.starttls(context=ssl.create_default_context())
                if smtp.username:
                    client.login(smtp.username, os.environ.get(smtp.password_env or "", ""))
                client.send_message(message, from_addr=smtp.sender, to_addrs=recipients)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"email via {smtp.host}:{smtp.port}: {type(exc).__name__}: {exc}") from None
