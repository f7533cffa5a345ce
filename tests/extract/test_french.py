"""French reports: the same core as English with French resources; output values stay ACLED's English.

One test per construction of the French issue, on short reports written for these tests.
"""

from __future__ import annotations

import pytest

from eventcoder.fuse import fuse_reports
from eventcoder.ingest import report_from_text

pytestmark = pytest.mark.slow


def coded(pipeline, text: str, published: str = "2024-03-15"):  # type: ignore[no-untyped-def]
    return [e.to_dict() for e in pipeline.extract_report(report_from_text(text, published=published))]


def test_language_is_detected_and_output_stays_english(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, "Des hommes armés non identifiés ont tué douze civils mardi dans le village de "
                               "Koutougou, dans la province du Soum, selon des sources locales.")
    assert event["language"] == ["fr"]
    assert (event["event_type"], event["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert event["actor1"] == "Unidentified Armed Group (Burkina Faso)"
    assert event["actor2"] == "Civilians (Burkina Faso)"
    assert event["notes"].startswith("On 2024-03-12")  # notes are written in English


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [("Une patrouille des FAMa est tombée dans une embuscade lundi près de Boni, dans la région de Mopti : "
      "quatre soldats ont été tués.", "Armed clash"),
     ("Un car a sauté sur un engin explosif improvisé lundi entre Djibo et Arbinda : six passagers ont été tués, "
      "selon une source sécuritaire.", "Remote explosive/landmine/IED"),
     ("Une frappe de drone a visé lundi un rassemblement près de Tessit, dans la région de Gao, faisant huit "
      "morts parmi les combattants, a indiqué l'armée.", "Air/drone strike"),
     ("Des hommes armés ont enlevé vingt femmes lundi près de Liki, dans la commune d'Arbinda, a indiqué le "
      "gouverneur.", "Abduction/forced disappearance")],
)
def test_french_triggers(pipeline, text: str, sub_event_type: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, text, "2024-03-13")
    assert event["sub_event_type"] == sub_event_type
    assert event["event_date"] == "2024-03-11"


def test_french_number_words_and_toll(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, "Vingt-deux soldats ont été tués et une quinzaine d'assaillants neutralisés lors "
                               "d'une attaque contre le poste militaire de Sebba mardi, a annoncé l'état-major.")
    assert event["fatalities"] == 37
    assert event["status"] == "confirmed"


@pytest.mark.parametrize(
    ("phrase", "date", "precision"),
    [("mardi", "2024-03-12", 1), ("le 18 février", "2024-02-18", 1), ("la semaine dernière", "2024-03-04", 2),
     ("dans la nuit de lundi à mardi", "2024-03-11", 1)],
)
def test_french_dates(pipeline, phrase: str, date: str, precision: int) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, f"Des jihadistes ont attaqué {phrase} le village de Koutougou, dans la province "
                               "du Soum, tuant neuf civils, selon des sources locales.")
    assert (event["event_date"], event["time_precision"]) == (date, precision)


def test_french_actor_names_and_claim_not_confirmed(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, "Le GSIM a revendiqué l'embuscade tendue mercredi contre une patrouille des FAMa "
                               "près de Boni, affirmant avoir tué neuf militaires. L'armée n'a pas confirmé ce "
                               "bilan.")
    assert event["actor1"] == event["claimed_by"] == "JNIM: Group for Support of Islam and Muslims"
    assert event["actor2"] == "Military Forces of Mali (2021-)"
    assert event["status"] == "claimed"


def test_eigs_is_islamic_state_and_vdp_are_a_militia(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, "L'EIGS a attaqué samedi un poste des Volontaires pour la défense de la patrie "
                               "(VDP) à Markoye, dans la province de l'Oudalan, tuant six VDP, selon une source "
                               "sécuritaire.", "2021-08-09")
    assert event["actor1"] == "Islamic State (Greater Sahara)"
    assert event["actor2"] == "VDP: Volunteers for the Defense of the Homeland"
    assert event["event_type"] == "Battles"


def test_english_and_french_reports_of_one_event_fuse(pipeline) -> None:  # type: ignore[no-untyped-def]
    english = report_from_text("Gunmen ambushed an army patrol near Tamou in Niger's Tillaberi region on Sunday, "
                               "killing 17 soldiers, the defence ministry said on Tuesday.", published="2024-03-12")
    french = report_from_text("Une patrouille des FDS est tombée dimanche dans une embuscade tendue par des hommes "
                              "armés près de Tamou, dans la région de Tillabéri : une quinzaine de militaires ont "
                              "été tués, selon des sources sécuritaires.", published="2024-03-11")
    events = fuse_reports([(r, pipeline.mentions(r)) for r in (french, english)])
    assert len(events) == 1
    assert sorted(events[0].language) == ["en", "fr"]
    assert set(events[0].report_ids) == {english.id, french.id}


def test_an_attempted_infiltration_repelled_is_an_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Tôt dans la matinée de ce mardi 17 septembre 2024, des terroristes ont tenté de s'infiltrer dans l'École "
            "de gendarmerie de Faladié, à Bamako. La réaction prompte des Forces de défense et de sécurité a permis de "
            "repousser les assaillants.")
    (event,) = coded(pipeline, text, "2024-09-17")
    assert (event["event_type"], event["event_date"], event["admin1"]) == ("Battles", "2024-09-17", "Bamako")


def test_the_lead_sets_the_scene_of_the_first_event_sentence(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("La ville-garnison de Kati, à une quinzaine de kilomètres de Bamako, s'est réveillée ce vendredi au son "
            "des explosions. Très tôt le matin, des assaillants ont lancé deux véhicules bourrés d'explosifs contre "
            "le camp militaire. Un militaire a été tué, selon l'état-major.")
    (event,) = coded(pipeline, text, "2022-07-22")
    assert (event["location"], event["event_date"]) == ("Kati", "2022-07-22")  # not Bamako, 15 km away
