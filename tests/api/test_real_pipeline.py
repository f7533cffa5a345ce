"""POST /reports through the real pipeline (spaCy models) with the demo reports, then read them back."""

from __future__ import annotations

from pathlib import Path

import pytest
from api_helpers import TOKEN
from fastapi.testclient import TestClient

from eventcoder.api import ApiSettings, create_app
from eventcoder.ingest import read_reports

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parents[2] / "demo"


def test_demo_reports_through_the_real_pipeline(tmp_path: Path) -> None:
    reports = [r.to_dict() for r in read_reports([DEMO])]
    app = create_app(ApiSettings(db_url=f"sqlite:///{tmp_path / 'demo.db'}", token=TOKEN))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/reports", json=reports, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["reports"]) == len(reports) and body["event_ids"]
        events = client.get("/events", params={"limit": 1000}).json()
        assert events["total"] == len(body["event_ids"]) >= 3
        for event in events["events"]:
            assert event["event_id_cnty"] in body["event_ids"]
            page = client.get(f"/ui/events/{event['event_id_cnty']}")
            assert page.status_code == 200
            if event["evidence"]:
                assert "<mark class=\"ev" in page.text
        assert client.get("/", params={}).status_code == 200
        again = client.post("/reports", json=reports[:1], headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert again["event_ids"] == [] and again["reports"][0]["duplicate_of"]
