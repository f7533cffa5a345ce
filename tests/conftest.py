"""Shared fixtures: the team's shared folder (corpus, worked example) and one real pipeline per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def find_shared() -> Path | None:
    """``$EVENTCODER_SHARED``, ``../shared`` beside the checkout, ``./shared``, or the team's /work/shared."""
    candidates = [os.environ.get("EVENTCODER_SHARED"), ROOT.parent / "shared", ROOT / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "corpus" / "reports.jsonl").exists():
            return Path(candidate)
    return None


_FOUND = find_shared()
if _FOUND is not None:  # every test package looks here first: one answer for the whole suite
    os.environ.setdefault("EVENTCODER_SHARED", str(_FOUND))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = find_shared()
    if path is None:
        pytest.skip("the shared folder with the corpus is not available (set EVENTCODER_SHARED)")
    return path


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The real pipeline (spaCy models, gazetteer, actor dictionary), loaded once."""
    from eventcoder.pipeline import Pipeline

    return Pipeline(warn=None)
