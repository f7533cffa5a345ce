"""The dashboard's server-rendered pages: the map/table/chart page and the event page.

Both use the JSON routes (the dashboard's JavaScript calls ``/events``, ``/aggregates`` and ``/export``);
nothing here is part of the OpenAPI schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from eventcoder.api.deps import TOKEN_COOKIE, AppState, get_state, require_read
from eventcoder.api.highlight import field_palette, highlight, history_rows, spans_by_report, timeline
from eventcoder.api.routes.events import EventId, event_detail_or_redirect
from eventcoder.api.schemas import plain

__all__ = ["router", "templates"]

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
router = APIRouter(include_in_schema=False)

STATUSES = ("reported", "claimed", "confirmed", "disputed")


@router.get("/", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def dashboard(request: Request) -> Response:
    """Map, filters, weekly chart and table; filters live in the URL's query so views can be shared."""
    from eventcoder.fuse import ACLED_TYPES  # here, not at start-up: serving events needs no fusion

    return templates.TemplateResponse(request, "dashboard.html", {
        "event_types": list(ACLED_TYPES), "sub_event_types": ACLED_TYPES, "statuses": STATUSES,
    })


@router.get("/ui/events/{event_id}", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def event_page(request: Request, event_id: EventId, state: Annotated[AppState, Depends(get_state)]) -> Response:
    """One event: its fields, each report with the evidence highlighted, the timeline, tolls and history."""
    store = state.store
    event = event_detail_or_redirect(store, event_id)
    if isinstance(event, str):
        return RedirectResponse(str(request.url_for("event_page", event_id=event)), status_code=308)
    reports = store.reports_of(event.event_id_cnty)
    mentions = store.mentions_of(event.event_id_cnty)
    history = [plain(h) for h in store.history(event.event_id_cnty)]
    spans = spans_by_report(plain(event.evidence))
    palette = field_palette([f for items in spans.values() for _, _, f in items])
    shown = [{"report": r, "segments": highlight(r.text, spans.get(r.id, [])),
              "fields": sorted({f for _, _, f in spans.get(r.id, [])})} for r in reports]
    return templates.TemplateResponse(request, "event.html", {
        "event": event, "place": _place(event), "reports": shown, "palette": palette,
        "timeline": timeline(event, reports, mentions, history), "history": history_rows(history),
        "figures": [_figure(f) for f in event.fatality_reports], "mention_count": len(mentions),
    })


def _figure(figure: Any) -> dict[str, Any]:
    record = {"credible": True, "revised": False, "qualifier": "", "date": None, "text": None, **plain(figure)}
    if not record["text"] and isinstance(record.get("evidence"), dict):
        record["text"] = record["evidence"].get("text")
    return record


def _place(event: Any) -> str:
    names = [event.location, event.admin3, event.admin2, event.admin1, event.country]
    return ", ".join(dict.fromkeys(n for n in names if n))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    """Where a browser gives the token when reads are protected (it is kept in an HTTP-only cookie)."""
    return templates.TemplateResponse(request, "login.html", {"failed": False})


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: Annotated[str, Form(max_length=500)],
          state: Annotated[AppState, Depends(get_state)]) -> Response:
    import hmac

    expected = state.settings.token or ""
    if not expected or not hmac.compare_digest(expected.encode(), token.encode()):
        return templates.TemplateResponse(request, "login.html", {"failed": True}, status_code=401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response
