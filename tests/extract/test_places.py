"""Places of official communiqués and wires: offsets with compound bearings, a village with its offset,
sectors and zones. Sentences written by the team (EN and FR)."""

from __future__ import annotations

import pytest

from eventcoder.geo import haversine_km
from eventcoder.ingest import report_from_text

pytestmark = pytest.mark.slow

TORODI = (13.119, 1.799)  # the gazetteer's Torodi of Niger (Tillabéri)


def coded(pipeline, text: str, published: str = "2024-03-13"):  # type: ignore[no-untyped-def]
    return [e.to_dict() for e in pipeline.extract_report(report_from_text(text, published=published))]


@pytest.mark.parametrize("text", [
    "Niger : une unité des Forces armées nigériennes est tombée lundi dans une embuscade près du village de "
    "Bandiagoubou, situé à 52 km au sud-ouest de Torodi. Bilan provisoire : quatre soldats tués.",
    "Niger: an army unit was ambushed on Monday near the village of Bandiagoubou, located 52 km south-west of "
    "Torodi, killing four soldiers.",
])
def test_an_unknown_village_is_placed_at_the_offset_point_with_its_compound_bearing(pipeline, text) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, text)
    assert event["country"] == "Niger" and event["admin1"] == "Tillaberi" and event["geo_precision"] == 2
    lat, lon = event["latitude"], event["longitude"]
    assert abs(haversine_km(TORODI[0], TORODI[1], lat, lon) - 52) < 2
    assert lat < TORODI[0] - 0.2 and lon < TORODI[1] - 0.2  # south-west (was read as due south)


@pytest.mark.parametrize("text", [
    "Burkina Faso : des hommes armés ont tué lundi huit civils dans le village de Koutougou, situé à 80 km au "
    "nord-est de Djibo.",
    "Burkina Faso: gunmen killed eight civilians on Monday in the village of Koutougou, about 80 km north-east "
    "of Djibo.",
])
def test_a_known_village_with_an_offset_is_the_village(pipeline, text) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, text)
    assert (event["location"], event["admin2"], event["geo_precision"]) == ("Koutougou", "Soum", 1)


def test_a_village_homonym_elsewhere_gives_the_offset_point(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, "Burkina Faso: gunmen killed eight civilians on Monday in the village of "
                               "Koutougou, 30 km south of Djibo.")
    assert event["location"] == "Djibo" and event["geo_precision"] == 2
    assert event["latitude"] < 13.9


@pytest.mark.parametrize(("text", "location"), [
    ("Mali : les vecteurs aériens des FAMa ont mené lundi deux frappes dans le secteur d'Amasrakad, "
     "neutralisant une dizaine de terroristes.", "Amasrakad"),
    ("Mali : du 4 au 11 mars 2024, les FAMa ont mené une opération dans la zone de Moura : 30 terroristes "
     "neutralisés.", "Moura"),
    ("Mali: soldiers killed 12 militants on Monday in the area of Boulkessi, the army said.", "Boulkessi"),
    ("Burkina Faso: gunmen killed five civilians on Monday in Tin-Akoff, a locality of the commune of Markoye.",
     "Tin-Akoff"),
])
def test_sectors_zones_and_localities_are_the_place_not_the_capital(pipeline, text, location) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, text)
    assert event["location"] == location and event["geo_precision"] == 1


def test_an_approximate_distance_in_words_is_an_offset_from_the_nearer_town(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "à une quarantaine de km de Tin-Akoff": the village lies near Tin-Akoff, not at the town named after it
    (event,) = coded(pipeline, "Burkina Faso : des hommes armés ont attaqué lundi des gendarmes dans le village de "
                               "Zzyzxabao, localité située à une quarantaine de km de Tin-Akoff, à 40 km de "
                               "Gorom-Gorom. Bilan provisoire : deux morts.")
    assert event["location"] == "Tin-Akoff" and event["geo_precision"] == 2


@pytest.mark.parametrize("text", [
    "Mali : selon l'État-Major général des armées, les Fama ont neutralisé jeudi une quinzaine de terroristes "
    "dans le secteur de Dourou.",
    "Mali : les Fama sont intervenues mardi dans le secteur de Dourou après une alerte et ont neutralisé douze "
    "terroristes, indique un communiqué de l'État-Major général des armées.",
])
def test_the_issuer_and_the_army_acronym_are_no_places(pipeline, text) -> None:  # type: ignore[no-untyped-def]
    # "les Fama" is the Malian army (FAMa), not the village of Fama in Sikasso (a plural article); the general staff issues
    # the communiqué; the sector names the place
    (event,) = coded(pipeline, text)
    assert (event["location"], event["admin1"], event["admin2"]) == ("Dourou", "Mopti", "Bandiagara")


def test_a_village_named_like_the_army_acronym_is_still_a_place_after_a_preposition(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, "Mali : des hommes armés ont tué trois civils mardi à Fama, dans la région de "
                               "Sikasso.")
    assert (event["location"], event["admin1"]) == ("Fama", "Sikasso")


@pytest.mark.parametrize("text", [
    "Niger : des assaillants ont tué neuf gardes nationaux samedi dans la zone de Tillia, dans la région de "
    "Tahoua proche du Mali.",
    "Niger: gunmen killed nine national guards on Saturday in the area of Tillia, in the Tahoua region close to "
    "Mali.",
])
def test_a_neighbour_the_region_lies_close_to_is_not_the_country(pipeline, text) -> None:  # type: ignore[no-untyped-def]
    # "proche du Mali" / "close to Mali" names a neighbour: the zone is Tillia of Niger, not a place in Mali
    (event,) = coded(pipeline, text)
    assert (event["country"], event["location"], event["admin1"]) == ("Niger", "Tillia", "Tahoua")


@pytest.mark.parametrize(("text", "precision"), [
    ("Mali : trois soldats ont été tués mercredi par un engin explosif sur l'axe routier Bandiagara-Bankass.", 2),
    ("Mali : trois soldats ont été tués mercredi par un engin explosif sur l'axe Bandiagara-Bankass.", 2),
    ("Mali : trois soldats ont été tués mercredi par un engin explosif dans la ville de Bandiagara.", 1),
])
def test_a_road_between_two_towns_is_coded_near_one_of_them(pipeline, text, precision) -> None:  # type: ignore[no-untyped-def]
    # ACLED codes an event on a road to a town on it with precision 2; inside the town, precision 1
    (event,) = coded(pipeline, text)
    assert event["location"] in ("Bandiagara", "Bankass") and event["admin1"] == "Mopti"
    assert event["geo_precision"] == precision


@pytest.mark.parametrize("text", [
    "Niger : onze gardes nationaux ont été tués samedi dans une embuscade dans la région de Tillabéri.",
    "Niger: eleven national guards were killed on Saturday in an ambush in the Tillaberi region.",
])
def test_a_region_named_after_its_capital_is_the_region_in_both_languages(pipeline, text) -> None:  # type: ignore[no-untyped-def]
    # "région de Tillabéri" was read as the department of Tillabéri (precision 2) where English got the region
    (event,) = coded(pipeline, text)
    assert (event["admin1"], event["admin2"], event["geo_precision"]) == ("Tillaberi", "", 3)


def test_the_town_itself_is_not_the_region(pipeline) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(pipeline, "Niger : onze gardes nationaux ont été tués samedi dans une embuscade à Tillabéri.")
    assert (event["location"], event["geo_precision"]) == ("Tillabéri", 1)
