"""Every one of ACLED's 25 sub-event types, from at least two constructions in each language (issue 14).

The twelve political-violence sub-types are here; the thirteen of protests, riots and strategic developments
are in test_demonstrations.py, and a check below counts both lists. Every sentence was written for these tests:
each pair differs in syntax (active, passive, nominal, communiqué) and vocabulary.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from eventcoder.fuse import ACLED_TYPES
from eventcoder.ingest import report_from_text

pytestmark = pytest.mark.slow

PUBLISHED = "2024-03-15"  # a Friday: "Tuesday" / "mardi" is 2024-03-12


def events(pipeline, text: str, language: str):  # type: ignore[no-untyped-def]
    report = report_from_text(text, published=PUBLISHED, language=language)
    return [e.to_dict() for e in pipeline.extract_report(report)]


BATTLES, REMOTE, CIVILIANS = "Battles", "Explosions/Remote violence", "Violence against civilians"
VIOLENT = [
    # Battles
    (BATTLES, "Armed clash", "en",
     "Fighting broke out on Tuesday between the army and militants of JNIM outside Tessit; two soldiers died."),
    (BATTLES, "Armed clash", "en",
     "An army patrol was ambushed by jihadists near Boni on Tuesday and fought back, losing three men."),
    (BATTLES, "Armed clash", "fr",
     "Des combats ont éclaté mardi entre l'armée et des terroristes près de Tessit, faisant deux morts parmi les militaires."),
    (BATTLES, "Armed clash", "fr",
     "Une patrouille militaire est tombée dans une embuscade tendue par des jihadistes mardi près de Boni : trois soldats ont été tués."),
    (BATTLES, "Government regains territory", "en",
     "The Malian army recaptured the town of Léré from jihadist fighters on Tuesday, the general staff said."),
    (BATTLES, "Government regains territory", "en",
     "Soldiers regained control of Anefis on Tuesday after fierce fighting with rebel fighters."),
    (BATTLES, "Government regains territory", "fr",
     "L'armée malienne a repris le contrôle de Léré mardi après des combats contre les terroristes."),
    (BATTLES, "Government regains territory", "fr",
     "Les forces armées ont repris la ville d'Anefis aux rebelles mardi, selon l'état-major."),
    (BATTLES, "Non-state actor overtakes territory", "en",
     "JNIM fighters seized control of the town of Boni on Tuesday after the soldiers fled."),
    (BATTLES, "Non-state actor overtakes territory", "en",
     "Rebels took over the military camp of Anefis on Tuesday, a local official said."),
    (BATTLES, "Non-state actor overtakes territory", "fr",
     "Les jihadistes du JNIM se sont emparés mardi de la localité de Boni, selon des habitants."),
    (BATTLES, "Non-state actor overtakes territory", "fr",
     "Les rebelles ont pris le contrôle du camp militaire d'Anefis mardi, a indiqué un élu local."),
    # Explosions/Remote violence
    (REMOTE, "Chemical weapon", "en",
     "Government forces used chemical weapons against rebel positions near Anefis on Tuesday, killing four fighters."),
    (REMOTE, "Chemical weapon", "en",
     "A chemical attack with chlorine gas hit the camp of the rebels near Anefis on Tuesday, killing four fighters."),
    (REMOTE, "Chemical weapon", "fr",
     "Les forces gouvernementales ont utilisé des armes chimiques contre des positions rebelles près d'Anefis mardi, tuant quatre combattants."),
    (REMOTE, "Chemical weapon", "fr",
     "Une attaque chimique au gaz de chlore a frappé mardi le camp des rebelles près d'Anefis, tuant quatre combattants."),
    (REMOTE, "Air/drone strike", "en",
     "Aerial bombing by the army killed about twenty fighters at a jihadist camp near Ménaka on Tuesday."),
    (REMOTE, "Air/drone strike", "en",
     "Several militants were killed on Tuesday in an air raid on their hideout near Ménaka, the army said."),
    (REMOTE, "Air/drone strike", "fr",
     "Des frappes aériennes ont visé mardi un campement terroriste près de Ménaka, tuant une vingtaine de combattants."),
    (REMOTE, "Air/drone strike", "fr",
     "Plusieurs terroristes ont été neutralisés mardi par des tirs de drone près de Ménaka, selon l'armée."),
    (REMOTE, "Suicide bomb", "en",
     "Nine people died on Tuesday when a car bomb driven by a suicide attacker exploded at the gate of the camp in Gao."),
    (REMOTE, "Suicide bomb", "en",
     "A suicide attack on the military camp in Gao killed nine soldiers on Tuesday, the army said."),
    (REMOTE, "Suicide bomb", "fr",
     "Un attentat-suicide au véhicule piégé a tué neuf soldats mardi à l'entrée du camp militaire de Gao."),
    (REMOTE, "Suicide bomb", "fr",
     "Neuf soldats sont morts mardi à Gao lorsqu'un kamikaze a actionné sa ceinture d'explosifs près du camp."),
    (REMOTE, "Shelling/artillery/missile attack", "en",
     "The military camp in Tessit came under rocket fire on Tuesday; two soldiers were wounded."),
    (REMOTE, "Shelling/artillery/missile attack", "en",
     "Jihadists shelled the army base in Tessit on Tuesday, wounding two soldiers, the army said."),
    (REMOTE, "Shelling/artillery/missile attack", "fr",
     "Le camp militaire de Tessit a été la cible de tirs de roquettes mardi, blessant deux soldats."),
    (REMOTE, "Shelling/artillery/missile attack", "fr",
     "Des terroristes ont tiré des obus de mortier mardi sur la base de l'armée à Tessit, blessant deux soldats."),
    (REMOTE, "Remote explosive/landmine/IED", "en",
     "An improvised explosive device killed three soldiers on the road between Boni and Douentza on Tuesday."),
    (REMOTE, "Remote explosive/landmine/IED", "en",
     "A military truck struck a landmine near Boni on Tuesday; three soldiers were killed."),
    (REMOTE, "Remote explosive/landmine/IED", "fr",
     "L'explosion d'un engin explosif improvisé a tué trois soldats mardi sur l'axe Boni-Douentza."),
    (REMOTE, "Remote explosive/landmine/IED", "fr",
     "Un camion de l'armée a heurté une mine mardi près de Boni : trois militaires ont été tués."),
    (REMOTE, "Grenade", "en",
     "A grenade attack on a market in Gao wounded five civilians on Tuesday, police said."),
    (REMOTE, "Grenade", "en",
     "Five civilians were wounded on Tuesday when unidentified men hurled a grenade into a crowded bar in Gao."),
    (REMOTE, "Grenade", "fr",
     "Une attaque à la grenade contre le marché de Gao a blessé cinq civils mardi, selon la police."),
    (REMOTE, "Grenade", "fr",
     "Cinq civils ont été blessés mardi à Gao par une grenade jetée dans un bar par des inconnus."),
    # Violence against civilians
    (CIVILIANS, "Sexual violence", "en",
     "Several women were raped by armed men in the village of Boni on Tuesday, residents said."),
    (CIVILIANS, "Sexual violence", "en",
     "Gunmen sexually assaulted three girls in Dori on Tuesday, a local official said."),
    (CIVILIANS, "Sexual violence", "fr",
     "Plusieurs femmes ont été violées mardi par des hommes armés dans le village de Boni, selon des habitants."),
    (CIVILIANS, "Sexual violence", "fr",
     "Des hommes armés ont commis des viols sur trois jeunes filles mardi à Dori, selon un élu local."),
    (CIVILIANS, "Attack", "en",
     "Eight villagers were shot dead by gunmen in Koutougou on Tuesday, residents said."),
    (CIVILIANS, "Attack", "en",
     "Jihadists executed a village chief in front of his family in Koutougou on Tuesday."),
    (CIVILIANS, "Attack", "fr",
     "Huit villageois ont été abattus mardi par des hommes armés à Koutougou, selon des habitants."),
    (CIVILIANS, "Attack", "fr",
     "Des jihadistes ont exécuté le chef du village devant sa famille mardi à Koutougou."),
    (CIVILIANS, "Abduction/forced disappearance", "en",
     "Twelve women were kidnapped by armed men near Arbinda on Tuesday, local sources said."),
    (CIVILIANS, "Abduction/forced disappearance", "en",
     "Gunmen took a village chief and his two sons hostage in Arbinda on Tuesday."),
    (CIVILIANS, "Abduction/forced disappearance", "fr",
     "Douze femmes ont été enlevées mardi par des hommes armés près d'Arbinda, selon des sources locales."),
    (CIVILIANS, "Abduction/forced disappearance", "fr",
     "Des hommes armés ont pris en otage le chef du village et ses deux fils mardi à Arbinda."),
    # one construction per language each, first written for test_demonstrations.py
    (BATTLES, 'Armed clash', 'en',
     'Soldiers and jihadist fighters clashed near Djibo on Tuesday, leaving four soldiers dead, the army said.'),
    (BATTLES, 'Armed clash', 'fr',
     'Des affrontements ont opposé mardi des militaires à des jihadistes près de Djibo, faisant quatre morts parmi les soldats.'),
    (BATTLES, 'Non-state actor overtakes territory', 'en',
     'Jihadist fighters took control of the town of Mansila on Tuesday after soldiers left their post.'),
    (BATTLES, 'Non-state actor overtakes territory', 'fr',
     'Des jihadistes ont pris le contrôle de la localité de Mansila mardi.'),
    (REMOTE, 'Air/drone strike', 'en',
     'A drone strike killed six militants near Tessit on Tuesday, the army said.'),
    (REMOTE, 'Air/drone strike', 'fr',
     "Une frappe de drone a tué six terroristes mardi près de Tessit, selon l'armée."),
    (REMOTE, 'Shelling/artillery/missile attack', 'en',
     'Militants fired mortar rounds at the military camp in Tessit on Tuesday, wounding two soldiers.'),
    (REMOTE, 'Shelling/artillery/missile attack', 'fr',
     'Des obus ont été tirés mardi sur le camp militaire de Tessit, blessant deux soldats.'),
    (REMOTE, 'Remote explosive/landmine/IED', 'en',
     'Three soldiers were killed on Tuesday when their vehicle hit a roadside bomb near Boni.'),
    (REMOTE, 'Remote explosive/landmine/IED', 'fr',
     'Trois soldats ont été tués mardi lorsque leur véhicule a sauté sur un engin explosif près de Boni.'),
    (REMOTE, 'Suicide bomb', 'en',
     'A suicide bomber blew himself up at a market in Gwoza on Tuesday, killing nine people.'),
    (REMOTE, 'Suicide bomb', 'fr',
     "Un kamikaze s'est fait exploser mardi sur le marché de Gwoza, tuant neuf personnes."),
    (REMOTE, 'Grenade', 'en',
     'Unidentified men threw a grenade into a bar in Gao on Tuesday, wounding five civilians.'),
    (REMOTE, 'Grenade', 'fr',
     'Des inconnus ont lancé une grenade mardi dans un bar de Gao, blessant cinq civils.'),
    (CIVILIANS, 'Attack', 'en',
     'Gunmen killed eight villagers in Koutougou on Tuesday, residents said.'),
    (CIVILIANS, 'Attack', 'fr',
     'Des hommes armés ont tué huit villageois mardi à Koutougou, selon des habitants.'),
    (CIVILIANS, 'Abduction/forced disappearance', 'en',
     'Gunmen abducted twelve women near Arbinda on Tuesday, local sources said.'),
    (CIVILIANS, 'Abduction/forced disappearance', 'fr',
     "Des hommes armés ont enlevé douze femmes mardi près d'Arbinda, selon des sources locales."),
    (CIVILIANS, 'Sexual violence', 'en',
     'Armed men raped several women in the village of Boni on Tuesday, residents said.'),
    (CIVILIANS, 'Sexual violence', 'fr',
     'Des hommes armés ont violé plusieurs femmes mardi dans le village de Boni, selon des habitants.'),
]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Chemical weapons have been banned by an international convention since 1997."),
    ("fr", "Les armes chimiques sont interdites par une convention internationale depuis 1997."),
    ("en", "Since 2019, air strikes have become the army's main weapon against the insurgency."),
    ("fr", "Depuis 2019, les frappes aériennes sont devenues l'arme principale de l'armée contre les jihadistes."),
])
def test_background_about_a_means_of_violence_opens_no_event(pipeline, language: str,  # type: ignore[no-untyped-def]
                                                              text: str) -> None:
    assert events(pipeline, text, language) == []


def _demonstration_cases() -> list[tuple[str, str, str, str]]:
    path = Path(__file__).with_name("test_demonstrations.py")
    spec = importlib.util.spec_from_file_location("demonstration_cases", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.CASES)


def test_every_sub_event_type_has_two_constructions_per_language() -> None:
    counts = Counter((case[1], case[2]) for case in VIOLENT + _demonstration_cases())
    missing = [(sub, lang) for subs in ACLED_TYPES.values() for sub in subs for lang in ("en", "fr")
               if counts[(sub, lang)] < 2]
    assert sum(len(subs) for subs in ACLED_TYPES.values()) == 25
    assert missing == []


# Constructions met in real reports of gatherings (the sentences are the team's own).
GATHERINGS = [
    ("Riots", "Violent demonstration", "fr",
     "Mardi à Kayes, la marche des commerçants contre la nouvelle taxe a dégénéré devant la mairie."),
    ("Riots", "Violent demonstration", "fr",
     "La police a tiré des gaz lacrymogènes mardi à Dori, où des jeunes ont jeté des pierres sur les gendarmes."),
    ("Riots", "Violent demonstration", "fr",
     "Des échauffourées ont éclaté mardi à Fada entre des élèves et les gendarmes, suivies du pillage de boutiques."),
    ("Riots", "Violent demonstration", "en",
     "Youths pelted police with stones in Dori on Tuesday during a protest over fuel prices."),
    ("Protests", "Peaceful protest", "en",
     "Hundreds of residents marched in Kaya on Tuesday to demand protection from repeated jihadist attacks."),
    ("Protests", "Peaceful protest", "fr",
     "Des centaines d'habitants ont marché mardi à Kaya pour réclamer la fin des attaques terroristes."),
]

CASES = VIOLENT + GATHERINGS
DISORDER = {BATTLES: "Political violence", REMOTE: "Political violence", CIVILIANS: "Political violence",
            "Protests": "Demonstrations", "Riots": "Demonstrations"}


@pytest.mark.parametrize(("event_type", "sub_event_type", "language", "text"), CASES,
                         ids=[f"{c[1]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_each_sub_event_type(pipeline, event_type: str, sub_event_type: str,  # type: ignore[no-untyped-def]
                             language: str, text: str) -> None:
    (event,) = events(pipeline, text, language)
    assert (event["event_type"], event["sub_event_type"]) == (event_type, sub_event_type)
    assert event["disorder_type"] == DISORDER[event_type]
    if DISORDER[event_type] == "Political violence":
        assert event["tags"] == ""  # no crowd size on violence
