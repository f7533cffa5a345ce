"""Options every command spells the same way."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

import typer

from eventcoder.errors import UnparseableDate
from eventcoder.settings import DB

__all__ = ["DbUrl", "OutputFormat", "Published", "check_date"]


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    table = "table"


def check_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` or None.

    Raises:
        UnparseableDate: [E303] not an ISO date.
    """
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UnparseableDate(value=value, detail=" (e.g. 2023-04-21)") from None


Published = Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for reports "
                                                                     "that do not carry one.")]
DbUrl = Annotated[str | None, typer.Option("--db", envvar=DB.name,
                                           help="Database URL (default: sqlite file eventcoder.db).")]
