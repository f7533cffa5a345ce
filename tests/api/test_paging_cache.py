"""Cursor pages (``after=``) and conditional requests (ETag / Last-Modified, 304) on /events and /aggregates."""

from __future__ import annotations

from api_factories import INCIDENTS, build
from api_helpers import TOKEN
from fastapi.testclient import TestClient


def test_cursor_pages_walk_every_event_once(client: TestClient) -> None:
    by_offset = [e["event_id_cnty"] for e in client.get("/events", params={"order": "event_date"}).json()["events"]]
    seen: list[str] = []
    body = client.get("/events", params={"limit": 4, "order": "event_date"}).json()
    assert body["cursor"] and "offset=4" in body["next"]  # offset pages keep offset links, and give a cursor
    seen += [e["event_id_cnty"] for e in body["events"]]
    url: str | None = f"/events?limit=4&order=event_date&after={body['cursor']}"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["total"] == 9
        seen += [e["event_id_cnty"] for e in body["events"]]
        url = body["next"]
        assert url is None or ("after=" in url and "offset" not in url)
    assert seen == by_offset and body["cursor"] is None


def test_cursor_errors_are_400(client: TestClient) -> None:
    cursor = client.get("/events", params={"limit": 2, "order": "event_date"}).json()["cursor"]
    for params, words in [({"after": cursor, "order": "-fatalities"}, "order=event_date"),
                          ({"after": "garbage"}, "cursor"),
                          ({"after": cursor, "order": "event_date", "offset": 2}, "offset")]:
        response = client.get("/events", params=params)
        assert response.status_code == 400, response.text
        body = response.json()
        assert body["ok"] is False and words in body["error"]


def test_csv_and_geojson_pages_link_by_cursor(client: TestClient) -> None:
    cursor = client.get("/events", params={"limit": 2, "order": "event_date"}).json()["cursor"]
    response = client.get("/events", params={"limit": 2, "order": "event_date", "after": cursor, "format": "csv"})
    assert response.status_code == 200 and "after=" in response.headers["link"]
    geo = client.get("/events", params={"limit": 2, "order": "event_date", "after": cursor,
                                        "format": "geojson"}).json()
    assert geo["cursor"] and len(geo["features"]) == 2


def test_conditional_get_on_events_and_aggregates(write_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    report = build(INCIDENTS[0])[0]
    assert write_client.post("/reports", json=report.to_dict(), headers=auth).status_code == 200
    for path in ("/events?country=Niger", "/aggregates?period=week", "/aggregates?period=month&format=csv"):
        first = write_client.get(path)
        assert first.status_code == 200
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert etag.startswith('W/"') and modified.endswith("GMT")
        again = write_client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.headers["etag"] == etag and again.content == b""
        assert write_client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
        assert write_client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
        assert write_client.get(path).content == first.content  # the same answer (aggregates: from the cache)
    other = write_client.get("/events?country=Mali").headers["etag"]
    assert other != write_client.get("/events?country=Niger").headers["etag"]  # one tag per query
    before = write_client.get("/aggregates?period=week")
    second = build(INCIDENTS[1])[0]
    assert write_client.post("/reports", json=second.to_dict(), headers=auth).status_code == 200
    after = write_client.get("/aggregates?period=week", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert sum(r["events"] for r in after.json()["rows"]) == sum(r["events"] for r in before.json()["rows"]) + 1
