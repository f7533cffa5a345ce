"""Fixtures for the scorer's tests: the real gold files and helpers that build predictions from them."""

from __future__ import annotations

import copy
import math
import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from eventcoder.evaluate import Gold, load_gold

ROOT = Path(__file__).resolve().parents[2]


def _shared_dir() -> Path | None:
    """The shared folder: $EVENTCODER_SHARED, ./shared in the repository, or ../shared beside it."""
    candidates = [os.environ.get("EVENTCODER_SHARED"), ROOT / "shared", ROOT.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "corpus" / "events.jsonl").is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    found = _shared_dir()
    if found is None:
        pytest.skip("the shared corpus (shared/corpus/events.jsonl) is not available")
    return found


@pytest.fixture(scope="session")
def gold(shared_dir: Path) -> Gold:
    return load_gold(shared_dir / "corpus" / "events.jsonl")


@pytest.fixture()
def events(gold: Gold) -> dict[str, dict[str, Any]]:
    """Gold events by id (deep copies, safe to modify)."""
    return {e["id"]: copy.deepcopy(e) for e in gold.events}


@pytest.fixture()
def perfect_per_report(gold: Gold) -> dict[str, list[dict[str, Any]]]:
    """Per-report predictions that copy the gold events each report reports."""
    by_id = {e["id"]: e for e in gold.events}
    return {r["id"]: [copy.deepcopy(by_id[eid]) for eid in r["event_ids"]] for r in gold.reports}


@pytest.fixture()
def perfect_fused(gold: Gold) -> list[dict[str, Any]]:
    """Fused predictions that copy every gold event that has reports."""
    return [copy.deepcopy(e) for e in gold.events if e["report_ids"]]


def _moved(
    event: dict[str, Any], *, north_km: float = 0.0, east_km: float = 0.0, days: int = 0
) -> dict[str, Any]:
    """A copy of the event, its point moved (km on a sphere, small offsets) and its date shifted."""
    out = copy.deepcopy(event)
    km_per_degree = 6371.0088 * math.pi / 180
    out["latitude"] = event["latitude"] + north_km / km_per_degree
    out["longitude"] = event["longitude"] + east_km / (
        km_per_degree * math.cos(math.radians(event["latitude"]))
    )
    out["event_date"] = (date.fromisoformat(event["event_date"]) + timedelta(days=days)).isoformat()
    return out


@pytest.fixture()
def moved() -> Callable[..., dict[str, Any]]:
    """``moved(event, north_km=, east_km=, days=)``: a shifted copy of a gold event."""
    return _moved
