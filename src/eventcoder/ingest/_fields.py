"""The one check of a report object's fields, for every reader (JSON Lines, Parquet, drop folders, the API).

SCHEMA.md's report is ``{"id", "url", "outlet", "published", "language", "title", "text"}``. Each field is
a string (``id`` may also be an integer, ``published`` a date), and every field but ``text`` may be absent or
null. A value of another type, or longer than the store keeps, is a :class:`ReportFieldError` ([E105]) that
names the field, what it must be and what was found. Unknown fields are ignored.

Strings are also made safe to store: an unpaired surrogate (``"\\ud800"`` is valid JSON) and a NUL
character (which PostgreSQL refuses in text) become U+FFFD, one character for one, so offsets hold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eventcoder.errors import EventcoderError, ReportFieldError

__all__ = ["FIELDS", "FieldRule", "check_report_fields", "clean_string", "describe_value", "each_error"]


@dataclass(frozen=True, slots=True)
class FieldRule:
    """What one report field may hold."""

    expected: str
    max_chars: int | None = None
    integer: bool = False  # an integer is taken too (as its decimal string)
    date: bool = False  # a date or datetime object is taken too (Parquet's date columns)


# Limits are those of the store's columns (reports.id VARCHAR(200), outlet VARCHAR(300)) and the API's.
FIELDS: dict[str, FieldRule] = {
    "id": FieldRule("a string or an integer", max_chars=200, integer=True),
    "url": FieldRule("a string", max_chars=2000),
    "outlet": FieldRule("a string", max_chars=300),
    "published": FieldRule("a string (YYYY-MM-DD)", max_chars=40, date=True),
    "language": FieldRule("a string (a language code: en, fr, ...)", max_chars=20),
    "title": FieldRule("a string", max_chars=2000),
    "text": FieldRule("a string"),
}

_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def clean_string(value: str) -> str:
    """``value`` with unpaired surrogates and NUL characters replaced by U+FFFD (same length)."""
    return _UNSAFE.sub("\ufffd", value) if _UNSAFE.search(value) else value


def describe_value(value: Any) -> str:
    """How a JSON value reads in a message: ``a number``, ``an object``, ``a list``, ``true``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bytes | bytearray):
        return "bytes"
    return f"a {type(value).__name__}"


def _problem(name: str, rule: FieldRule, value: Any) -> tuple[str, str] | None:
    """(expected, found) when ``value`` cannot be the field ``name``; None when it can."""
    if value is None or isinstance(value, str):
        if isinstance(value, str) and rule.max_chars is not None and len(value) > rule.max_chars:
            return f"at most {rule.max_chars} characters", f"{len(value)}"
        return None
    if rule.integer and isinstance(value, int) and not isinstance(value, bool):
        return _problem(name, rule, str(value))
    if rule.date and isinstance(value, dt.date):
        return None
    return rule.expected, describe_value(value)


def check_report_fields(obj: Mapping[str, Any], source: str) -> dict[str, Any]:
    """The report fields of ``obj``, each a clean string or None (``published`` may stay a date).

    Raises:
        ReportFieldError: [E105] the first bad field; ``others`` holds the rest, one error each.
    """
    errors: list[ReportFieldError] = []
    fields: dict[str, Any] = {}
    for name, rule in FIELDS.items():
        value = obj.get(name)
        problem = _problem(name, rule, value)
        if problem is not None:
            errors.append(ReportFieldError(source=source, field=name, expected=problem[0], found=problem[1]))
            continue
        if isinstance(value, int):
            value = str(value)
        elif isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        fields[name] = clean_string(value) if isinstance(value, str) else value
    if errors:
        first = errors[0]
        first.others = tuple(errors[1:])
        raise first
    return fields


def each_error(exc: EventcoderError) -> list[EventcoderError]:
    """``exc`` and, for a report with several bad fields, the errors of the others: one message each."""
    return [exc, *getattr(exc, "others", ())]
