"""Which date dates the event: the killing, not the finding of the bodies; the evening an overnight raid began;
the publication date, flagged, where the text gives none (sentences written by the team)."""

from __future__ import annotations

import pytest

from eventcoder.pipeline import Pipeline
from eventcoder.records import Report


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(warn=None)


def _dates(pipeline: Pipeline, text: str, language: str, published: str) -> list[tuple[str, int, tuple[str, ...]]]:
    report = Report(id="t", url="", outlet="test", published=published, language=language, title="", text=text)
    return [(m.event_date, m.time_precision, m.quality_flags) for m in pipeline.mentions(report)]


@pytest.mark.parametrize(("text", "language", "published", "date"), [
    ("Villagers said gunmen abducted four traders near Bani on Sunday. Their bodies were found on Tuesday "
     "in the bush outside the village.", "en", "2024-03-20", "2024-03-17"),
    ("Les corps de trois bergers tués samedi près de Djibo ont été retrouvés lundi par des habitants.",
     "fr", "2024-03-19", "2024-03-16"),
    ("The bodies of five farmers were discovered on Tuesday near Bani, residents said.", "en", "2024-03-20",
     "2024-03-19"),
])
def test_the_killing_is_dated_not_the_discovery_of_the_bodies(pipeline: Pipeline, text: str, language: str,
                                                              published: str, date: str) -> None:
    assert _dates(pipeline, text, language, published)[0][0] == date


def test_the_evening_an_overnight_raid_began(pipeline: Pipeline) -> None:
    text = ("Gunmen killed twelve soldiers in an overnight raid on the army post at Bani, the army said on Monday. "
            "The attack began at around 10 pm on Sunday and lasted several hours.")
    assert _dates(pipeline, text, "en", "2024-03-18")[0][0] == "2024-03-17"


def test_a_date_announced_is_not_the_date_of_the_attack(pipeline: Pipeline) -> None:
    text = ("Le bilan de l'attaque commise samedi à Bani s'élève à 12 morts, a annoncé lundi le gouverneur.")
    assert _dates(pipeline, text, "fr", "2024-03-18")[0][0] == "2024-03-16"


def test_a_state_operation_at_the_start_of_the_sentence_keeps_its_date(pipeline: Pipeline) -> None:
    text = "On 27 December, soldiers killed 15 militants near Bani during an air-ground operation."
    assert _dates(pipeline, text, "en", "2024-01-02")[0][0] == "2023-12-27"


def test_no_date_in_the_text_keeps_the_publication_date_and_says_so(pipeline: Pipeline) -> None:
    (event,) = _dates(pipeline, "Gunmen killed six villagers in Bani, residents said.", "en", "2024-03-20")
    assert event[0] == "2024-03-20" and event[1] == 2 and "date_from_publication" in event[2]
