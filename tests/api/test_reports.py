"""POST /reports: the token, ingestion through the pipeline and the store, the affected event ids."""

from __future__ import annotations

from api_factories import INCIDENTS, build
from api_helpers import FOLLOW_UP, TOKEN, make_client
from fastapi.testclient import TestClient


def report_json(key: str) -> dict[str, object]:
    incident = next(i for i in (*INCIDENTS, FOLLOW_UP) if i.key == key)
    report, _ = build(incident)
    return report.to_dict()


def test_post_needs_a_token(write_client: TestClient) -> None:
    response = write_client.post("/reports", json=report_json("dori-ied"))
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert response.json()["code"] == "unauthorized"
    wrong = write_client.post("/reports", json=report_json("dori-ied"), headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    basic = write_client.post("/reports", json=report_json("dori-ied"), headers={"Authorization": "Basic eDp5"})
    assert basic.status_code == 401
    assert write_client.get("/events").json()["total"] == 0


def test_writes_refused_without_configured_token(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with make_client(f"sqlite:///{tmp_path / 'x.db'}") as client:
        response = client.post("/reports", json=report_json("dori-ied"), headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and response.json()["code"] == "writes_disabled"


def test_post_one_report(write_client: TestClient, auth: dict[str, str]) -> None:
    response = write_client.post("/reports", json=report_json("dori-ied"), headers=auth)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True and body["event_ids"] == ["BFA1"]
    assert body["reports"] == [{"report_id": "rep-dori-ied", "created": ["BFA1"], "updated": [], "unchanged": [],
                                "merged": [], "duplicate_of": None}]
    assert write_client.get("/events/BFA1").json()["event"]["sub_event_type"] == "Remote explosive/landmine/IED"


def test_post_batch_fuses_and_reports_updates(write_client: TestClient, auth: dict[str, str]) -> None:
    batch = [report_json("tillaberi-ambush"), report_json("mopti-attack"), report_json("tillaberi-ambush-fr")]
    body = write_client.post("/reports", json=batch, headers=auth).json()
    assert [r["report_id"] for r in body["reports"]] == ["rep-tillaberi-ambush", "rep-mopti-attack",
                                                          "rep-tillaberi-ambush-fr"]
    assert body["reports"][2]["created"] == [] and body["reports"][2]["updated"] == ["NER1"]
    assert body["event_ids"] == ["NER1", "MLI1"]
    again = write_client.post("/reports", json=report_json("mopti-attack"), headers=auth).json()
    assert again["event_ids"] == [] and again["reports"][0]["duplicate_of"] == "rep-mopti-attack"
    assert write_client.get("/events").json()["total"] == 2


def test_report_without_events(write_client: TestClient, auth: dict[str, str]) -> None:
    body = write_client.post("/reports", json={"text": "The council met on Monday.", "published": "2024-01-02"},
                             headers=auth).json()
    assert body["event_ids"] == [] and body["reports"][0]["created"] == []


def test_reads_can_be_protected(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with make_client(f"sqlite:///{tmp_path / 'p.db'}", token=TOKEN, protect_reads=True) as client:
        assert client.get("/events").status_code == 401
        assert client.get("/aggregates").status_code == 401
        assert client.get("/export").status_code == 401
        assert client.get("/").status_code == 401
        ok = client.get("/events", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
        assert client.get("/openapi.json").status_code == 200
        assert client.post("/login", data={"token": "wrong"}).status_code == 401
        login = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
        assert login.status_code == 303 and "httponly" in login.headers["set-cookie"].lower()
        assert client.get("/events").status_code == 200  # the cookie now rides along
