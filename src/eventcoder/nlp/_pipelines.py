"""One spaCy pipeline per language, loaded lazily and once per process."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.errors import ConfigError, TextTooLong
from eventcoder.lexicon import load_lexicon
from eventcoder.nlp import factories
from eventcoder.nlp.factories import SpanFinder

__all__ = ["NlpPipelines", "load_language", "spacy_pipeline"]

_BLANK = "blank:"


def spacy_pipeline(model: str) -> Language:
    """The spaCy pipeline ``model`` names: an installed package, or ``blank:<code>`` for ``spacy.blank(code)``
    with a sentencizer (tokens and sentences; no tagger, lemmatizer, parser or entities).

    Raises:
        ConfigError: [E900] the model package is missing, or spaCy has no such language.
    """
    if model.startswith(_BLANK):
        try:
            nlp = spacy.blank(model.removeprefix(_BLANK))
        except ImportError as exc:
            raise ConfigError(f"spaCy has no language {model.removeprefix(_BLANK)!r} ({exc})") from exc
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"spaCy model {model} is not installed ({exc}); run `make install`") from exc


def load_language(language: str, finders: Sequence[SpanFinder] = ()) -> Language:
    """Load the spaCy pipeline of ``language`` (its lexicon's ``model``) with eventcoder's components added:
    line breaks start sentences (before the parser, or after the sentencizer of a blank pipeline).

    Raises:
        ConfigError: [E900] no lexicon for that language, or its model is missing.
    """
    nlp = spacy_pipeline(load_lexicon(language).model)
    assert factories.SPAN_KEY  # the import registers the components
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventcoder_line_breaks", before="parser")
    else:  # a blank pipeline: after its sentencizer
        nlp.add_pipe("eventcoder_line_breaks")
    component = nlp.add_pipe("eventcoder_entity_spans", last=True)
    for finder in finders:
        component.add_finder(finder)
    return nlp


class NlpPipelines:
    """Lazily loaded pipelines, one per language, sharing the same span finders.

    Example:
        >>> pipelines = NlpPipelines(finders=[gazetteer, actors])
        >>> doc = pipelines.parse("Gunmen killed 12 villagers in Sorgha on Wednesday.", "en")
    """

    def __init__(self, finders: Sequence[SpanFinder] = ()) -> None:
        self.finders = list(finders)
        self._loaded: dict[str, Language] = {}
        self._lock = threading.Lock()

    def get(self, language: str) -> Language:
        with self._lock:
            if language not in self._loaded:
                self._loaded[language] = load_language(language, self.finders)
            return self._loaded[language]

    def parse(self, text: str, language: str) -> Doc:
        """``text`` parsed in one piece.

        Raises:
            TextTooLong: [E106] over the model's ``max_length`` (split it with ``piece_spans`` first).
        """
        nlp = self.get(language)
        if len(text) > nlp.max_length:
            raise TextTooLong(source="the text", size=f"{len(text):,}", limit=f"{nlp.max_length:,}")
        return nlp(text)

    def pipe(self, texts: Iterable[str], language: str, batch_size: int = 16) -> Iterator[Doc]:
        yield from self.get(language).pipe(texts, batch_size=batch_size)
