"""The only place that registers eventcoder's spaCy components.

- ``eventcoder_line_breaks``: a sentence starts after a line break (headlines, bullets, roundup items);
  runs before the parser, which keeps these boundaries.
- ``eventcoder_entity_spans``: entities from the gazetteer and the actor dictionary override the small
  statistical model (which calls Mali a PERSON and Bamako an ORG); the model's entities fill the gaps.
  Span finders are attached with ``add_finder`` by the pipeline builder (they hold large indexes that do
  not belong in a spaCy config). A :class:`TypedSpanFinder` (the actor dictionary) also puts its spans,
  typed, in a span group of its own: ``doc.spans[ACTOR_SPAN_KEY]``, ``span.label_`` the actor's ACLED
  category, ``span.kb_id_`` its dictionary entry.
"""


from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

__all__ = ["ACTOR_SPAN_KEY", "SPAN_KEY", "EntitySpans", "SpanFinder", "TypedSpanFinder"]

SPAN_KEY = "eventcoder"  # every finder's spans, as found (overlaps kept)
ACTOR_SPAN_KEY = "eventcoder_actors"  # the actor dictionary's spans, typed by ACLED category


class SpanFinder(Protocol):
    """Anything that finds labelled character spans in a text (gazetteer, actor dictionary)."""

    def find_spans(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, label, key) for each match, character offsets into ``text``."""
        ...


@runtime_checkable
class TypedSpanFinder(SpanFinder, Protocol):
    """A span finder whose spans also go, typed, to their own span group (``doc.spans[span_key]``)."""

    span_key: str

    def span_type(self, key: str) -> str:
        """The type (the typed span's label) of the span found for ``key``."""
        ...


_OPEN_QUOTES = {"«", "“", "(", "["}
_NO_START = {",", ";", ":", ")", "»", "”", "]"}


def _inside_a_word(token: Token) -> bool:
    """A hyphen written inside a word ("État-Major") or the part after it: never a sentence start."""
    doc = token.doc
    previous = doc[token.i - 1]
    if token.text in ("-", "‑") and not previous.whitespace_ and not token.whitespace_:
        return True
    return previous.text in ("-", "‑") and not previous.whitespace_ and token.i >= 2 and not doc[token.i - 2].whitespace_


def _starts_line(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if _inside_a_word(token):
            token.is_sent_start = False
        elif "\n" in previous.text or "\n" in previous.whitespace_ or previous.text in ("•", "·", "▪"):
            token.is_sent_start = True
        elif token.text in _NO_START or previous.text in _OPEN_QUOTES or previous.text in (",", "–", "—") or (
                token.is_lower and previous.text not in (".", "!", "?")):
            token.is_sent_start = False
    return doc


@Language.component("eventcoder_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break."""
    return _starts_line(doc)


class EntitySpans:
    """Sets ``doc.ents`` from span finders, with the model's entities where no finder span overlaps."""

    def __init__(self) -> None:
        self.finders: list[SpanFinder] = []

    def add_finder(self, finder: SpanFinder) -> None:
        self.finders.append(finder)

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        text = doc.text
        for finder in self.finders:
            typed_finder = finder if isinstance(finder, TypedSpanFinder) else None
            typed: list[Span] = []
            for start, end, label, key in finder.find_spans(text):
                span = doc.char_span(start, end, label=label, kb_id=key, alignment_mode="expand")
                if span is not None and len(span):
                    found.append(span)
                    if typed_finder is not None:
                        typed.append(Span(doc, span.start, span.end, label=typed_finder.span_type(key), kb_id=key))
            if typed_finder is not None:
                doc.spans[typed_finder.span_key] = typed
        doc.spans[SPAN_KEY] = found
        preferred = filter_spans(found)
        taken = {i for span in preferred for i in range(span.start, span.end)}
        model = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = filter_spans(preferred + model)
        return doc


@Language.factory(
    "eventcoder_entity_spans",
    assigns=["doc.ents", "doc.spans"],
    requires=["doc.ents"],
)
def make_entity_spans(nlp: Language, name: str) -> EntitySpans:
    """Factory of :class:`EntitySpans`; finders are added after construction."""
    return EntitySpans()


def iter_components() -> Iterable[tuple[str, Callable[..., object]]]:
    """The registered component names (for the snapshot test)."""
    return [("eventcoder_line_breaks", line_breaks), ("eventcoder_entity_spans", make_entity_spans)]
