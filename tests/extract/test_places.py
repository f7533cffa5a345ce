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
