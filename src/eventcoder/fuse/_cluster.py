"""Fusion as a pure, in-memory step: one report's mentions into a set of clusters (events).

The one algorithm the store runs (``eventcoder.store``) both for a report that arrives in publication order
and, when a report arrives late, to replay a neighbourhood of reports in publication order:

0. the report's mentions coded alike (one type of action by the same actors at one place on one day) are
   one unit: a report that tells one event in two sentences tells it once;
1. code each mention of the report alone and score it against every cluster with
   :func:`~eventcoder.fuse.match_score`; clusters that already hold a mention of the report are skipped
   (two events of one report are never one event);
2. assign mentions to clusters one-to-one, best scores first; an unassigned mention opens a new cluster;
3. settle: each cluster the report touched is compared with the others, and two clusters that now match
   (sharing no report) are merged; repeated until none does. A report that bridges two events merges them.

A vague coding (a month and a country, :func:`~eventcoder.fuse._match.is_vague`) joins another only when
that one is the only fit, or is corroborated by a shared group or place: "an attack in Mali in March"
is not attached to one of the month's attacks at random.

Matching reads a cluster's :attr:`Cluster.view`: its coding, flagged when one of its reports gives its place
only at admin level (see ``_match.py``).

Every tie is broken by a canonical key (publication date, report id, mention id), never by the order
things were stored in, so replaying reports in publication order always gives the same clusters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from eventcoder.fuse._coding import code_event
from eventcoder.fuse._match import ADMIN_ACCOUNT, corroborates, has_point, is_vague, match_score
from eventcoder.records import Event, Mention

__all__ = ["Cluster", "canonical_order", "fuse_report", "mention_key", "replay", "report_key"]

MAX_SETTLE_STEPS = 500


def report_key(published: str | None, report_id: str) -> tuple[bool, str, str]:
    """Publication order: dated reports by date, undated ones last, then by id."""
    return (published is None, published or "", report_id)


def mention_key(mention: Mention) -> tuple[bool, str, str, str]:
    """The canonical order of mentions: their report's publication order, then mention id."""
    return (*report_key(mention.published, mention.report_id), mention.id)


def canonical_order(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions in the one order they are always coded in."""
    return sorted(mentions, key=mention_key)


Key = tuple[bool, str, str, str]


class Cluster:
    """The mentions of one event (in canonical order) and their coding.

    A stored event can be a cluster without reading its mentions: give its coding, its canonical ``key``
    (that of its first mention), ``accounts`` (each mention's place precision and admin1, coded alone) and
    a ``loader`` that reads the mentions when they are needed (when the cluster changes).
    """

    __slots__ = ("_accounts", "_loader", "_mentions", "_view", "event", "key")

    def __init__(self, mentions: list[Mention] | None, event: Event, *, key: Key | None = None,
                 loader: Callable[[], list[Mention]] | None = None,
                 accounts: Iterable[tuple[int, str]] | None = None) -> None:
        if mentions is None and (key is None or loader is None or accounts is None):
            raise ValueError("a cluster without its mentions needs their key, accounts and a loader")
        self._mentions = mentions
        self._loader = loader
        self.event = event
        self.key: Key = key if key is not None else mention_key(mentions[0])  # type: ignore[index]
        self._accounts = tuple(accounts) if accounts is not None else _accounts(mentions or [])
        self._view: Event | None = None

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> Cluster:
        ordered = canonical_order(mentions)
        return cls(ordered, code_event(ordered, timestamp=0))

    @property
    def mentions(self) -> list[Mention]:
        if self._mentions is None:
            assert self._loader is not None
            self._mentions = canonical_order(self._loader())
        return self._mentions

    @property
    def mention_ids(self) -> tuple[str, ...]:
        return self.event.mention_ids

    @property
    def report_ids(self) -> set[str]:
        return set(self.event.report_ids)

    @property
    def view(self) -> Event:
        """The coding that matching reads: the event's, flagged ``ADMIN_ACCOUNT`` when its place is a point
        but one of its reports gives the place only at admin level in the same admin1 ("villages of the
        Tillia department" beside "in Tillia"): reports disagree on details, so the point is not sure."""
        if self._view is None:
            event = self.event
            coarse = event.geo_precision < 2 and bool(event.admin1) and any(
                precision >= 2 and admin1 == event.admin1 for precision, admin1 in self._accounts)
            self._view = replace(event, quality_flags=(*event.quality_flags, ADMIN_ACCOUNT)) if coarse else event
        return self._view

    def add(self, mentions: Iterable[Mention]) -> None:
        self._mentions = canonical_order([*self.mentions, *mentions])
        self.event = code_event(self._mentions, timestamp=0)
        self.key = mention_key(self._mentions[0])
        self._accounts = _accounts(self._mentions)
        self._view = None


def _accounts(mentions: Iterable[Mention]) -> tuple[tuple[int, str], ...]:
    """Each mention's place as coded alone: (geo_precision, admin1)."""
    return tuple((m.place.geo_precision, m.place.admin1) if m.place else (3, "") for m in mentions)


def _identity(event: Event) -> tuple[object, ...] | None:
    """What makes a coding one event in ACLED's terms: one type of action by the same actors at one place
    on one day, said alike ("in X" and "near X" are two places; ``None`` for a coding without a date or a
    place)."""
    if not event.event_date or not event.location or not has_point(event):
        return None
    return (event.event_date, event.time_precision, event.country, event.location, event.latitude, event.longitude,
            event.geo_precision, event.event_type, event.sub_event_type, event.actor1, event.actor2)


def _units(mentions: Sequence[Mention]) -> list[tuple[list[Mention], Event]]:
    """A report's mentions, those coded alike (:func:`_identity`) together, each unit with its first
    mention's coding alone: a report that tells one event in two sentences ("the boat was hit by rockets
    ... the rocket attack on the boat") tells it once."""
    units: dict[object, tuple[list[Mention], Event]] = {}
    for n, mention in enumerate(mentions):
        single = code_event([mention], timestamp=0)
        identity = _identity(single)
        units.setdefault(identity if identity is not None else n, ([], single))[0].append(mention)
    return list(units.values())


def _unambiguous(event: Event, fits: list[tuple[float, int]], clusters: Sequence[Cluster]) -> list[tuple[float, int]]:
    """The fits (score, cluster index) a coding may take: all, unless it is vague and several fit."""
    if len(fits) < 2 or not (is_vague(event) or any(is_vague(clusters[j].event) for _, j in fits)):
        return fits
    if not is_vague(event):
        fits = [(s, j) for s, j in fits if not is_vague(clusters[j].event)] or fits
        if len(fits) < 2:
            return fits
    sure = [(s, j) for s, j in fits if corroborates(event, clusters[j].event)]
    return sure if len(sure) == 1 else []


def _assign(clusters: Sequence[Cluster], report_id: str, singles: Sequence[Event]) -> list[Cluster | None]:
    """The cluster each coding (a report's mention alone) joins, one to one, best scores first."""
    pairs: list[tuple[float, int, tuple[bool, str, str, str], int]] = []
    for i, single in enumerate(singles):
        fits: list[tuple[float, int]] = []
        for j, cluster in enumerate(clusters):
            if report_id in cluster.report_ids:
                continue
            fit = match_score(single, cluster.view)
            if fit is not None:
                fits.append((fit.score, j))
        pairs.extend((score, i, clusters[j].key, j) for score, j in _unambiguous(single, fits, clusters))
    chosen: list[Cluster | None] = [None] * len(singles)
    used: set[int] = set()
    for _, i, _, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if chosen[i] is None and j not in used:
            chosen[i] = clusters[j]
            used.add(j)
    return chosen


def _fits(cluster: Cluster, clusters: Sequence[Cluster]) -> list[tuple[float, int]]:
    """(score, index) of the clusters ``cluster`` could be merged with (sharing no report), unambiguous."""
    fits: list[tuple[float, int]] = []
    reports = cluster.report_ids
    for j, other in enumerate(clusters):
        if other is cluster or reports & other.report_ids:
            continue
        fit = match_score(cluster.view, other.view)
        if fit is not None:
            fits.append((fit.score, j))
    return _unambiguous(cluster.event, fits, clusters)


def _best_partner(cluster: Cluster, clusters: Sequence[Cluster]) -> Cluster | None:
    """The cluster that best matches ``cluster`` (ties: the earliest); a vague one only if, from its side
    too, ``cluster`` is its one fit."""
    fits = [(score, j) for score, j in _fits(cluster, clusters)
            if not is_vague(clusters[j].event)
            or any(clusters[k] is cluster for _, k in _fits(clusters[j], clusters))]
    if not fits:
        return None
    _, j = min(fits, key=lambda f: (-f[0], clusters[f[1]].key))
    return clusters[j]


Expand = Callable[[Event], Iterable[Cluster]]
Observe = Callable[[Event], None]


def _settle(clusters: list[Cluster], touched: list[Cluster], expand: Expand | None, observe: Observe | None) -> None:
    queue = sorted({id(c): c for c in touched}.values(), key=lambda c: c.key)
    steps = 0
    while queue and steps < MAX_SETTLE_STEPS:
        steps += 1
        cluster = queue.pop(0)
        if not any(c is cluster for c in clusters):
            continue
        if expand is not None:
            clusters.extend(expand(cluster.event))
        partner = _best_partner(cluster, clusters)
        if partner is None:
            continue
        keep, gone = (cluster, partner) if cluster.key <= partner.key else (partner, cluster)
        keep.add(gone.mentions)
        if observe is not None:
            observe(keep.view)
        clusters[:] = [c for c in clusters if c is not gone]
        queue = sorted({id(c): c for c in (*queue, keep) if c is not gone}.values(), key=lambda c: c.key)


def fuse_report(clusters: list[Cluster], report_id: str, mentions: Sequence[Mention], *,
                expand: Expand | None = None, observe: Observe | None = None) -> list[Cluster]:
    """Fuse one report's mentions into ``clusters`` (changed in place); returns the clusters holding them.

    ``expand(event)``, when given, returns further clusters that could match ``event`` (a database's
    events near it, not yet in ``clusters``); it is asked before each cluster is settled. ``observe(event)``,
    when given, sees every coding a cluster takes on the way (fusion in blocks checks them at borders).
    """
    touched: list[Cluster] = []
    units = _units(mentions)
    for (unit, _), target in zip(units, _assign(clusters, report_id, [single for _, single in units]), strict=True):
        if target is None:
            target = Cluster.of(unit)
            clusters.append(target)
            if observe is not None and len(unit) > 1:
                observe(target.view)
        else:
            target.add(unit)
            if observe is not None:
                observe(target.view)
        touched.append(target)
    _settle(clusters, touched, expand, observe)
    return [c for c in clusters if report_id in c.report_ids]


def replay(reports: Iterable[Sequence[Mention]]) -> list[Cluster]:
    """The clusters that fusing these reports (each: its mentions, in report order) in publication order gives."""
    groups = [list(g) for g in reports if g]
    groups.sort(key=lambda g: report_key(g[0].published, g[0].report_id))
    clusters: list[Cluster] = []
    for group in groups:
        fuse_report(clusters, group[0].report_id, group)
    return clusters
