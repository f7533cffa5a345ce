"""Pydantic models of the REST API's bodies: the only place pydantic meets eventcoder's records.

Requests: ``ReportIn`` (SCHEMA.md report objects). Responses: ``EventOut`` (the SCHEMA.md record),
``EventPage``, ``EventDetail``, ``AggregatesOut``, ``IngestOut`` and ``ErrorOut``. Handlers build plain
dicts from records (``event_out``); the models document them in the OpenAPI schema.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from eventcoder.errors import ReportFieldError
from eventcoder.ingest import check_report_fields, each_error
from eventcoder.records import Event, Mention, Report

__all__ = [
    "AggregateRow",
    "AggregatesOut",
    "ErrorOut",
    "EventDetail",
    "EventOut",
    "EventPage",
    "IngestOut",
    "IngestedReport",
    "ReportIn",
    "event_out",
    "mention_out",
    "plain",
    "report_out",
]


class ReportIn(BaseModel):
    """A news report to ingest (SCHEMA.md "Reports"). Unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{
        "id": "wire-2024-03-12", "url": "https://example.org/a", "outlet": "Example Wire",
        "published": "2024-03-12", "language": "en", "title": "Gunmen kill 12 in Tillaberi",
        "text": "Gunmen killed 12 villagers in Tillaberi on Sunday, officials said."}]})

    id: Annotated[str, Field(max_length=200)] | int | None = Field(
        None, description="Report id (a string, or an integer); default: hash of the text.")
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=300)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD or a full ISO time.")
    language: str | None = Field(None, max_length=20, description="A language code with a lexicon file (en, fr, ...); detected when absent.")
    title: str | None = Field(None, max_length=2000)
    text: str = Field(..., min_length=1, description="The report's text.")

    @model_validator(mode="before")
    @classmethod
    def _check_fields(cls, data: Any) -> Any:
        """The check every reader uses (``check_report_fields``): a bad field is a 422 with code E105."""
        if isinstance(data, dict):
            try:
                check_report_fields(data, "report")
            except ReportFieldError as exc:
                problems = [getattr(e, "problem", str(e)) for e in each_error(exc)]
                raise PydanticCustomError("report_field", "{message}",
                                          {"message": "; ".join(problems), "problems": problems}) from None
        return data


class IngestedReport(BaseModel):
    report_id: str
    created: list[str] = Field(description="Ids of events this report created.")
    updated: list[str] = Field(description="Ids of stored events this report changed.")
    unchanged: list[str] = Field(description="Ids of stored events this report matched without change.")
    merged: list[list[str]] = Field(default=[], description="(merged-away id, surviving id) pairs.")
    duplicate_of: str | None = Field(None, description="The stored report this one repeats (nothing changed).")


class IngestOut(BaseModel):
    ok: Literal[True] = True
    reports: list[IngestedReport]
    event_ids: list[str] = Field(description="Every affected event id (created or updated), in order.")


class ErrorOut(BaseModel):
    """Every error: ``{"ok": false, "error", "code", "status"}``."""

    ok: Literal[False] = False
    error: str = Field(description="What went wrong and what to try.")
    code: str = Field(description="Stable short code, e.g. invalid_parameter, unauthorized, E101.")
    status: int = Field(description="The HTTP status, repeated.")


class FatalityReportOut(BaseModel):
    count: int
    by: str
    report_id: str
    side: str = "total"
    qualifier: str | None = None
    revised: bool | None = None
    credible: bool | None = None
    date: str | None = None
    text: str | None = None


class EvidenceOut(BaseModel):
    report_id: str
    start: int
    end: int
    text: str


class EventOut(BaseModel):
    """One coded event: SCHEMA.md's ACLED columns, then eventcoder's own fields."""

    event_id_cnty: str
    event_date: str
    year: int
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: int
    actor2: str
    assoc_actor_2: str
    inter2: int
    interaction: int
    civilian_targeting: str
    iso: int
    region: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    source: str
    source_scale: str
    notes: str
    fatalities: int
    tags: str
    timestamp: int
    fatalities_low: int
    fatalities_high: int
    fatality_reports: list[FatalityReportOut]
    hostages: int | None
    claimed_by: str | None
    claim_date: str | None
    claim_channel: str | None
    status: str
    confirmed_by: list[str]
    denied_by: list[str]
    report_ids: list[str]
    evidence: dict[str, list[EvidenceOut]]
    confidence: float
    language: list[str]
    mention_ids: list[str] = []
    quality_flags: list[str] = []
    coder_version: str = ""


class EventPage(BaseModel):
    ok: Literal[True] = True
    total: int = Field(description="Events matching the filters.")
    count: int = Field(description="Events in this page.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, null on the last one.")
    cursor: str | None = Field(None, description="Pass as `after` (same filters and order) for the next page; "
                                                 "null on the last one.")
    events: list[EventOut]


class ReportOut(BaseModel):
    id: str
    text: str
    published: str | None
    url: str | None
    outlet: str | None
    language: str | None
    title: str | None


class EventDetail(BaseModel):
    ok: Literal[True] = True
    event: EventOut
    reports: list[ReportOut]
    mentions: list[dict[str, Any]]
    history: list[dict[str, Any]]


class AggregateRow(BaseModel):
    model_config = ConfigDict(extra="allow")

    period: str | None = Field(None, description="Start of the day/week/month, YYYY-MM-DD (null for period=all).")
    key: str | None = Field(None, description="The group's value (country, actor...), absent without `by`; "
                                              "also given under the store's column name (country, actor1...).")
    events: int
    fatalities: int


class AggregatesOut(BaseModel):
    ok: Literal[True] = True
    period: str
    by: str | None
    rows: list[AggregateRow]


def plain(value: Any) -> Any:
    """JSON-ready values from records: dataclasses to dicts, tuples to lists."""
    if is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return plain(value.to_dict())
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def event_out(event: Event) -> dict[str, Any]:
    return event.to_dict()


def report_out(report: Report) -> dict[str, Any]:
    return report.to_dict()


def mention_out(mention: Mention) -> dict[str, Any]:
    return plain(mention)
