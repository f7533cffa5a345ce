"""Settings of the REST API and dashboard: one field each, with its default and its environment variable."""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import BaseModel, Field

__all__ = ["ApiSettings"]


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


class ApiSettings(BaseModel):
    """What ``create_app`` needs.

    Example:
        >>> app = create_app(ApiSettings(db_url="sqlite:///events.db", token="s3cret"))
    """

    db_url: str | None = Field(None, description="Database URL (EVENTCODER_DB); None: sqlite file eventcoder.db.")
    token: str | None = Field(None, description="Bearer token for writes (EVENTCODER_TOKEN); no token: no writes.")
    protect_reads: bool = Field(False, description="Read endpoints need the token too (EVENTCODER_PROTECT_READS).")
    max_body_bytes: int = Field(5 * 1024 * 1024, ge=1, description="Largest request body accepted "
                                                                      "(EVENTCODER_MAX_BODY_BYTES).")
    max_batch: int = Field(500, ge=1, description="Most reports in one POST /reports (EVENTCODER_MAX_BATCH).")
    default_limit: int = Field(100, ge=1, le=1000, description="Page size when a request names none.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> ApiSettings:
        """Settings from ``EVENTCODER_*`` variables, then ``overrides`` (e.g. from CLI options)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            "db_url": env.get("EVENTCODER_DB") or None,
            "token": env.get("EVENTCODER_TOKEN") or None,
            "protect_reads": _flag(env.get("EVENTCODER_PROTECT_READS")),
        }
        if env.get("EVENTCODER_MAX_BODY_BYTES"):
            values["max_body_bytes"] = int(env["EVENTCODER_MAX_BODY_BYTES"])
        if env.get("EVENTCODER_MAX_BATCH"):
            values["max_batch"] = int(env["EVENTCODER_MAX_BATCH"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)
