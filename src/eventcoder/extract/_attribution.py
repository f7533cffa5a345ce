"""Attribution: who a sentence attributes its content to ("according to X", "X said", "selon X"), whether
that speaker is official, and what the sentence does with the event: claims it, denies it, blames someone,
says it is not confirmed, tells it through a channel (a video, a statement), recalls an earlier event, tells
a separate one, or sets the background ("since 2012").

Every word is the lexicon's (its attribution lists, and ``figures.speaker_end``).
"""

from __future__ import annotations

import re
from typing import Final, Protocol

from spacy.tokens import Span

from eventcoder.extract._negation import negated_word
from eventcoder.extract._tokens import lemma_key
from eventcoder.lexicon import Lexicon

__all__ = ["BLAMED", "Attributed", "attribute", "find_speaker", "flag"]

BLAMED: Final = "blamed"  # the role (``ActorMention.role``) of a group a blaming sentence names as the patient

_SPEAKER_PUNCTUATION = re.compile(r"[,.;:]")
_MAX_SPEAKER = 80


class Attributed(Protocol):
    """The fields of a sentence's frame that :func:`attribute` fills."""

    sent: Span
    speaker: str
    speaker_official: bool
    for_document: bool
    claim: bool
    not_claimed: bool
    deny: bool
    not_confirmed: bool
    blame: bool
    channel: str
    speaker_at: tuple[int, int] | None
    deny_at: tuple[int, int] | None
    channel_at: tuple[int, int] | None
    recall: bool
    separate: bool
    background: str


def flag(pattern: re.Pattern[str] | None, text: str) -> bool:
    """Whether the lexicon's pattern (None: the language's file has none) occurs in ``text``."""
    return bool(pattern is not None and pattern.search(text))


def _speaker_after(rest: str, lexicon: Lexicon) -> tuple[str, int]:
    """The speaker's name at the start of ``rest`` (the text after "according to"): up to punctuation or a
    relative pronoun ("who", "qui"); and where in ``rest`` it begins."""
    pronoun = lexicon.pattern("figures.speaker_end")
    ends = (_SPEAKER_PUNCTUATION.search(rest), pronoun.search(rest) if pronoun is not None else None)
    cut = min((m.start() for m in ends if m is not None), default=len(rest))
    head = rest[:cut]
    return head.strip()[:_MAX_SPEAKER], len(head) - len(head.lstrip())


def speaker_and_offsets(sent: Span, lexicon: Lexicon) -> tuple[str, tuple[int, int] | None]:
    """Who the sentence attributes its content to ("according to X", "X said", "selon X"), or "", with the
    char offsets (in the parsed text) of the words that name the speaker."""
    text = sent.text
    if lexicon.according_to is not None:
        m = lexicon.according_to.search(text)
        if m:
            name, lead = _speaker_after(text[m.end():], lexicon)
            start = sent.start_char + m.end() + lead
            return name, ((start, start + len(name)) if name else None)
    for token in reversed(sent):
        if lemma_key(token) in lexicon.speech_verbs and token.pos_ in ("VERB", "AUX"):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if subjects:
                subject = subjects[0]
                if subject.pos_ == "PRON":
                    return subject.text, (subject.idx, subject.idx + len(subject.text))
                span = sent.doc[subject.left_edge.i:subject.right_edge.i + 1]
                name = span.text[:_MAX_SPEAKER]
                return name, (span.start_char, span.start_char + len(name))
    return "", None


def find_speaker(sent: Span, lexicon: Lexicon) -> str:
    """Who the sentence attributes its content to ("according to X", "X said", "selon X"), or ""."""
    return speaker_and_offsets(sent, lexicon)[0]


def _offsets(sent: Span, match: re.Match[str] | None) -> tuple[int, int] | None:
    """The char offsets (in the parsed text) of a match in the sentence's text."""
    return (sent.start_char + match.start(), sent.start_char + match.end()) if match else None


def _speaks_officially(sent: Span, speaker: str, lexicon: Lexicon) -> bool:
    """The speaker is official ("the army", "le gouvernement"), or the sentence names an official source and
    reports speech ("in a statement", a speech verb)."""
    text = sent.text
    return flag(lexicon.official_speakers, speaker.lower()) or (
        flag(lexicon.official_speakers, text) and (flag(lexicon.speech_phrases, text) or any(
            lemma_key(t) in lexicon.speech_verbs or t.lower_ in lexicon.speech_verbs for t in sent)))


def _set_speaker(frame: Attributed, lexicon: Lexicon, document_speaker: str) -> None:
    """The frame's speaker: the one it names, else the official source it names, else the issuer of the
    communiqué the report is (``document_speaker``)."""
    text = frame.sent.text
    frame.speaker, frame.speaker_at = speaker_and_offsets(frame.sent, lexicon)
    frame.speaker_official = _speaks_officially(frame.sent, frame.speaker, lexicon)
    if not frame.speaker and frame.speaker_official:
        official = lexicon.official_speakers.search(text) if lexicon.official_speakers else None
        frame.speaker = official.group(0) if official else ""
        frame.speaker_at = _offsets(frame.sent, official)
    if not frame.speaker and document_speaker:
        frame.speaker, frame.speaker_official, frame.for_document = document_speaker, True, True


def _set_stance(frame: Attributed, lexicon: Lexicon) -> None:
    """Claimed, not claimed, denied, not confirmed, blamed."""
    sent, text = frame.sent, frame.sent.text
    frame.not_claimed = flag(lexicon.not_claimed, text) or negated_word(
        sent, lexicon.claim_words, lexicon.negators, lexicon.clause_negators)
    frame.claim = (flag(lexicon.claim, text) or any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in
                                                    lexicon.claim_verbs for t in sent)) and not frame.not_claimed
    denial = lexicon.deny.search(text) if lexicon.deny is not None else None
    frame.deny, frame.deny_at = denial is not None, _offsets(sent, denial)
    frame.not_confirmed = flag(lexicon.not_confirmed, text) or negated_word(
        sent, lexicon.confirm_words, lexicon.negators, lexicon.clause_negators)
    frame.blame = flag(lexicon.blame, text)


def attribute(frame: Attributed, lexicon: Lexicon, document_speaker: str = "") -> None:
    """Fill the frame's attribution: speaker (``document_speaker``: the official issuer of the report, for a
    sentence that names no speaker of its own), stance, channel, and the recall/separate/background cues."""
    text = frame.sent.text
    _set_speaker(frame, lexicon, document_speaker)
    _set_stance(frame, lexicon)
    channel = next(((name, m) for name, rx in lexicon.channels.items() if (m := rx.search(text))), None)
    frame.channel, frame.channel_at = (channel[0], _offsets(frame.sent, channel[1])) if channel else ("", None)
    frame.recall = flag(lexicon.recall, text)
    frame.separate = flag(lexicon.separate, text)
    background = lexicon.background.search(text) if lexicon.background is not None else None
    frame.background = background.group(0) if background else ""
