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

SAME_DAY = {
    "en": ("On Monday, gunmen attacked the village of Tillia, killing seven civilians. The same day, in a separate "
           "attack, gunmen killed three civilians in the village of Kiebani."),
    "fr": ("Lundi, des hommes armés ont attaqué le village de Tillia, tuant sept civils. Le même jour, une attaque "
           "distincte a visé le village de Kiebani, où trois civils ont été tués."),
}
TWO_VILLAGES = ("On Monday, gunmen attacked two villages, Kiebani and Gaskinde, near Djibo, killing 12 and 7 "
                "civilians respectively.")


def _without_events(tmp_path: Path, language: str = "en"):  # type: ignore[no-untyped-def]
    data = yaml.safe_load(resources.files("eventcoder").joinpath(f"data/lexicon/{language}.yaml").read_text("utf-8"))
    assert data["events"]
    data["events"] = {}
    path = tmp_path / f"{language}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return read_lexicon(path)


@pytest.mark.parametrize("language", sorted(SAME_DAY))
def test_a_same_day_phrase_of_the_language_dates_the_next_event(pipeline, tmp_path: Path,
                                                                language: str) -> None:  # type: ignore[no-untyped-def]
    report = report_from_text(SAME_DAY[language], published="2024-05-10", language=language)
    first, second = pipeline.mentions(report)
    assert (first.event_date, second.event_date) == ("2024-05-06", "2024-05-06")
    assert second.place_phrase is not None and second.place_phrase.names[0] == "Kiebani"
    # without the language's events section the phrase says nothing: the undated second attack is left out
    (only,) = pipeline.with_lexicons({language: _without_events(tmp_path, language)}).mentions(report)
    assert only.place_phrase is not None and only.place_phrase.names[0] == "Tillia"


def test_simultaneous_attacks_are_split_by_the_lexicon_words(pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = report_from_text(TWO_VILLAGES, published="2024-05-10", language="en")
    split = pipeline.mentions(report)
    assert len(split) > 1
    assert {m.place_phrase.names[0] for m in split} >= {"Kiebani", "Gaskinde"}
    (whole,) = pipeline.with_lexicons({"en": _without_events(tmp_path)}).mentions(report)
    assert whole.event_date == "2024-05-06"
    assert sorted(f.count for f in whole.fatalities) == [7, 12]
