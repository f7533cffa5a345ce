"""Who did what to whom: actor1, actor2 and the ACLED event type from the roles of the actors.

Sentences written for these tests (English and French): state forces as the author of their own
operations, carrier nouns ("a unit of the army"), components coded as their parent by date, and the
codebook's type logic (two organised armed sides make a battle; an armed group killing villagers is
violence against civilians).
"""

from __future__ import annotations

import pytest

from eventcoder.ingest import report_from_text

pytestmark = pytest.mark.slow


def only_event(pipeline, text: str, published: str = "2024-03-20") -> dict:  # type: ignore[no-untyped-def]
    (event,) = [e.to_dict() for e in pipeline.extract_report(report_from_text(text, published=published))]
    return event


# ---------------------------------------------------------------- state forces as actor1

@pytest.mark.parametrize(("text", "state"), [
    ("Nigerien troops conducted a sweep near Ayorou on Saturday and killed 11 militants, "
     "the Nigerien army said.", "Military Forces of Niger"),
    ("Burkinabe soldiers killed 20 terrorists during a sweep near Dori on Saturday, the army said.",
     "Military Forces of Burkina Faso"),
    ("The Malian army said on Monday it had killed about twenty terrorists in an operation near Douentza on "
     "Saturday.", "Military Forces of Mali"),
])
def test_the_army_that_kills_militants_is_actor1_of_a_battle(pipeline, text: str, state: str) -> None:  # type: ignore[no-untyped-def]
    event = only_event(pipeline, text)
    assert event["actor1"].startswith(state)
    assert event["actor2"].startswith("Unidentified Armed Group")
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")


def test_french_communique_air_strikes_by_the_fama_aircraft(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Les vecteurs aériens des FAMa ont mené le samedi 16 mars deux frappes dans le secteur de Ménaka, "
            "neutralisant une quinzaine de terroristes.")
    event = only_event(pipeline, text)
    assert event["actor1"].startswith("Military Forces of Mali")
    assert event["actor2"].startswith("Unidentified Armed Group (Mali)")
    assert (event["event_type"], event["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")


def test_soldiers_who_execute_villagers_commit_violence_against_civilians(pipeline) -> None:  # type: ignore[no-untyped-def]
    event = only_event(pipeline, "Soldiers executed nine villagers in Titao on Saturday, residents said.")
    assert event["actor1"].startswith("Military Forces of Burkina Faso")
    assert event["actor2"] == "Civilians (Burkina Faso)"
    assert (event["event_type"], event["sub_event_type"]) == ("Violence against civilians", "Attack")


def test_a_military_operation_that_kills_civilians_is_state_violence_against_civilians(pipeline) -> None:  # type: ignore[no-untyped-def]
    event = only_event(pipeline, "A military operation near Titao on Saturday killed 11 civilians, residents said.")
    assert event["actor1"].startswith("Military Forces of Burkina Faso")
    assert event["actor2"] == "Civilians (Burkina Faso)"
    assert event["event_type"] == "Violence against civilians"


def test_near_miss_soldiers_ambushed_are_the_target(pipeline) -> None:  # type: ignore[no-untyped-def]
    event = only_event(pipeline, "Gunmen ambushed an army patrol near Tamou on Saturday, killing six soldiers.")
    assert event["actor1"] == "Unidentified Armed Group (Niger)"
    assert event["actor2"].startswith("Military Forces of Niger")


def test_near_miss_defenders_who_kill_attackers_did_not_start_the_battle(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Militants attacked an army post near Djibo on Saturday, killing four soldiers. "
            "The soldiers killed seven of the attackers, the army said.")
    event = only_event(pipeline, text)
    assert event["actor1"] == "Unidentified Armed Group (Burkina Faso)"
    assert event["actor2"].startswith("Military Forces of Burkina Faso")


# ---------------------------------------------------------------- carrier nouns

def test_a_unit_of_the_army_in_an_ambush_is_the_army(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Une unité de l'armée nigérienne est tombée dans une embuscade samedi près de Torodi. "
            "Quatre soldats ont été tués.")
    event = only_event(pipeline, text)
    assert event["actor2"].startswith("Military Forces of Niger")
    assert event["actor1"] == "Unidentified Armed Group (Niger)"
    assert event["event_type"] == "Battles"


def test_members_of_a_community_are_civilians_not_members_of_a_force(pipeline) -> None:  # type: ignore[no-untyped-def]
    event = only_event(pipeline, "Gunmen killed ten members of the Fulani community in a village near Mopti on Saturday.")
    assert event["actor1"] == "Unidentified Armed Group (Mali)"
    assert event["actor2"] == "Civilians (Mali)"
    assert (event["event_type"], event["sub_event_type"]) == ("Violence against civilians", "Attack")


# ---------------------------------------------------------------- codebook type logic

@pytest.mark.parametrize("text", [
    "Gunmen killed seven VDP in a village near Kaya on Saturday.",
    "Des hommes armés ont tué huit dozos samedi près de Ségou.",
])
def test_an_armed_group_killing_militiamen_is_a_battle(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    event = only_event(pipeline, text)
    assert event["actor1"].startswith("Unidentified Armed Group")
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")


def test_an_armed_group_killing_villagers_is_violence_against_civilians(pipeline) -> None:  # type: ignore[no-untyped-def]
    event = only_event(pipeline, "Des hommes armés ont tué huit villageois samedi près de Ségou.")
    assert event["actor2"] == "Civilians (Mali)"
    assert event["event_type"] == "Violence against civilians"


# ---------------------------------------------------------------- components coded as their parent by date

@pytest.mark.parametrize(("published", "actor1"), [
    ("2016-04-20", "Ansar Dine"),
    ("2018-04-20", "JNIM: Group for Support of Islam and Muslims"),
])
def test_ansar_dine_is_coded_as_jnim_from_its_founding(pipeline, published: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    text = "Ansar Dine fighters attacked an army post near Tenenkou on Sunday, killing three soldiers."
    event = only_event(pipeline, text, published)
    assert event["actor1"] == actor1
    assert event["actor2"].startswith("Military Forces of Mali (2013-2020)")


def test_jihadists_only_mentioned_do_not_take_the_armys_operation(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Les Forces armées nigériennes ont tué sept terroristes samedi près de Ouallam et ont récupéré des motos "
            "abandonnées par les djihadistes.")
    event = only_event(pipeline, text)
    assert event["actor1"].startswith("Military Forces of Niger")
    assert event["actor2"] == "Unidentified Armed Group (Niger)"
    assert event["event_type"] == "Battles"


@pytest.mark.parametrize(("text", "actor2", "event_type"), [
    ("An operation by Malian soldiers near Douentza killed nine militants on Saturday, the army said.",
     "Unidentified Armed Group (Mali)", "Battles"),
    ("A raid by Malian troops killed seven villagers near Douentza on Saturday, residents said.",
     "Civilians (Mali)", "Violence against civilians"),
])
def test_the_author_named_after_by_under_the_subject_noun(pipeline, text: str, actor2: str,  # type: ignore[no-untyped-def]
                                                          event_type: str) -> None:
    event = only_event(pipeline, text)
    assert event["actor1"].startswith("Military Forces of Mali")
    assert event["actor2"] == actor2
    assert event["event_type"] == event_type


# ---------------------------------------------------------------- joint actors

JOINT = "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"


@pytest.mark.parametrize("text", [
    "Presumed JNIM and/or ISGS militants raided the village of Tongo Tongo on Monday and killed four herders.",
    "Suspected fighters of JNIM or the Islamic State in the Greater Sahara ambushed an army convoy near Inates "
    "on Sunday, killing seven soldiers.",
    "Des hommes armés présumés du JNIM ou de l'EIGS ont attaqué lundi le village de Tongo Tongo, tuant quatre "
    "éleveurs.",
    "Lundi, des éléments du GSIM et/ou de l'État islamique au Grand Sahara ont tendu une embuscade à une "
    "patrouille près d'Inates.",
])
def test_groups_named_as_alternatives_are_the_joint_actor(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    event = only_event(pipeline, text, published="2021-03-05")
    assert event["actor1"] == JOINT
    joint_words = next(e for e in event["evidence"]["actor1"])["text"]
    assert "JNIM" in joint_words or "GSIM" in joint_words
    assert "ISGS" in joint_words or "EIGS" in joint_words or "Sahara" in joint_words


@pytest.mark.parametrize("text", [
    "JNIM fighters attacked the village of Tongo Tongo on Monday, killing four or five herders.",
    "Des combattants du JNIM ont attaqué lundi le village de Tongo Tongo, tuant quatre éleveurs, selon l'armée.",
])
def test_one_group_named_alone_is_not_the_joint_actor(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert only_event(pipeline, text, published="2021-03-05")["actor1"] == "JNIM: Group for Support of Islam and Muslims"


# ---------------------------------------------------------------- an operation told before its toll

@pytest.mark.parametrize(("text", "state", "place"), [
    ("The army carried out a sweep near Djibo on Saturday. Twelve militants were killed.",
     "Military Forces of Burkina Faso", "Djibo"),
    ("Nigerien soldiers conducted an operation around Ayorou on Friday. Nine terrorists were killed and "
     "weapons were seized.", "Military Forces of Niger", "Ayorou"),
    ("Les FAMa ont mené samedi une opération de ratissage dans la zone de Moura. Vingt terroristes ont été "
     "neutralisés.", "Military Forces of Mali", "Moura"),
    ("L'armée burkinabè a effectué jeudi une patrouille dans les environs de Djibo. Quinze terroristes ont été "
     "neutralisés au cours de l'opération.", "Military Forces of Burkina Faso", "Djibo"),
])
def test_an_operation_in_the_lead_gives_its_author_place_and_day(pipeline, text: str, state: str,  # type: ignore[no-untyped-def]
                                                                 place: str) -> None:
    event = only_event(pipeline, text)
    assert event["actor1"].startswith(state)
    assert event["event_type"] == "Battles"
    assert event["location"] == place


@pytest.mark.parametrize("text", [
    "The army carried out a humanitarian operation near Djibo on Saturday.",
    "Les FAMa ont mené samedi une opération de sécurisation à Mopti.",
    "Police said a search for the missing herders began near Ayorou on Monday.",
])
def test_an_operation_without_violence_is_no_event(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert pipeline.extract_report(report_from_text(text, published="2024-03-20")) == []
