"""Compatibility of a prediction with a gold event (date window, 100 km, admin1 at geo_precision 3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from eventcoder.evaluate import haversine_km, is_compatible
from eventcoder.evaluate._compat import pair_score
from eventcoder.evaluate._normalise import make_actor_key

Moved = Callable[..., dict[str, Any]]


def test_haversine_known_distance() -> None:
    # Bamako (12.6392, -8.0029) to Ouagadougou (12.3714, -1.5197): about 704 km
    assert haversine_km((12.6392, -8.0029), (12.3714, -1.5197)) == pytest.approx(704, abs=3)
    assert haversine_km((13.0, 1.0), (13.0, 1.0)) == 0.0


@pytest.mark.parametrize("days,expected", [(0, True), (2, True), (-2, True), (3, False), (-3, False)])
def test_date_window_two_days(events: dict[str, Any], moved: Moved, days: int, expected: bool) -> None:
    gold = events["bfa-e01"]
    assert gold["time_precision"] == 1
    assert is_compatible(moved(gold, days=days), gold) is expected


@pytest.mark.parametrize("days,expected", [(7, True), (-7, True), (8, False)])
def test_time_precision_2_widens_window_to_7(
    events: dict[str, Any], moved: Moved, days: int, expected: bool
) -> None:
    gold = events["bfa-e08"]
    assert gold["time_precision"] == 2
    assert is_compatible(moved(gold, days=days), gold) is expected


@pytest.mark.parametrize("days,expected", [(31, True), (32, False)])
def test_time_precision_3_widens_window_to_31(
    events: dict[str, Any], moved: Moved, days: int, expected: bool
) -> None:
    gold = dict(events["bfa-e01"], time_precision=3)
    assert is_compatible(moved(gold, days=days), gold) is expected


@pytest.mark.parametrize("km,expected", [(0, True), (99, True), (101, False), (150, False)])
def test_within_100_km(events: dict[str, Any], moved: Moved, km: float, expected: bool) -> None:
    gold = events["bfa-e01"]
    prediction = moved(gold, north_km=km)
    assert haversine_km(
        (gold["latitude"], gold["longitude"]), (prediction["latitude"], prediction["longitude"])
    ) == (pytest.approx(km, abs=0.5))
    assert is_compatible(prediction, gold) is expected


def test_geo_precision_3_accepts_same_admin1_far_away(events: dict[str, Any], moved: Moved) -> None:
    gold = dict(events["bfa-e01"], geo_precision=3)  # admin1 "Sahel"
    far = moved(gold, north_km=150)
    assert is_compatible(dict(far, admin1="Région du Sahel"), gold)
    assert not is_compatible(dict(far, admin1="Centre-Nord"), gold)
    assert not is_compatible(dict(far, admin1="Sahel"), events["bfa-e01"])  # precision 1: 150 km is too far


def test_prediction_without_point_needs_admin1_and_precision_3(events: dict[str, Any]) -> None:
    gold = events["bfa-e01"]
    no_point = dict(gold, latitude=None, longitude=None)
    assert not is_compatible(no_point, gold)
    assert is_compatible(no_point, dict(gold, geo_precision=3))
    assert not is_compatible(dict(no_point, admin1=""), dict(gold, geo_precision=3, admin1=""))


def test_missing_or_bad_date_is_never_compatible(events: dict[str, Any]) -> None:
    gold = events["bfa-e01"]
    assert not is_compatible(dict(gold, event_date=None), gold)
    assert not is_compatible(dict(gold, event_date="5 June 2021"), gold)
    assert is_compatible(dict(gold, event_date=gold["event_date"] + "T02:00:00"), gold)


def test_pair_score_counts_the_four_points(events: dict[str, Any], moved: Moved) -> None:
    key = make_actor_key(None)
    gold = events["bfa-e01"]
    assert pair_score(gold, gold, key) == 4
    assert pair_score(moved(gold, days=1), gold, key) == 3
    assert pair_score(moved(gold, north_km=30), gold, key) == 3
    other = dict(moved(gold, days=1, north_km=30), event_type="Battles", actor1="JNIM")
    assert pair_score(other, gold, key) == 0
