"""eventcoder.api: the REST API (FastAPI) and the web dashboard over the event store."""

from eventcoder.api.app import create_app
from eventcoder.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
