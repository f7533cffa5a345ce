"""Settings of the REST API and dashboard: one field each, with its default and its environment variable."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, Field

from eventcoder.settings import DB, MAX_BATCH, MAX_BODY_BYTES, PROTECT_READS, TOKEN

__all__ = ["ApiSettings"]


class ApiSettings(BaseModel):
    """What ``create_app`` needs.

    Example:
        >>> app = create_app(ApiSettings(db_url="sqlite:///events.db", token="s3cret"))
    """

    db_url: str | None = Field(None, description="Database URL (EVENTCODER_DB); None: sqlite file eventcoder.db.")
    token: str | None = Field(None, description="Bearer token for writes (EVENTCODER_TOKEN); no token: no writes.")
    protect_reads: bool = Field(False, description="Read endpoints need the token too (EVENTCODER_PROTECT_READS).")
    max_body_bytes: int = Field(int(MAX_BODY_BYTES.default), ge=1, description="Largest request body accepted "
                                                                      "(EVENTCODER_MAX_BODY_BYTES).")
    max_batch: int = Field(int(MAX_BATCH.default), ge=1, description="Most reports in one POST /reports (EVENTCODER_MAX_BATCH).")
    default_limit: int = Field(100, ge=1, le=1000, description="Page size when a request names none.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> ApiSettings:
        """Settings from ``EVENTCODER_*`` variables, then ``overrides`` (e.g. from CLI options)."""
        values: dict[str, object] = {
            "db_url": DB.raw(environ), "token": TOKEN.raw(environ), "protect_reads": PROTECT_READS.value(environ),
            "max_body_bytes": MAX_BODY_BYTES.value(environ), "max_batch": MAX_BATCH.value(environ),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)
