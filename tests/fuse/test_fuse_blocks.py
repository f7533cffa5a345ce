"""Fusion in blocks: groups fused apart, merged at borders, give what fusing one report at a time gives."""

from __future__ import annotations

import dataclasses
import random

import pytest
from store_corpus import load_corpus
from store_helpers import dump, make_mention, report_with, synthetic_reports

from eventcoder.fuse import Cluster, FusionPlan, block_of, interacting, plan_fusion, replay
from eventcoder.fuse._blocks import run_groups_here
from eventcoder.records import Event, Mention
from eventcoder.store import EventStore, PlanMismatch


def _final(plan: FusionPlan) -> dict[tuple[str, ...], Event]:
    """The clusters after every step of every group (mention ids -> coding)."""
    state: dict[tuple[str, ...], Event] = {}
    for group in plan.groups:
        for report_id in group.order:
            step = group.steps[report_id]
            for ids in step.consumed:
                del state[ids]
            state.update(step.clusters)
    return state


def _replayed(reports: list[list[Mention]]) -> dict[tuple[str, ...], Event]:
    return {c.mention_ids: c.event for c in replay(reports)}


def test_blocks_are_country_and_monday_weeks() -> None:
    monday, sunday = make_mention("a", 0, date="2023-04-17"), make_mention("b", 0, date="2023-04-23")
    next_monday = make_mention("c", 0, date="2023-04-24")
    assert block_of(monday) == block_of(sunday) != block_of(next_monday)
    assert block_of(monday)[0] == "Mali"
    assert block_of(make_mention("d", 0, date=None))[1] is None


def test_an_event_across_a_week_border_is_merged_as_one_by_one_would() -> None:
    """Sunday's and Monday's reports of one ambush fall in two blocks: the border check joins the blocks,
    and the bridge report merges the two events exactly as fusing one report at a time does."""
    reports = [report_with("a", {"date": "2023-04-23", "place": "near Nara"}, published="2023-04-24")[1],
               report_with("b", {"date": "2023-04-24", "place": "Nara"}, published="2023-04-25")[1],
               report_with("c", {"date": "2023-04-10", "place": "Djibo", "actor1": "ISS"}, published="2023-04-11")[1]]
    plan = plan_fusion(reports)
    assert block_of(reports[0][0]) != block_of(reports[1][0])
    assert plan.merges == 1 and plan.rounds == 2
    assert _final(plan) == _replayed(reports)
    assert sorted(len(ids) for ids in _final(plan)) == [1, 2]


def test_far_apart_blocks_stay_apart() -> None:
    reports = [report_with("a", {"date": "2023-04-03"}, published="2023-04-04")[1],
               report_with("b", {"date": "2023-06-20"}, published="2023-06-21")[1]]
    plan = plan_fusion(reports)
    assert (len(plan.groups), plan.merges, plan.rounds) == (2, 0, 1)
    assert not interacting(plan.groups[0].codings, plan.groups[1].codings)
    assert plan.neighbours == {}  # eleven weeks apart: nothing fused otherwise could bring them together


def test_close_groups_that_do_not_interact_are_neighbours() -> None:
    """Two attacks in Mali three weeks and hundreds of km apart: separate groups, but neighbours (a writer that
    leaves the plan for one must leave it for the other)."""
    reports = [report_with("a", {"date": "2023-04-03", "place": "Nara"}, published="2023-04-04")[1],
               report_with("b", {"date": "2023-04-24", "place": "Bamako"}, published="2023-04-25")[1]]
    plan = plan_fusion(reports)
    assert len(plan.groups) == 2 and plan.merges == 0
    assert plan.neighbours == {0: {1}, 1: {0}}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_plan_equals_replay_on_synthetic_reports(seed: int) -> None:
    """Reports of a dozen events, some telling two, with vague and bridging ones: the union of the
    groups' steps is exactly the publication-order fusion."""
    reports = [mentions for _, mentions in synthetic_reports(60, seed)]
    plan = plan_fusion(reports)
    assert _final(plan) == _replayed(reports)
    # every report has a step in each group it touches, and steps name only its groups' clusters
    for position, mentions in enumerate(reports):
        ids = {m.id for m in mentions}
        touched = {mid for _, step in plan.steps(mentions[0].report_id) for c, _ in step.clusters for mid in c}
        assert ids <= touched, position


def test_plan_equals_replay_on_the_corpus() -> None:
    corpus = load_corpus()
    if corpus is None:
        pytest.skip("the shared corpus is not here")
    reports = [mentions for _, mentions in corpus]
    plan = plan_fusion(reports)
    assert len(plan.groups) > 10  # the corpus's events are far apart: many groups to fuse in parallel
    assert _final(plan) == _replayed(reports)


def test_the_runner_does_not_change_the_plan() -> None:
    reports = [mentions for _, mentions in synthetic_reports(40, 3)]
    calls: list[int] = []

    def shuffled_runner(tasks: list) -> list:  # type: ignore[type-arg]
        calls.append(len(tasks))
        order = list(range(len(tasks)))
        random.Random(7).shuffle(order)
        done = dict(zip(order, run_groups_here([tasks[i] for i in order]), strict=True))
        return [done[i] for i in range(len(tasks))]

    assert _final(plan_fusion(reports, run=shuffled_runner)) == _final(plan_fusion(reports))
    assert calls and calls[0] >= 1


def _write_plan(store: EventStore, items: list, plan: FusionPlan) -> None:  # type: ignore[type-arg]
    mentions = {m.id: m for _, ms in items for m in ms}
    for report, ms in items:
        steps = [step for _, step in plan.steps(report.id)]
        clusters = [Cluster([mentions[i] for i in ids], event) for step in steps for ids, event in step.clusters]
        store.ingest_planned(report, ms, clusters, [ids for step in steps for ids in step.consumed])


def test_planned_writes_equal_ingest_in_the_store(tmp_path: object) -> None:
    """Written in publication order from the plan, the database holds what ingest builds: every row of
    every table (events, ids, mentions, aliases, history), wall-clock times aside."""
    bridge = [report_with("x1", {"date": "2023-04-20"}, published="2023-04-21"),
              report_with("x2", {"date": "2023-04-16", "place": "near Nara"}, published="2023-04-21"),
              report_with("x3", {"date": "2023-04-18"}, published="2023-04-22")]  # merges x1's and x2's
    items = sorted([*synthetic_reports(50, 5), *bridge], key=lambda item: (item[0].published, item[0].id))
    with EventStore(f"sqlite:///{tmp_path}/one.db") as one, EventStore(f"sqlite:///{tmp_path}/plan.db") as two:
        for report, mentions in items:
            one.ingest(report, mentions)
        _write_plan(two, items, plan_fusion([ms for _, ms in items]))
        a, b = _timeless(one), _timeless(two)
    assert len(a["events"]) >= 10 and a["id_aliases"] and a["event_history"]
    assert a == b


_CLOCK = {"timestamp", "ingested_at", "changed_at", "merged_at", "created_at"}


def _timeless(store: EventStore) -> dict[str, list[tuple[object, ...]]]:
    from eventcoder.store.tables import METADATA

    out = {}
    for name, rows in dump(store).items():
        columns = [c.name for c in METADATA.tables[name].columns]
        keep = [i for i, c in enumerate(columns) if c not in _CLOCK]
        out[name] = [tuple(row[i] for i in keep) for row in rows]
    return out


def test_a_plan_that_does_not_start_from_the_database_is_refused(tmp_path: object) -> None:
    items = sorted(synthetic_reports(12, 6), key=lambda item: (item[0].published, item[0].id))
    plan = plan_fusion([ms for _, ms in items])
    with EventStore(f"sqlite:///{tmp_path}/events.db") as store:
        first, later = items[0], items[1:]
        store.ingest(*first)
        # the plan's second step expects the first report's clusters; skip a report and it no longer fits
        mentions = {m.id: m for _, ms in items for m in ms}
        target = next((r, ms) for r, ms in later if any(step.consumed for _, step in plan.steps(r.id))
                      and items.index((r, ms)) > 1)
        steps = [s for _, s in plan.steps(target[0].id)]
        clusters = [Cluster([mentions[i] for i in ids], e) for s in steps for ids, e in s.clusters]
        before = store.report_count()
        with pytest.raises(PlanMismatch):
            store.ingest_planned(target[0], target[1], clusters, [ids for s in steps for ids in s.consumed])
        assert store.report_count() == before  # nothing written
        with pytest.raises(PlanMismatch):  # a stored report is not written twice
            store.ingest_planned(first[0], first[1], [], [])


def test_steps_record_copies_of_events() -> None:
    reports = [report_with("a", {"date": "2023-04-18"})[1], report_with("b", {"date": "2023-04-18"})[1]]
    plan = plan_fusion(reports)
    (group,) = plan.groups
    step = group.steps["b"]
    assert step.consumed == (("a:0",),)
    assert [ids for ids, _ in step.clusters] == [("a:0", "b:0")]
    assert dataclasses.asdict(step.clusters[0][1])["mention_ids"] == ("a:0", "b:0")
