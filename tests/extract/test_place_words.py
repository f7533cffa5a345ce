"""The place finders read their words from the language's ``places`` lexicon section (issue 16): each
language's words find its own phrases, an empty section finds none (and still codes plain places), and a new
language's file brings its own phrases without touching Python."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from eventcoder.extract._context import country_mentions, find_borders, main_country
from eventcoder.extract._places import find_admin_phrases, find_named_localities
from eventcoder.ingest import report_from_text
from eventcoder.lexicon import Lexicon, load_lexicon, read_lexicon


def _english_without_places(tmp_path: Path) -> Lexicon:
    """The packaged English lexicon with ``places: {}``."""
    data = yaml.safe_load(resources.files("eventcoder.data").joinpath("lexicon", "en.yaml").read_text("utf-8"))
    data["places"] = {}
    path = tmp_path / "en.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return read_lexicon(path)


def test_admin_phrases_and_localities_come_from_the_language_file() -> None:
    english, french = load_lexicon("en"), load_lexicon("fr")
    text = "Gunmen struck the village of Kiebani in Yagha province."
    assert find_admin_phrases(text, english) == [(text.index("Yagha"), text.index(" province"), "Yagha", "province")]
    assert find_named_localities(text, english) == [(text.index("Kiebani"), text.index(" in "), "Kiebani")]
    french_text = "Des hommes armés ont attaqué la localité de Gaskindé, province du Soum."
    assert [p[2:] for p in find_admin_phrases(french_text, french)] == [("Gaskindé", "localité"), ("Soum", "province")]
    assert [p[2] for p in find_named_localities(french_text, french)] == ["Gaskindé"]
    assert find_admin_phrases(french_text, english) == []  # English words find no French phrase


def test_an_empty_places_section_finds_no_phrase_and_no_border(tmp_path: Path) -> None:
    lexicon = _english_without_places(tmp_path)
    text = "Gunmen struck the village of Kiebani in Yagha province near the Malian border."
    assert find_admin_phrases(text, lexicon) == find_named_localities(text, lexicon) == []
    assert find_borders(text, lexicon) == []
    assert find_borders(text, load_lexicon("en")) == [(text.index("the Malian"), text.index("."), "Mali")]


def test_borders_and_rivers_in_the_text_language_or_in_every_language() -> None:
    text = "Ils ont fui vers la frontière avec le Niger, le long du fleuve Niger."
    french = load_lexicon("fr")
    assert [b[2] for b in find_borders(text, french)] == ["Niger"]
    assert find_borders(text, load_lexicon("en")) == []
    assert find_borders(text) == find_borders(text, french)  # no language given: every language's file
    assert country_mentions("le fleuve Niger et le Niger", french) == {"Niger": 1}
    assert main_country(None, "Attaque au Mali près de la frontière avec le Niger.", french) == "Mali"


def test_a_new_language_file_brings_its_own_place_phrases(tmp_path: Path) -> None:
    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\ntriggers: {attack: [atako]}\ngroups: {}\n"
                    "places:\n  admin_phrase: {regex: '(?-i:\\b(?P<level2>provinco)\\s+(?P<before>[A-Z]\\w+))'}\n"
                    "  locality_phrase: {regex: '(?-i:\\bvilaĝo\\s+(?P<name>[A-Z]\\w+))'}\n", "utf-8")
    lexicon = read_lexicon(path)
    text = "Atako en vilaĝo Kiebani, provinco Yagha."
    assert [p[2:] for p in find_admin_phrases(text, lexicon)] == [("Yagha", "provinco")]
    assert [p[2] for p in find_named_localities(text, lexicon)] == ["Kiebani"]


@pytest.mark.slow
def test_a_lexicon_with_an_empty_places_section_still_codes_a_plain_place(pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coder = pipeline.with_lexicons({"en": _english_without_places(tmp_path)})
    report = report_from_text("Burkina Faso: gunmen killed five civilians on Monday in Djibo.", published="2024-03-13")
    (event,) = [e.to_dict() for e in coder.extract_report(report)]
    assert (event["country"], event["location"], event["geo_precision"]) == ("Burkina Faso", "Djibo", 1)
