"""What the routes share: the open store, the (lazy) pipeline, the bearer-token checks, and conditional
requests (ETag / Last-Modified from the store's ``data_version``) with a small cache of computed bodies."""

from __future__ import annotations

import email.utils
import hashlib
import hmac
import threading
from collections import OrderedDict
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventcoder.api.errors import ApiError
from eventcoder.api.settings import ApiSettings

__all__ = ["TOKEN_COOKIE", "AppState", "BodyCache", "Validators", "get_state", "require_read", "require_write",
           "validators"]

TOKEN_COOKIE = "eventcoder_token"
bearer = HTTPBearer(auto_error=False, description="The token set in EVENTCODER_TOKEN.")


class BodyCache:
    """The last ``size`` response bodies, by key (a key holds the data version, so a change never serves a
    stale body: it only stops being asked for)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, ...], tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> tuple[bytes, str] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, ...], body: bytes, media_type: str) -> None:
        with self._lock:
            self._items[key] = (body, media_type)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class AppState:
    """The store and pipeline of one app; both open on first use, so importing the app costs nothing."""

    def __init__(self, settings: ApiSettings, store: Any = None, pipeline: Any = None) -> None:
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._pipeline = pipeline
        self._open_lock = threading.Lock()
        self.write_lock = threading.Lock()  # one ingestion at a time: spaCy and SQLite writers are not shared
        self.cache = BodyCache()  # computed aggregates, by data version and query

    @property
    def store(self) -> Any:
        if self._store is None:
            with self._open_lock:
                if self._store is None:
                    from eventcoder.store import EventStore

                    self._store = EventStore(self.settings.db_url)
        return self._store

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            with self._open_lock:
                if self._pipeline is None:
                    from eventcoder.pipeline import Pipeline

                    self._pipeline = Pipeline(warn=None)
        return self._pipeline

    def close(self) -> None:
        if self._store is not None and self._owns_store:
            self._store.close()
            self._store = None


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.eventcoder
    return state


def _token_matches(expected: str, given: str | None) -> bool:
    return bool(expected) and given is not None and hmac.compare_digest(expected.encode(), given.encode())


def _given_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> str | None:
    if credentials is not None and credentials.scheme.lower() == "bearer":
        return credentials.credentials
    return request.cookies.get(TOKEN_COOKIE)


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


def require_write(request: Request,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """Writes need ``Authorization: Bearer <EVENTCODER_TOKEN>``; with no token configured, no writes at all."""
    token = get_state(request).settings.token
    if not token:
        raise ApiError(403, "writes_disabled", "writes are disabled: the server has no EVENTCODER_TOKEN set")
    if credentials is None:
        raise _unauthorized("this endpoint needs a bearer token: send 'Authorization: Bearer <token>'")
    if credentials.scheme.lower() != "bearer" or not _token_matches(token, credentials.credentials):
        raise _unauthorized("the bearer token is not valid")


def require_read(request: Request,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """Reads are open unless ``protect_reads`` is set; then the token (header or login cookie) is needed."""
    settings = get_state(request).settings
    if not settings.protect_reads:
        return
    if not _token_matches(settings.token or "", _given_token(request, credentials)):
        raise _unauthorized("reads are protected on this server: send 'Authorization: Bearer <token>' "
                            "or log in at /login")


class Validators:
    """The ETag and Last-Modified of a read, from the store's data version and the request's query.

    ``not_modified`` says that the client's copy (``If-None-Match``, else ``If-Modified-Since``) is current.
    """

    def __init__(self, request: Request, version: Any) -> None:
        query = "&".join(sorted(f"{k}={v}" for k, v in request.query_params.multi_items()))
        digest = hashlib.sha256(f"{request.url.path}?{query}".encode()).hexdigest()[:16]
        self.key = (request.url.path, version.token, query)
        self.etag = f'W/"{version.token}-{digest}"'
        self.changed_at = int(version.changed_at)
        self.headers = {"ETag": self.etag, "Last-Modified": email.utils.formatdate(self.changed_at, usegmt=True),
                        "Cache-Control": "no-cache"}
        self.not_modified = self._client_is_current(request)

    def _client_is_current(self, request: Request) -> bool:
        tags = request.headers.get("if-none-match")
        if tags is not None:
            mine = self.etag.removeprefix("W/")
            return any(t.strip() == "*" or t.strip().removeprefix("W/") == mine for t in tags.split(","))
        since = request.headers.get("if-modified-since")
        if since:
            try:
                moment = email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
            return self.changed_at <= int(moment.timestamp())
        return False

    def response_304(self) -> Response:
        return Response(status_code=304, headers=self.headers)


def validators(request: Request, state: Annotated[AppState, Depends(get_state)]) -> Validators:
    """The validators of a read of the events (one indexed read of ``data_version``)."""
    return Validators(request, state.store.data_version())
