"""The actors stage: resolve_actors over mentions, inter codes and interaction codes."""

from __future__ import annotations

from typing import Any

import pytest

from eventcoder.actors import ActorDictionary, inter_for, interaction, resolve_actors
from eventcoder.records import ActorRef, Claim, Mention, Place

JNIM = "JNIM: Group for Support of Islam and Muslims"


def _ref(text: str, role: str, kind: str = "", entry_id: str = "") -> ActorRef:
    return ActorRef(text=text, role=role, kind=kind, entry_id=entry_id)


def _mention(actor1: ActorRef | str | None = None, actor2: ActorRef | str | None = None, *,
             country: str | None = "Mali", date: str | None = "2023-04-18", language: str = "en",
             admin1: str = "", place_country: str | None = None, **fields: Any) -> Mention:
    if isinstance(actor1, str):
        actor1 = _ref(actor1, "actor1")
    if isinstance(actor2, str):
        actor2 = _ref(actor2, "actor2")
    place = Place("somewhere", 0.0, 0.0, 1, place_country, admin1=admin1) if place_country else None
    return Mention(id="m1", report_id="r1", language=language, trigger="attack", cue="attack", event_date=date,
                   country_hint=country, actor1=actor1, actor2=actor2, place=place, **fields)


def _resolved(actors: ActorDictionary, mention: Mention) -> Mention:
    (out,) = resolve_actors([mention], actors)
    return out


def _names(mention: Mention) -> tuple[str | None, str | None, list[str], list[str]]:
    return (mention.actor1.name if mention.actor1 else None, mention.actor2.name if mention.actor2 else None,
            [r.name for r in mention.assoc_actors1], [r.name for r in mention.assoc_actors2])


def test_named_group_against_generic_victims(actors: ActorDictionary) -> None:
    out = _resolved(actors, _mention("Jama'at Nasr al-Islam wal Muslimin (JNIM)", "two members of the army"))
    assert _names(out) == (JNIM, "Military Forces of Mali (2021-)", [], [])
    assert (out.actor1.inter, out.actor2.inter) == (2, 1)  # type: ignore[union-attr]
    assert out.actor1.entry_id == "jnim" and out.actor1.affiliation == "Al-Qaeda"  # type: ignore[union-attr]


@pytest.mark.parametrize(("actor1", "actor2", "country", "date", "language", "expected"), [
    ("gunmen", "villagers", "Burkina Faso", "2021-06-05", "en",
     ("Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)")),
    ("des hommes armés non identifiés", "les habitants", "Burkina Faso", "2021-06-05", "fr",
     ("Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)")),
    ("assaillants", "gendarmes", "Burkina Faso", "2021-11-14", "fr",
     ("Unidentified Armed Group (Burkina Faso)", "Police Forces of Burkina Faso (2015-2022) Gendarmerie")),
    ("soldiers", "worshippers", "Burkina Faso", "2023-04-20", "en",
     ("Military Forces of Burkina Faso (2022-)", "Civilians (Burkina Faso)")),
    ("police", "protesters", "Mali", "2020-07-10", "en",
     ("Police Forces of Mali (2013-2020)", "Protesters (Mali)")),
    ("civilian auxiliaries", "attackers", "Burkina Faso", "2023-07-07", "en",
     ("VDP: Volunteers for the Defense of the Homeland", "Unidentified Armed Group (Burkina Faso)")),
    ("civilian auxiliaries", "attackers", "Niger", "2023-07-07", "en",
     ("Unidentified Communal Militia (Niger)", "Unidentified Armed Group (Niger)")),
    ("Boko Haram", "Chadian soldiers", "Chad", "2024-10-27", "en",
     ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Military Forces of Chad (2021-)")),
    ("Islamic State", "troops", "Nigeria", "2021-04-25", "en",
     ("Islamic State West Africa Province", "Military Forces of Nigeria (2015-2023)")),
    ("Islamic State", "soldiers", "Burkina Faso", "2019-12-24", "en",
     ("Islamic State (Greater Sahara)", "Military Forces of Burkina Faso (2015-2022)")),
    ("les FAMa", "rebelles du CSP", "Mali", "2023-11-14", "fr",
     ("Military Forces of Mali (2021-)",
      "CSP-PSD: Permanent Strategic Framework for Peace, Security and Development")),
])
def test_actors_resolved_in_context(actors: ActorDictionary, actor1: str, actor2: str, country: str, date: str,
                                    language: str, expected: tuple[str, str]) -> None:
    out = _resolved(actors, _mention(actor1, actor2, country=country, date=date, language=language))
    assert _names(out)[:2] == expected
    assert not out.quality_flags


def test_place_country_wins_over_the_hint(actors: ActorDictionary) -> None:
    mention = _mention("gunmen", "villagers", country="Mali", place_country="Niger", date="2021-01-02")
    assert _names(_resolved(actors, mention))[:2] == ("Unidentified Armed Group (Niger)", "Civilians (Niger)")


def test_admin1_of_the_place_picks_the_islamic_state_province(actors: ActorDictionary) -> None:
    diffa = _mention("Islamic State fighters", "soldiers", place_country="Niger", admin1="Diffa", date="2023-03-01")
    tillaberi = _mention("Islamic State fighters", "soldiers", place_country="Niger", admin1="Tillaberi",
                         date="2023-03-01")
    assert _resolved(actors, diffa).actor1.name == "Islamic State West Africa Province"  # type: ignore[union-attr]
    assert _resolved(actors, tillaberi).actor1.name == "Islamic State Sahel Province"  # type: ignore[union-attr]


def test_publication_date_stands_in_for_a_missing_event_date(actors: ActorDictionary) -> None:
    mention = _mention("FAMa", None, date=None, published="2019-10-02")
    assert _resolved(actors, mention).actor1.name == "Military Forces of Mali (2013-2020)"  # type: ignore[union-attr]


def test_victim_groups_become_civilians_with_an_associated_actor(actors: ActorDictionary) -> None:
    aid = _resolved(actors, _mention("suspected jihadists", "six French aid workers", country="Niger",
                                     date="2020-08-09"))
    assert _names(aid) == ("Unidentified Armed Group (Niger)", "Civilians (Niger)", [], ["Aid Workers (France)"])
    journalist = _resolved(actors, _mention("JNIM", "French journalist Olivier Dubois", date="2021-04-08"))
    assert _names(journalist) == (JNIM, "Civilians (Mali)", [], ["Journalists (France)"])
    fulani = _resolved(actors, _mention("Dogon hunters", "Fulani villagers", date="2019-03-23"))
    assert _names(fulani) == ("Dan Na Ambassagou", "Civilians (Mali)", [], ["Fulani Ethnic Group (Mali)"])
    assert fulani.actor2.inter == 7 and fulani.actor1.inter == 4  # type: ignore[union-attr]


def test_foreign_civilians_are_coded_as_civilians_of_the_event_country(actors: ActorDictionary) -> None:
    out = _resolved(actors, _mention("gunmen", "French nationals", country="Niger", date="2020-08-09"))
    assert _names(out)[1] == "Civilians (Niger)"


def test_ethnic_groups_with_militia_or_attacker_words(actors: ActorDictionary) -> None:
    militia = _resolved(actors, _mention("Bambara militiamen", "Fulani herders", date="2022-01-01"))
    assert _names(militia)[:2] == ("Bambara Ethnic Militia (Mali)", "Civilians (Mali)")
    rebels = _resolved(actors, _mention("Tuareg rebels", "soldiers", date="2012-02-01"))
    assert _names(rebels)[:2] == ("Unidentified Armed Group (Mali)", "Military Forces of Mali (2002-2012)")


def test_an_ethnic_group_as_perpetrator_is_its_militia(actors: ActorDictionary) -> None:
    mali = _resolved(actors, _mention(_ref("armed Dogon men", "actor1", kind="perpetrators"), "residents",
                                      date="2020-02-14"))
    assert _names(mali)[:2] == ("Dan Na Ambassagou", "Civilians (Mali)")  # Dogon militia coded as in the gold
    spanned = _resolved(actors, _mention(_ref("Peuls", "actor1", kind="group", entry_id="?peuls"), "villageois",
                                         language="fr", date="2020-02-14"))
    assert _names(spanned)[:2] == ("Fulani Ethnic Militia (Mali)", "Civilians (Mali)")
    burkina = _resolved(actors, _mention("Dogon", "Fulani", country="Burkina Faso", date="2020-02-14"))
    assert _names(burkina) == ("Dogon Ethnic Militia (Burkina Faso)", "Civilians (Burkina Faso)", [],
                               ["Fulani Ethnic Group (Burkina Faso)"])
    assert actors.canonical_id("Dogon Ethnic Militia (Mali)") == "ethnic-militia-dogon-ml"


def test_a_place_outside_the_covered_countries_falls_back_to_the_hint(actors: ActorDictionary) -> None:
    mention = _mention(_ref("", "actor1", kind="unidentified"), "army", country="Chad", place_country="Australia",
                       date="2020-03-23")
    out = _resolved(actors, mention)
    assert _names(out)[:2] == ("Unidentified Armed Group (Chad)", "Military Forces of Chad (1990-2021)")
    assert out.actor2.inter == 1  # type: ignore[union-attr]


def test_state_forces_abroad_are_external_forces(actors: ActorDictionary) -> None:
    out = _resolved(actors, _mention("Nigerien soldiers", "jihadists", country="Mali", date="2022-01-01"))
    assert out.actor1.name == "Military Forces of Niger (2021-2023)" and out.actor1.inter == 8  # type: ignore[union-attr]
    home = _resolved(actors, _mention("Nigerien soldiers", "jihadists", country="Niger", date="2022-01-01"))
    assert home.actor1.inter == 1  # type: ignore[union-attr]


def test_extractor_entry_ids_are_used_and_put_in_context(actors: ActorDictionary) -> None:
    ref = _ref("they", "actor1", kind="group", entry_id="?fama")
    out = _resolved(actors, _mention(ref, "civilians", date="2019-06-10"))
    assert out.actor1.name == "Military Forces of Mali (2013-2020)"  # type: ignore[union-attr]
    period = _ref("the army", "actor2", entry_id="ml-military-2013-2020")
    out = _resolved(actors, _mention("JNIM", period, date="2023-09-07"))
    assert out.actor2.entry_id == "ml-military-2021"  # type: ignore[union-attr]


def test_kind_only_refs_and_unnamed_perpetrators(actors: ActorDictionary) -> None:
    out = _resolved(actors, _mention(_ref("", "actor1", kind="perpetrators"), _ref("", "actor2", kind="civilians"),
                                     country="Burkina Faso", date="2020-01-25"))
    assert _names(out)[:2] == ("Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)")
    out = _resolved(actors, _mention("they", _ref("", "actor2", kind="military"), country="Niger",
                                     date="2019-12-10"))
    assert _names(out)[:2] == ("Unidentified Armed Group (Niger)", "Military Forces of Niger (2011-2021)")


def test_unresolvable_actors_are_flagged_not_invented(actors: ActorDictionary) -> None:
    out = _resolved(actors, _mention("JNIM", "the bridge", country=None))
    assert out.actor1.name == JNIM  # type: ignore[union-attr]
    assert out.actor2.name == "" and out.actor2.text == "the bridge"  # type: ignore[union-attr]
    assert out.quality_flags == ("actor_unresolved",)
    nothing = _resolved(actors, _mention("gunmen", "villagers", country=None))
    assert _names(nothing)[:2] == ("", "")  # no country: no generic actor


def test_associated_actors_resolved_and_deduplicated(actors: ActorDictionary) -> None:
    mention = _mention("Malian troops", "civilians", date="2023-11-14",
                       assoc_actors1=(_ref("Wagner mercenaries", "actor1"), _ref("FAMa", "actor1"),
                                      _ref("Russian instructors", "actor1")))
    out = _resolved(actors, mention)
    assert _names(out) == ("Military Forces of Mali (2021-)", "Civilians (Mali)", ["Wagner Group"], [])


def test_claims_are_resolved_to_dictionary_names(actors: ActorDictionary) -> None:
    claims = (Claim("claim", "le GSIM", "r1"), Claim("deny", "JNIM", "r1"), Claim("claim", "its own fighters", "r1"),
              Claim("claim", "jas", "r1"), Claim("claim", "?eigs", "r1"))
    out = _resolved(actors, _mention("JNIM", "soldiers", claims=claims, date="2023-02-20"))
    assert [c.by for c in out.claims] == [JNIM, "JNIM", "its own fighters",  # entry ids too
                                          "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
                                          "Islamic State Sahel Province"]


def test_input_mentions_are_not_changed(actors: ActorDictionary) -> None:
    mention = _mention("gunmen", "villagers")
    resolve_actors([mention], actors)
    assert mention.actor1.name == "" and mention.actor2.name == ""  # type: ignore[union-attr]
    assert resolve_actors([], actors) == []


def test_missing_actors_stay_missing(actors: ActorDictionary) -> None:
    out = _resolved(actors, _mention("JNIM", None))
    assert out.actor2 is None


@pytest.mark.parametrize(("name", "inter"), [
    (JNIM, 2), ("Military Forces of Mali (2021-)", 1), ("Civilians (Nigeria)", 7), ("Dan Na Ambassagou", 4),
    ("VDP: Volunteers for the Defense of the Homeland", 3), ("Wagner Group", 8), ("Protesters (Mali)", 6),
    ("Rioters (Mali)", 5), ("Unidentified Armed Group (Benin)", 3),
    ("Military Forces of Ghana (2017-)", 1), ("Civilians (Ghana)", 7), ("Kwara Ethnic Militia (Ghana)", 4),
    ("Something Else", 0),
])
def test_inter_for(actors: ActorDictionary, name: str, inter: int) -> None:
    assert inter_for(name, actors) == inter


@pytest.mark.parametrize(("inter1", "inter2", "code"), [
    (2, 1, 12), (1, 2, 12), (3, 7, 37), (7, 3, 37), (1, 1, 11), (2, 0, 20), (0, 6, 60), (0, 0, 0), (8, 2, 28),
])
def test_interaction(inter1: int, inter2: int, code: int) -> None:
    assert interaction(inter1, inter2) == code


def test_interaction_rejects_codes_outside_acled_categories() -> None:
    with pytest.raises(ValueError, match=r"0\.\.8"):
        interaction(9, 1)
