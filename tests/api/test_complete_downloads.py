"""The API's downloads on SQLite and PostgreSQL, with more events than any page size: ``GET /export`` is
complete (streamed); every ``GET /events`` page, CSV and GeoJSON included, names the next one (``Link``
rel=next and ``X-Next-Cursor``) until the last, so that following them gives every event once."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from api_helpers import make_client
from fastapi.testclient import TestClient

from eventcoder.api.routes import export as export_route
from eventcoder.store import EventStore
from listing_events import MANY, backend_url, many_events

BACKENDS = [pytest.param("sqlite"), pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def many(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         fresh_pg_database: Callable[[str], AbstractContextManager[str]]) -> Iterator[tuple[TestClient, Any]]:
    events = many_events()
    with backend_url(request.param, tmp_path_factory.mktemp("downloads"), fresh_pg_database) as url:
        with EventStore(url) as store:
            ids = set(store.load_events(events))
        expected = {"ids": ids, "located": sum(e.latitude is not None for e in events),
                    "niger": sum(e.country == "Niger" for e in events)}
        with make_client(url) as client:
            yield client, expected


def test_export_is_complete_in_every_format(many: tuple[TestClient, Any]) -> None:
    client, expected = many
    assert MANY > export_route.CHUNK  # the download spans several of the store's pages
    acled = client.get("/export", params={"format": "acled-csv"})
    assert acled.status_code == 200 and "link" not in acled.headers
    rows = list(csv.DictReader(io.StringIO(acled.text)))
    assert {r["event_id_cnty"] for r in rows} == expected["ids"] and len(rows) == MANY
    lines = client.get("/export", params={"format": "jsonl"}).text.splitlines()
    assert len(lines) == MANY and {json.loads(x)["event_id_cnty"] for x in lines} == expected["ids"]
    geo = client.get("/export", params={"format": "geojson"}).json()
    assert len(geo["features"]) == expected["located"]
    niger = client.get("/export", params={"format": "jsonl", "country": "Niger"}).text.splitlines()
    assert len(niger) == expected["niger"]


def _follow(client: TestClient, url: str | None) -> tuple[list[Any], list[str]]:
    """Every page from ``url`` on, by each response's Link header; returns the responses and cursors."""
    responses, cursors = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        assert response.headers["x-total-count"] == str(MANY)
        responses.append(response)
        link, cursor = response.headers.get("link"), response.headers.get("x-next-cursor")
        assert (link is None) == (cursor is None)  # both name the next page, or neither (the last)
        if link is None:
            break
        assert link.endswith('>; rel="next"') and ("after=" not in link or f"after={cursor}" in link)
        cursors.append(cursor)
        url = link[1:link.index(">")]
    return responses, cursors


def test_csv_pages_chain_to_every_event(many: tuple[TestClient, Any]) -> None:
    client, expected = many
    by_link, _ = _follow(client, "/events?format=csv&limit=1000&order=event_date")
    assert len(by_link) == 2 and "offset=1000" in by_link[0].headers["link"]  # offset pages link by offset
    first = client.get("/events?format=csv&limit=400&order=event_date")
    by_cursor, cursors = _follow(client, f"/events?format=csv&limit=400&order=event_date"
                                         f"&after={first.headers['x-next-cursor']}")
    assert len(by_cursor) == 3 and len(cursors) == 2  # 1234 = 400 + 400 + 400 + 34
    for pages in (by_link, [first, *by_cursor]):
        ids = [r["event_id_cnty"] for resp in pages for r in csv.DictReader(io.StringIO(resp.text))]
        assert len(ids) == MANY and set(ids) == expected["ids"]


def test_geojson_pages_carry_the_next_page_in_body_and_headers(many: tuple[TestClient, Any]) -> None:
    client, expected = many
    responses, _ = _follow(client, "/events?format=geojson&limit=500&order=-event_date")
    assert len(responses) == 3
    bodies = [r.json() for r in responses]
    assert [b["cursor"] is not None for b in bodies] == [True, True, False]
    assert bodies[0]["next"] == responses[0].headers["link"][1:responses[0].headers["link"].index(">")]
    features = [f["properties"]["event_id_cnty"] for b in bodies for f in b["features"]]
    assert len(features) == len(set(features)) == expected["located"]
