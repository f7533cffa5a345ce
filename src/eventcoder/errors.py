"""eventcoder's exceptions, one tree with coded messages.

    EventcoderError                      E000
    ├── IngestError                      E100
    │   ├── ReportParseError             E101  a file/line could not be read as a report
    │   ├── EmptyInput                   E102  nothing to read
    │   ├── BinaryInput                  E103  bytes that are not text
    │   ├── InputTooLarge                E104  over the size limit
    │   ├── ReportFieldError             E105  a field of a report object has the wrong type or length
    │   ├── TextTooLong                  E106  a text too long to parse in one piece
    │   └── FeedUnavailable              E110  a feed could not be fetched
    ├── ResolutionError                  E300
    │   └── UnparseableDate              E303  a date given by the user is not a date
    ├── FuseError                        E400
    ├── StoreError                       E500
    │   ├── SchemaOutOfDate              E501
    │   └── InvalidFilter                E502  a filter value that cannot be used
    └── ConfigError                      E900

E200 (extraction), E301 (unknown place) and E302 (ambiguous actor) are retired: extraction never fails on
purpose (an unexpected failure is reported with its report id), and no command or endpoint resolves a place
or actor name given by the user (filters match the coded fields).

Each class has a ``code`` and a message template that says what was expected, what was found and what to
try. ``str(err)`` reads ``[E101] ...``. The CLI prints that one line and exits 1.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "BinaryInput",
    "ConfigError",
    "EmptyInput",
    "EventcoderError",
    "FeedUnavailable",
    "FuseError",
    "IngestError",
    "InputTooLarge",
    "InvalidFilter",
    "ReportFieldError",
    "ReportParseError",
    "ResolutionError",
    "SchemaOutOfDate",
    "StoreError",
    "TextTooLong",
    "UnparseableDate",
]


class EventcoderError(Exception):
    """Base of all eventcoder errors."""

    code: ClassVar[str] = "E000"
    template: ClassVar[str] = "{detail}"

    def __init__(self, detail: str = "", *, report_id: str | None = None, **context: Any) -> None:
        self.detail = detail
        self.report_id = report_id
        self.context = context
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = self.template.format(detail=self.detail, **self.context)
        return f"[{self.code}] {text}"

    def __str__(self) -> str:
        return self.message


class IngestError(EventcoderError):
    code = "E100"


class ReportParseError(IngestError):
    code = "E101"
    template = "cannot read {source}: {detail}"


class EmptyInput(IngestError):
    code = "E102"
    template = "{source} is empty: give a file or stdin holding at least one report"


class BinaryInput(IngestError):
    code = "E103"
    template = ("{source} does not look like text ({detail}); eventcoder reads UTF-8/Latin-1 text, HTML, "
                "or JSON Lines")


class InputTooLarge(IngestError):
    code = "E104"
    template = "{source} is {size} bytes, over the limit of {limit}; split it or raise --max-bytes"


class ReportFieldError(ReportParseError):
    """One field of a report object (a JSON Lines line, a Parquet row, an API body) that cannot be used.

    ``field`` names it; ``others`` holds the errors of the same report's other bad fields, so that a reader
    can name every one (``eventcoder.ingest.each_error``).
    """

    code = "E105"
    template = '{source}: "{field}" must be {expected}, found {found}'

    def __init__(self, detail: str = "", *, report_id: str | None = None, **context: Any) -> None:
        super().__init__(detail, report_id=report_id, **context)
        self.field: str = context.get("field", "")
        self.others: tuple[ReportFieldError, ...] = ()

    @property
    def problem(self) -> str:
        """The message without code and source: ``"outlet" must be a string, found a number``."""
        return f'"{self.field}" must be {self.context.get("expected")}, found {self.context.get("found")}'


class TextTooLong(IngestError):
    code = "E106"
    template = ("{source}: a text of {size} characters is over the {limit} that can be parsed in one piece; "
                "code it with Pipeline.mentions, which parses long texts paragraph by paragraph")


class FeedUnavailable(IngestError):
    code = "E110"
    template = "feed {source} unavailable: {detail}"


class ResolutionError(EventcoderError):
    code = "E300"


class UnparseableDate(ResolutionError):
    code = "E303"
    template = "{value!r} is not a date: expected YYYY-MM-DD{detail}"


class FuseError(EventcoderError):
    code = "E400"


class StoreError(EventcoderError):
    code = "E500"
    template = "database error: {detail}"


class SchemaOutOfDate(StoreError):
    code = "E501"
    template = "the database schema is at {found}, this eventcoder needs {expected}: run `eventcoder db upgrade`"


class InvalidFilter(StoreError, ValueError):
    """A filter value that cannot be used (a bbox with min > max, a negative radius, an unknown order)."""

    code = "E502"
    template = "invalid filter {name}={value!r}: {detail}"


class ConfigError(EventcoderError):
    code = "E900"
    template = "configuration: {detail}"
