"""Hand-made reports and mentions for the store's tests (no NLP): a few real places and actors."""

from __future__ import annotations

from typing import Any

from eventcoder.records import (
    ActorRef,
    Claim,
    Event,
    Evidence,
    FatalityFigure,
    Mention,
    Place,
    PlacePhrase,
    Report,
)

__all__ = ["ACTORS", "PLACES", "actor", "canonical", "dump", "make_mention", "make_report", "report_with"]

# a few real places (GeoNames coordinates), enough to build events near and far from each other
PLACES: dict[str, Place] = {
    "Nara": Place("Nara", 15.16870, -7.28630, 1, "Mali", "MLI", 466, "Western Africa", "Koulikoro", "Nara"),
    "Dilly": Place("Dilly", 15.01280, -7.68860, 1, "Mali", "MLI", 466, "Western Africa", "Koulikoro", "Nara"),
    "near Nara": Place("Nara", 15.30000, -7.20000, 2, "Mali", "MLI", 466, "Western Africa", "Koulikoro", "Nara"),
    "Koulikoro": Place("Koulikoro", 13.80000, -7.50000, 3, "Mali", "MLI", 466, "Western Africa", "Koulikoro"),
    "Bamako": Place("Bamako", 12.65000, -8.00000, 1, "Mali", "MLI", 466, "Western Africa", "Bamako", "Bamako"),
    "Djibo": Place("Djibo", 14.10200, -1.63060, 1, "Burkina Faso", "BFA", 854, "Western Africa", "Sahel",
                   "Soum"),
    "Arbinda": Place("Arbinda", 14.23180, -0.86930, 1, "Burkina Faso", "BFA", 854, "Western Africa", "Sahel",
                     "Soum"),
    "Tillaberi": Place("Tillaberi", 14.21170, 1.45310, 1, "Niger", "NER", 562, "Western Africa", "Tillaberi",
                       "Tillaberi"),
}

ACTORS = {
    "JNIM": ("Jama'at Nasr al-Islam wal Muslimin", 2),
    "ISS": ("Islamic State Sahel Province", 2),
    "FAMa": ("Military Forces of Mali (2021-)", 1),
    "BF army": ("Military Forces of Burkina Faso (2022-)", 1),
    "gunmen ML": ("Unidentified Armed Group (Mali)", 3),
    "civilians ML": ("Civilians (Mali)", 7),
    "civilians BF": ("Civilians (Burkina Faso)", 7),
}


def actor(key: str, role: str, text: str | None = None, report_id: str = "r", start: int = 0) -> ActorRef:
    name, inter = ACTORS[key]
    words = text or key
    return ActorRef(text=words, role=role, kind="group", name=name, inter=inter, entry_id=key,
                    evidence=Evidence(report_id, start, start + len(words), words))


def make_mention(report_id: str, index: int = 0, *, date: str | None = "2023-04-18", precision: int = 1,
                 place: str | Place | None = "Nara", actor1: str | None = "JNIM", actor2: str | None = "FAMa",
                 cue: str = "ambush", target_kind: str = "military", killed: int | None = 4,
                 killed_by: str = "army", side: str = "military", claims: tuple[tuple[str, str], ...] = (),
                 published: str | None = "2023-04-19", outlet: str | None = "wire", language: str = "en",
                 hostages: int | None = None, flags: tuple[str, ...] = (), **extra: Any) -> Mention:
    """A resolved mention as the pipeline would give it; ``claims`` are ``(kind, by)`` pairs."""
    resolved = PLACES[place] if isinstance(place, str) else place
    text = f"{cue} near {resolved.location if resolved else 'somewhere'}"
    figures = () if killed is None else (FatalityFigure(killed, killed_by, report_id, side=side,
                                                        evidence=Evidence(report_id, 40, 48, f"{killed} killed")),)
    return Mention(
        id=f"{report_id}:{index}", report_id=report_id, language=language, trigger=cue, cue=cue,
        published=published, event_date=date, time_precision=precision,
        actor1=actor(actor1, "actor1", report_id=report_id) if actor1 else None,
        actor2=actor(actor2, "actor2", report_id=report_id, start=20) if actor2 else None,
        place_phrase=PlacePhrase((resolved.location,), evidence=Evidence(report_id, 10, 20, text))
        if resolved else None,
        place=resolved, country_hint=resolved.country if resolved else None, fatalities=figures,
        hostages=hostages,
        claims=tuple(Claim(kind, by, report_id, date=published, channel="SITE" if kind == "claim" else None,
                           evidence=Evidence(report_id, 60, 70, f"{by} {kind}")) for kind, by in claims),
        target_kind=target_kind, outlet=outlet,
        evidence={"event_type": (Evidence(report_id, 0, len(cue), cue),),
                  "location": (Evidence(report_id, 10, 20, text),)},
        quality_flags=flags, **extra)


def make_report(report_id: str, published: str | None = "2023-04-19", text: str | None = None,
                **fields: Any) -> Report:
    return Report(id=report_id, text=text or f"Report {report_id}: an ambush near Nara killed four soldiers.",
                  published=published, outlet=fields.pop("outlet", "wire"), language=fields.pop("language", "en"),
                  **fields)




def report_with(report_id: str, *specs: dict[str, Any], published: str | None = "2023-04-19",
                text: str | None = None, **fields: Any) -> tuple[Report, list[Mention]]:
    """A report and its mentions (one per spec: ``make_mention`` keywords), publication dates agreeing."""
    report = make_report(report_id, published=published, text=text or f"text of {report_id}", **fields)
    outlet = {"outlet": report.outlet} if "outlet" in fields else {}
    return report, [make_mention(report_id, i, published=published, **{**outlet, **spec})
                    for i, spec in enumerate(specs)]


VOLATILE = ("event_id_cnty", "timestamp")


def canonical(events: list[Event]) -> list[dict[str, Any]]:
    """Events without their ids and timestamps, sorted: equal when two runs built the same events."""
    rows = []
    for event in events:
        record = event.to_dict()
        for name in VOLATILE:
            record.pop(name)
        rows.append(record)
    return sorted(rows, key=lambda r: (r["event_date"], sorted(r["report_ids"]), r["mention_ids"]))


def dump(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order: to check that something changed nothing."""
    from sqlalchemy import select

    from eventcoder.store.tables import METADATA

    out = {}
    with store.engine.connect() as conn:
        for table in METADATA.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(row) for row in rows]
    return out


SITES = ("Nara", "Dilly", "Bamako", "Djibo", "Arbinda", "Tillaberi")


def synthetic_reports(count: int, seed: int = 0, *, events: int = 12) -> list[tuple[Report, list[Mention]]]:
    """``count`` reports of ``events`` events (several reports each, some of two events), in a shuffled
    order: late reports included, so fusion replays neighbourhoods."""
    import random

    rng = random.Random(seed)
    truths = []
    for n in range(events):
        site = SITES[n % len(SITES)]
        day = 1 + (n * 3) % 27
        truths.append({"place": site, "date": f"2023-05-{day:02d}", "actor1": rng.choice(("JNIM", "ISS", "gunmen ML")),
                       "killed": rng.randint(1, 30)})
    items = []
    for r in range(count):
        told = rng.sample(truths, 2 if rng.random() < 0.15 else 1)
        published = f"2023-06-{1 + rng.randint(0, 27):02d}"
        specs = []
        for truth in told:
            spec = dict(truth)
            spec["killed"] = max(0, truth["killed"] + rng.randint(-2, 2))
            if rng.random() < 0.3:
                spec["actor1"] = "gunmen ML"
            specs.append(spec)
        items.append(report_with(f"s{seed}-{r:04d}", *specs, published=published))
    return items


def integrity_problems(store: Any) -> list[str]:
    """What is inconsistent in a store: half-written reports, events without mentions, dangling ids."""
    from sqlalchemy import func, select

    from eventcoder.store.tables import EventMentionRow, EventRow, IdAliasRow, IdCounterRow, ReportRow

    problems = []
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            if conn.exec_driver_sql("PRAGMA integrity_check").scalar() != "ok":
                problems.append("sqlite integrity_check failed")
            if conn.exec_driver_sql("PRAGMA foreign_key_check").all():
                problems.append("foreign keys violated")
        counts = dict(conn.execute(select(EventMentionRow.report_id, func.count()).group_by(
            EventMentionRow.report_id)).all())
        for rid, expected in conn.execute(select(ReportRow.id, ReportRow.mention_count)).all():
            if counts.get(rid, 0) != expected:
                problems.append(f"report {rid}: {counts.get(rid, 0)} of {expected} mentions stored")
        members: dict[int, set[str]] = {}
        for pk, mid in conn.execute(select(EventMentionRow.event_pk, EventMentionRow.mention_id)).all():
            members.setdefault(pk, set()).add(mid)
        ids = set()
        numbers: dict[str, int] = {}
        for pk, eid, mention_ids in conn.execute(select(EventRow.pk, EventRow.event_id_cnty, EventRow.mention_ids)):
            ids.add(eid)
            numbers[eid[:3]] = max(numbers.get(eid[:3], 0), int(eid[3:]))
            if set(mention_ids) != members.get(pk, set()):
                problems.append(f"event {eid}: mention_ids {sorted(mention_ids)} but rows {sorted(members.get(pk, []))}")
        for alias, target in conn.execute(select(IdAliasRow.alias, IdAliasRow.event_id_cnty)).all():
            if target not in ids:
                problems.append(f"alias {alias} -> {target}, which does not exist")
            if alias in ids:
                problems.append(f"alias {alias} is also a live event id")
            numbers[alias[:3]] = max(numbers.get(alias[:3], 0), int(alias[3:]))
        counters = dict(conn.execute(select(IdCounterRow.iso3, IdCounterRow.last_number)).all())
        for iso3, top in numbers.items():
            if counters.get(iso3, 0) < top:
                problems.append(f"counter {iso3} at {counters.get(iso3)} below {top}: ids could be reused")
    return problems
