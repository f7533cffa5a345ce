"""Property-based tests of every operation in the OpenAPI schema (schemathesis, in-process over ASGI).

Each operation gets generated requests, valid and invalid; none may answer with a server error, and the
status codes and content types must be those the schema declares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from api_helpers import TOKEN, fill, make_client
from hypothesis import HealthCheck, given, settings
from schemathesis import BaseSchema, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from eventcoder.store import EventStore


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'events.db'}"
    with EventStore(url) as store:
        fill(store)
    with make_client(url, token=TOKEN) as client:
        yield schemathesis.openapi.from_asgi("/openapi.json", client.app)


OPERATIONS = [("GET", "/events"), ("GET", "/events/{event_id}"), ("GET", "/aggregates"), ("GET", "/export"),
              ("POST", "/reports"), ("GET", "/status"), ("GET", "/metrics")]
PARAMETERLESS = {"/status", "/metrics"}  # nothing to make invalid: negative cases are plain requests
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_server_error(api_schema: BaseSchema, method: str, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    statuses: Counter[int] = Counter()

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: schemathesis.Case) -> None:
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        statuses[response.status_code] += 1

    check()
    assert statuses and all(status < 500 for status in statuses)
    if mode is GenerationMode.NEGATIVE and path not in PARAMETERLESS:
        assert any(400 <= status < 500 for status in statuses), statuses  # invalid input was refused


def test_schema_is_served_and_lists_the_operations(tmp_path: Path) -> None:
    with make_client(f"sqlite:///{tmp_path / 'o.db'}") as client:
        spec = client.get("/openapi.json").json()
        assert client.get("/docs").status_code == 200
    assert {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops} == set(OPERATIONS)
    assert "bearer" in str(spec["components"]["securitySchemes"]).lower()
