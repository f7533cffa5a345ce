"""Communiqués as the army and ministries write them: an issuer's header, a toll given as a list, air
vectors; written by the team in the layout of real communiqués (English and French)."""

from __future__ import annotations

import pytest

from eventcoder.extract import load_lexicon
from eventcoder.extract._layout import document_speaker, item_starts
from eventcoder.ingest import report_from_text

FR_COMMUNIQUE = """COMMUNIQUÉ DE L'ÉTAT-MAJOR GÉNÉRAL DES ARMÉES

Le lundi 12 février 2024, aux environs de 10 heures, une unité en mission de sécurisation est tombée dans une embuscade tendue par des terroristes près de Sebba.

La riposte vigoureuse des soldats a permis de repousser l'ennemi.

Bilan provisoire :
- côté ami : 4 militaires tués et 7 blessés ;
- côté ennemi : une vingtaine de terroristes neutralisés ;
- matériel : 3 motos récupérées.

L'état-major général des armées présente ses condoléances aux familles des disparus.
"""

EN_COMMUNIQUE = """MINISTRY OF DEFENCE - PRESS RELEASE

On Sunday 3 March 2024, a army patrol came under attack by armed terrorists near Tamou, in the Tillaberi region.

The provisional toll is as follows:
- 5 soldiers killed;
- 12 terrorists neutralised.

Search operations are under way in the area.
"""

ROUNDUP = """Security incidents this week:
- On Monday 4 March, gunmen killed three villagers in Kantchari.
- On Wednesday 6 March, an explosive device killed two soldiers near Djibo.
"""


def events(pipeline, text: str, published: str, language: str | None = None):  # type: ignore[no-untyped-def]
    report = report_from_text(text, published=published, language=language)
    return [e.to_dict() for e in pipeline.extract_report(report)]


def test_a_toll_list_breaks_the_event_down_and_a_roundup_list_does_not() -> None:
    assert item_starts(FR_COMMUNIQUE, load_lexicon("fr")) == []
    assert item_starts(EN_COMMUNIQUE, load_lexicon("en")) == []
    assert len(item_starts(ROUNDUP, load_lexicon("en"))) == 2  # each item has its own date: events of their own


def test_the_issuer_comes_from_the_header_not_from_a_headline() -> None:
    assert document_speaker(FR_COMMUNIQUE, load_lexicon("fr")).lower() == "état-major"
    assert document_speaker(EN_COMMUNIQUE, load_lexicon("en")).lower() == "ministry"
    headline_only = "JNIM statement denies the killings; UN investigators visit the area.\nThe group said ..."
    assert document_speaker(headline_only, load_lexicon("en")) == ""


@pytest.mark.slow
def test_french_communique_toll_list_and_issuer(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = events(pipeline, FR_COMMUNIQUE, "2024-02-13")
    assert event["event_date"] == "2024-02-12"
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")
    assert event["fatalities"] == 24  # 4 soldiers + about twenty attackers, both sides of the list
    assert event["status"] == "confirmed"
    assert any("état-major" in who.lower() for who in event["confirmed_by"])


@pytest.mark.slow
def test_english_communique_toll_list_and_issuer(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = events(pipeline, EN_COMMUNIQUE, "2024-03-04")
    assert event["event_date"] == "2024-03-03"
    assert event["fatalities"] == 17
    assert event["status"] == "confirmed"


@pytest.mark.slow
def test_a_roundup_list_still_gives_one_event_an_item(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = events(pipeline, ROUNDUP, "2024-03-08")
    assert sorted(e["event_date"] for e in found) == ["2024-03-04", "2024-03-06"]


@pytest.mark.slow
def test_air_vectors_strike_and_air_support_of_a_ground_fight(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Au cours de cette opération, les vecteurs aériens des FAMa ont conduit, le jeudi 6 avril, deux "
            "frappes sur des regroupements terroristes dans le secteur de Kouakourou, neutralisant 31 terroristes.")
    (event,) = events(pipeline, text, "2023-04-11")
    assert (event["event_type"], event["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert event["event_date"] == "2023-04-06" and event["location"] == "Kouakourou"
    text = ("Mardi, des centaines d'assaillants ont attaqué le camp de Djibo. Les unités au sol, appuyées par des "
            "vecteurs aériens, ont repoussé l'assaut, selon l'armée.")
    (event,) = events(pipeline, text, "2023-02-23")
    assert event["event_type"] == "Battles"


@pytest.mark.slow
def test_elided_words_of_a_trigger_and_an_inflected_claim_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Vendredi matin, des assaillants ont lancé deux véhicules bourrés d'explosifs contre le camp militaire "
            "de Kati. Les deux attaques ont été revendiquées par le GSIM.")
    (event,) = events(pipeline, text, "2022-07-23")
    assert (event["event_type"], event["sub_event_type"]) == ("Explosions/Remote violence", "Suicide bomb")
    assert event["claimed_by"] == "JNIM: Group for Support of Islam and Muslims"


@pytest.mark.slow
def test_a_hyphen_inside_a_word_never_starts_a_sentence(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Les terroristes ont mené des actions dans certaines localités. Dans leur riposte, les Forces armées "
            "ont neutralisé plus de 100 terroristes.\nL'État-Major Général des Armées dans un communiqué informe "
            "l'opinion que ce lundi 24 avril 2023, les FAMa sont intervenues dans le secteur de Dourou.")
    doc = pipeline.nlp.parse(text, "fr")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "-" not in starts and "Major" not in starts
    assert any(s.text.startswith("L'État-Major Général") for s in doc.sents)


FR_TOLL_OVER_LINES = """COMMUNIQUÉ DE L'ÉTAT-MAJOR GÉNÉRAL DES ARMÉES

Le mardi 12 mars 2024, une unité des FAMa a repoussé une attaque terroriste dans le secteur de Boni.
Bilan provisoire :
- 14 terroristes neutralisés ;
- 6 motos et 4 fusils saisis ;
- 2 blessés côté ami.
Lors de la poursuite, 9 autres terroristes ont été neutralisés.
"""

EN_TOLL_OVER_LINES = """MINISTRY OF DEFENCE - PRESS RELEASE

On Tuesday 12 March 2024, army units repelled a terrorist attack near Boni.
The provisional toll is as follows:
- 14 terrorists neutralised;
- 6 motorcycles and 4 rifles seized;
- 2 soldiers wounded.
During the pursuit, 9 more terrorists were neutralised.
"""


@pytest.mark.slow
@pytest.mark.parametrize(("text", "language"), [(FR_TOLL_OVER_LINES, "fr"), (EN_TOLL_OVER_LINES, "en")])
def test_a_communiques_killed_counts_over_its_lines_add_up(pipeline, text: str, language: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = events(pipeline, text, "2024-03-14", language)
    assert event["fatalities"] == 23  # 14 in the list and 9 more; not the wounded, not the seized motorbikes


@pytest.mark.slow
def test_a_communiques_total_line_is_not_added_to_its_parts(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("COMMUNIQUÉ DE L'ÉTAT-MAJOR GÉNÉRAL DES ARMÉES\n\n"
            "Le jeudi 7 mars 2024, les FAMa ont repoussé une attaque terroriste contre le poste de Boni.\n"
            "Au total, 23 terroristes ont été neutralisés.\n"
            "Bilan provisoire :\n- 14 terroristes neutralisés à Boni ;\n- 9 terroristes neutralisés à Hombori.\n")
    (event,) = events(pipeline, text, "2024-03-09", "fr")
    assert event["fatalities"] == 23
