"""Figures, numbers and attribution read their words from the language's ``figures`` section (issue 16).

Sentences written for these tests. An empty section must degrade gracefully: counts in digits are still
read and still make figures; only number words and the rules that need the section's words stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eventcoder.extract._attribution import attribute, find_speaker
from eventcoder.extract._figures import FigureKind, find_figures
from eventcoder.extract._frames import Frame
from eventcoder.extract._numbers import find_numbers
from eventcoder.extract._triggers import find_triggers
from eventcoder.lexicon import Lexicon, load_lexicon, read_lexicon

pytestmark = pytest.mark.slow


def _without_figures_section(language: str, tmp_path: Path) -> Lexicon:
    raw = dict(load_lexicon(language).raw, figures={})
    path = tmp_path / f"{language}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    return read_lexicon(path)


def _frame(sent, lexicon: Lexicon) -> Frame:  # type: ignore[no-untyped-def]
    """The sentence's frame as build_frame starts it: its triggers (find_figures reads whether there is one)."""
    frame = Frame(index=0, sent=sent, item=0)
    frame.triggers = find_triggers(sent, lexicon)
    return frame


def _sentence(pipeline, text: str, lexicon: Lexicon, parse_as: str = "") -> Frame:  # type: ignore[no-untyped-def]
    sent = next(iter(pipeline.nlp.parse(text, parse_as or lexicon.language).sents))
    frame = _frame(sent, lexicon)
    attribute(frame, lexicon)
    return frame


def _figures(frame: Frame, lexicon: Lexicon) -> list[tuple[int, FigureKind]]:
    return [(f.number.value, f.kind) for f in find_figures(frame, lexicon, lambda token: None)]


@pytest.mark.parametrize(("text", "language"), [
    ("Twenty soldiers and 12 villagers were killed, according to the mayor who spoke to reporters.", "en"),
    ("Vingt soldats et 12 villageois ont été tués, selon le maire qui a requis l'anonymat.", "fr"),
])
def test_an_empty_figures_section_degrades_gracefully(pipeline, tmp_path: Path, text: str,  # type: ignore[no-untyped-def]
                                                      language: str) -> None:
    full = _sentence(pipeline, text, load_lexicon(language))
    assert _figures(full, load_lexicon(language)) == [(20, FigureKind.DEAD), (12, FigureKind.DEAD)]
    assert full.speaker in ("the mayor", "le maire")

    lexicon = _without_figures_section(language, tmp_path)
    frame = _sentence(pipeline, text, lexicon)
    assert [n.value for n in find_numbers(frame.sent, lexicon)] == [12]  # "twenty"/"vingt": number words
    assert _figures(frame, lexicon) == [(12, FigureKind.DEAD)]
    assert frame.speaker.startswith(full.speaker) and len(frame.speaker) > len(full.speaker)  # no "who"/"qui"


def test_a_language_text2num_does_not_read_keeps_its_digits(pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A third language's small file: number words text2num cannot read are no numbers, digits still are."""
    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\ntriggers: {kill: [killed]}\ngroups: {civilians: [villager, villagers]}\ndeaths: [kill]\n"
                    "figures: {number_words: [twenty], not_count_after: [km]}\n", "utf-8")
    lexicon = read_lexicon(path)
    frame = _sentence(pipeline, "Gunmen killed 12 villagers and twenty herders 30 km away.", lexicon, "en")
    assert [n.value for n in find_numbers(frame.sent, lexicon)] == [12]
    assert _figures(frame, lexicon) == [(12, FigureKind.DEAD)]
    assert find_speaker(frame.sent, lexicon) == "" and not frame.claim and frame.channel == ""


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Three soldiers were reported missing after the ambush.", "en", [(3, FigureKind.MISSING)]),
    ("Trois soldats sont portés disparus après l'embuscade.", "fr", [(3, FigureKind.MISSING)]),
    ("His bodyguard was killed in the ambush.", "en", [(1, FigureKind.DEAD)]),
    ("Le chef de poste a été tué dans l'embuscade.", "fr", [(1, FigureKind.DEAD)]),
])
def test_each_language_reads_its_own_figure_words(pipeline, text: str, language: str,  # type: ignore[no-untyped-def]
                                                  expected: list[tuple[int, FigureKind]]) -> None:
    lexicon = load_lexicon(language)
    assert _figures(_sentence(pipeline, text, lexicon), lexicon) == expected
    other = load_lexicon("fr" if language == "en" else "en")  # the other language's words do not read it
    assert _figures(_sentence(pipeline, text, other, language), other) != expected


def test_figure_offsets_are_those_of_the_words_counted(pipeline) -> None:  # type: ignore[no-untyped-def]
    """The same figure twice in a report: each figure points at its own words, not the first occurrence."""
    lexicon = load_lexicon("en")
    text = "Gunmen killed 12 soldiers in Djibo on Monday. On Friday, gunmen killed 12 soldiers in Arbinda."
    doc = pipeline.nlp.parse(text, "en")
    found = []
    for sent in doc.sents:
        frame = _frame(sent, lexicon)
        found += [(f.start, f.end, f.text) for f in find_figures(frame, lexicon, lambda token: None)]
    second = text.index("12 soldiers", text.index("Friday"))
    assert found == [(14, 25, "12 soldiers"), (second, second + 11, "12 soldiers")]
    assert all(text[start:end] == words for start, end, words in found)
