"""A third language added as a lexicon file, without Python (issue 16): Spanish from tests/data/lexicon/es.yaml.

spaCy has no small Spanish model on PyPI for 3.8, so the file names ``blank:es``: tokens and sentences only. The
rules that read the parse (subjects and objects, passives, lemmas) cannot fire; those that read words, numbers and
places next to a trigger still code the event.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import eventcoder
from eventcoder.nlp import load_language
from eventcoder.records import Report

SPANISH = Path(__file__).resolve().parents[1] / "data" / "lexicon"
TEXT = "Hombres armados mataron a 12 civiles en Djibo el martes."


@pytest.fixture(autouse=True)
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_LEXICON_DIR", str(SPANISH))


def _events(pipeline: Any, text: str, language: str | None = "es") -> list[Any]:
    return pipeline.extract_report(Report(id="es-1", text=text, published="2024-03-14", language=language))


def test_a_blank_pipeline_splits_sentences_and_line_breaks() -> None:
    nlp = load_language("es")
    assert "parser" not in nlp.pipe_names
    assert nlp.pipe_names.index("sentencizer") < nlp.pipe_names.index("eventcoder_line_breaks")
    doc = nlp("Ataque en Djibo\nHombres armados mataron a 12 civiles. La policía llegó.")
    assert [s.text for s in doc.sents] == ["Ataque en Djibo\n", "Hombres armados mataron a 12 civiles.",
                                           "La policía llegó."]


def test_a_spanish_report_is_coded_end_to_end(pipeline: Any) -> None:
    [event] = _events(pipeline, TEXT)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert (event.location, event.country, event.fatalities) == ("Djibo", "Burkina Faso", 12)
    assert event.actor1 == "Unidentified Armed Group (Burkina Faso)"
    assert event.language == ("es",)
    fields = {name: [(e.start, e.end, e.text) for e in spans] for name, spans in event.evidence.items()}
    assert fields["event_type"] == [(16, 23, "mataron")]
    assert fields["location"] == [(40, 45, "Djibo")]
    assert fields["fatalities"] == [(26, 28, "12")]
    assert all(TEXT[start:end] == text for spans in fields.values() for start, end, text in spans)


def test_the_language_of_a_spanish_report_is_detected(pipeline: Any) -> None:
    [event] = _events(pipeline, TEXT, language=None)
    assert event.language == ("es",)


def test_the_package_api_codes_the_language_it_is_given() -> None:
    [event] = eventcoder.extract(TEXT, published="2024-03-14", language="es")
    assert (event.event_type, event.location, event.fatalities) == ("Violence against civilians", "Djibo", 12)


def test_the_command_line_codes_a_report_given_as_spanish() -> None:
    line = json.dumps({"id": "es-1", "text": TEXT, "published": "2024-03-14", "language": "es"})
    result = subprocess.run([sys.executable, "-m", "eventcoder.cli", "extract", "-"], input=line.encode(),
                            capture_output=True, timeout=300, env={**os.environ, "EVENTCODER_LEXICON_DIR": str(SPANISH)})
    assert result.returncode == 0, result.stderr.decode()
    [event] = [json.loads(row) for row in result.stdout.decode().splitlines()]
    assert (event["language"], event["location"], event["fatalities"]) == (["es"], "Djibo", 12)


def test_a_month_name_of_the_new_language_dates_the_event(pipeline: Any) -> None:
    [event] = _events(pipeline, "Hombres armados mataron a 12 civiles en Djibo el 12 marzo 2024.")
    assert event.event_date == "2024-03-12"


@pytest.mark.parametrize("text", [TEXT, "Hombres armados mataron a 12 civiles en Djibo el 12 de marzo de 2024."])
def test_a_date_of_the_new_language_dates_the_event(pipeline: Any, text: str) -> None:
    [event] = _events(pipeline, text)  # published Thursday 14 March 2024: Tuesday is the 12th
    assert event.event_date == "2024-03-12"
