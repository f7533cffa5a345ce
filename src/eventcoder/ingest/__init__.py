"""eventcoder.ingest: reports from text, HTML, JSON Lines and stdin, with ids and languages."""

from eventcoder.ingest._language import SUPPORTED_LANGUAGES, detect_language
from eventcoder.ingest._readers import (
    MAX_BYTES,
    decode_bytes,
    iter_paths,
    read_path,
    read_reports,
    read_stream,
    report_from_dict,
    report_from_html,
    report_from_text,
)

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_LANGUAGES",
    "decode_bytes",
    "detect_language",
    "iter_paths",
    "read_path",
    "read_reports",
    "read_stream",
    "report_from_dict",
    "report_from_html",
    "report_from_text",
]
