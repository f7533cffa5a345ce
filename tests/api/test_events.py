"""GET /events: every filter, pagination, formats; GET /events/{id} with its reports and redirects."""

from __future__ import annotations

import csv
import io

import pytest
from api_helpers import MERGED_AWAY, Seeded
from fastapi.testclient import TestClient

from eventcoder.formats import ACLED_COLUMNS


def ids_of(client: TestClient, **params: object) -> set[str]:
    response = client.get("/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True and body["count"] == len(body["events"])
    return {e["event_id_cnty"] for e in body["events"]}


def test_all_events_and_total(client: TestClient, seeded: Seeded) -> None:
    body = client.get("/events").json()
    assert body["total"] == len(set(seeded.ids.values())) == 9
    assert body["next"] is None
    dates = [e["event_date"] for e in body["events"]]
    assert dates == sorted(dates, reverse=True)  # newest first by default
    assert set(body["events"][0]) >= set(ACLED_COLUMNS) | {"fatality_reports", "evidence", "status"}


def test_follow_up_report_was_fused(client: TestClient, seeded: Seeded) -> None:
    assert seeded.ids["tillaberi-ambush"] == seeded.ids["tillaberi-ambush-fr"]
    event = client.get(f"/events/{seeded.ids['tillaberi-ambush']}").json()["event"]
    assert sorted(event["report_ids"]) == ["rep-tillaberi-ambush", "rep-tillaberi-ambush-fr"]


@pytest.mark.parametrize(("params", "keys"), [
    ({"date_from": "2024-05-01"}, {"menaka-clash", "kidal-airstrike", "dori-ied", "fada-attack"}),
    ({"date_to": "2024-03-11"}, {"tillaberi-ambush", "mopti-attack"}),
    ({"date_from": "2024-03-11", "date_to": "2024-03-20"}, {"mopti-attack", "ayorou-attack"}),
    ({"country": "Mali"}, {"mopti-attack", "menaka-clash", "kidal-airstrike"}),
    ({"country": ["Mali", "Burkina Faso"]}, {"mopti-attack", "menaka-clash", "kidal-airstrike", "djibo-abduction",
                                             "dori-ied", "fada-attack"}),
    ({"admin1": "Tillaberi"}, {"tillaberi-ambush", "ayorou-attack"}),
    ({"admin2": "Seno"}, {"dori-ied"}),
    ({"bbox": "-2,13.5,0,14.5"}, {"djibo-abduction", "dori-ied"}),
    ({"near": "14.2,1.45,100"}, {"tillaberi-ambush", "ayorou-attack"}),
    ({"near": "14.2,1.45,10"}, {"tillaberi-ambush"}),
    ({"event_type": "Battles"}, {"tillaberi-ambush", "diffa-clash", "menaka-clash"}),
    ({"sub_event_type": "Abduction/forced disappearance"}, {"djibo-abduction"}),
    ({"sub_event_type": "Remote explosive/landmine/IED"}, {"dori-ied"}),
    ({"actor": "ISSP"}, {"tillaberi-ambush", "ayorou-attack", "diffa-clash",
                                                 "menaka-clash"}),
    ({"actor": "JNIM"}, {"mopti-attack", "djibo-abduction", "dori-ied"}),  # an alias
    ({"actor": "GSIM"}, {"mopti-attack", "djibo-abduction", "dori-ied"}),  # another alias
    ({"actor": "FAMa"}, {"menaka-clash", "kidal-airstrike"}),  # any period of Mali's forces
    ({"actor": "Military Forces of Mali (2021-)"}, {"menaka-clash", "kidal-airstrike"}),  # a canonical name
    ({"actor": "Military Forces of Mali (2013-2020)"}, set()),  # exactly that period
    ({"actor": ["JNIM", "Unidentified Armed Group (Burkina Faso)"]}, {"mopti-attack", "djibo-abduction",
                                                                        "dori-ied", "fada-attack"}),
    ({"inter": 7}, {"ayorou-attack", "mopti-attack", "djibo-abduction", "fada-attack"}),
    ({"interaction": 12}, {"tillaberi-ambush", "diffa-clash", "menaka-clash", "dori-ied"}),
    ({"fatalities_min": 8}, {"tillaberi-ambush", "ayorou-attack", "mopti-attack", "menaka-clash"}),
    ({"fatalities_min": 5, "fatalities_max": 8}, {"diffa-clash", "mopti-attack", "dori-ied"}),
    ({"fatalities_max": 0}, {"kidal-airstrike", "djibo-abduction"}),
    ({"status": "claimed"}, {"mopti-attack"}),
    ({"status": "confirmed"}, {"tillaberi-ambush", "diffa-clash"}),
    ({"status": "disputed"}, {"menaka-clash"}),
    ({"status": ["claimed", "disputed"]}, {"mopti-attack", "menaka-clash"}),
    ({"source": "radio"}, {"ayorou-attack", "kidal-airstrike"}),
    ({"source": "journal du niger"}, {"tillaberi-ambush"}),
    ({"q": "kidal"}, {"kidal-airstrike"}),
    ({"q": "civilians (burkina"}, {"djibo-abduction", "fada-attack"}),
    ({"report_id": "rep-tillaberi-ambush-fr"}, {"tillaberi-ambush"}),
    ({"country": "Niger", "event_type": "Battles", "fatalities_min": 10}, {"tillaberi-ambush"}),
    ({"country": "Chad"}, set()),
])
def test_filters(client: TestClient, seeded: Seeded, params: dict[str, object], keys: set[str]) -> None:
    assert ids_of(client, **params) == {seeded.ids[k] for k in keys}


def test_updated_since(client: TestClient, seeded: Seeded) -> None:
    assert len(ids_of(client, updated_since="2000-01-01")) == 9
    assert len(ids_of(client, updated_since="2000-01-01T00:00:00Z")) == 9
    assert len(ids_of(client, updated_since="946684800")) == 9
    assert ids_of(client, updated_since="2999-01-01") == set()


def test_pagination_walks_every_event_once(client: TestClient) -> None:
    seen: list[str] = []
    url: str | None = "/events?limit=4&order=event_date"
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        assert body["total"] == 9 and body["limit"] == 4
        seen += [e["event_id_cnty"] for e in body["events"]]
        url = body["next"]
        pages += 1
    assert pages == 3 and len(seen) == len(set(seen)) == 9
    dates = [client.get(f"/events/{i}").json()["event"]["event_date"] for i in seen]
    assert dates == sorted(dates)


def test_next_link_keeps_filters_and_offset_past_end(client: TestClient) -> None:
    body = client.get("/events", params={"country": "Mali", "limit": 2}).json()
    assert body["total"] == 3 and "country=Mali" in body["next"] and "offset=2" in body["next"]
    last = client.get(body["next"]).json()
    assert last["count"] == 1 and last["next"] is None
    beyond = client.get("/events", params={"offset": 50}).json()
    assert beyond["events"] == [] and beyond["total"] == 9 and beyond["next"] is None


@pytest.mark.parametrize("order", ["fatalities", "-fatalities", "country", "-timestamp", "event_id_cnty"])
def test_order(client: TestClient, order: str) -> None:
    events = client.get("/events", params={"order": order}).json()["events"]
    key = order.lstrip("-")
    values = [e[key] for e in events]
    assert values == sorted(values, reverse=order.startswith("-"))


def test_csv_format(client: TestClient) -> None:
    response = client.get("/events", params={"format": "csv", "country": "Mali", "limit": 2})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-total-count"] == "3" and 'rel="next"' in response.headers["link"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0][:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(rows) == 3 and all(r[rows[0].index("country")] == "Mali" for r in rows[1:])


def test_geojson_format(client: TestClient) -> None:
    response = client.get("/events", params={"format": "geojson", "event_type": "Battles"})
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["total"] == 3 and len(body["features"]) == 3
    feature = body["features"][0]
    assert feature["geometry"]["type"] == "Point" and len(feature["geometry"]["coordinates"]) == 2
    assert "evidence" not in feature["properties"] and feature["properties"]["event_type"] == "Battles"


def test_event_detail(client: TestClient, seeded: Seeded) -> None:
    event_id = seeded.ids["tillaberi-ambush"]
    body = client.get(f"/events/{event_id}").json()
    assert body["ok"] is True and body["event"]["event_id_cnty"] == event_id
    assert [r["id"] for r in body["reports"]] == ["rep-tillaberi-ambush", "rep-tillaberi-ambush-fr"]
    assert all(r["text"] for r in body["reports"])
    assert len(body["mentions"]) == 2 and body["mentions"][0]["report_id"] == "rep-tillaberi-ambush"
    evidence = body["event"]["evidence"]
    assert {"actor1", "location", "event_date", "fatalities"} <= set(evidence)
    for spans in evidence.values():
        for span in spans:
            text = next(r["text"] for r in body["reports"] if r["id"] == span["report_id"])
            assert text[span["start"]:span["end"]] == span["text"]
    assert {f["by"] for f in body["event"]["fatality_reports"]} >= {"Niger's defence ministry", "local sources"}
    assert body["history"][0]["field"] == "event"
    assert any(h["report_id"] == "rep-tillaberi-ambush-fr" for h in body["history"])


def test_merged_away_id_redirects(client: TestClient, seeded: Seeded) -> None:
    survivor = seeded.ids["tillaberi-ambush"]
    response = client.get(f"/events/{MERGED_AWAY}", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"].endswith(f"/events/{survivor}")
    followed = client.get(f"/events/{MERGED_AWAY}")
    assert followed.status_code == 200 and followed.json()["event"]["event_id_cnty"] == survivor
    page = client.get(f"/ui/events/{MERGED_AWAY}", follow_redirects=False)
    assert page.status_code == 308 and page.headers["location"].endswith(f"/ui/events/{survivor}")


def test_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/events/MLI999999")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no event 'MLI999999'", "code": "not_found", "status": 404}
