"""Fusion in blocks: the reports of a large batch fused in parallel, with the result of fusing them one by one.

Fusing reports one at a time in publication order (:func:`~eventcoder.fuse.replay`, what ``EventStore``
does) is sequential by nature. But a report can only change events its mentions could be
(:func:`~eventcoder.fuse.match_score`: same country, dates at most a month apart), so far-apart parts of a
collection never meet:

1. **Blocks.** Each mention goes to the block of its country and week (its coding alone).
2. **Fusion per group** (:func:`fuse_group`, in parallel: a pure function of the group's mentions). A group
   is one or more blocks; its reports are fused in publication order exactly as the store fuses them, and
   every step is recorded: the clusters the report changed (mention ids and coding) and those it consumed.
   Every coding a cluster or a mention ever had is kept for step 3.
3. **Borders** (:func:`plan_fusion`). Two neighbouring groups (compatible countries, weeks at most
   ``WEEK_SPAN`` apart) *interact* when any coding one ever had could match any coding the other ever had.
   Interacting groups are merged and fused again, until no two groups interact.

When no two groups interact, no step of one group could have seen a cluster of another (every fit is
scored between codings the clusters had at the time), so fusing everything one report at a time gives
exactly the union of the groups' steps: the same clusters after every report, hence the same events and,
written in order, the same ids. ``tests/fuse/test_fuse_blocks.py`` checks it against :func:`replay`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from eventcoder.fuse._cluster import Cluster, fuse_report, report_key
from eventcoder.fuse._coding import code_event
from eventcoder.fuse._match import (
    ADMIN_ACCOUNT,
    CLAIM_LAG_DAYS,
    DATE_OF_STATEMENT,
    date_window_days,
    match_score,
)
from eventcoder.records import Event, Mention

__all__ = ["WEEK_SPAN", "BlockKey", "FusionPlan", "GroupFusion", "Step", "block_of", "fuse_group", "interacting",
           "plan_fusion"]

# no two codings further apart than this can match: the widest date window, or a claim's lag (_match.py)
MAX_DAYS = max(CLAIM_LAG_DAYS, *(date_window_days(p, p) for p in (1, 2, 3)))
WEEK_SPAN = MAX_DAYS // 7 + 2  # blocks more weeks apart than this never interact

BlockKey = tuple[str, int | None]  # (country, week number), the week None for an undated mention
MentionIds = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Step:
    """What fusing one report changed in one group.

    ``clusters``: the clusters that are new or changed after the report (their mention ids in canonical
    order, and their coding); ``consumed``: the mention ids of the clusters before the report that changed
    or were merged away (what must be stored when the step is written).
    """

    report_id: str
    clusters: tuple[tuple[MentionIds, Event], ...]
    consumed: tuple[MentionIds, ...]


@dataclass(slots=True)
class GroupFusion:
    """The fusion of one group of blocks: its steps (report id -> step) and every coding it saw."""

    blocks: tuple[BlockKey, ...]
    order: tuple[str, ...]  # the group's report ids, in publication order
    steps: dict[str, Step]
    codings: list[Event] = field(repr=False)


def _day(event: Event) -> int | None:
    return dt.date.fromisoformat(event.event_date).toordinal() if event.event_date else None


def block_of(mention: Mention) -> BlockKey:
    """The block of a mention: its country and week (Monday to Sunday), coded alone."""
    alone = code_event([mention], timestamp=0)
    day = _day(alone)
    return alone.country, None if day is None else (day - 1) // 7


class _Window:
    """The clusters of a group, with the ones that could match a date (within ``MAX_DAYS``) at hand."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []

    def near(self, day: int | None, exclude: Iterable[Cluster] = ()) -> list[Cluster]:
        if day is None:
            return []
        skip = {id(c) for c in exclude}
        out = []
        for cluster in self.clusters:
            other = _day(cluster.event)
            if other is not None and abs(other - day) <= MAX_DAYS and id(cluster) not in skip:
                out.append(cluster)
        return out


def _fuse_step(window: _Window, report_id: str, mentions: Sequence[Mention], days: set[int | None],
               codings: list[Event]) -> Step:
    """Fuse one report into the group (as ``fuse_report`` on every cluster would) and record the step;
    ``days`` are those of its mentions, each coded alone."""
    working: list[Cluster] = []
    for day in days:
        working.extend(window.near(day, exclude=working))
    before = {id(c): c.mention_ids for c in working}
    present = list(working)

    def expand(event: Event) -> list[Cluster]:
        more = window.near(_day(event), exclude=present)
        present.extend(more)
        before.update((id(c), c.mention_ids) for c in more)
        return more

    fuse_report(working, report_id, mentions, expand=expand, observe=codings.append)
    after = {id(c): c.mention_ids for c in working}
    changed = [c for c in working if before.get(id(c)) != c.mention_ids]
    consumed = tuple(ids for key, ids in before.items() if after.get(key) != ids)
    gone = {id(c) for c in present} - after.keys()
    window.clusters = [c for c in window.clusters if id(c) not in gone]
    known = {id(c) for c in window.clusters}
    window.clusters.extend(c for c in working if id(c) not in known)
    return Step(report_id, tuple((c.mention_ids, c.event) for c in sorted(changed, key=lambda c: c.key)), consumed)


def fuse_group(reports: Sequence[Sequence[Mention]], blocks: Sequence[BlockKey] = ()) -> GroupFusion:
    """Fuse the reports of a group (each: its mentions in the group, in report order) in publication order."""
    groups = sorted((list(g) for g in reports if g), key=lambda g: report_key(g[0].published, g[0].report_id))
    window = _Window()
    alone = [[code_event([m], timestamp=0) for m in g] for g in groups]
    codings = [event for events in alone for event in events]
    steps = {g[0].report_id: _fuse_step(window, g[0].report_id, g, {_day(e) for e in events}, codings)
             for g, events in zip(groups, alone, strict=True)}
    return GroupFusion(tuple(blocks), tuple(g[0].report_id for g in groups), steps, codings)


# ---------------------------------------------------------------- borders

def _signature(event: Event) -> tuple[object, ...]:
    """What :func:`match_score` reads of a coding (codings equal here score alike)."""
    return (event.country, event.event_type, event.sub_event_type, event.event_date, event.time_precision,
            event.latitude, event.longitude, event.geo_precision, event.admin1, event.location, event.actor1,
            event.inter1, event.actor2, bool(event.claimed_by), DATE_OF_STATEMENT in event.quality_flags,
            ADMIN_ACCOUNT in event.quality_flags)


def _distinct_dated(codings: Iterable[Event]) -> list[tuple[int, Event]]:
    seen: dict[tuple[object, ...], Event] = {}
    for event in codings:
        if event.event_date:
            seen.setdefault(_signature(event), event)
    return sorted(((_day(e), e) for e in seen.values()), key=lambda p: p[0])  # type: ignore[arg-type,return-value]


def interacting(a: Iterable[Event], b: Iterable[Event]) -> bool:
    """Could any coding of ``a`` match any coding of ``b`` (either way round)?"""
    left, right = _distinct_dated(a), _distinct_dated(b)
    days = [d for d, _ in right]
    for day, event in left:
        lo, hi = bisect.bisect_left(days, day - MAX_DAYS), bisect.bisect_right(days, day + MAX_DAYS)
        for _, other in right[lo:hi]:
            if match_score(event, other) is not None or match_score(other, event) is not None:
                return True
    return False


def _neighbours(a: BlockKey, b: BlockKey) -> bool:
    if a[1] is None or b[1] is None:
        return False
    countries = a[0] == b[0] or not a[0] or not b[0]
    return countries and abs(a[1] - b[1]) <= WEEK_SPAN


GroupRunner = Callable[[Sequence[tuple[Sequence[Sequence[Mention]], Sequence[BlockKey]]]], list[GroupFusion]]


def run_groups_here(tasks: Sequence[tuple[Sequence[Sequence[Mention]], Sequence[BlockKey]]]) -> list[GroupFusion]:
    """Fuse groups one after the other in this process (``plan_fusion``'s default runner)."""
    return [fuse_group(reports, blocks) for reports, blocks in tasks]


@dataclass(slots=True)
class FusionPlan:
    """The groups of a batch, fused; ``group_of[report_id]`` lists the groups (indexes) a report touches,
    ``neighbours[g]`` the groups whose events could come close to group g's if fused otherwise (blocks
    within ``WEEK_SPAN`` weeks, compatible countries)."""

    groups: list[GroupFusion]
    group_of: dict[str, list[int]]
    rounds: int
    merges: int
    neighbours: dict[int, set[int]] = field(default_factory=dict)

    def steps(self, report_id: str) -> list[tuple[int, Step]]:
        """The steps of a report, one per group it touches."""
        return [(g, self.groups[g].steps[report_id]) for g in self.group_of.get(report_id, [])]


def _tasks(members: list[list[BlockKey]], by_block: dict[BlockKey, list[tuple[int, list[Mention]]]]
           ) -> list[tuple[list[list[Mention]], list[BlockKey]]]:
    tasks = []
    for blocks in members:
        per_report: dict[int, list[Mention]] = defaultdict(list)
        for block in blocks:
            for position, mentions in by_block[block]:
                per_report[position].extend(mentions)
        tasks.append(([per_report[p] for p in sorted(per_report)], blocks))
    return tasks


def plan_fusion(reports: Sequence[Sequence[Mention]], *, run: GroupRunner = run_groups_here) -> FusionPlan:
    """Fuse a batch of reports (each: its mentions) in blocks, merging groups that interact.

    ``run`` fuses a list of groups (a Dask client's map in ``eventcoder.batch``); the plan does not depend
    on how. Reports are named by their ids, which must be unique.
    """
    by_block: dict[BlockKey, list[tuple[int, list[Mention]]]] = defaultdict(list)
    for position, mentions in enumerate(reports):
        parts: dict[BlockKey, list[Mention]] = defaultdict(list)
        for mention in mentions:
            parts[block_of(mention)].append(mention)
        for block, part in parts.items():
            by_block[block].append((position, part))
    members = [[block] for block in sorted(by_block, key=lambda k: (k[0], k[1] is None, k[1] or 0))]
    results = run(_tasks(members, by_block))
    rounds, merges = 1, 0
    checked: set[tuple[tuple[BlockKey, ...], tuple[BlockKey, ...]]] = set()
    while True:
        pairs = _neighbour_pairs(members)
        roots = _merged_groups(pairs, results, checked)
        if all(len(v) == 1 for v in roots):
            break
        merges += sum(len(v) - 1 for v in roots)
        kept = [(members[v[0]], results[v[0]]) for v in roots if len(v) == 1]
        fused = [sorted(b for i in v for b in members[i]) for v in roots if len(v) > 1]
        members = [m for m, _ in kept] + [list(m) for m in fused]
        results = [r for _, r in kept] + run(_tasks(members[len(kept):], by_block))
        rounds += 1
    group_of: dict[str, list[int]] = defaultdict(list)
    for index, result in enumerate(results):
        for report_id in result.order:
            group_of[report_id].append(index)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for i, j in pairs:
        neighbours[i].add(j)
        neighbours[j].add(i)
    return FusionPlan(results, dict(group_of), rounds, merges, dict(neighbours))


def _merged_groups(pairs: list[tuple[int, int]], results: list[GroupFusion],
                   checked: set[tuple[tuple[BlockKey, ...], tuple[BlockKey, ...]]]) -> list[list[int]]:
    """The groups (indexes) that interact, joined (union-find). A group's fusion depends only on its
    blocks, so pairs of block sets already ``checked`` are not checked again."""
    parent = list(range(len(results)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        pair = (results[i].blocks, results[j].blocks)
        if pair in checked or find(i) == find(j):
            continue
        checked.add(pair)
        if interacting(results[i].codings, results[j].codings):
            parent[find(j)] = find(i)
    roots: dict[int, list[int]] = defaultdict(list)
    for i in range(len(results)):
        roots[find(i)].append(i)
    return list(roots.values())


def _neighbour_pairs(members: list[list[BlockKey]]) -> list[tuple[int, int]]:
    """Pairs of groups (indexes) holding neighbouring blocks."""
    owner = {block: i for i, blocks in enumerate(members) for block in blocks}
    by_country: dict[str, list[BlockKey]] = defaultdict(list)
    for block in owner:
        if block[1] is not None:
            by_country[block[0]].append(block)
    pairs: set[tuple[int, int]] = set()
    for block, i in owner.items():
        if block[1] is None:
            continue
        countries = list(by_country) if not block[0] else [block[0], ""]
        for country in countries:
            for other in by_country.get(country, []):
                j = owner[other]
                if j != i and _neighbours(block, other):
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)
