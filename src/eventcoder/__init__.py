"""eventcoder: news reports about political violence -> ACLED-style event records.

Example:
    >>> import eventcoder
    >>> events = eventcoder.extract("Gunmen killed 12 villagers in Sorgha on Wednesday.", published="2023-07-10")
    >>> events[0].event_type
    'Violence against civilians'
"""

from __future__ import annotations

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
        text: the report's text, in a language with a lexicon file (``eventcoder.lexicon.languages()``:
            English and French, and those of ``EVENTCODER_LEXICON_DIR``).
        published: its publication date, ``YYYY-MM-DD``; relative dates ("on Tuesday") resolve against it.
        language: its language code (``"en"``, ``"fr"``, ...); detected among those when omitted.
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


class _CallableSubpackage(types.ModuleType):
    """The subpackage ``eventcoder.extract``, callable as the function ``eventcoder.extract(text, ...)``."""

    def __call__(self, text: str, **kwargs: Any) -> list[Event]:
        return _extract_text(text, **kwargs)


class _Package(types.ModuleType):
    """``eventcoder.extract`` is the function above; once the subpackage of the same name is imported (the
    pipeline does), it is that subpackage, made callable as the same function. Either way
    ``eventcoder.extract(text, published=...)`` works, and so do ``import eventcoder.extract._frames`` and
    patching the subpackage's names."""

    @property
    def extract(self) -> Any:
        module = sys.modules.get("eventcoder.extract")
        return module if isinstance(module, _CallableSubpackage) else _extract_text

    @extract.setter
    def extract(self, value: Any) -> None:  # the import system sets the subpackage here
        if isinstance(value, types.ModuleType) and value.__name__ == "eventcoder.extract":
            value.__class__ = _CallableSubpackage


_extract_text = extract
sys.modules[__name__].__class__ = _Package
