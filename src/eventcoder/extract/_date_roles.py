"""What a date of a sentence dates: the event, a statement about it, a claim, or the finding of remains.

The parse of the small models is too weak to attach dates reliably, so the words around the date decide
(the lexicon's ``frames`` section: ``statement_before``, ``claim_before_date``, ``claim_main_verbs``,
``date_determiners``, ``possessive_endings``; the ``dates`` mapping's ``discovery`` and ``remains``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventcoder.extract._dates import DateExpr
from eventcoder.extract._tokens import Trigger, doc_text, lemma_key, sent_start, tokens_of
from eventcoder.lexicon import Lexicon

__all__ = ["date_role", "trigger_distance"]

_WORDS_BEFORE = 4  # words before a date where a speech or claim verb governs it
_CHARS_BEFORE = 60  # characters before a date where "in a statement on" is looked for
_MAIN_VERB_WORDS = 2  # a date this near the sentence start dates the main verb
_FAR = 99  # the distance of a date from no trigger


def _qualifies_trigger(doc: Doc, expr: DateExpr, span: Span, triggers: list[Trigger], lexicon: Lexicon) -> bool:
    """The date qualifies the trigger right after it ("claimed Tuesday's attack", "a claim for the 20
    February 2023 assault")."""
    endings = tuple(lexicon.words("frames.possessive_endings"))
    qualifies = (bool(endings) and expr.text.endswith(endings)) or (
        span.start > 0 and doc[span.start - 1].lower_ in lexicon.words("frames.date_determiners"))
    return qualifies and any(t.start == span.end for t in triggers)


def date_role(doc: Doc, expr: DateExpr, triggers: list[Trigger], lexicon: Lexicon, sent: Span | None = None) -> str:
    """``event``, ``speech``, ``claim``, ``discovery`` or ``other`` for a date expression.

    A date right after "said"/"a annoncé"/"in a statement on" dates a statement, right after "claimed" a
    claim; any other date of a sentence that reports violence dates the event.
    """
    span = tokens_of(doc, expr.start, expr.end)
    if span is None:
        return "other"
    if _qualifies_trigger(doc, expr, span, triggers, lexicon):
        return "event"
    first = sent_start(doc, span.start)
    window = doc[max(first, span.start - _WORDS_BEFORE):span.start]
    trigger_between = any(window.start <= t.start < span.start for t in triggers)
    trigger_tokens = {i for t in triggers for i in range(t.start, t.end)}
    claim_words = lexicon.words("frames.claim_before_date")
    for token in reversed(window):  # the nearer of a trigger and a speech verb before the date governs it
        if token.i in trigger_tokens:
            break
        lemma = lemma_key(token)
        if lemma in claim_words:
            return "claim"
        if lemma in lexicon.speech_verbs and token.pos_ in ("VERB", "AUX"):
            return "speech"
    if _discovery(doc, span, first, lexicon):
        return "discovery"
    before = doc_text(doc)[max(doc[first].idx, expr.start - _CHARS_BEFORE):expr.start]
    statement = lexicon.pattern("frames.statement_before")
    if statement is not None and statement.search(before) and not trigger_between:
        return "speech"
    if sent is not None and span.start - sent.start <= _MAIN_VERB_WORDS:  # "On Friday, JNIM claimed ...": the main verb's date
        root = lemma_key(sent.root)
        if root in lexicon.words("frames.claim_main_verbs"):
            return "claim"
        if root in lexicon.speech_verbs and not any(t.head == sent.root.i for t in triggers):
            return "speech"
    return "event" if triggers else "other"


def _discovery(doc: Doc, span: Span, sent_start: int, lexicon: Lexicon) -> bool:
    """"the bodies were found on Monday", "les corps retrouvés lundi": the date the remains were found, not
    the day of the killing (ACLED codes the killing or abduction where the text dates it)."""
    found, remains = lexicon.words("dates.discovery"), lexicon.words("dates.remains")
    if not found or not remains:
        return False
    sent_end = doc[span.start].sent.end
    near = doc[max(sent_start, span.start - 4):min(sent_end, span.end + 5)]
    if not any(t.lower_ in found for t in near):
        return False
    return any(t.lower_ in remains or t.lemma_.lower() in remains for t in doc[sent_start:sent_end])


def trigger_distance(doc: Doc, expr: DateExpr, triggers: list[Trigger]) -> int:
    """Tokens between the date and the nearest trigger (the event's date is the nearest)."""
    span = tokens_of(doc, expr.start, expr.end)
    if span is None or not triggers:
        return _FAR
    return min(min(abs(t.start - span.end), abs(span.start - t.end)) for t in triggers)
