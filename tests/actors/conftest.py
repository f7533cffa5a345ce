"""Fixtures for the actor dictionary tests."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventcoder.actors import ActorDictionary, GenericVocabulary

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path | None:
    """The team's shared folder (corpus, gold): $EVENTCODER_SHARED, ../shared or ./shared."""
    candidates = [os.environ.get("EVENTCODER_SHARED"), REPO.parent / "shared", REPO / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "corpus" / "events.jsonl").is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="session")
def vocabulary() -> GenericVocabulary:
    return GenericVocabulary.load()


@pytest.fixture(scope="session")
def gold_events() -> list[dict[str, Any]]:
    shared = shared_dir()
    if shared is None:
        pytest.skip("the shared corpus is not available")
    with open(shared / "corpus" / "events.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def gold_names(gold_events: list[dict[str, Any]]) -> list[str]:
    """The distinct actor names of the gold events."""
    return sorted(set(_gold_actor_names(gold_events)))


def _gold_actor_names(events: list[dict[str, Any]]) -> Iterator[str]:
    """Every actor name of the gold events: actor1, actor2, claimed_by and the associated actors."""
    for event in events:
        for field in ("actor1", "actor2", "claimed_by"):
            if event.get(field):
                yield event[field]
        for field in ("assoc_actor_1", "assoc_actor_2"):
            for name in (event.get(field) or "").split(";"):
                if name.strip():
                    yield name.strip()
