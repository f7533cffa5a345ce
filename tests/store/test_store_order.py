"""Reports in any order give the same events."""

from __future__ import annotations

import random

import pytest
from store_helpers import canonical, make_mention, make_report

from eventcoder.records import Mention, Report
from eventcoder.store import EventStore


def _scenario() -> list[tuple[Report, list[Mention]]]:
    """Three events told by eight reports: vague and precise places, a claim a few days later, a report of
    two events, a roundup, a report with no event and a rival group's attack on the same day nearby."""
    jnim_claim = (("claim", "Jama'at Nasr al-Islam wal Muslimin"),)
    items: list[tuple[str, str, list[dict[str, object]]]] = [
        ("wire1", "2023-04-19", [dict(place="near Nara", actor1="gunmen ML", killed=4)]),
        ("local", "2023-04-19", [dict(place="Nara", actor1="gunmen ML", killed=5, language="fr")]),
        ("claim", "2023-04-22", [dict(place="near Nara", actor1="JNIM", killed=6, claims=jnim_claim)]),
        ("army", "2023-04-20", [dict(place="Nara", actor1="JNIM", killed=3, claims=(("confirm", "army"),))]),
        ("djibo1", "2023-04-19", [dict(place="Djibo", actor1="ISS", actor2="civilians BF", cue="attack",
                                       target_kind="civilians", killed=12, side="civilians")]),
        ("roundup", "2023-04-24", [
            dict(place="Djibo", actor1="ISS", actor2="civilians BF", cue="attack", target_kind="civilians",
                 killed=15, side="civilians"),
            dict(place="Arbinda", actor1="BF army", actor2="ISS", cue="clash", target_kind="group", killed=20,
                 side="group", date="2023-04-21"),
        ]),
        ("arbinda", "2023-04-22", [dict(place="Arbinda", actor1="BF army", actor2="ISS", cue="clash",
                                        target_kind="group", killed=18, side="group", date="2023-04-21")]),
        ("nothing", "2023-04-22", []),
    ]
    out = []
    for rid, published, specs in items:
        mentions = [make_mention(rid, i, published=published, **spec) for i, spec in enumerate(specs)]  # type: ignore[arg-type]
        out.append((make_report(rid, published=published, text=f"text of {rid}"), mentions))
    return out


def _fuse(items: list[tuple[Report, list[Mention]]]) -> list[dict[str, object]]:
    with EventStore("sqlite:///:memory:") as store:
        store.ingest_many(items)
        return canonical(store.events())


def test_scenario_fuses_into_three_events() -> None:
    events = _fuse(_scenario())
    assert sorted(len(e["report_ids"]) for e in events) == [2, 2, 4]  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", range(12))
def test_any_order_gives_the_same_events(seed: int) -> None:
    items = _scenario()
    expected = _fuse(items)
    random.Random(seed).shuffle(items)
    assert _fuse(items) == expected


def test_reverse_order_gives_the_same_events() -> None:
    items = _scenario()
    assert _fuse(items[::-1]) == _fuse(items)
