"""Token-level helpers every per-sentence reader shares (triggers, places, actors, figures), and the
:class:`Trigger` record they pass on. Holds no word of any language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

__all__ = ["DATELINE", "Trigger", "doc_text", "head_chain", "index_sentences", "is_passive", "is_proper_name_part",
           "lemma_key", "sent_start", "tokens_of"]

# A wire dateline opening a text ("BAMAKO, Mali, April 21 -"): capitals, a comma, a month and a day
DATELINE = re.compile(r"^\s*[A-Z][A-Z'’ .-]{2,}(?:,\s*[A-Z][A-Z a-z.]+)?,\s+[A-Z][a-z]+\.?\s+\d{1,2}\s+[-–—]")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that names a violent action; ``head`` is its main token (doc index)."""

    start: int
    end: int
    head: int
    cue: str
    weak: bool
    text: str
    definite: bool = False  # "the attack", "l'embuscade": a reference to an event already told


def doc_text(doc: Doc) -> str:
    """``Doc.text`` joins every token on each call: keep one copy per doc."""
    text = doc.user_data.get("ec_text")
    if text is None:
        text = doc.user_data["ec_text"] = doc.text
    return str(text)


def index_sentences(doc: Doc, sentences: list[Span]) -> None:
    """Remember each token's sentence start (``Token.sent`` rescans the doc on every call)."""
    starts = [0] * len(doc)
    for sent in sentences:
        for i in range(sent.start, sent.end):
            starts[i] = sent.start
    doc.user_data["ec_sent_start"] = starts


def sent_start(doc: Doc, i: int) -> int:
    starts = doc.user_data.get("ec_sent_start")
    if starts is None:
        return doc[i].sent.start
    return int(starts[i])


def lemma_key(token: Token) -> str:
    lemma = token.lemma_.lower()
    return lemma if lemma and lemma != "-pron-" else token.lower_


def is_passive(head: Token) -> bool:
    return any(c.dep_ in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass") for c in head.children)


def is_proper_name_part(token: Token) -> bool:
    """"Attack" in an organisation's name is not a trigger."""
    return token.ent_type_ in ("ORG", "PERSON") and token.ent_iob_ == "I"


def tokens_of(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def head_chain(token: Token, limit: int = 6) -> list[Token]:
    chain = []
    current = token
    for _ in range(limit):
        if current.head == current:
            break
        current = current.head
        chain.append(current)
    return chain
