"""The words of grouping and mention assembly come from the ``events`` section of the language's lexicon: a
lexicon without it still codes the event, only without the rules its words drive (issue 16)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from eventcoder.ingest import report_from_text
from eventcoder.lexicon import read_lexicon

pytestmark = pytest.mark.slow

TWO_VILLAGES = ("On Monday, gunmen attacked two villages, Kiebani and Gaskinde, near Djibo, killing 12 and 7 "
                "civilians respectively.")


def _without_events(tmp_path: Path):  # type: ignore[no-untyped-def]
    data = yaml.safe_load(resources.files("eventcoder").joinpath("data/lexicon/en.yaml").read_text("utf-8"))
    assert data["events"]
    data["events"] = {}
    path = tmp_path / "en.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return read_lexicon(path)


def test_simultaneous_attacks_are_split_by_the_lexicon_words(pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = report_from_text(TWO_VILLAGES, published="2024-05-10", language="en")
    split = pipeline.mentions(report)
    assert len(split) > 1
    assert {m.place_phrase.names[0] for m in split} >= {"Kiebani", "Gaskinde"}
    (whole,) = pipeline.with_lexicons({"en": _without_events(tmp_path)}).mentions(report)
    assert whole.event_date == "2024-05-06"
    assert sorted(f.count for f in whole.fatalities) == [7, 12]
