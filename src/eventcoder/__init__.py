"""eventcoder: news reports about political violence -> ACLED-style event records.

Example:
    >>> import eventcoder
    >>> events = eventcoder.extract("Gunmen killed 12 villagers in Sorgha on Wednesday.", published="2023-07-10")
    >>> events[0].event_type
    'Violence against civilians'
"""

from __future__ import annotations

import functools
import importlib
import inspect
import sys
import types
from typing import TYPE_CHECKING, Any

from eventcoder.errors import EventcoderError
from eventcoder.records import Event, Mention, Report

if TYPE_CHECKING:
    from eventcoder.pipeline import Pipeline
    from eventcoder.store import EventStore

__version__ = "0.1.0"

__all__ = [
    "Event",
    "EventStore",
    "EventcoderError",
    "Mention",
    "Pipeline",
    "Report",
    "__version__",
    "extract",
    "to_dataframe",
]

_DEFAULT_PIPELINE: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    """Load the heavy classes on first use, so `import eventcoder` stays fast."""
    if name == "Pipeline":
        from eventcoder.pipeline import Pipeline

        return Pipeline
    if name == "EventStore":
        from eventcoder.store import EventStore

        return EventStore
    raise AttributeError(f"module 'eventcoder' has no attribute {name!r}")


def extract(text: str, *, published: str | None = None, language: str | None = None,
            report_id: str | None = None, **fields: Any) -> list[Event]:
    """The events one report tells of.

    Args:
        text: the report's text (English or French).
        published: its publication date, ``YYYY-MM-DD``; relative dates ("on Tuesday") resolve against it.
        language: ``"en"`` or ``"fr"``; detected when omitted.
        report_id: the report's id (default: a hash of the text).
        **fields: ``title``, ``url``, ``outlet``.

    Returns:
        One :class:`Event` per event, each with ``report_ids`` and the evidence of its fields.

    Raises:
        EventcoderError: empty text ([E102]) or a publication date that is not a date ([E101]).
    """
    from eventcoder.ingest import report_from_text
    from eventcoder.pipeline import Pipeline

    report = report_from_text(text, published=published, report_id=report_id, language=language, **fields)
    pipeline = _DEFAULT_PIPELINE.get("pipeline")
    if pipeline is None:
        pipeline = _DEFAULT_PIPELINE["pipeline"] = Pipeline()
    return pipeline.extract_report(report)


def to_dataframe(events: list[Event] | list[dict[str, Any]]) -> Any:
    """A pandas DataFrame with one row per event and SCHEMA.md's columns (pandas must be installed)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is in the dev/dask extras
        raise ImportError("to_dataframe needs pandas: pip install 'eventcoder[dask]'") from exc
    rows = [e.to_dict() if isinstance(e, Event) else dict(e) for e in events]
    return pd.DataFrame(rows)


class _ExtractEntry:
    """``eventcoder.extract``: the function above, and also the way to the subpackage of the same name.

    Importing the subpackage ``eventcoder.extract`` (the pipeline does) sets an attribute of that name on this
    package; this entry stays in place instead, calls the function, and hands every other attribute to the
    subpackage, so ``eventcoder.extract(text)`` and ``import eventcoder.extract._frames as frames`` both work.
    """

    def __init__(self, function: Any) -> None:
        functools.update_wrapper(self, function)
        self._function = function

    def __call__(self, *args: Any, **kwargs: Any) -> list[Event]:
        return self._function(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("eventcoder.extract"), name)

    def __setattr__(self, name: str, value: Any) -> None:  # patching a name of the subpackage patches it there
        if name == "_function" or name.startswith("__"):
            object.__setattr__(self, name, value)
        else:
            setattr(importlib.import_module("eventcoder.extract"), name, value)

    def __delattr__(self, name: str) -> None:
        delattr(importlib.import_module("eventcoder.extract"), name)

    def __repr__(self) -> str:
        return f"<function eventcoder.extract{inspect.signature(self._function)}>"


class _Package(types.ModuleType):
    @property
    def extract(self) -> Any:
        return _EXTRACT

    @extract.setter
    def extract(self, value: Any) -> None:  # the subpackage, set by the import system: it stays reachable
        pass


_EXTRACT = _ExtractEntry(extract)
sys.modules[__name__].__class__ = _Package
