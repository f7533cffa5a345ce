"""``POST /reports``: ingest one report or a batch through the pipeline and the store (bearer token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends

from eventcoder.api.deps import AppState, get_state, require_write
from eventcoder.api.errors import ApiError
from eventcoder.api.filters import reject_unknown_params
from eventcoder.api.schemas import ErrorOut, IngestOut, ReportIn
from eventcoder.ingest import report_from_dict
from eventcoder.records import Report

__all__ = ["ingest_reports", "router"]

router = APIRouter(tags=["reports"], dependencies=[Depends(reject_unknown_params)])


def _ids(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [getattr(v, "event_id_cnty", v) for v in value]


def ingest_reports(state: AppState, reports: list[Report]) -> dict[str, Any]:
    """Run each report through the pipeline and into the store; the affected event ids."""
    results: list[dict[str, Any]] = []
    affected: list[str] = []
    with state.write_lock:
        pipeline, store = state.pipeline, state.store
        for report in reports:
            result = store.ingest(report, pipeline.mentions(report))
            row = {"report_id": getattr(result, "report_id", report.id),
                   "created": _ids(getattr(result, "created", ())),
                   "updated": _ids(getattr(result, "updated", ())),
                   "unchanged": _ids(getattr(result, "unchanged", ())),
                   "merged": [list(pair) for pair in getattr(result, "merged", ())],
                   "duplicate_of": getattr(result, "duplicate_of", None)}
            results.append(row)
            affected.extend(i for i in row["created"] + row["updated"] if i not in affected)
    return {"ok": True, "reports": results, "event_ids": affected}


@router.post("/reports", response_model=IngestOut, summary="Ingest reports (bearer token)",
             responses={400: {"model": ErrorOut}, 401: {"model": ErrorOut}, 403: {"model": ErrorOut},
                        413: {"model": ErrorOut}, 422: {"model": ErrorOut}},
             dependencies=[Depends(require_write)])
def post_reports(
    state: Annotated[AppState, Depends(get_state)],
    body: Annotated[ReportIn | list[ReportIn], Body(description="One SCHEMA.md report object, or a list.")],
) -> dict[str, Any]:
    """Extract events from the reports, fuse them with the stored ones, and say which events changed.

    Needs ``Authorization: Bearer <EVENTCODER_TOKEN>``; a server with no token refuses every write (403).
    """
    items = body if isinstance(body, list) else [body]
    if not items:
        raise ApiError(422, "invalid_body", "the list holds no report: send at least one report object")
    limit = state.settings.max_batch
    if len(items) > limit:
        raise ApiError(413, "body_too_large", f"{len(items)} reports in one request, over the limit of {limit}; "
                                              "split the batch")
    source = "reports" if isinstance(body, list) else "report"
    reports = [report_from_dict(item.model_dump(), source=f"{source}[{i}]" if isinstance(body, list) else source)
               for i, item in enumerate(items)]
    return ingest_reports(state, reports)
