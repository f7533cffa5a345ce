"""Long documents: a report of several MB is coded in pieces, with every evidence offset into the whole text."""

from __future__ import annotations

from itertools import pairwise

import pytest

from eventcoder.errors import TextTooLong
from eventcoder.ingest.prefilter import Prefilter
from eventcoder.nlp import piece_spans
from eventcoder.records import Evidence, Report

CALM = [
    "The city council approved the budget for the new school year after a long debate.",
    "Farmers in the valley said the rains came early and the millet harvest looked good.",
    "The committee will meet again next month to review the water supply in the northern districts.",
]
EVENTS = [
    "Gunmen killed 12 villagers in Tillaberi on Sunday, officials said.",
    "Suspected jihadists ambushed an army patrol near Gao on Monday, killing four soldiers.",
    "Armed men abducted 20 passengers on the road to Djibo on Tuesday, residents said.",
]


def test_pieces_cover_the_text_exactly_and_end_at_paragraphs() -> None:
    text = "\n\n".join(f"{CALM[i % 3]} ({i})" for i in range(400))
    spans = piece_spans(text, 2000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert all(0 < end - start <= 2000 for start, end in spans)
    assert all(text[end - 2:end] == "\n\n" for _, end in spans[:-1])  # a piece ends after a blank line


def test_a_paragraph_longer_than_a_piece_is_cut_at_sentences_then_spaces() -> None:
    text = " ".join(CALM * 50)
    spans = piece_spans(text, 500)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(text[b - 2] == "." for _, b in spans[:-1])
    assert piece_spans("x" * 10, 3) == [(0, 3), (3, 6), (6, 9), (9, 10)]
    assert piece_spans("", 5) == [(0, 0)]


def _long_report(size: int) -> tuple[Report, list[int]]:
    """About ``size`` characters of calm paragraphs with the three event paragraphs spread through them."""
    paragraphs: list[str] = []
    length, where, placed = 0, [], 0
    marks = [size // 10, size // 2, size - size // 10]
    i = 0
    while length < size:
        if placed < 3 and length >= marks[placed]:
            where.append(length)
            paragraphs.append(EVENTS[placed])
            placed += 1
        else:
            paragraphs.append(f"{CALM[i % 3]} Note {i}.")
            i += 1
        length += len(paragraphs[-1]) + 2
    return Report(id="long-1", text="\n\n".join(paragraphs), published="2024-03-14", language="en"), where


def test_calm_paragraphs_never_reach_the_parser() -> None:
    prefilter = Prefilter.load()
    assert not any(prefilter.keep_text(text, "en") for text in CALM)
    assert all(prefilter.keep_text(text, "en") for text in EVENTS)


def test_a_multi_megabyte_report_is_coded_with_exact_offsets(pipeline) -> None:  # type: ignore[no-untyped-def]
    report, where = _long_report(2_500_000)
    assert len(report.text) > 2_000_000
    before = pipeline.piece_chars
    pipeline.piece_chars = 20_000  # small pieces keep the test quick; the mechanism is the same
    try:
        mentions = pipeline.mentions(report)
    finally:
        pipeline.piece_chars = before
    assert len({m.id for m in mentions}) == len(mentions)
    sentences = [e for m in mentions for e in m.evidence.get("sentences", ())]
    assert sentences, [m.id for m in mentions]
    found: set[int] = set()
    for mention in mentions:
        for spans in mention.evidence.values():
            for evidence in spans:
                assert isinstance(evidence, Evidence)
                assert report.text[evidence.start:evidence.end] == evidence.text
        for start in where:
            if any(start <= e.start < start + 200 for e in mention.evidence.get("sentences", ())):
                found.add(start)
    assert found == set(where)  # each event paragraph, far apart in the text, gave a mention at its place
    killed = [m for m in mentions if any(f.count == 12 for f in m.fatalities)]
    assert killed and killed[0].fatalities[0].evidence is not None
    figure = killed[0].fatalities[0].evidence
    assert report.text[figure.start:figure.end] == figure.text and "12" in figure.text


def test_the_parser_alone_refuses_an_over_long_text_with_a_coded_error(pipeline) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TextTooLong, match=r"^\[E106\]"):
        pipeline.nlp.parse("word " * 250_000, "en")
