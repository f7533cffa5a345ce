"""One error shape for every API failure: ``{"ok": false, "error", "code", "status"}``.

``ApiError`` carries an HTTP status and a short code; ``install_error_handlers`` renders it, FastAPI's
validation errors, Starlette's HTTP errors and ``EventcoderError`` (whose ``E1xx``... code is kept) the same
way. Anything else is a bug: it is logged with its traceback and answered with a plain 500 body.

Codes: ``bad_request``, ``invalid_json``, ``invalid_parameter``, ``unknown_parameter``, ``invalid_body``,
``body_too_large``, ``unauthorized``, ``writes_disabled``, ``not_found``, ``method_not_allowed``,
``not_acceptable``, ``unsupported_media_type``, ``internal_error``; ``E1xx``–``E9xx`` from eventcoder's errors
(a report field of the wrong type is a 422 with code ``E105``, naming each field).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventcoder.errors import EventcoderError, InputTooLarge, StoreError

__all__ = ["ApiError", "error_body", "error_response", "install_error_handlers"]

log = logging.getLogger("eventcoder.api")

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 406: "not_acceptable", 413: "body_too_large",
               415: "unsupported_media_type", 422: "invalid_body", 429: "too_many_requests"}


class ApiError(Exception):
    """An error the client caused (4xx) or a known server condition, with its code."""

    def __init__(self, status: int, code: str, error: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.code = code
        self.error = error
        self.headers = dict(headers or {})


def error_body(status: int, code: str, error: str) -> dict[str, Any]:
    """The one JSON body of every error."""
    return {"ok": False, "error": error, "code": code, "status": status}


def error_response(status: int, code: str, error: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, error), status_code=status, headers=dict(headers or {}))


def _path(parts: Sequence[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _is_branch(part: Any) -> bool:
    """A union member's name that pydantic puts in a location (``ReportIn``, ``list[ReportIn]``)."""
    return isinstance(part, str) and (part[:1].isupper() or "[" in part)


def _where(loc: Sequence[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in {"query", "path", "header", "cookie"}:
        return f"{parts[0]} parameter {parts[1]!r}{_path(parts[2:])}" if len(parts) > 1 else str(parts[0])
    if parts and parts[0] == "body":
        rest = [p for p in parts[1:] if not _is_branch(p)]
        if not rest:
            return "body"
        return "body" + _path(rest) if isinstance(rest[0], int) else "body." + _path(rest)
    return _path(parts) or "request"


def _body_errors(errors: list[Any], body: Any) -> list[Any]:
    """Of a union's errors, those of the branch the body was meant for (a list, or one object)."""
    listed = isinstance(body, list)
    kept = [e for e in errors if len(e.get("loc", ())) < 2 or not _is_branch(e["loc"][1])
            or ("[" in e["loc"][1]) == listed]
    return kept or errors


def _validation_response(exc: RequestValidationError, request: Request) -> JSONResponse:
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        first = next(e for e in errors if e.get("type") == "json_invalid")
        detail = (first.get("ctx") or {}).get("error", "not valid JSON")
        return error_response(400, "invalid_json", f"the request body is not valid JSON: {detail}")
    in_params = all(e.get("loc", ("",))[0] in {"query", "path", "header", "cookie"} for e in errors)
    if not in_params:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media and media != "application/json" and not media.endswith("+json"):
            return error_response(415, "unsupported_media_type",
                                  f"the body must be JSON (Content-Type: application/json), not {media}")
        errors = _body_errors(errors, getattr(exc, "body", None))
    fields = [e for e in errors if e.get("type") == "report_field"]
    if fields and not in_params:  # the one check of a report's fields (ingest.check_report_fields)
        lines = [f"{_where(e.get('loc', ()))}: {p}" for e in fields for p in (e.get("ctx") or {}).get("problems", ())]
        more = f" (and {len(lines) - 5} more)" if len(lines) > 5 else ""
        return error_response(422, "E105", "[E105] " + "; ".join(lines[:5]) + more)
    messages = [f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors[:5]]
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    if in_params:
        return error_response(400, "invalid_parameter", "; ".join(messages) + more)
    return error_response(422, "invalid_body", "; ".join(messages) + more)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every failure the same shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.error, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_response(exc, request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such path: {request.url.path}"
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        code = _HTTP_CODES.get(exc.status_code, "error" if exc.status_code < 500 else "internal_error")
        return error_response(exc.status_code, code, detail, getattr(exc, "headers", None))

    @app.exception_handler(EventcoderError)
    async def _eventcoder(request: Request, exc: EventcoderError) -> JSONResponse:
        if isinstance(exc, InputTooLarge):
            return error_response(413, exc.code, str(exc))
        if isinstance(exc, ValueError):  # the store's InvalidFilter (E502): the request's fault
            return error_response(400, exc.code, str(exc))
        if isinstance(exc, StoreError):
            log.error("store error on %s %s: %s", request.method, request.url.path, exc)
            return error_response(503, exc.code, str(exc))
        return error_response(400, exc.code, str(exc))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "internal error: the server logged the details")
