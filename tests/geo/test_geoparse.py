"""geoparse, eval-geo and the CLI commands."""

import json

from typer.testing import CliRunner

from eventcoder.geo import geoparse
from eventcoder.geo._evaluate import eval_geo

TEXT = ("Gunmen killed seven soldiers in an ambush between Sokolo and Farabougou in central Mali on "
        "Wednesday, days after an attack near Djibo in Burkina Faso and one in Niamey, Niger.")


def test_geoparse_resolves_every_place(gaz):
    got = {m.text: m for m in geoparse(TEXT, gaz)}
    assert set(got) == {"Sokolo", "Farabougou", "Mali", "Djibo", "Burkina Faso", "Niamey", "Niger"}
    assert got["Sokolo"].admin1 == "Segou" and got["Sokolo"].country == "Mali"
    assert got["Farabougou"].admin1 == "Segou"
    assert got["Djibo"].iso2 == "BF" and got["Djibo"].feature_class == "P"
    assert got["Niamey"].feature_code == "PPLC"
    assert got["Niger"].feature_code == "PCLI"
    assert TEXT[got["Djibo"].start: got["Djibo"].end] == "Djibo"


GEOVIRUS = """<articles><article><source>x</source>
<text>Cases were found in Paris, France and in Nairobi, Kenya.</text>
<locations>
<location><name>Paris</name><start>21</start><end>26</end><lat>48.85</lat><lon>2.35</lon></location>
<location><name>France</name><start>28</start><end>34</end><lat>46</lat><lon>2</lon></location>
<location><name>Nairobi</name><start>42</start><end>49</end><lat>-1.28</lat><lon>36.81</lon></location>
</locations></article></articles>"""


def test_eval_geo_on_a_tiny_corpus(gaz, tmp_path):
    path = tmp_path / "g.xml"
    path.write_text(GEOVIRUS, encoding="utf-8")
    f = eval_geo(path, gaz).figures()
    assert f["gold_toponyms"] == 3 and f["predicted_toponyms"] == 4  # Kenya is not annotated
    assert f["recognition_recall_exact"] == 1.0 and f["recognition_precision_exact"] == 0.75
    assert f["end_to_end_acc161"] == 1.0 and f["end_to_end_median_km"] < 161
    assert 0 <= f["end_to_end_auc"] < 0.6


def test_cli_commands(gaz, tmp_path):
    import typer

    from eventcoder.cli.geo import eval_geo as eval_cmd
    from eventcoder.cli.geo import gazetteer_app
    from eventcoder.cli.geo import geoparse as geoparse_cmd

    app = typer.Typer()
    app.add_typer(gazetteer_app, name="gazetteer")
    app.command("geoparse")(geoparse_cmd)
    app.command("eval-geo")(eval_cmd)
    src = tmp_path / "r.txt"
    src.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["geoparse", str(src), "--format", "jsonl", "--db", gaz.path])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert {r["text"] for r in rows} >= {"Sokolo", "Djibo"}
    assert {"start", "end", "text", "geonameid", "name", "latitude", "longitude", "admin1", "country",
            "feature_class"} <= set(rows[0])
    xml = tmp_path / "g.xml"
    xml.write_text(GEOVIRUS, encoding="utf-8")
    res = runner.invoke(app, ["eval-geo", str(xml), "--db", gaz.path])
    assert res.exit_code == 0 and "acc@161km" in res.output
    res = runner.invoke(app, ["gazetteer", "info", "--db", gaz.path])
    assert res.exit_code == 0 and "data_version" in res.output


def test_country_names_mean_the_country(gaz):
    text = ("Cases were confirmed in Mexico, where Mexico City hospitals are full, and in Iraq, Iran, Syria "
            "and Turkey. Texas and California also reported cases in the United States.")
    got = {m.text: m for m in geoparse(text, gaz)}
    assert got["Mexico"].feature_code == "PCLI" and got["Mexico City"].feature_code == "PPLC"
    assert got["Iraq"].iso2 == "IQ" and got["Iraq"].feature_code == "PCLI"
    assert (got["Texas"].iso2, got["Texas"].feature_code) == ("US", "ADM1")
    assert (got["California"].iso2, got["California"].feature_code) == ("US", "ADM1")


def test_archipelago_countries_keep_their_published_point(gaz):
    # the largest island's centroid (Borneo, Luzon, South Island) does not stand for the country
    got = {m.text: m for m in geoparse("Indonesia, the Philippines and New Zealand.", gaz)}
    assert abs(got["Indonesia"].latitude + 5) < 1 and abs(got["Indonesia"].longitude - 120) < 1
    assert abs(got["Philippines"].latitude - 13) < 1


def test_abbreviations_and_world_regions(gaz):
    text = "Fires burned in NSW while Darfur and the Middle East saw fighting."
    got = {m.text: m for m in geoparse(text, gaz)}
    assert got["NSW"].name == "New South Wales"
    assert got["Darfur"].iso2 == "SD"
    assert got["Middle East"].feature_class == "L"


def test_a_mention_takes_in_its_generic_word(gaz):
    text = "Flooding hit Dallas County on Monday; boats were lost on Lake Victoria near Kampala."
    got = {m.text: m for m in geoparse(text, gaz)}
    assert "Dallas County" in got and "Lake Victoria" in got and "Kampala" in got
    assert got["Dallas County"].iso2 == "US" and got["Lake Victoria"].latitude is not None
