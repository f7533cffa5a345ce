"""Protests, riots and strategic developments (issue 14), English and French, through the real pipeline.

Every sentence was written for these tests. Each sub-event type is coded from at least two constructions in
each language; background, strikes without a gathering and violent reports open no such event.
"""

from __future__ import annotations

import pytest

from eventcoder.ingest import report_from_text

pytestmark = pytest.mark.slow

PUBLISHED = "2024-03-15"  # a Friday: "Tuesday" / "mardi" is 2024-03-12
DISORDER = {"Protests": "Demonstrations", "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}


def events(pipeline, text: str, language: str, published: str = PUBLISHED):  # type: ignore[no-untyped-def]
    report = report_from_text(text, published=published, language=language)
    return [e.to_dict() for e in pipeline.extract_report(report)]


CASES = [
    ('Protests', 'Peaceful protest', 'en',
     'Hundreds of teachers marched through Bamako on Tuesday to demand the payment of salary arrears, union officials said.'),
    ('Protests', 'Peaceful protest', 'en',
     "Students staged a sit-in in front of the governor's office in Kaya on Tuesday to denounce the closure of their university."),
    ('Protests', 'Peaceful protest', 'en',
     'Thousands of people took to the streets of Niamey on Tuesday to support the military authorities.'),
    ('Protests', 'Peaceful protest', 'en',
     'Striking health workers marched to the ministry in Ouagadougou on Tuesday to demand better pay.'),
    ('Protests', 'Protest with intervention', 'en',
     'Police fired tear gas to disperse hundreds of traders who were protesting against a new market tax in Niamey on Tuesday. No one was hurt.'),
    ('Protests', 'Protest with intervention', 'en',
     'Security forces arrested twelve demonstrators during a march by opposition supporters in Bamako on Tuesday.'),
    ('Protests', 'Excessive force against protesters', 'en',
     'Security forces opened fire on protesters in Niamey on Tuesday, killing three people, as crowds demonstrated against the cost of living.'),
    ('Protests', 'Excessive force against protesters', 'en',
     'Police shot dead two demonstrators during a protest against the junta in Ouagadougou on Tuesday.'),
    ('Riots', 'Violent demonstration', 'en',
     'Angry youths burned tyres and threw stones at police in Kaya on Tuesday during a demonstration against power cuts.'),
    ('Riots', 'Violent demonstration', 'en',
     'Rioters ransacked the prefecture in Gao on Tuesday after a protest over insecurity turned violent.'),
    ('Riots', 'Mob violence', 'en',
     'A mob lynched a man accused of theft in Kayes on Tuesday, police said.'),
    ('Riots', 'Mob violence', 'en',
     'An angry crowd attacked and set fire to the house of a man accused of witchcraft in Dori on Tuesday.'),
    ('Strategic developments', 'Agreement', 'en',
     'The government and the Coordination of Azawad Movements signed a ceasefire agreement in Bamako on Tuesday.'),
    ('Strategic developments', 'Agreement', 'en',
     'Fulani and Dogon community leaders agreed to a peace deal in Mopti on Tuesday after talks mediated by the governor.'),
    ('Strategic developments', 'Arrests', 'en',
     'Gendarmes arrested the mayor of Kaya on Tuesday on charges of collaborating with armed groups.'),
    ('Strategic developments', 'Arrests', 'en',
     'Police in Niamey detained a prominent journalist on Tuesday over a post criticising the junta.'),
    ('Strategic developments', 'Change to group/activity', 'en',
     'Two armed groups of northern Mali announced their merger into a single movement in Kidal on Tuesday.'),
    ('Strategic developments', 'Change to group/activity', 'en',
     'Militants imposed a blockade on the town of Djibo on Tuesday, banning all traffic to and from the town.'),
    ('Strategic developments', 'Disrupted weapons use', 'en',
     'Soldiers defused an improvised explosive device planted on a road near Djibo on Tuesday, the army said.'),
    ('Strategic developments', 'Disrupted weapons use', 'en',
     'Customs officers seized a large cache of weapons and ammunition from a truck in Gao on Tuesday.'),
    ('Strategic developments', 'Headquarters or base established', 'en',
     'The army established a new military base in Boni on Tuesday, the defence ministry said.'),
    ('Strategic developments', 'Headquarters or base established', 'en',
     'Jihadists set up a base in the forest near Mansila on Tuesday, residents said.'),
    ('Strategic developments', 'Looting/property destruction', 'en',
     'Armed men looted the market of Boni on Tuesday, stealing livestock and food, residents said.'),
    ('Strategic developments', 'Looting/property destruction', 'en',
     'Gunmen set fire to the school in Gorom-Gorom on Tuesday night, residents said.'),
    ('Strategic developments', 'Non-violent transfer of territory', 'en',
     'French troops handed over the Menaka base to the Malian army on Tuesday.'),
    ('Strategic developments', 'Non-violent transfer of territory', 'en',
     'Rebel fighters withdrew from Ber on Tuesday and the army entered the town without a fight.'),
    ('Strategic developments', 'Other', 'en',
     'The military authorities imposed a night curfew in Kaya on Tuesday.'),
    ('Strategic developments', 'Other', 'en',
     'Soldiers seized power in Niamey on Tuesday, detaining the president and suspending the constitution.'),
    ('Protests', 'Peaceful protest', 'fr',
     "Des centaines d'enseignants ont marché mardi à Bamako pour réclamer le paiement de leurs arriérés de salaire."),
    ('Protests', 'Peaceful protest', 'fr',
     'Les élèves ont organisé un sit-in mardi devant le gouvernorat de Kaya pour dénoncer la fermeture de leur école.'),
    ('Protests', 'Peaceful protest', 'fr',
     'Des milliers de personnes sont descendues dans les rues de Niamey mardi pour soutenir les autorités militaires.'),
    ('Protests', 'Protest with intervention', 'fr',
     "La police a dispersé à coups de gaz lacrymogène une manifestation de commerçants mardi à Niamey. Aucun blessé n'a été signalé."),
    ('Protests', 'Protest with intervention', 'fr',
     "Les forces de l'ordre ont interpellé douze manifestants lors d'une marche de l'opposition mardi à Bamako."),
    ('Protests', 'Excessive force against protesters', 'fr',
     'Les forces de sécurité ont tiré sur les manifestants mardi à Niamey, tuant trois personnes.'),
    ('Protests', 'Excessive force against protesters', 'fr',
     "Deux manifestants ont été tués par balles par la police lors d'une marche contre la junte mardi à Ouagadougou."),
    ('Riots', 'Violent demonstration', 'fr',
     "Des jeunes en colère ont brûlé des pneus et lancé des pierres sur les policiers mardi à Kaya lors d'une manifestation contre les coupures d'électricité."),
    ('Riots', 'Violent demonstration', 'fr',
     "Des émeutiers ont saccagé la préfecture de Gao mardi après une manifestation contre l'insécurité."),
    ('Riots', 'Mob violence', 'fr',
     'Un voleur présumé a été lynché par la foule mardi à Kayes, selon la police.'),
    ('Riots', 'Mob violence', 'fr',
     "Une foule en colère a incendié mardi à Dori la maison d'un homme accusé de sorcellerie."),
    ('Strategic developments', 'Agreement', 'fr',
     "Le gouvernement et la Coordination des mouvements de l'Azawad ont signé mardi à Bamako un accord de cessez-le-feu."),
    ('Strategic developments', 'Agreement', 'fr',
     "Les communautés peule et dogon ont conclu mardi à Mopti un pacte de paix sous l'égide du gouverneur."),
    ('Strategic developments', 'Arrests', 'fr',
     'Les gendarmes ont arrêté mardi le maire de Kaya, accusé de collaborer avec des groupes armés.'),
    ('Strategic developments', 'Arrests', 'fr',
     'La police a interpellé mardi à Niamey un journaliste connu pour un message critiquant la junte.'),
    ('Strategic developments', 'Change to group/activity', 'fr',
     'Deux groupes armés du nord du Mali ont annoncé mardi à Kidal leur fusion en un seul mouvement.'),
    ('Strategic developments', 'Change to group/activity', 'fr',
     'Les jihadistes ont imposé mardi un blocus à la ville de Djibo, interdisant toute circulation.'),
    ('Strategic developments', 'Disrupted weapons use', 'fr',
     'Les militaires ont désamorcé mardi un engin explosif improvisé posé sur une route près de Djibo.'),
    ('Strategic developments', 'Disrupted weapons use', 'fr',
     "Les douaniers ont saisi mardi à Gao une importante cargaison d'armes et de munitions."),
    ('Strategic developments', 'Headquarters or base established', 'fr',
     "L'armée a installé mardi une nouvelle base militaire à Boni, selon le ministère de la défense."),
    ('Strategic developments', 'Headquarters or base established', 'fr',
     'Les jihadistes ont établi une base dans la forêt près de Mansila mardi, selon des habitants.'),
    ('Strategic developments', 'Looting/property destruction', 'fr',
     'Des hommes armés ont pillé mardi le marché de Boni, emportant du bétail et des vivres.'),
    ('Strategic developments', 'Looting/property destruction', 'fr',
     "Des individus armés ont incendié mardi soir l'école de Gorom-Gorom, selon des habitants."),
    ('Strategic developments', 'Non-violent transfer of territory', 'fr',
     "Les troupes françaises ont rétrocédé mardi la base de Ménaka à l'armée malienne."),
    ('Strategic developments', 'Non-violent transfer of territory', 'fr',
     "Les rebelles se sont retirés mardi de Ber et l'armée est entrée dans la ville sans combat."),
    ('Strategic developments', 'Other', 'fr',
     'Les autorités militaires ont instauré mardi un couvre-feu nocturne à Kaya.'),
    ('Strategic developments', 'Other', 'fr',
     'Des militaires ont pris le pouvoir mardi à Niamey, arrêtant le président et suspendant la constitution.'),
]


@pytest.mark.parametrize(("event_type", "sub_event_type", "language", "text"), CASES,
                         ids=[f"{c[1]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_each_sub_event_type(pipeline, event_type: str, sub_event_type: str, language: str,  # type: ignore[no-untyped-def]
                             text: str) -> None:
    (event,) = events(pipeline, text, language)
    assert (event["event_type"], event["sub_event_type"]) == (event_type, sub_event_type)
    assert event["disorder_type"] == DISORDER[event_type]
    if event_type == "Strategic developments":
        assert event["fatalities"] == 0  # never a political-violence fatality event
    if event_type == "Protests":
        assert event["actor1"].startswith("Protesters (") and event["inter1"] == 6
        assert event["tags"].startswith("crowd size=")
    if event_type == "Riots":
        assert event["actor1"].startswith("Rioters (") and event["inter1"] == 5


def test_every_new_sub_event_type_has_two_constructions_per_language() -> None:
    from eventcoder.fuse import ACLED_TYPES

    wanted = [(t, s) for t in ("Protests", "Riots", "Strategic developments") for s in ACLED_TYPES[t]]
    for event_type, sub in wanted:
        for language in ("en", "fr"):
            assert sum(1 for c in CASES if c[:3] == (event_type, sub, language)) >= 2, (sub, language)


NO_EVENT = [
    ('en', 'Since the coup, protests have been banned in Niamey.'),
    ('en', 'Teachers began a three-day strike on Tuesday to demand the payment of their bonuses.'),
    ('fr', "Depuis le coup d'État, les manifestations sont interdites à Niamey."),
    ('fr', 'Les enseignants ont entamé mardi une grève de 72 heures pour réclamer le paiement de leurs primes.'),
    ("en", "Unions called a general strike for next week to protest against the new tax."),
    ("fr", "Les syndicats de l'éducation observent depuis lundi une grève illimitée."),
]


@pytest.mark.parametrize(("language", "text"), NO_EVENT)
def test_background_and_strikes_without_a_gathering_open_nothing(pipeline, language: str,  # type: ignore[no-untyped-def]
                                                                 text: str) -> None:
    assert events(pipeline, text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Thousands of people marched in Niamey on Tuesday against the presence of foreign troops. Police fired "
           "live rounds into the crowd near the parliament, killing two protesters, witnesses said."),
    ("fr", "Des milliers de personnes ont manifesté mardi à Niamey contre la présence des troupes étrangères. La "
           "police a tiré à balles réelles sur la foule près de l'Assemblée, tuant deux manifestants."),
])
def test_a_protest_and_its_violent_crackdown_is_one_excessive_force_event(pipeline, language: str,  # type: ignore[no-untyped-def]
                                                                          text: str) -> None:
    (event,) = events(pipeline, text, language)
    assert event["sub_event_type"] == "Excessive force against protesters"
    assert event["actor1"] == "Protesters (Niger)" and event["actor2"].startswith("Police Forces of Niger")
    assert event["interaction"] == 16 and event["fatalities"] == 2
    assert event["tags"] == "crowd size=thousands"
    assert event["evidence"]["event_type"]


def test_the_group_that_marches_is_the_associated_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = events(pipeline, "Des centaines d'enseignants ont marché mardi à Bamako pour réclamer le paiement "
                                "de leurs arriérés de salaire.", "fr")
    assert event["assoc_actor_1"] == "Teachers (Mali)"
    assert event["tags"] == "crowd size=hundreds"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Gunmen killed five villagers in an attack on Koutougou in Burkina Faso's Soum province on Sunday. "
           "Soldiers later arrested two suspects and seized weapons, the army said."),
    ("fr", "Des hommes armés ont tué cinq villageois dimanche lors d'une attaque contre Koutougou, dans la province "
           "du Soum. L'armée a ensuite arrêté deux suspects et saisi des armes et des munitions."),
])
def test_arrests_after_an_attack_are_part_of_the_attack(pipeline, language: str,  # type: ignore[no-untyped-def]
                                                        text: str) -> None:
    (event,) = events(pipeline, text, language, "2024-03-12")
    assert (event["event_type"], event["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert event["fatalities"] == 5


def test_the_decision_table_codes_each_cue_by_the_actors_categories() -> None:
    from eventcoder.fuse import acled_type

    assert acled_type("protest", 6, 0, "") == ("Protests", "Peaceful protest")
    assert acled_type("protest", 6, 1, "military") == ("Protests", "Protest with intervention")
    assert acled_type("protest", 6, 1, "military", killed=2) == ("Protests", "Excessive force against protesters")
    assert acled_type("riot", 5, 1, "military") == ("Riots", "Violent demonstration")
    assert acled_type("riot", 5, 7, "civilians") == ("Riots", "Mob violence")
    assert acled_type("handover", 8, 0, "") == ("Strategic developments", "Non-violent transfer of territory")
    assert acled_type("ambush", 3, 1, "military") == ("Battles", "Armed clash")
