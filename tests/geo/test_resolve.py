"""Resolution: relative places, fallbacks and homonyms."""

import pytest
from shapely.geometry import Point

from eventcoder.geo import country_info, haversine_km, resolve_place, resolve_places
from eventcoder.geo._geodesy import geodesic_km, parse_bearing
from eventcoder.records import Mention, PlacePhrase


def resolve(gaz, *names, country=None, **kw):
    return resolve_place(PlacePhrase(names=tuple(names), **kw), country_hint=country, gazetteer=gaz)


# ------------------------------------------------------------------------------------ relative places


def test_between_is_the_geodesic_midpoint(gaz):
    p = resolve(gaz, "Deou", "Oursi", relation="between", country="BF")
    deou = resolve(gaz, "Deou", country="BF")
    oursi = resolve(gaz, "Oursi", country="BF")
    assert p.geo_precision == 2
    d1 = haversine_km(p.latitude, p.longitude, deou.latitude, deou.longitude)
    d2 = haversine_km(p.latitude, p.longitude, oursi.latitude, oursi.longitude)
    assert abs(d1 - d2) < 0.5 and 10 < d1 < 20
    assert p.location == "Déou" and p.admin2 == "Oudalan" and "midpoint" in p.how


def test_between_with_one_unknown_end_uses_the_other(gaz):
    p = resolve(gaz, "Djibo", "Zzyzxkoro", relation="between", country="BF")
    assert p.location == "Djibo" and p.geo_precision == 2 and "not in the gazetteer" in p.how


@pytest.mark.parametrize(("bearing", "dlat_sign", "dlon_sign"), [
    ("north", 1, 0), ("south", -1, 0), ("au sud de", -1, 0), ("east", 0, 1), ("nord-ouest", 1, -1),
    ("SE", -1, 1),
])
def test_offset_is_a_forward_geodesic(gaz, bearing, dlat_sign, dlon_sign):
    djibo = resolve(gaz, "Djibo", country="BF")
    p = resolve(gaz, "Djibo", relation="offset", distance_km=30, bearing=bearing, country="BF")
    assert p.geo_precision == 2 and p.location == "Djibo"
    assert abs(geodesic_km(djibo.latitude, djibo.longitude, p.latitude, p.longitude) - 30) < 0.5
    for delta, sign in ((p.latitude - djibo.latitude, dlat_sign), (p.longitude - djibo.longitude, dlon_sign)):
        if sign:
            assert delta * sign > 0.05
        else:
            assert abs(delta) < 0.01


def test_offset_without_bearing_is_the_place_itself(gaz):
    djibo = resolve(gaz, "Djibo", country="BF")
    p = resolve(gaz, "Djibo", relation="offset", distance_km=30, country="BF")
    assert (p.latitude, p.longitude, p.geo_precision) == (djibo.latitude, djibo.longitude, 2)
    assert "no bearing" in p.how


def test_offset_stays_inside_the_country(gaz):
    # 200 km north of Djibo would be in Mali: the point is pulled back inside Burkina Faso
    p = resolve(gaz, "Djibo", relation="offset", distance_km=200, bearing="north", country="BF")
    assert gaz.country_shape("BF").covers(Point(p.longitude, p.latitude))
    assert p.country == "Burkina Faso" and "inside" in p.how


def test_near_is_the_place_with_precision_2(gaz):
    p = resolve(gaz, "Nara", relation="near", country="ML")
    assert p.geo_precision == 2 and p.admin1 == "Koulikoro" and abs(p.latitude - 15.17) < 0.1


def test_border_point_is_on_the_home_side(gaz):
    p = resolve(gaz, "Mauritanian", relation="border", country="ML")
    mali, mauritania = gaz.country_shape("ML"), gaz.country_shape("MR")
    pt = Point(p.longitude, p.latitude)
    assert mali.covers(pt) and not mauritania.covers(pt)
    assert mauritania.distance(pt) < 0.5  # within about 50 km of the border
    assert p.geo_precision == 3 and p.country == "Mali"


def test_border_with_an_anchor(gaz):
    # "400 km north of Bamako near the Mauritanian border" (the worked example): near Nara
    p = resolve(gaz, "Mauritania", "Bamako", relation="border", distance_km=400, bearing="north", country="ML")
    assert p.geo_precision == 2 and p.admin1 == "Koulikoro"
    assert haversine_km(p.latitude, p.longitude, 15.17, -7.29) < 100


@pytest.mark.parametrize(("name", "country", "admin1"), [
    ("Liptako-Gourma", "BF", "Sahel"), ("tri-border area", "NE", "Tillaberi"),
    ("zone des trois frontières", "ML", None), ("Wagadou forest", "ML", None), ("forêt du Wagadou", "ML", None),
])
def test_areas_give_a_point_inside_the_country_named(gaz, name, country, admin1):
    p = resolve(gaz, name, relation="area", country=country)
    assert p.geo_precision == 3
    assert gaz.country_shape(country).covers(Point(p.longitude, p.latitude))
    assert p.country == country_info(country).name
    if admin1:
        assert p.admin1 == admin1


def test_admin_units(gaz):
    p = resolve(gaz, "Tillabéri region", relation="admin", country="NE")
    assert (p.geo_precision, p.admin1, p.country) == (3, "Tillaberi", "Niger")
    p = resolve(gaz, "province du Soum", relation="admin", country="BF")
    assert (p.geo_precision, p.admin1, p.admin2) == (2, "Sahel", "Soum")
    assert gaz.admin_shape("BF", "Sahel", "Soum").covers(Point(p.longitude, p.latitude))


# ------------------------------------------------------------------------------------------ fallbacks


def test_unknown_village_falls_back_to_the_admin_unit_named(gaz):
    p = resolve(gaz, "Zaroumadareye", admin_hints=("département de Ouallam",), country="NE")
    assert p.geo_precision == 2 and p.admin2 == "Ouallam" and "not in the gazetteer" in p.how
    p = resolve(gaz, "Kogsablego", admin_hints=("Centre-Nord region",), country="BF")
    assert p.geo_precision == 3 and p.admin1 == "Centre-Nord" and "fell back" in p.how


def test_unknown_village_with_only_a_country_is_country_only(gaz):
    p = resolve(gaz, "Kogsablego", country="BF")
    assert p.geo_precision == 3 and p.how.startswith("country only")
    assert gaz.country_shape("BF").covers(Point(p.longitude, p.latitude))


def test_nothing_known_is_none(gaz):
    assert resolve(gaz, "Zzyzxkoro") is None


def test_resolve_places_fills_mentions_and_never_drops(gaz):
    def mention(i, phrase, country):
        return Mention(id=f"m{i}", report_id="r1", language="en", trigger="attack", cue="attack",
                       place_phrase=phrase, country_hint=country)

    ms = [mention(1, PlacePhrase(names=("Sokolo", "Farabougou"), relation="between"), "Mali"),
          mention(2, PlacePhrase(names=("Zzyzxkoro",)), "Mali"),
          mention(3, None, "Burkina Faso")]
    out = resolve_places(ms, gaz)
    assert [m.id for m in out] == ["m1", "m2", "m3"]
    assert out[0].place.admin2 == "Niono" and out[0].place.geo_precision == 2
    assert out[1].place.how.startswith("country only") and "place: country only" in out[1].quality_flags
    assert out[2].place.country == "Burkina Faso" and out[2].place.geo_precision == 3


# ------------------------------------------------------------------------------------------ homonyms


def test_kayes_in_mali_and_in_congo(gaz, mini):
    for g in (gaz, mini):
        assert resolve(g, "Kayes", country="ML").country == "Mali"
        p = resolve(g, "Kayes", country="CG")
        assert p.country == "Republic of Congo" and p.latitude < 0
        assert resolve(g, "Kayes").country == "Mali"  # the larger one without context


def test_several_nioro(gaz, mini):
    for g in (gaz, mini):
        assert resolve(g, "Nioro", country="ML").admin1 == "Kayes"
        assert resolve(g, "Nioro", admin_hints=("Sanmatenga",)).country == "Burkina Faso"
        assert resolve(g, "Nioro du Sahel").admin1 == "Kayes"


@pytest.mark.parametrize("hint", ["central Mali", "Niono cercle", "Ségou region", "cercle de Niono"])
def test_sokolo_and_farabougou_homonyms(gaz, hint):
    sokolo = resolve(gaz, "Sokolo", admin_hints=(hint,))
    assert (sokolo.admin1, sokolo.admin2) == ("Segou", "Niono")
    fara = resolve(gaz, "Farabougou", admin_hints=(hint,))
    assert (fara.admin1, fara.admin2) == ("Segou", "Niono"), fara.how
    assert len(gaz.lookup("Farabougou", country="ML")) >= 5  # there really are homonyms to choose from


def test_context_names_choose_the_homonym(gaz):
    p = resolve_place(PlacePhrase(names=("Farabougou",)), country_hint="ML", context_names=("Sokolo", "Diabaly"),
                      gazetteer=gaz)
    assert p.admin2 == "Niono"


def test_mini_gazetteer_admin_hint(mini):
    p = resolve(mini, "Sokolo", admin_hints=("Sikasso",), country="ML")
    assert p.admin1 == "Sikasso"
    p = resolve(mini, "Sokolo", country="ML")
    assert p.admin1 in {"Segou", "Sikasso"}


def test_bearings():
    assert parse_bearing("north-east") == 45 and parse_bearing("nord-est") == 45
    assert parse_bearing("au sud-ouest de") == 225 and parse_bearing("WNW") == 292.5
    assert parse_bearing("90") == 90 and parse_bearing(None) is None and parse_bearing("upstream") is None


# ------------------------------------------------------------------------------ round two: conventions


def test_a_region_with_a_town_inside_it_named_in_the_hints_is_the_town(gaz):
    # "plusieurs localités du département de Tillia, dans le nord de la région de Tahoua"
    p = resolve(gaz, "Tahoua", relation="admin", admin_hints=("Tillia",), country="NE")
    assert p.location == "Tillia" and p.geo_precision == 2 and p.admin1 == "Tahoua"
    assert "inside it" in p.how
    # a town of another region named in the hints does not move the point
    p = resolve(gaz, "Tahoua", relation="admin", admin_hints=("Ouallam",), country="NE")
    assert p.admin1 == "Tahoua" and p.location == "Tahoua"


def test_a_bare_hint_naming_a_region_and_its_capitals_department_falls_back_to_the_region(gaz):
    p = resolve(gaz, "Zaroumadareye", admin_hints=("Tillaberi",), country="NE")
    assert (p.admin1, p.geo_precision) == ("Tillaberi", 3) and "adm1" in p.how
    p = resolve(gaz, "Zaroumadareye", admin_hints=("département de Tillabéri",), country="NE")
    assert (p.admin2, p.geo_precision) == ("Tillaberi", 2)


def test_a_longitude_with_a_lost_minus_sign_is_corrected(gaz):
    # GeoNames 10343856 puts Tessit (Gao region, east of the meridian) at 0.3° W
    p = resolve(gaz, "Tessit", country="ML")
    assert p.longitude > 0.2 and p.admin1 == "Gao"
    assert "Tessit" in gaz.meta()["corrections"]


@pytest.mark.parametrize(("name", "iso2"), [("Darfur", "SD"), ("Sinai", "EG"), ("Crimea", "UA")])
def test_named_regions_of_the_wider_world(gaz, name, iso2):
    p = resolve(gaz, name, relation="area", country=iso2)
    assert p.geo_precision == 3 and p.country == country_info(iso2).name


def test_world_regions_are_never_a_sahel_event_place(gaz):
    # "across West Africa" in a Malian report: no point in the sea or in another country
    p = resolve(gaz, "West Africa", country="ML")
    assert p.how.startswith("country only") and p.country == "Mali"


def test_a_unit_then_a_village_inside_it_is_the_village(gaz):
    # "2. KOSSI (Boucle du Mouhoun) - ... the village of Bourasso": names ("Kossi", "Bourasso")
    p = resolve(gaz, "Kossi", "Boucle du Mouhoun", "Bourasso", country="BF")
    assert p.location == "Bourasso" and p.geo_precision == 1 and p.admin2 == "Kossi"
    # a town outside the unit does not move the point
    p = resolve(gaz, "Kossi", "Djibo", relation="admin", country="BF")
    assert p.admin2 == "Kossi" and p.location != "Djibo"


# --------------------------------------------------- a village with an offset ("X, 52 km SW of Y")


def test_a_village_named_with_an_offset_is_the_village_when_it_lies_there(gaz):
    # Koutougou (Soum) lies about 80 km north-east of Djibo: the village itself, precision 1
    p = resolve(gaz, "Djibo", "Koutougou", relation="offset", distance_km=80, bearing="north-east", country="BF")
    assert p.location == "Koutougou" and p.geo_precision == 1 and p.admin2 == "Soum"
    # without a bearing, the distance alone must fit
    p = resolve(gaz, "Djibo", "Koutougou", relation="offset", distance_km=80, country="BF")
    assert p.location == "Koutougou" and p.geo_precision == 1


def test_a_village_homonym_away_from_the_offset_point_is_not_taken(gaz):
    # the gazetteer's Koutougou of Niger is some 200 km north of Torodi: the offset point, not the homonym
    torodi = resolve(gaz, "Torodi", country="NE")
    p = resolve(gaz, "Torodi", "Koutougou", relation="offset", distance_km=52, bearing="south-west", country="NE")
    assert p.location == "Torodi" and p.geo_precision == 2 and p.country == "Niger"
    assert abs(geodesic_km(torodi.latitude, torodi.longitude, p.latitude, p.longitude) - 52) < 1
    assert p.latitude < torodi.latitude - 0.2 and p.longitude < torodi.longitude - 0.2  # south-west, not south
    p = resolve(gaz, "Djibo", "Koutougou", relation="offset", distance_km=30, bearing="south", country="BF")
    assert p.location == "Djibo" and p.geo_precision == 2
