"""eventcoder.nlp: spaCy pipelines (one per lexicon language, its file's ``model``) with gazetteer and actor-dictionary entities."""

from eventcoder.nlp._pieces import PIECE_CHARS, piece_spans
from eventcoder.nlp._pipelines import NlpPipelines, load_language, spacy_pipeline
from eventcoder.nlp.factories import SPAN_KEY, SpanFinder

__all__ = ["PIECE_CHARS", "SPAN_KEY", "NlpPipelines", "SpanFinder", "load_language", "piece_spans", "spacy_pipeline"]
