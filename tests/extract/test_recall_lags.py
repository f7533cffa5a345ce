"""A time lag ("came five days after", "deux semaines plus tôt") recalls an earlier event whatever the count
before it: built from the lexicon's units and relations (``recall_lags``), not listed phrase by phrase.

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from eventcoder.extract import load_lexicon
from eventcoder.ingest import report_from_text


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "The raid came eleven days after bandits killed nine herders near the same well."),
     ("en", "Some weeks earlier, a patrol had lost four men on that road."),
     ("fr", "Cette attaque survient deux semaines après l'embuscade de Gorom."),
     ("fr", "Quelques mois plus tôt, des hommes armés avaient incendié l'école du village.")],
)
def test_a_time_lag_is_a_recall(language: str, text: str) -> None:
    recall = load_lexicon(language).recall
    assert recall is not None and recall.search(text)


def test_a_unit_without_a_relation_is_no_recall() -> None:
    recall = load_lexicon("en").recall
    assert recall is not None and not recall.search("For three days gunmen held the village.")


@pytest.mark.slow
def test_an_event_recalled_by_a_time_lag_opens_no_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Gunmen killed seven villagers on Sunday in Tanwalbougou, in the East region, a local official said. "
            "The killings came twelve days after an ambush killed five soldiers near Fada N'Gourma.")
    found = [e.to_dict() for e in pipeline.extract_report(report_from_text(text, published="2024-03-12"))]
    assert [e["fatalities"] for e in found] == [7]
