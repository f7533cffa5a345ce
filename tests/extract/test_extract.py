"""Extraction from short reports written for these tests (English and French).

Each test states a construction the coder must handle and checks the coded fields that follow from it.
"""

from __future__ import annotations

import pytest

from eventcoder.ingest import report_from_text

pytestmark = pytest.mark.slow


def events(pipeline, text: str, published: str = "2024-03-15", language: str | None = None):  # type: ignore[no-untyped-def]
    report = report_from_text(text, published=published, language=language)
    return [e.to_dict() for e in pipeline.extract_report(report)]


def test_background_sentences_give_no_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Mali has been battling a security crisis since jihadist insurgencies broke out in the north in 2012. "
            "Thousands of civilians and soldiers have been killed across the region since then. "
            "The country has been ruled by the military since August 2020.")
    assert events(pipeline, text) == []


def test_a_future_or_hypothetical_attack_is_no_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The three juntas signed a pact on Saturday under which an attack on one member will be treated as "
            "aggression against all of them, ministers said in Niamey.")
    assert events(pipeline, text, "2024-07-08") == []


def test_natural_disaster_is_not_political_violence(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "NIAMEY - Floods killed 45 people in the Tahoua region this week, the interior ministry said on Friday."
    assert events(pipeline, text) == []


def test_ambush_of_soldiers_is_an_armed_clash_with_resolved_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Gunmen ambushed an army patrol near Tamou in Niger's Tillaberi region on Tuesday, killing "
            "seven soldiers, the defence ministry said on Thursday.")
    (event,) = events(pipeline, text, "2024-03-14")
    assert event["event_date"] == "2024-03-12"
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")
    assert event["actor1"] == "Unidentified Armed Group (Niger)"
    assert event["actor2"].startswith("Military Forces of Niger")
    assert event["fatalities"] == 7
    assert event["status"] == "confirmed"
    assert event["country"] == "Niger" and event["admin1"] == "Tillaberi"


def test_killing_villagers_is_violence_against_civilians(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Armed men killed 12 villagers in an attack on Koutougou in Burkina Faso's Soum province on Sunday, "
            "local sources said.")
    (event,) = events(pipeline, text, "2024-03-12")
    assert (event["event_type"], event["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert event["actor2"] == "Civilians (Burkina Faso)"
    assert event["civilian_targeting"] == "Civilian targeting"
    assert event["fatalities"] == 12 and event["event_date"] == "2024-03-10"


def test_abduction_without_deaths(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Boko Haram fighters abducted eleven fishermen near Kaiga Kindjiria in Chad's Lac province on "
            "Saturday, a local official said.")
    (event,) = events(pipeline, text, "2024-09-02")
    assert event["sub_event_type"] == "Abduction/forced disappearance"
    assert event["hostages"] == 11 and event["fatalities"] == 0
    assert event["actor1"].startswith("Boko Haram")


def test_ied_on_a_bus(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Nine passengers were killed when their bus struck a roadside bomb between Djibo and Arbinda in "
            "northern Burkina Faso on Monday, the government said.")
    (event,) = events(pipeline, text, "2024-03-13")
    assert event["sub_event_type"] == "Remote explosive/landmine/IED"
    assert event["geo_precision"] == 2  # between two towns


def test_separate_attack_on_another_day_is_a_second_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Gunmen killed four soldiers in an ambush near Diafarabe on Monday, the army said. "
            "In a separate attack on Wednesday, jihadists killed six civilians in the village of Ouro Modi.")
    found = sorted(events(pipeline, text, "2024-03-15"), key=lambda e: e["event_date"])
    assert [e["event_date"] for e in found] == ["2024-03-11", "2024-03-13"]
    assert [e["event_type"] for e in found] == ["Battles", "Violence against civilians"]


def test_recalled_earlier_attack_is_not_an_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Gunmen killed five villagers in Sorgha on Tuesday, residents said. "
            "The attack came three weeks after an ambush near Bogande in which 20 soldiers died.")
    found = events(pipeline, text, "2024-03-15")
    assert len(found) == 1 and found[0]["fatalities"] == 5


def test_claim_not_confirmed_stays_claimed(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("JNIM claimed responsibility on Friday for an ambush on Wednesday near Boni that it said killed "
            "nine soldiers, according to a statement relayed by SITE Intelligence Group. "
            "The Malian army has not confirmed the incident.")
    (event,) = events(pipeline, text, "2024-03-15")
    assert event["claimed_by"] == "JNIM: Group for Support of Islam and Muslims"
    assert event["actor1"] == event["claimed_by"]
    assert event["status"] == "claimed"
    assert event["claim_channel"] == "SITE Intelligence Group"


def test_french_report(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Une patrouille des FAMa est tombée mardi dans une embuscade tendue par des hommes armés non "
            "identifiés près de Boni, dans la région de Mopti. Selon l'armée, quinze militaires ont été tués et "
            "une dizaine d'assaillants neutralisés.")
    (event,) = events(pipeline, text, "2024-03-14")
    assert event["event_date"] == "2024-03-12"
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")
    assert event["actor2"] == "Military Forces of Mali (2021-)"
    assert event["fatalities"] == 25  # 15 soldiers and about ten attackers
    assert event["language"] == ["fr"]


def test_roundup_items_are_separate_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Weekly security note - Burkina Faso\n\n"
            "1. SOUM (Sahel) - Tuesday. Armed men killed nine civilians in Koutougou, local sources said.\n\n"
            "2. YAGHA (Sahel) - Thursday. A truck struck a roadside bomb near Sebba. Four passengers were "
            "killed, a security source said.\n")
    found = sorted(events(pipeline, text, "2024-05-06"), key=lambda e: e["event_date"])
    assert [e["event_date"] for e in found] == ["2024-04-30", "2024-05-02"]
    assert [e["fatalities"] for e in found] == [9, 4]
    assert found[1]["event_type"] == "Explosions/Remote violence"


def test_a_foreign_country_and_its_ministry_are_not_the_event_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("PARIS - A French journalist has been kidnapped by JNIM, and France's foreign ministry has confirmed "
            "his disappearance. He says in a video that he was seized in the city of Gao on April 8.")
    (event,) = events(pipeline, text, "2021-05-06")
    assert (event["location"], event["country"], event["geo_precision"]) == ("Gao", "Mali", 1)
    assert event["event_date"] == "2021-04-08"


@pytest.mark.parametrize("text, language", [
    ("Gunmen attacked a passenger boat on the Niger river in northern Mali on Tuesday, killing 12 civilians.", "en"),
    ("Des hommes armés ont attaqué mardi une pirogue sur le fleuve Niger, dans le nord du Mali, tuant 12 civils.",
     "fr"),
])
def test_the_niger_river_is_not_the_country(pipeline, text: str, language: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = events(pipeline, text, "2024-03-15", language)
    assert event["country"] == "Mali"


def test_a_military_led_government_is_the_speaker_not_a_party(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("OUAGADOUGOU, Jan 3 - Burkina Faso's military-led government said 28 people, including children, "
            "were killed in the town of Nouna on the eve of the new year. Authorities were informed of a tragedy in "
            "Nouna during the night of Dec. 30 to 31, a spokesman said in a statement late on Monday. In January "
            "2019, reprisals against residents in Yirgou left 49 dead.")
    (event,) = events(pipeline, text, "2023-01-03")
    assert (event["event_type"], event["actor2"]) == ("Violence against civilians", "Civilians (Burkina Faso)")
    assert event["event_date"] == "2022-12-30"  # the night of Dec. 30 to 31 in Nouna, not January 2019
    assert event["fatalities"] == 28


def test_a_colon_before_a_new_clause_is_no_breakdown(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Vingt et un civils ont été tués par des hommes armés le 30 décembre à Nouna. Les recherches du jour "
            "suivant ont permis de découvrir sept dépouilles supplémentaires : le décompte s'établit donc à "
            "vingt-huit morts.")
    (event,) = events(pipeline, text, "2023-01-02", "fr")
    assert event["fatalities"] == 28


def test_a_place_in_parentheses_says_where_the_place_before_lies(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Armed men looted shops and burned a market in Balé (Boucle du Mouhoun) on Sunday night, residents said."
    (event,) = events(pipeline, text, "2022-07-05")
    assert event["admin1"] == "Boucle du Mouhoun"  # not the Balé of Centre-Nord


def test_a_village_the_model_calls_a_nationality_is_still_a_village(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("NIAMEY, Jan 2 - Militants killed dozens of civilians on Saturday in simultaneous raids on two villages "
            "in Niger's Tillaberi region. The attackers struck Tchombangou and Zaroumdareye, in the rural commune of "
            "Tondikiwindi, security sources said.")
    coded = events(pipeline, text, "2021-01-02")
    assert len(coded) == 2  # one event per village attacked
    assert {e["event_date"] for e in coded} == {"2021-01-02"}


def test_a_claim_weeks_later_for_a_dated_attack_dates_the_attack(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Islamic State's weekly newsletter, released on Thursday, carries a claim for the 20 February 2023 "
            "assault on the army detachment at Tin Akoff, in Oudalan province. The group says its fighters killed "
            "dozens of soldiers.")
    (event,) = events(pipeline, text, "2023-03-17")
    assert event["event_date"] == "2023-02-20"


def test_a_dated_lead_weeks_later_is_the_event_and_that_sunday_is_its_day(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The killing of at least 141 people in the Tillia department of Niger's Tahoua region on 21 March 2021 "
            "marks the deadliest single attack on civilians recorded in the country. On that Sunday afternoon, "
            "fighters on motorcycles raided the villages of Intazayene and Bakorat. UNICEF said 22 children aged "
            "between 5 and 17 were among those killed.")
    (event,) = events(pipeline, text, "2021-04-08")
    assert (event["event_date"], event["fatalities"]) == ("2021-03-21", 141)


def test_a_long_subject_still_reaches_its_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("L'État islamique a revendiqué l'attaque commise le 9 août près de Kouré, au Niger, au cours de laquelle "
            "six humanitaires français ainsi que leur guide et leur chauffeur nigériens avaient été tués.")
    (event,) = events(pipeline, text, "2020-09-17", "fr")
    assert event["event_date"] == "2020-08-09" and event["fatalities"] >= 6


@pytest.mark.parametrize(("text", "language", "actor1"), [
    ("Gunmen killed 12 villagers in Sorgha on Wednesday. No group has claimed the attack. The government blamed "
     "fighters of the Katiba Macina, the central Mali unit of JNIM.", "en",
     "JNIM: Group for Support of Islam and Muslims"),
    ("Des hommes armés ont tué mercredi douze villageois à Sorgha, au Burkina Faso. Les autorités attribuent "
     "l'attaque aux combattants de l'État islamique au Grand Sahara.", "fr", "Islamic State"),
])
def test_the_group_the_sources_blame_is_the_perpetrator(pipeline, text: str, language: str,  # type: ignore[no-untyped-def]
                                                          actor1: str) -> None:
    (event,) = events(pipeline, text, "2023-07-14", language)
    assert event["actor1"].startswith(actor1)
    assert event["actor2"].startswith("Civilians")  # the group blamed is not the target
    assert event["claimed_by"] in (None, "")  # blamed is not claimed


def test_blame_for_an_older_attack_is_not_this_one(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Gunmen killed 95 people in a Dogon village in central Mali overnight on Sunday, the government said on "
            "Monday. In March, at least 157 Fulani villagers were killed in Ogossagou, an attack blamed on Dogon "
            "hunters.")
    coded = events(pipeline, text, "2019-06-10")
    assert coded[0]["actor1"].startswith("Unidentified Armed Group")


def test_the_group_the_lead_names_is_the_later_generic_fighters(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("N'DJAMENA, March 24 - Boko Haram fighters killed at least 92 Chadian soldiers when they stormed an army "
            "position on the Lake Chad peninsula, the president said on Tuesday. The fighters attacked the garrison "
            "of Bohoma on Monday morning.")
    (event,) = events(pipeline, text, "2020-03-24")
    assert event["actor1"].startswith("Boko Haram")
