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


# Each report names the field's words twice; the event uses the second occurrence (the first is background, or a
# sentence that tells no violence), so the evidence must start where the words occur the last time.
SECOND_OCCURRENCES = [
    ("event_type", "ambushed", "en",
     "Since 2019, gunmen have often ambushed convoys on this road. On Monday, gunmen ambushed a convoy near Djibo "
     "and killed 12 civilians."),
    ("event_type", "embuscade", "fr",
     "Depuis 2019, une embuscade est tendue chaque mois sur cet axe. Lundi, une embuscade contre un convoi près de "
     "Djibo a fait 12 morts parmi les civils."),
    ("location", "Djibo", "en",
     "Djibo has been under a blockade for months. On Monday, gunmen attacked a market in Djibo and killed 12 "
     "civilians."),
    ("event_date", "Monday", "en",
     "On Monday, the president met army chiefs in Ouagadougou. On Monday, gunmen attacked a market in Djibo and "
     "killed 12 civilians."),
    ("fatalities", "twelve civilians", "en",
     "Since 2019, twelve civilians have been killed in Kaya. On Monday, gunmen attacked a market in Kaya and "
     "killed twelve civilians."),
    ("hostages", "five people", "en",
     "Since 2021, gunmen have kidnapped five people near Kaya. On Monday, gunmen attacked a village near Kaya and "
     "kidnapped five people."),
    ("hostages", "cinq personnes", "fr",
     "Depuis 2021, des hommes armés ont enlevé cinq personnes près de Kaya. Lundi, des hommes armés ont attaqué "
     "un village près de Kaya et enlevé cinq personnes."),
    ("claimed_by", "JNIM", "en",
     "On Wednesday, JNIM fighters were seen near Mopti. On Tuesday, gunmen attacked a village near Mopti and "
     "killed seven civilians. On Wednesday, JNIM claimed responsibility for the attack."),
    ("claim_date", "Wednesday", "en",
     "On Wednesday, JNIM fighters were seen near Mopti. On Tuesday, gunmen attacked a village near Mopti and "
     "killed seven civilians. On Wednesday, JNIM claimed responsibility for the attack."),
    ("confirmed_by", "the army", "en",
     "Last year the army withdrew from Kaya. On Monday, gunmen killed twelve civilians near Kaya, the army said."),
    ("confirmed_by", "l'armée", "fr",
     "L'an dernier, l'armée a quitté Kaya. Lundi, des hommes armés ont tué douze civils près de Kaya, selon "
     "l'armée."),
    ("denied_by", "the government", "en",
     "In 2023 the government signed a deal with Wagner. On Monday, soldiers killed twelve civilians in Kaya, "
     "residents said, but the government denied the accusations."),
    ("claim_channel", "a video", "en",
     "Last year a video of the market went viral. On Tuesday, gunmen attacked a village near Mopti and killed "
     "seven civilians. On Wednesday, JNIM claimed responsibility for the attack in a video."),
]


@pytest.mark.parametrize(("field", "words", "language", "text"), SECOND_OCCURRENCES,
                         ids=[f"{f}-{lang}" for f, _, lang, _ in SECOND_OCCURRENCES])
def test_evidence_points_at_the_occurrence_the_event_used(pipeline, field: str, words: str, language: str,
                                                          text: str) -> None:  # type: ignore[no-untyped-def]
    assert text.index(words) < text.rindex(words)
    report, found = mentions(pipeline, text, language)
    (mention,) = found
    (evidence,) = mention.evidence[field]
    assert (evidence.start, evidence.text) == (text.rindex(words), words)
    assert report.text[evidence.start:evidence.end] == words


def test_a_claim_takes_the_evidence_of_its_claimant_and_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = SECOND_OCCURRENCES[-1][3]
    _, (mention,) = mentions(pipeline, text)
    (claim,) = mention.claims
    (claimant,) = mention.evidence["claimed_by"]
    (date,) = mention.evidence["claim_date"]
    assert claim.date == "2024-05-08"
    assert claim.evidence is not None and claim.evidence.start <= date.start < claimant.start < claim.evidence.end


def test_a_battle_and_its_civilians_keep_the_evidence_of_their_own_tolls() -> None:
    from eventcoder.extract._splits import split_battle_and_civilians
    from eventcoder.records import ActorRef, Evidence, FatalityFigure, Mention

    text = "Seven soldiers died in the fighting. The attackers then killed 35 civilians in Arbinda."
    soldiers, civilians, army = (Evidence("r", text.index(w), text.index(w) + len(w), w)
                                 for w in ("Seven soldiers", "35 civilians", "soldiers"))
    mention = Mention(id="r:0", report_id="r", language="en", trigger="killed", cue="attack", hostages=2,
                      actor2=ActorRef(text="soldiers", role="actor2", kind="military", evidence=army),
                      target_kind="military",
                      fatalities=(FatalityFigure(7, "", "r", side="military", evidence=soldiers, statement="r:0"),
                                  FatalityFigure(35, "", "r", side="civilians", evidence=civilians, statement="r:1")),
                      evidence={"fatalities": (soldiers, civilians), "actor2": (army,), "hostages": (army,)})
    battle, attack = split_battle_and_civilians(mention)
    assert battle.evidence["fatalities"] == (soldiers,) and battle.evidence["actor2"] == (army,)
    assert attack.evidence["fatalities"] == (civilians,)
    assert "actor2" not in attack.evidence and "hostages" not in attack.evidence  # the part names no target words
