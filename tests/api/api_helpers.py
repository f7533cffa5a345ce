"""Shared helpers of the API tests (a module of its own, so test modules never import a conftest)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette.testclient` is deprecated")

from api_factories import INCIDENTS, Incident, build  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from eventcoder.api import ApiSettings, create_app  # noqa: E402
from eventcoder.records import Mention, Report  # noqa: E402
from eventcoder.store import EventStore  # noqa: E402

__all__ = ["FOLLOW_UP", "MERGED_AWAY", "TOKEN", "Seeded", "StubPipeline", "fill", "make_client"]

TOKEN = "test-token-123"
MERGED_AWAY = "NER900"  # an id recorded as merged into the Tillaberi ambush

# a second report of the Tillaberi ambush (same day, place and actors): fusion merges it into the event
FOLLOW_UP = Incident("tillaberi-ambush-fr", "2024-03-10", "2024-03-13", "Tillaberi", "ambush", "is_sahel",
                     "niger_army", killed=((25, "a local official"),), outlet="Journal du Niger", language="fr",
                     target_kind="military")


class StubPipeline:
    """The pipeline's interface, answering with the hand-built mention of a known report id."""

    def __init__(self) -> None:
        self.by_id = {f"rep-{i.key}": i for i in (*INCIDENTS, FOLLOW_UP)}

    def mentions(self, report: Report) -> list[Mention]:
        incident = self.by_id.get(report.id)
        return build(incident)[1] if incident else []


@dataclass
class Seeded:
    url: str
    ids: dict[str, str]  # incident key -> event_id_cnty


def fill(store: EventStore) -> dict[str, str]:
    ids: dict[str, str] = {}
    for incident in (*INCIDENTS, FOLLOW_UP):
        report, mentions = build(incident)
        result = store.ingest(report, mentions)
        ids[incident.key] = (result.created or result.updated)[0]
    return ids


def make_client(url: str, **settings: Any) -> TestClient:
    app = create_app(ApiSettings(db_url=url, **settings), pipeline=StubPipeline())
    return TestClient(app, raise_server_exceptions=False)
