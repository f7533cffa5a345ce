"""GET /aggregates and GET /export."""

from __future__ import annotations

import csv
import io
import json

import pytest
from api_helpers import Seeded
from fastapi.testclient import TestClient

from eventcoder.formats import ACLED_COLUMNS


def test_weekly_totals(client: TestClient) -> None:
    body = client.get("/aggregates", params={"period": "week"}).json()
    assert body["ok"] is True and body["period"] == "week" and body["by"] is None
    assert sum(r["events"] for r in body["rows"]) == 9
    assert sum(r["fatalities"] for r in body["rows"]) == sum(
        e["fatalities"] for e in client.get("/events").json()["events"])
    assert body["rows"][0]["period"] == "2024-03-04"  # the Monday of the week of 2024-03-10


def test_monthly_by_country(client: TestClient) -> None:
    rows = client.get("/aggregates", params={"period": "month", "by": "country"}).json()["rows"]
    march = {r["key"]: r["events"] for r in rows if r["period"] == "2024-03-01"}
    assert march == {"Mali": 1, "Niger": 2}
    assert all(r["key"] == r["country"] for r in rows)


def test_by_actor_and_type_with_filters(client: TestClient) -> None:
    rows = client.get("/aggregates", params={"period": "all", "by": "actor", "country": "Burkina Faso"}).json()["rows"]
    totals = {r["key"]: r["events"] for r in rows}
    assert totals == {"JNIM: Group for Support of Islam and Muslims": 2, "Unidentified Armed Group (Burkina Faso)": 1}
    rows = client.get("/aggregates", params={"period": "day", "by": "type"}).json()["rows"]
    assert sum(r["events"] for r in rows if r["key"] == "Battles") == 3


def test_by_admin_levels(client: TestClient) -> None:
    rows = client.get("/aggregates", params={"period": "all", "by": "admin1"}).json()["rows"]
    assert {r["key"]: r["events"] for r in rows}["Tillaberi"] == 2
    rows = client.get("/aggregates", params={"period": "all", "by": "admin2", "admin1": "Sahel"}).json()["rows"]
    assert {r["key"] for r in rows} == {"Soum", "Seno"}


def test_aggregates_csv(client: TestClient) -> None:
    response = client.get("/aggregates", params={"period": "month", "by": "country", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert response.headers["content-type"].startswith("text/csv")
    assert set(rows[0]) == {"period", "key", "events", "fatalities"} and len(rows) >= 3


def test_export_acled_csv_has_acled_columns(client: TestClient) -> None:
    response = client.get("/export", params={"format": "acled-csv"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == 10
    dates = [r[1] for r in rows[1:]]
    assert dates == sorted(dates)


def test_export_filters_and_formats(client: TestClient, seeded: Seeded) -> None:
    lines = client.get("/export", params={"format": "jsonl", "country": "Mali"}).text.splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["country"] for r in records} == {"Mali"} and len(records) == 3
    assert "evidence" in records[0]
    collection = client.get("/export", params={"format": "geojson", "actor": "JNIM"}).json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3


def test_export_empty(client: TestClient) -> None:
    assert client.get("/export", params={"format": "geojson", "country": "Chad"}).json()["features"] == []
    assert client.get("/export", params={"format": "jsonl", "country": "Chad"}).text == ""


@pytest.mark.parametrize(("api_format", "cli_format"), [("acled-csv", "acled-csv"), ("jsonl", "jsonl"),
                                                        ("geojson", "geojson")])
def test_export_mirrors_the_cli(client: TestClient, seeded: Seeded, api_format: str, cli_format: str) -> None:
    """GET /export gives what `eventcoder export` writes, for the same filters."""
    from typer.testing import CliRunner

    from eventcoder.cli.app import app

    result = CliRunner().invoke(app, ["export", "--format", cli_format, "--db", seeded.url, "--country", "Niger",
                                      "--date-from", "2024-03-01"])
    assert result.exit_code == 0, result.output
    api = client.get("/export", params={"format": api_format, "country": "Niger", "date_from": "2024-03-01"}).text
    if api_format == "geojson":
        assert json.loads(api) == json.loads(result.stdout)
    else:
        assert api == result.stdout
