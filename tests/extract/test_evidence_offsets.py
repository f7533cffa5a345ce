"""Every evidence offset points at the words the event used, not at the first place the same words occur.

The sentences were written for these tests: each names an actor (or a place, a date, a toll) twice, once in a
sentence that is not the event's, so that ``text.find(name)`` would point at the wrong occurrence.
"""

from __future__ import annotations

import pytest

from eventcoder.ingest import report_from_text

pytestmark = pytest.mark.slow

PUBLISHED = "2024-05-10"

BACKGROUND_FIRST = (
    "Boko Haram has been active in the region for more than a decade, and the army says it has weakened it. "
    "On Wednesday, Boko Haram fighters attacked an army base in Monguno and killed five soldiers, a military "
    "source said."
)

TWO_EVENTS = (
    "JNIM fighters ambushed a police patrol near Djibo on Monday, killing four officers, local sources said.\n\n"
    "On Thursday, JNIM fighters attacked a gendarmerie post in Arbinda, killing six gendarmes, according to "
    "a security source."
)

FRENCH = (
    "Selon l'armée, les combattants de l'EIGS ont perdu du terrain autour du village depuis janvier. "
    "Mardi, des combattants de l'EIGS ont attaqué le village de Tillia, tuant sept civils, selon des sources "
    "locales."
)


def mentions(pipeline, text: str, language: str = "en"):  # type: ignore[no-untyped-def]
    report = report_from_text(text, published=PUBLISHED, language=language)
    return report, pipeline.mentions(report)


def sentence_of(mention, start: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``start`` lies in one of the mention's own sentences."""
    return any(s.start <= start < s.end for s in mention.evidence["sentences"])


def test_every_evidence_span_is_its_text(pipeline) -> None:  # type: ignore[no-untyped-def]
    for text, language in ((BACKGROUND_FIRST, "en"), (TWO_EVENTS, "en"), (FRENCH, "fr")):
        report, found = mentions(pipeline, text, language)
        assert found
        for mention in found:
            for field, spans in mention.evidence.items():
                for span in spans:
                    assert report.text[span.start:span.end] == span.text, (field, span)


@pytest.mark.parametrize(("text", "language", "event_start"), [(BACKGROUND_FIRST, "en", "On Wednesday"),
                                                                 (FRENCH, "fr", "Mardi")])
def test_actors_named_in_background_first_point_at_event_sentence(pipeline, text: str, language: str,
                                                                  event_start: str) -> None:  # type: ignore[no-untyped-def]
    report, found = mentions(pipeline, text, language)
    (mention,) = found
    for field in ("actor1", "actor2"):
        (evidence,) = mention.evidence[field]
        assert evidence.start > report.text.index(event_start), field
        assert sentence_of(mention, evidence.start), field


def test_two_events_with_one_actor_each_point_at_their_own_sentence(pipeline) -> None:  # type: ignore[no-untyped-def]
    report, found = mentions(pipeline, TWO_EVENTS)
    assert len(found) == 2
    starts = []
    for mention in found:
        for field in ("actor1", "actor2", "location", "event_date", "fatalities", "event_type"):
            for span in mention.evidence.get(field, ()):
                assert sentence_of(mention, span.start), (field, span)
        starts.append(mention.evidence["actor1"][0].start)
    assert starts[0] < report.text.index("On Thursday") < starts[1]
