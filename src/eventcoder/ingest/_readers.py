"""Read reports from text, HTML and JSON Lines files, folders and stdin.

Every reader returns :class:`~eventcoder.records.Report` records. A report's id is the hash of its text
unless one is given. Bad input raises an :class:`~eventcoder.errors.IngestError` with a one-line message:
nothing is silently dropped.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from eventcoder.errors import BinaryInput, EmptyInput, EventcoderError, InputTooLarge, ReportParseError
from eventcoder.ingest._fields import check_report_fields, clean_string, describe_value
from eventcoder.ingest._language import detect_language
from eventcoder.lexicon import languages
from eventcoder.records import Report, content_hash

__all__ = ["MAX_BYTES", "decode_bytes", "iter_paths", "load_json_line", "read_path", "read_reports", "read_stream",
           "report_from_dict", "report_from_html", "report_from_text"]

MAX_BYTES = 20 * 1024 * 1024
OnError = Callable[[EventcoderError], None]
SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".json")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def decode_bytes(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), else UTF-16 with BOM, else Windows-1252/Latin-1 for legacy files.

    Raises:
        EmptyInput: [E102] nothing but white space.
        BinaryInput: [E103] NUL bytes or mostly control characters.
    """
    if not data.strip():
        raise EmptyInput(source=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:4096]:
        raise BinaryInput("it holds NUL bytes", source=source)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(sample) // 20):
        raise BinaryInput(f"{controls} control characters in the first {len(sample)}", source=source)
    return text


def normalise_published(value: Any, source: str) -> str | None:
    """``YYYY-MM-DD`` from a date or ISO time string; ``None`` if empty.

    Raises:
        ReportParseError: [E101] the value is not an ISO date.
    """
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not _DATE.match(text):
        raise ReportParseError(f"published {text!r} is not an ISO date (YYYY-MM-DD)", source=source)
    import datetime as dt

    try:
        dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ReportParseError(f"published {text!r} is not a valid date ({exc})", source=source) from exc
    return text[:10]


def _language(value: Any, text: str) -> str:
    if isinstance(value, str) and value[:2].lower() in languages():
        return value[:2].lower()
    return detect_language(text)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:[A-Za-z_]+[ \t]*:[^\n]*\n)+)---[ \t]*\n")
_FRONT_KEYS = ("published", "outlet", "url", "title", "language", "id")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---``-delimited ``key: value`` lines at the top of a text file (published, outlet, url, title,
    language, id), and the text after them."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    fields = {}
    for line in match.group("body").splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() in _FRONT_KEYS and value.strip():
            fields[key.strip().lower()] = value.strip()
    return fields, text[match.end():]


def report_from_text(text: str, *, source: str = "<text>", published: str | None = None,
                     report_id: str | None = None, **fields: Any) -> Report:
    """A report from plain text; the first line is taken as its title when it looks like a headline.

    A text may start with front matter (``---``, ``published: 2024-03-12``, ``outlet: ...``, ``---``);
    values given by the caller win over it.
    """
    text = clean_string(text.replace("\r\n", "\n").replace("\r", "\n"))
    front, text = split_front_matter(text)
    published = published or front.get("published")
    report_id = report_id or front.get("id")
    for key in ("outlet", "url", "title", "language"):
        if not fields.get(key) and front.get(key):
            fields[key] = front[key]
    if not text.strip():
        raise EmptyInput(source=source)
    first = text.lstrip()[:1000].split("\n", 1)[0].strip()
    title = fields.pop("title", None) or (first if len(first) < 200 else None)
    return Report(
        id=_clean(report_id) or content_hash(text),
        text=text,
        published=normalise_published(published, source),
        url=_clean(fields.get("url")),
        outlet=_clean(fields.get("outlet")),
        language=_language(fields.get("language"), text),
        title=_clean(title),
    )


def _clean(value: Any) -> str | None:
    """A string field made safe to store (see ``clean_string``); None when empty or not a string."""
    return clean_string(value) if isinstance(value, str) and value else None


def report_from_html(html: str, *, source: str = "<html>", published: str | None = None,
                     report_id: str | None = None, **fields: Any) -> Report:
    """Main text, title and publication date of an HTML page (trafilatura).

    Raises:
        ReportParseError: [E101] no main text could be found.
    """
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            favor_recall=True)
    meta: dict[str, Any] = extracted.as_dict() if hasattr(extracted, "as_dict") else (extracted or {})
    text = (meta.get("text") or "").strip()
    if not text:
        raise ReportParseError("no main text found in the HTML", source=source)
    return report_from_text(
        text,
        source=source,
        published=published or meta.get("date"),
        report_id=report_id,
        title=meta.get("title"),
        url=fields.get("url") or meta.get("url"),
        outlet=fields.get("outlet") or meta.get("sitename") or meta.get("hostname"),
        language=fields.get("language") or meta.get("language"),
    )


def report_from_dict(obj: Any, *, source: str, published: str | None = None) -> Report:
    """A SCHEMA.md report object (one JSON Lines line, a Parquet row, an API body).

    Its fields are checked by :func:`~eventcoder.ingest.check_report_fields`, the one check every reader
    uses.

    Raises:
        ReportParseError: [E101] not an object, or no text; [E105] a field of the wrong type or length
            (``each_error`` gives one error per bad field).
    """
    if not isinstance(obj, dict):
        raise ReportParseError(f"expected a JSON object, found {describe_value(obj)}", source=source)
    fields = check_report_fields(obj, source)
    text = fields.get("text")
    if not text or not text.strip():
        raise ReportParseError("the report has no 'text'", source=source)
    return report_from_text(
        text,
        source=source,
        published=fields.get("published") or published,
        report_id=fields.get("id") or None,
        title=fields.get("title"),
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        language=fields.get("language"),
    )


def load_json_line(line: str | bytes, source: str) -> Any:
    """The JSON value of one line.

    Raises:
        ReportParseError: [E101] not JSON, an integer of more digits than Python reads (4,300), or nested
            too deep.
    """
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise ReportParseError(f"invalid JSON ({exc.msg} at column {exc.colno})", source=source) from None
    except ValueError as exc:  # int digits limit; bytes that are not UTF-8
        raise ReportParseError(f"invalid JSON ({exc})", source=source) from None
    except RecursionError:
        raise ReportParseError("invalid JSON (nested too deep)", source=source) from None


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _jsonl_reports(text: str, source: str, published: str | None, on_error: OnError | None) -> Iterator[Report]:
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        where = f"{source}:{number}"
        try:
            report = report_from_dict(load_json_line(line, where), source=where, published=published)
        except EventcoderError as exc:
            if on_error is None:
                raise
            on_error(exc)  # once per bad line; each_error(exc) names each of its bad fields
            continue
        yield report
    if not found:
        raise EmptyInput(source=source)


def read_text_as_reports(text: str, *, source: str, suffix: str = "", published: str | None = None,
                         on_error: OnError | None = None) -> Iterator[Report]:
    """Reports in ``text``, by suffix or content: JSON Lines, HTML, or one plain-text report.

    With ``on_error``, a JSON Lines line that is not a report goes to it (once per line: ``each_error`` gives
    the error of each bad field) and the other lines are still read; without, the first bad line raises.
    """
    stripped = text.lstrip()
    if suffix in (".jsonl", ".json") or (not suffix and stripped.startswith("{")):
        yield from _jsonl_reports(text, source, published, on_error)
    elif suffix in (".html", ".htm") or _looks_like_html(text):
        yield report_from_html(text, source=source, published=published)
    else:
        yield report_from_text(text, source=source, published=published)


def _read_limited(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLarge(source=source, size=f"over {max_bytes}", limit=max_bytes)
    return data


def read_path(path: Path, *, published: str | None = None, max_bytes: int = MAX_BYTES,
              on_error: OnError | None = None) -> list[Report]:
    """The reports in one file.

    Raises:
        ReportParseError: [E101] missing or unreadable file; EmptyInput, BinaryInput, InputTooLarge.
    """
    source = str(path)
    if not path.exists():
        raise ReportParseError("no such file or directory", source=source)
    if path.is_dir():
        raise ReportParseError("is a directory (use read_reports)", source=source)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLarge(source=source, size=size, limit=max_bytes)
    try:
        with path.open("rb") as fh:
            data = _read_limited(fh, source, max_bytes)
    except OSError as exc:
        raise ReportParseError(exc.strerror or str(exc), source=source) from exc
    text = decode_bytes(data, source)
    return list(read_text_as_reports(text, source=source, suffix=path.suffix.lower(), published=published,
                                     on_error=on_error))


def read_stream(stream: BinaryIO, *, source: str = "<stdin>", published: str | None = None,
                max_bytes: int = MAX_BYTES, on_error: OnError | None = None) -> list[Report]:
    """The reports on a binary stream (stdin): JSON Lines, HTML or one text."""
    text = decode_bytes(_read_limited(stream, source, max_bytes), source)
    return list(read_text_as_reports(text, source=source, published=published, on_error=on_error))


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the report files inside named folders (sorted, recursive)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def read_reports(paths: Iterable[str | Path], *, published: str | None = None, max_bytes: int = MAX_BYTES,
                 on_error: OnError | None = None) -> Iterator[Report]:
    """Reports from files, folders and ``-`` (stdin), in order.

    Without ``on_error`` the first unreadable file or line raises. With it, each unreadable file (missing,
    empty, binary, too large) and each bad JSON Lines line is passed to ``on_error`` and reading goes on, so
    one bad input never costs the good ones.
    """
    for raw in paths:
        sources: Iterable[str | Path] = ["-"] if str(raw) == "-" else iter_paths([Path(raw)])
        for source in sources:
            try:
                if source == "-":
                    reports = read_stream(sys.stdin.buffer, published=published, max_bytes=max_bytes,
                                          on_error=on_error)
                else:
                    reports = read_path(Path(source), published=published, max_bytes=max_bytes,
                                        on_error=on_error)
            except EventcoderError as exc:
                if on_error is None:
                    raise
                on_error(exc)
                continue
            yield from reports
