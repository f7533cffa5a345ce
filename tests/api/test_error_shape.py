"""Every failure has one shape, {"ok": false, "error", "code", "status"}, and a 4xx status; never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_helpers import TOKEN, make_client
from fastapi.testclient import TestClient
from httpx import Response

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def assert_error(response: Response, status: int, code: str | None = None, words: str = "") -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "code", "status"}
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["error"]
    if code is not None:
        assert body["code"] == code, body
    assert words.lower() in str(body["error"]).lower(), body
    return body


@pytest.mark.parametrize(("params", "code", "words"), [
    ({"date_from": "2024-13-01"}, "invalid_parameter", "date_from"),
    ({"date_from": "yesterday"}, "invalid_parameter", "YYYY-MM-DD"),
    ({"date_to": "2024-02-30"}, "invalid_parameter", "date_to"),
    ({"date_from": "2024-05-01", "date_to": "2024-04-01"}, "invalid_parameter", "before"),
    ({"bbox": "1,2,3"}, "invalid_parameter", "bbox"),
    ({"bbox": "a,b,c,d"}, "invalid_parameter", "numbers"),
    ({"bbox": "10,0,5,5"}, "invalid_parameter", "minimum"),
    ({"bbox": "200,0,210,5"}, "invalid_parameter", "longitudes"),
    ({"bbox": "nan,0,1,1"}, "invalid_parameter", "finite"),
    ({"near": "14,1"}, "invalid_parameter", "near"),
    ({"near": "14,1,-5"}, "invalid_parameter", "radius"),
    ({"near": "95,1,5"}, "invalid_parameter", "latitude"),
    ({"limit": "0"}, "invalid_parameter", "limit"),
    ({"limit": "1001"}, "invalid_parameter", "limit"),
    ({"limit": "ten"}, "invalid_parameter", "limit"),
    ({"offset": "-1"}, "invalid_parameter", "offset"),
    ({"format": "xml"}, "invalid_parameter", "format"),
    ({"order": "actor9"}, "invalid_parameter", "order"),
    ({"status": "rumoured"}, "invalid_parameter", "status"),
    ({"inter": "9"}, "invalid_parameter", "inter"),
    ({"fatalities_min": "-1"}, "invalid_parameter", "fatalities_min"),
    ({"fatalities_min": "5", "fatalities_max": "2"}, "invalid_parameter", "below"),
    ({"updated_since": "last week"}, "invalid_parameter", "updated_since"),
    ({"updated_since": "99999999999999999999"}, "invalid_parameter", "updated_since"),
    ({"contry": "Mali"}, "unknown_parameter", "contry"),
    ({"country": "x" * 500}, "invalid_parameter", "country"),
])
def test_bad_query_parameters(client: TestClient, params: dict[str, str], code: str, words: str) -> None:
    assert_error(client.get("/events", params=params), 400, code, words)


@pytest.mark.parametrize("path", ["/aggregates", "/export"])
def test_bad_parameters_on_other_endpoints(client: TestClient, path: str) -> None:
    assert_error(client.get(path, params={"date_from": "2024-99-99"}), 400, "invalid_parameter", "date_from")
    assert_error(client.get(path, params={"bogus": "1"}), 400, "unknown_parameter", "bogus")
    assert_error(client.get(path, params={"format": "pdf"}), 400, "invalid_parameter", "format")


def test_bad_aggregate_options(client: TestClient) -> None:
    assert_error(client.get("/aggregates", params={"period": "year"}), 400, "invalid_parameter", "period")
    assert_error(client.get("/aggregates", params={"by": "planet"}), 400, "invalid_parameter", "by")


def test_not_found_and_method(client: TestClient) -> None:
    assert_error(client.get("/nowhere"), 404, "not_found", "/nowhere")
    assert_error(client.get("/events/XXX1"), 404, "not_found", "XXX1")
    assert_error(client.delete("/events"), 405, "method_not_allowed", "DELETE")
    assert_error(client.put("/reports", json={}), 405, "method_not_allowed")
    assert_error(client.get("/events/" + "A" * 100), 400, "invalid_parameter", "event_id")
    assert_error(client.get("/events/MLI1", params={"x": "1"}), 400, "unknown_parameter", "'x'")


def test_malformed_json(client: TestClient) -> None:
    response = client.post("/reports", content=b'{"text": "unterminated', headers={**AUTH,
                                                                                 "Content-Type": "application/json"})
    assert_error(response, 400, "invalid_json", "not valid JSON")
    response = client.post("/reports", content=b"\xff\xfe\x00garbage", headers={**AUTH,
                                                                             "Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["ok"] is False


@pytest.mark.parametrize(("body", "status", "code", "words"), [
    ({"text": 5}, 422, "E105", '"text" must be a string, found a number'),
    ({"title": "no text"}, 422, "invalid_body", "text"),
    ({"text": ""}, 422, "invalid_body", "text"),
    ({"text": "   "}, 400, "E101", "no 'text'"),
    ({"text": "Gunmen killed 3.", "published": "yesterday"}, 400, "E101", "published"),
    ({"text": "Gunmen killed 3.", "published": "2024-02-31"}, 400, "E101", "published"),
    ({"text": "Gunmen killed 3.", "id": ["a"]}, 422, "E105", '"id" must be a string or an integer, found a list'),
    ({"text": "Gunmen killed 3.", "outlet": 5}, 422, "E105", 'body: "outlet" must be a string, found a number'),
    ({"text": "Gunmen killed 3.", "published": 20230507}, 422, "E105", '"published" must be a string'),
    ([{"text": "ok"}, {"text": "x", "url": {"a": 1}}], 422, "E105", 'body[1]: "url" must be a string'),
    ([], 422, "invalid_body", "no report"),
    ([{"text": "ok"}, 7], 422, "invalid_body", "body"),
    ("just a string", 422, "invalid_body", "body"),
    (None, 422, "invalid_body", "body"),
])
def test_wrong_report_shapes(write_client: TestClient, body: object, status: int, code: str, words: str) -> None:
    assert_error(write_client.post("/reports", json=body, headers=AUTH), status, code, words)


def test_missing_body_and_wrong_content_type(write_client: TestClient) -> None:
    assert_error(write_client.post("/reports", headers=AUTH), 422, "invalid_body")
    response = write_client.post("/reports", content=b"text=hello", headers={
        **AUTH, "Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= response.status_code < 500 and response.json()["ok"] is False


@pytest.fixture()
def small_client(tmp_path) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with make_client(f"sqlite:///{tmp_path / 's.db'}", token=TOKEN, max_body_bytes=2000, max_batch=3) as c:
        yield c


def test_huge_bodies(small_client: TestClient) -> None:
    big = {"text": "x" * 5000}
    assert_error(small_client.post("/reports", json=big, headers=AUTH), 413, "body_too_large", "2000")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit still holds while streaming
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    response = small_client.post("/reports", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert_error(response, 413, "body_too_large")
    batch = [{"text": f"report {i}"} for i in range(4)]
    assert_error(small_client.post("/reports", json=batch, headers=AUTH), 413, "body_too_large", "4 reports")


def test_auth_errors_have_the_shape(write_client: TestClient) -> None:
    assert_error(write_client.post("/reports", json={"text": "x"}), 401, "unauthorized", "bearer")


def test_a_bug_gives_a_clean_500(tmp_path) -> None:  # type: ignore[no-untyped-def]
    class Broken:
        def count(self, _filters: object) -> int:
            raise RuntimeError("boom")

    from eventcoder.api import ApiSettings, create_app

    with TestClient(create_app(ApiSettings(), store=Broken()), raise_server_exceptions=False) as client:
        body = assert_error(client.get("/events"), 500, "internal_error")
    assert "boom" not in str(body["error"])
