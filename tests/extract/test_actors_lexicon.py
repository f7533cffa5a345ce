"""The actor finder reads its words from the language's ``actors`` section (issue 16).

Sentences written for these tests. An empty section must degrade gracefully: dictionary actors and the
lexicon's group nouns are still found, only the rules that need the section's words stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eventcoder.extract._actors import ActorMention, find_actors
from eventcoder.extract._triggers import find_triggers
from eventcoder.lexicon import Lexicon, load_lexicon, read_lexicon

pytestmark = pytest.mark.slow


def _actors(pipeline, text: str, lexicon: Lexicon) -> list[ActorMention]:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp.parse(text, lexicon.language)
    return [a for sent in doc.sents for a in find_actors(sent, find_triggers(sent, lexicon), lexicon)]


def _without_actors_section(language: str, tmp_path: Path) -> Lexicon:
    raw = dict(load_lexicon(language).raw, actors={})
    path = tmp_path / f"{language}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    return read_lexicon(path)


@pytest.mark.parametrize(("text", "language", "armed_men"), [
    ("Armed men killed 12 soldiers near Djibo on Sunday.", "en", "Armed men"),
    ("Des hommes armés ont tué 12 soldats près de Djibo dimanche.", "fr", "hommes"),
])
def test_armed_men_are_perpetrators_in_each_language(pipeline, text: str, language: str,  # type: ignore[no-untyped-def]
                                                     armed_men: str) -> None:
    kinds = {a.text: (a.kind, a.role) for a in _actors(pipeline, text, load_lexicon(language))}
    assert kinds[armed_men] == ("perpetrators", "agent")


@pytest.mark.parametrize(("text", "language", "armed_men"), [
    ("Armed men killed 12 soldiers near Djibo on Sunday.", "en", "Armed men"),
    ("Des hommes armés ont tué 12 soldats près de Djibo dimanche.", "fr", "hommes"),
])
def test_an_empty_actors_section_degrades_gracefully(pipeline, tmp_path: Path, text: str,  # type: ignore[no-untyped-def]
                                                     language: str, armed_men: str) -> None:
    actors = _actors(pipeline, text, _without_actors_section(language, tmp_path))
    kinds = {a.text: a.kind for a in actors}
    assert kinds.get(armed_men) != "perpetrators"  # "armed" is a word of the section
    assert "military" in kinds.values()  # the group nouns (the lexicon's `groups`) still count
    assert all(a.text == text[a.char_start:a.char_end] for a in actors)


def test_a_claimant_needs_the_sections_claim_verbs(pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Le JNIM a revendiqué l'attaque contre l'armée malienne."
    roles = {a.entry_id: a.role for a in _actors(pipeline, text, load_lexicon("fr"))}
    assert roles["jnim"] == "claimant"
    roles = {a.entry_id: a.role for a in _actors(pipeline, text, _without_actors_section("fr", tmp_path))}
    assert roles["jnim"] == ""  # found, with no role read


@pytest.mark.parametrize(("text", "government"), [
    ("The government of Mali and JNIM fighters clashed near Boni.", "government of Mali"),
    ("The Malian transitional government said soldiers killed 12 militants.", "Malian transitional government"),
])
def test_a_government_is_marked_once_when_found(pipeline, text: str, government: str) -> None:  # type: ignore[no-untyped-def]
    governing = {a.text: a.governing for a in _actors(pipeline, text, load_lexicon("en"))}
    assert governing[government] is True
    assert not any(flag for name, flag in governing.items() if name != government)
