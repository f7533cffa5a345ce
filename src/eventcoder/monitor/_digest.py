"""``eventcoder digest``: the brief an analyst forwards, from the store's history of the last hours.

New and updated events by country, the largest tolls, new claims and status changes, each with its sources
(outlets and URLs of the reports merged, plus the outlets the monitor saw republish the same text). It reads
the store (events changed since the start of the window, and their history), so it covers every way reports
came in: the monitor, ``eventcoder ingest`` and ``POST /reports``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from typing import Any

from eventcoder.monitor._changes import BOOKKEEPING
from eventcoder.monitor._config import parse_duration

__all__ = ["build_digest", "parse_since", "render_html", "render_markdown"]

MAX_EVENTS = 5000
TOP_TOLLS = 10


def parse_since(value: str, *, now: float | None = None) -> float:
    """Unix time from ``24h``/``90m``/``7d`` (ago) or an ISO date or time (UTC unless it says).

    Raises:
        ValueError: neither a duration nor an ISO date/time.
    """
    now = time.time() if now is None else now
    text = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"--since {value!r}: expected a duration (24h, 90m, 7d) or an ISO date/time") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return when.timestamp()
    try:
        return now - parse_duration(text)
    except ValueError:
        raise ValueError(f"--since {value!r}: expected a duration (24h, 90m, 7d) or an ISO date/time") from None


def _summary(event: Any) -> dict[str, Any]:
    return {name: getattr(event, name) for name in (
        "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
        "country", "latitude", "longitude", "fatalities", "status", "claimed_by", "claim_date", "notes")}


def build_digest(store: Any, *, since: float, until: float | None = None) -> dict[str, Any]:
    """What changed in the store between ``since`` and ``until`` (unix times).

    Returns ``{"since", "until", "totals", "countries": {country: {"new": [...], "updated": [...]}},
    "largest_tolls", "new_claims", "status_changes"}``; every event entry has ``sources`` (outlet, url,
    title of each report) and, for updates, ``changed`` (the fields that changed in the window).
    """
    from eventcoder.monitor._migrate import monitor_schema_present
    from eventcoder.monitor._state import MonitorState
    from eventcoder.store import EventFilter

    until = time.time() if until is None else until
    events = store.events(EventFilter(updated_since=int(since)), limit=MAX_EVENTS, order="-fatalities")
    state = MonitorState(store.engine) if monitor_schema_present(store.engine) else None
    countries: dict[str, dict[str, list[dict[str, Any]]]] = {}
    claims: list[dict[str, Any]] = []
    statuses: list[dict[str, Any]] = []
    everything: list[dict[str, Any]] = []
    for event in events:
        history = [h for h in store.history(event.event_id_cnty) if since <= h.changed_at <= until]
        if not history:
            continue
        entry = _summary(event)
        entry["sources"] = _sources(store, state, event)
        is_new = any(h.field == "event" and h.event_id_cnty == event.event_id_cnty for h in history)
        changed = sorted({h.field for h in history if h.field not in ("event", "merged_into")})
        entry["new"] = is_new
        entry["changed"] = [] if is_new else changed
        entry["only_new_reports"] = not is_new and all(f in BOOKKEEPING for f in changed)
        everything.append(entry)
        bucket = countries.setdefault(event.country or "Unknown country", {"new": [], "updated": []})
        bucket["new" if is_new else "updated"].append(entry)
        claim_entries = [h for h in history if h.field == "claimed_by" and h.new]
        if event.claimed_by and (is_new or claim_entries):
            claims.append(entry | {"claim_report": claim_entries[-1].report_id if claim_entries else None})
        for h in history:
            if h.field == "status":
                statuses.append(entry | {"from": h.old, "to": h.new, "rule": h.rule, "report_id": h.report_id,
                                         "at": h.changed_at})
    tolls = sorted((e for e in everything if e["fatalities"]), key=lambda e: (-e["fatalities"], e["event_id_cnty"]))
    return {
        "since": _iso(since), "until": _iso(until),
        "totals": {"events": len(everything), "new": sum(1 for e in everything if e["new"]),
                   "updated": sum(1 for e in everything if not e["new"]), "claims": len(claims),
                   "status_changes": len(statuses), "fatalities_new": sum(e["fatalities"] for e in everything
                                                                          if e["new"])},
        "countries": dict(sorted(countries.items())),
        "largest_tolls": tolls[:TOP_TOLLS],
        "new_claims": claims,
        "status_changes": sorted(statuses, key=lambda s: s["at"]),
    }


def _sources(store: Any, state: Any, event: Any) -> list[dict[str, Any]]:
    reports = store.reports_of(event.event_id_cnty)
    out = [{"outlet": r.outlet or "unknown outlet", "url": r.url, "title": r.title, "report_id": r.id}
           for r in reports]
    if state is not None:
        seen = {(s["outlet"], s["url"]) for s in out}
        for report_id, outlets in state.outlets_of([r.id for r in reports]).items():
            for o in outlets:
                key = (o["outlet"], o["url"])
                if key not in seen:
                    seen.add(key)
                    out.append({"outlet": o["outlet"], "url": o["url"], "title": None, "report_id": report_id,
                                "republished": True})
    return out


def _iso(value: float) -> str:
    return dt.datetime.fromtimestamp(value, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


# ---------------------------------------------------------------- rendering

def _place(e: dict[str, Any]) -> str:
    return ", ".join(p for p in (e["location"], e["admin1"], e["country"]) if p) or "place unknown"


def _what(e: dict[str, Any]) -> str:
    actors = e["actor1"] + (f" v. {e['actor2']}" if e["actor2"] else "")
    parts = [e["event_type"] or "event", e["event_date"] or "date unknown", _place(e), actors,
             f"{e['fatalities']} killed", e["status"]]
    if e["claimed_by"]:
        parts.append(f"claimed by {e['claimed_by']}")
    return "; ".join(p for p in parts if p)


def _transition(e: dict[str, Any]) -> str:
    rule = str(e.get("rule") or "")
    return rule if f"{e['from']} -> {e['to']}" in rule else f"{e['from']} -> {e['to']}" + (f": {rule}" if rule else "")


def _md_sources(e: dict[str, Any]) -> str:
    items = []
    for s in e["sources"]:
        label = s["outlet"].replace("[", "(").replace("]", ")")
        items.append(f"[{label}]({s['url']})" if s.get("url") else label)
    return "; ".join(items) or "none"


def _md_event(e: dict[str, Any], extra: str = "") -> str:
    line = f"- **{e['event_id_cnty']}** {_what(e)}{extra}. Sources: {_md_sources(e)}"
    if e.get("changed"):
        line += f". Changed: {', '.join(e['changed'])}"
    return line


def render_markdown(digest: dict[str, Any]) -> str:
    """The digest as Markdown."""
    t = digest["totals"]
    out = [f"# eventcoder digest: {digest['since']} to {digest['until']}", "",
           f"{t['new']} new event(s), {t['updated']} updated, {t['claims']} claim(s), {t['status_changes']} status "
           f"change(s); {t['fatalities_new']} killed in the new events.", ""]
    if not t["events"]:
        out.append("Nothing new in this period.")
        return "\n".join(out) + "\n"
    out += ["## Largest tolls", ""]
    out += [_md_event(e) for e in digest["largest_tolls"]] or ["- none"]
    out += ["", "## New claims", ""]
    out += [_md_event(e, f" (claim date {e['claim_date'] or 'unknown'})") for e in digest["new_claims"]] or ["- none"]
    out += ["", "## Status changes", ""]
    out += [_md_event(e, f" ({_transition(e)})") for e in digest["status_changes"]] or ["- none"]
    out += ["", "## By country", ""]
    for country, groups in digest["countries"].items():
        out += [f"### {country}", ""]
        for label, key in (("New", "new"), ("Updated", "updated")):
            if groups[key]:
                out += [f"**{label}**", ""] + [_md_event(e) for e in groups[key]] + [""]
    return "\n".join(out).rstrip() + "\n"


def _h(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _html_sources(e: dict[str, Any]) -> str:
    items = []
    for s in e["sources"]:
        url = s.get("url")
        safe = url if url and re.match(r"^https?://", url) else None
        items.append(f'<a href="{_h(safe)}">{_h(s["outlet"])}</a>' if safe else _h(s["outlet"]))
    return "; ".join(items) or "none"


def _html_event(e: dict[str, Any], extra: str = "") -> str:
    changed = f" <em>Changed: {_h(', '.join(e['changed']))}</em>" if e.get("changed") else ""
    return (f"<li><strong>{_h(e['event_id_cnty'])}</strong> {_h(_what(e))}{_h(extra)}. "
            f"<span class=\"sources\">Sources: {_html_sources(e)}</span>{changed}</li>")


def _html_list(entries: list[str]) -> str:
    return "<ul>" + "".join(entries) + "</ul>" if entries else "<p>None.</p>"


def render_html(digest: dict[str, Any]) -> str:
    """The digest as a standalone HTML page (inline style only, safe to e-mail)."""
    t = digest["totals"]
    title = f"eventcoder digest: {digest['since']} to {digest['until']}"
    body = [f"<h1>{_h(title)}</h1>",
            f"<p>{t['new']} new event(s), {t['updated']} updated, {t['claims']} claim(s), {t['status_changes']} "
            f"status change(s); {t['fatalities_new']} killed in the new events.</p>"]
    if t["events"]:
        body += ["<h2>Largest tolls</h2>", _html_list([_html_event(e) for e in digest["largest_tolls"]]),
                 "<h2>New claims</h2>",
                 _html_list([_html_event(e, f" (claim date {e['claim_date'] or 'unknown'})")
                             for e in digest["new_claims"]]),
                 "<h2>Status changes</h2>",
                 _html_list([_html_event(e, f" ({_transition(e)})") for e in digest["status_changes"]]),
                 "<h2>By country</h2>"]
        for country, groups in digest["countries"].items():
            body.append(f"<h3>{_h(country)}</h3>")
            for label, key in (("New", "new"), ("Updated", "updated")):
                if groups[key]:
                    body += [f"<h4>{label}</h4>", _html_list([_html_event(e) for e in groups[key]])]
    else:
        body.append("<p>Nothing new in this period.</p>")
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45;color:#222}"
             "h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #ddd}li{margin:.3rem 0}"
             ".sources{color:#555}")
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_h(title)}</title>"
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
