"""What the routes share: the open store, the (lazy) pipeline, and the bearer-token checks."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventcoder.api.errors import ApiError
from eventcoder.api.settings import ApiSettings

__all__ = ["TOKEN_COOKIE", "AppState", "get_state", "require_read", "require_write"]

TOKEN_COOKIE = "eventcoder_token"
bearer = HTTPBearer(auto_error=False, description="The token set in EVENTCODER_TOKEN.")


class AppState:
    """The store and pipeline of one app; both open on first use, so importing the app costs nothing."""

    def __init__(self, settings: ApiSettings, store: Any = None, pipeline: Any = None) -> None:
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._pipeline = pipeline
        self._open_lock = threading.Lock()
        self.write_lock = threading.Lock()  # one ingestion at a time: spaCy and SQLite writers are not shared

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
