"""Names and aliases to entries: gold names, English/French aliases, regime periods, context rules."""

from __future__ import annotations

from typing import Any

import pytest

from eventcoder.actors import ActorDictionary
from eventcoder.errors import UnparseableDate

JNIM = "JNIM: Group for Support of Islam and Muslims"
ISGS = "Islamic State (Greater Sahara)"
ISSP = "Islamic State Sahel Province"
ISWAP = "Islamic State West Africa Province"


def _name(actors: ActorDictionary, text: str, **context: Any) -> str | None:
    entry = actors.lookup(text, **context)
    return entry.name if entry else None


# --- gold names --------------------------------------------------------------------------------------


def test_every_gold_actor_name_is_an_entry(actors: ActorDictionary, gold_names: list[str]) -> None:
    names = gold_names
    assert len(names) > 30
    missing = [n for n in names if actors.canonical_id(n) is None]
    assert not missing
    wrong = [n for n in names if actors.get(actors.canonical_id(n) or "").name != n]  # type: ignore[union-attr]
    assert not wrong


def test_gold_inter_codes_match_the_entries(actors: ActorDictionary, gold_events: list[dict[str, Any]]) -> None:
    for event in gold_events:
        for actor, inter in (("actor1", "inter1"), ("actor2", "inter2")):
            if event.get(actor):
                entry = actors.get(actors.canonical_id(event[actor]) or "")
                assert entry is not None and entry.inter == event[inter], (event["id"], event[actor])


def test_canonical_names_with_periods_are_distinct_entries(actors: ActorDictionary) -> None:
    recent = actors.canonical_id("Military Forces of Mali (2021-)")
    earlier = actors.canonical_id("Military Forces of Mali (2013-2020)")
    assert recent and earlier and recent != earlier
    assert actors.canonical_id("Police Forces of Mali (2021-) Gendarmerie") != actors.canonical_id(
        "Police Forces of Mali (2021-)")
    assert actors.canonical_id(ISGS) != actors.canonical_id(ISSP)


def test_canonical_id_of_aliases_and_former_acled_names(actors: ActorDictionary) -> None:
    assert actors.canonical_id("GSIM") == actors.canonical_id(JNIM) == "jnim"
    assert actors.canonical_id("Islamic State (West Africa) - Greater Sahara Faction") == "isgs"
    assert actors.canonical_id("Military Forces of Burkina Faso (2015-)") == "bf-military-2015-2022"
    assert actors.canonical_id(
        "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)") == "minusma"
    assert actors.canonical_id("FAMa") == "ml-military-2021"  # the latest period without a date
    assert actors.canonical_id("FAMa", date="2019-09-30") == "ml-military-2013-2020"
    assert actors.canonical_id("Civilians") is None  # shared by countries
    assert actors.canonical_id("Civilians", country="Niger") == "civilians-ne"
    assert actors.canonical_id("Islamic State") is None
    assert actors.canonical_id("ISWAP") == "iswap"
    assert actors.canonical_id("Some Unknown Brigade") is None


# --- aliases -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("alias", [
    "JNIM", "GSIM", "Jama'at Nasr al-Islam wal Muslimin", "Jama’at Nusrat al-Islam wal-Muslimin",
    "Jamaat Nusrat al Islam wal Muslimin", "Groupe de soutien à l'islam et aux musulmans",
    "GROUPE DE SOUTIEN A L’ISLAM ET AUX MUSULMANS", "Group for the Support of Islam and Muslims",
    "le GSIM", "the JNIM",
])
def test_jnim_aliases(actors: ActorDictionary, alias: str) -> None:
    assert _name(actors, alias) == JNIM


@pytest.mark.parametrize("alias", ["EIGS", "ISGS", "Islamic State in the Greater Sahara",
                                   "État islamique au Grand Sahara", "Etat islamique au Grand Sahara"])
def test_greater_sahara_aliases_follow_the_2022_renaming(actors: ActorDictionary, alias: str) -> None:
    assert _name(actors, alias, date="2021-03-21") == ISGS
    assert _name(actors, alias, date="2023-02-20") == ISSP
    assert _name(actors, "EIGS/ISSP", date="2019-12-24") == ISGS


def test_iswap_label_on_sahel_claims_before_2022(actors: ActorDictionary) -> None:
    assert _name(actors, "ISWAP", country="Burkina Faso", date="2019-12-24") == ISGS
    assert _name(actors, "ISWAP", country="Nigeria", date="2021-04-25") == ISWAP
    assert _name(actors, "ISWAP", country="Niger", date="2020-06-01", admin1="Diffa") == ISWAP
    assert _name(actors, "Iswap", country="Chad") == ISWAP


@pytest.mark.parametrize(("context", "expected"), [
    ({"country": "Nigeria", "date": "2021-04-25"}, ISWAP),
    ({"country": "Chad"}, ISWAP),
    ({"country": "Niger", "date": "2023-01-10", "admin1": "Diffa"}, ISWAP),
    ({"country": "Niger", "date": "2021-03-21", "admin1": "Tahoua"}, ISGS),
    ({"country": "Mali", "date": "2022-08-07"}, ISSP),
    ({"country": "Burkina Faso", "date": "2019-12-24"}, ISGS),
    ({}, None),
])
def test_bare_islamic_state_by_place_and_date(actors: ActorDictionary, context: dict[str, str],
                                               expected: str | None) -> None:
    assert _name(actors, "Islamic State", **context) == expected
    assert _name(actors, "l'État islamique", **context) == expected


def test_g5_sahel_units_are_the_national_military(actors: ActorDictionary) -> None:
    assert _name(actors, "the G5 Sahel joint force camp", country="Mali", date="2019-09-30") == \
        "Military Forces of Mali (2013-2020)"
    assert _name(actors, "Force conjointe du G5 Sahel", country="Burkina Faso", date="2020-01-01") == \
        "Military Forces of Burkina Faso (2015-2022)"
    assert _name(actors, "G5 Sahel joint force") == "G5 Sahel Joint Force"
    assert actors.canonical_id("G5 Sahel joint force") == "g5-sahel"


def test_bare_al_qaeda_by_place_and_date(actors: ActorDictionary) -> None:
    assert _name(actors, "an al Qaeda affiliate", country="Mali", date="2023-04-21") == JNIM
    assert _name(actors, "Al-Qaïda", country="Mali", date="2015-11-20") == "AQIM: Al Qaeda in the Islamic Maghreb"
    assert _name(actors, "al-Qaeda", country="Nigeria") == "Ansaru"
    assert _name(actors, "al-Qaeda") is None


@pytest.mark.parametrize(("alias", "date", "expected"), [
    ("FAMa", "2019-09-30", "Military Forces of Mali (2013-2020)"),
    ("FAMa", "2023-04-18", "Military Forces of Mali (2021-)"),
    ("Forces armées maliennes", "2020-12-01", "Military Forces of Mali (2020-2021)"),
    ("les FAMa", "2012-06-01", "Military Forces of Mali (2012-2013)"),
    ("Malian soldiers", "2021-05-24", "Military Forces of Mali (2021-)"),
    ("Burkinabe army", "2022-01-23", "Military Forces of Burkina Faso (2015-2022)"),
    ("armée burkinabè", "2022-01-24", "Military Forces of Burkina Faso (2022-)"),
    ("Nigerien troops", "2023-07-26", "Military Forces of Niger (2023-)"),
    ("armée nigérienne", "2021-04-01", "Military Forces of Niger (2011-2021)"),
    ("Chadian army", "2021-04-20", "Military Forces of Chad (2021-)"),
    ("Nigerian Army", "2023-05-28", "Military Forces of Nigeria (2015-2023)"),
    ("gendarmerie malienne", "2024-09-17", "Police Forces of Mali (2021-) Gendarmerie"),
    ("Malian presidency", "2023-04-20", "Government of Mali (2021-)"),
    ("police malienne", "2020-07-10", "Police Forces of Mali (2013-2020)"),
    ("French troops", "2019-10-01", "Military Forces of France (2017-)"),
])
def test_state_force_aliases_by_regime_period(actors: ActorDictionary, alias: str, date: str,
                                              expected: str) -> None:
    assert _name(actors, alias, date=date) == expected


@pytest.mark.parametrize(("alias", "expected"), [
    ("Boko Haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("the Shekau faction", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("JAS", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("Ansarul Islam", "Ansaroul Islam"),
    ("Dana Ambassagou", "Dan Na Ambassagou"),
    ("Dogon hunters", "Dan Na Ambassagou"),
    ("chasseurs dogons", "Dan Na Ambassagou"),
    ("Volontaires pour la défense de la patrie", "VDP: Volunteers for the Defense of the Homeland"),
    ("the VDP", "VDP: Volunteers for the Defense of the Homeland"),
    ("Koglweogos", "Koglweogo Militia"),
    ("Civilian JTF", "Civilian JTF"),
    ("CJTF", "Civilian JTF"),
    ("Minusma", "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali"),
    ("casques bleus", "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali"),
    ("Barkhane force", "Operation Barkhane"),
    ("mercenaires russes", "Wagner Group"),
    ("Africa Corps", "Wagner Group"),
    ("Al-Mourabitoune", "Al Mourabitoune Battalion"),
    ("Mourabitoune", "Al Mourabitoune Battalion"),
    ("GATIA", "GATIA: Imghad Tuareg and Allies Self-Defense Group"),
    ("Cadre stratégique permanent", "CSP-PSD: Permanent Strategic Framework for Peace, Security and Development"),
    ("Mouvement du 5 juin – Rassemblement des forces patriotiques",
     "M5-RFP: June 5th Movement - Rally of Patriotic Forces"),
])
def test_named_actor_aliases(actors: ActorDictionary, alias: str, expected: str) -> None:
    assert _name(actors, alias) == expected


def test_exact_canonical_names_are_not_moved_by_context(actors: ActorDictionary) -> None:
    assert _name(actors, "Military Forces of Mali (2013-2020)", date="2023-01-01") == \
        "Military Forces of Mali (2013-2020)"
    assert _name(actors, "military forces of mali (2013-2020)", date="2023-01-01") == \
        "Military Forces of Mali (2021-)"  # not the exact name: an alias of the group, placed by date


def test_aliases_inside_a_longer_phrase(actors: ActorDictionary) -> None:
    assert _name(actors, "suspected fighters of the Islamic State in the Greater Sahara",
                 date="2021-01-02") == ISGS
    assert _name(actors, "des jihadistes présumés du GSIM") == JNIM
    assert _name(actors, "members of a local Dozo hunters' brotherhood", country="Burkina Faso") == \
        "Dozo Communal Militia (Burkina Faso)"


def test_country_decides_shared_aliases(actors: ActorDictionary) -> None:
    assert _name(actors, "dozos", country="Mali") == "Dozo Communal Militia (Mali)"
    assert _name(actors, "dozos", country="Burkina Faso") == "Dozo Communal Militia (Burkina Faso)"
    assert _name(actors, "dozos") is None
    assert _name(actors, "dozos", country="Nigeria") is None
    assert _name(actors, "Peuls", country="Burkina Faso") == "Fulani Ethnic Group (Burkina Faso)"
    assert _name(actors, "milice peule", country="Mali") == "Fulani Ethnic Militia (Mali)"


def test_coded_as_and_renamings(actors: ActorDictionary) -> None:
    csp = "CSP-PSD: Permanent Strategic Framework for Peace, Security and Development"
    assert _name(actors, "CMA", date="2019-01-01") == "CMA: Coordination of Azawad Movements"
    assert _name(actors, "CMA", date="2023-11-14") == csp
    assert _name(actors, "CSP", date="2025-03-01") == "FLA: Azawad Liberation Front"
    assert _name(actors, "Katiba Macina", date="2017-06-01") == "Katiba Macina"
    assert _name(actors, "Katiba Macina", date="2023-04-19") == JNIM
    assert _name(actors, "Katiba Macina") == "Katiba Macina"  # no date: the actor itself


def test_acronyms_need_their_capitals(actors: ActorDictionary) -> None:
    assert actors.lookup("jas") is None
    assert actors.lookup("fama") is None
    assert actors.lookup("urd") is None


def test_unknown_phrases_name_no_actor(actors: ActorDictionary) -> None:
    for text in ("the weather in Bamako", "", "men", "a platform for dialogue"):
        assert actors.lookup(text, country="Mali") is None


# --- state forces and generic actors --------------------------------------------------------------------


@pytest.mark.parametrize(("country", "date", "kind", "expected"), [
    ("Mali", "2019-06-10", "military", "Military Forces of Mali (2013-2020)"),
    ("Mali", "2023-09-07", "military", "Military Forces of Mali (2021-)"),
    ("ML", "2020-09-01", "military", "Military Forces of Mali (2020-2021)"),
    ("Burkina Faso", "2021-06-05", "military", "Military Forces of Burkina Faso (2015-2022)"),
    ("Burkina", "2023-02-17", "military", "Military Forces of Burkina Faso (2022-)"),
    ("BFA", "2022-01-24", "gendarmerie", "Police Forces of Burkina Faso (2022-) Gendarmerie"),
    ("Niger", "2023-07-25", "military", "Military Forces of Niger (2021-2023)"),
    ("Niger", "2023-07-26", "military", "Military Forces of Niger (2023-)"),
    ("Nigeria", "2024-02-29", "police", "Police Forces of Nigeria (2023-)"),
    ("Nigeria", "2021-04-25", "gendarmerie", "Police Forces of Nigeria (2015-2023)"),
    ("Tchad", "2020-03-23", "military", "Military Forces of Chad (1990-2021)"),
    ("Mauritania", "2020-01-01", "military", "Military Forces of Mauritania (2019-)"),
    ("Bénin", "2022-02-08", "military", "Military Forces of Benin (2016-)"),
    ("Togo", "2022-05-11", "military", "Military Forces of Togo (2005-)"),
    ("Cameroun", "2022-01-01", "government", "Government of Cameroon (1982-)"),
    ("Mali", "2021", "military", "Military Forces of Mali (2021-)"),
    ("Mali", None, "police", "Police Forces of Mali (2021-)"),
])
def test_state_forces_by_regime_period(actors: ActorDictionary, country: str, date: str | None, kind: str,
                                       expected: str) -> None:
    entry = actors.state_forces(country, date, kind)
    assert entry is not None and entry.name == expected
    assert entry.inter == 1


def test_state_forces_reject_bad_arguments(actors: ActorDictionary) -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        actors.state_forces("Mali", "2023-01-01", "navy")
    with pytest.raises(UnparseableDate):
        actors.state_forces("Mali", "last Tuesday")
    assert actors.state_forces("Atlantis", "2023-01-01") is None


def test_communal_militia_by_ethnic_group(actors: ActorDictionary) -> None:
    assert actors.communal_militia("Mali", "Peul").name == "Fulani Ethnic Militia (Mali)"  # type: ignore[union-attr]
    assert actors.communal_militia("Burkina Faso", "dozos").name == "Dozo Communal Militia (Burkina Faso)"  # type: ignore[union-attr]
    assert actors.communal_militia("Niger", "Touaregs").name == "Tuareg Ethnic Militia (Niger)"  # type: ignore[union-attr]
    assert actors.communal_militia("Niger").name == "Unidentified Communal Militia (Niger)"  # type: ignore[union-attr]
    assert actors.communal_militia("Chad", "Martians").name == "Unidentified Communal Militia (Chad)"  # type: ignore[union-attr]


def test_country_codes_and_nationalities(actors: ActorDictionary) -> None:
    assert actors.country_code("Burkina Faso") == actors.country_code("BFA") == "BF"
    assert actors.country_code("Tchad") == "TD"
    assert actors.country_code("Côte d'Ivoire") == "CI"
    assert actors.country_code("Narnia") is None
    assert actors.nationality("a French journalist") == "FR"
    assert actors.nationality("deux humanitaires nigériens") == "NE"
    assert actors.nationality("Nigerian soldiers") == "NG"
    assert actors.nationality("some of us") is None


# ---------------------------------------------------------------- joint actors

JOINT_IS_GS = "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"
JOINT_IS_SAHEL = "JNIM: Group for Support of Islam and Muslims and/or Islamic State Sahel Province"


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("JNIM and/or ISGS", "2019-06-01", JOINT_IS_GS),
    ("ISGS or JNIM", "2020-11-15", JOINT_IS_GS),
    ("JNIM and/or ISGS", "2023-04-10", JOINT_IS_SAHEL),  # the IS member as named on the event's date
    ("le GSIM ou l'État islamique au Grand Sahara", "2021-01-03", JOINT_IS_GS),
])
def test_two_groups_named_together_resolve_to_their_joint_actor(actors: ActorDictionary, text: str, date: str,
                                                                expected: str) -> None:
    assert _name(actors, text, country="Mali", date=date) == expected


def test_groups_without_a_joint_entry_keep_the_first_named(actors: ActorDictionary) -> None:
    # no joint actor is coded for JNIM with Ansarul Islam: the phrase resolves as before, to its first name
    assert _name(actors, "JNIM or Ansarul Islam", country="Burkina Faso", date="2020-05-01") == JNIM
    assert _name(actors, "JNIM", country="Mali", date="2019-06-01") == JNIM
